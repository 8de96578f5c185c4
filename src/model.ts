/**
 * The shapes that flow through unspin, one stage to the next:
 *   ingest -> RawPage -> extract -> Article -> analyse -> Analysis -> render.
 *
 * Every finding is a Span over `Article.text` (UTF-16 offsets, end exclusive), so the terminal,
 * JSON, HTML and web renderers all draw from one model.
 */

/** What ingestion hands to extraction: one page, before any interpretation. */
export interface RawPage {
  /** Caller's identifier (JSONL `id`, a file path, or the URL). */
  id: string;
  /** Where the page came from, when known (final URL after redirects). */
  url?: string;
  /** Decoded HTML. Exactly one of html/text is set. */
  html?: string;
  /** Plain text given instead of HTML (JSONL `text`). */
  text?: string;
  /** ISO 8601 time the page was read. */
  fetchedAt: string;
  /** Response headers (lower-case names) for fetched pages. */
  headers?: Record<string, string>;
  /** Charset the bytes were decoded from, and how it was decided. */
  charset?: { name: string; source: 'header' | 'bom' | 'meta' | 'sniffed' | 'default' | 'given' };
  /** Extra record fields a JSONL line carried (title, published, ...), kept for the index. */
  meta?: Record<string, unknown>;
}

export type LinkKind = 'source' | 'related' | 'inline';

export interface ArticleLink {
  kind: LinkKind;
  href: string;
  text: string;
  /** Why it was classified so, e.g. 'anchor text "Source"', 'READ MORE line', 'canonical on another host'. */
  reason?: string;
}

/** A paragraph (or heading / list item) of the article, as a span of `text`. */
export interface Paragraph {
  start: number;
  end: number;
  kind: 'p' | 'heading' | 'list-item' | 'quote' | 'standfirst';
}

export interface Article {
  url: string | null;
  canonicalUrl: string | null;
  title: string | null;
  byline: string | null;
  /** ISO 8601 (date, or date-time with offset). */
  published: string | null;
  /** BCP 47 primary tag, e.g. "en". */
  language: string | null;
  /** The article's text: paragraphs joined by "\n\n". All spans index into this. */
  text: string;
  paragraphs: Paragraph[];
  links: ArticleLink[];
}

/** A half-open range [start, end) over Article.text. */
export interface Span {
  start: number;
  end: number;
}

/** One restoration edit: the spun wording at [start, end) and what it most likely was. */
export interface Edit extends Span {
  spun: string;
  original: string;
  /** Posterior probability that `original` is right, in [0, 1]. */
  confidence: number;
  alternatives: { text: string; confidence: number }[];
  /** Where the original came from: the model's decoding, or an aligned indexed source. */
  source?: 'model' | 'learned' | 'aligned-source';
}

export interface SpinFlag extends Span {
  score: number;
  reason: string;
}

/** How spun one paragraph of the text looks, in [0, 1]. */
export interface ParagraphSpin extends Span {
  score: number;
}

export interface SpinDetection {
  /** Document-level probability-like score that the text was machine-spun, in [0, 1]. */
  spinScore: number;
  flags: SpinFlag[];
  /** Each English paragraph's own score (a page may be spun in part); absent when nothing was assessed. */
  paragraphs?: ParagraphSpin[];
  /** Set when the text could not be judged (e.g. not English prose): then spinScore 0 means nothing. */
  notAssessed?: string;
}

export interface Restoration {
  text: string;
  spinScore: number;
  edits: Edit[];
}

export interface Quote extends Span {
  text: string;
  speaker: string | null;
  cue: string | null;
  /** Chain of reporting, outermost first, e.g. ["Nikkei Asia", "Japanese and NATO officials"]. */
  reportedBy: string[];
  kind: 'direct' | 'partial' | 'reported';
}

export type Verdict = 'verbatim' | 'spun' | 'partial' | 'same-story' | 'unrelated';

export interface DiffSpan {
  op: 'equal' | 'substituted' | 'deleted' | 'inserted';
  /** Span over the queried article's text (empty for deletions). */
  start: number;
  end: number;
  /** Span over the indexed source's text (empty for insertions). */
  sourceStart: number;
  sourceEnd: number;
  text: string;
  sourceText: string;
}

export interface Direction {
  /** 'query-copies-match': the page under test copied the indexed article. */
  verdict: 'query-copies-match' | 'match-copies-query' | 'unknown';
  evidence: string[];
}

export interface ProvenanceMatch {
  id: string;
  url: string | null;
  title: string | null;
  published: string | null;
  score: number;
  verdict: Verdict;
  direction: Direction;
  diff: DiffSpan[];
}
