/**
 * A simulated content-farm "article spinner", to make development data for the restorer.
 *
 * Like the naive spinners found in the wild it is a mechanical dictionary: a surface form maps
 * to one replacement (first-listed synonym of the word's most common WordNet sense, or a seeded
 * pick, depending on the personality), applied at a rate; plus hand-written general-English
 * phrase swaps in both directions (word -> phrase, phrase -> word), closed-class swaps, numbers
 * written out or in digits, capitalised words swapped too. Quoted speech is left alone.
 *
 * Personalities differ in dictionary, phrase list and rates so the restorer can be tuned on one
 * and reported on the others. Every choice is seeded: same seed, same output.
 */
import { formsOf, inflectEntry } from './english-forms.js';
import { loadWordNetLemmas } from './spinner-wordnet.js';
import { loadMobyLists } from './spinner-moby.js';
import { loadPaperMillSwaps } from './spinner-paper.js';
import { hashString, mulberry32 } from './random.js';

export type SpinnerPersonality = 'plain' | 'varied' | 'wordy' | 'blunt' | 'loose' | 'moby' | 'paper' | 'paper-held';
/** The simulator's own dictionaries (quote and trace benchmarks pick from these by index: keep the order). */
export const PERSONALITIES: SpinnerPersonality[] = ['plain', 'varied', 'wordy', 'blunt', 'loose', 'moby'];
/** A real spinner's dictionary in two halves (spinner-paper.ts); the restoration and detection benchmarks report them too. */
export const PAPER_PERSONALITIES: SpinnerPersonality[] = ['paper', 'paper-held'];
/** The personalities the restorer's calibration (candidate weights) was fitted on. */
export const CALIBRATION_PERSONALITIES: SpinnerPersonality[] = ['plain', 'varied', 'loose', 'moby'];
/** Every personality any setting was chosen on (the calibration's, and `paper` for the document thresholds); the others are held out. */
export const TUNING_PERSONALITIES: SpinnerPersonality[] = [...CALIBRATION_PERSONALITIES, 'paper'];
/** A light setting (fewer words swapped) for tuning the document thresholds across spinning rates. */
export const LIGHT_RATE = { rate: 0.12, phraseRate: 0.2 };

export interface SpinnerOptions {
  seed: number;
  /** Probability of swapping a word the dictionary knows. */
  rate?: number;
  /** Probability of applying a phrase swap that matches. */
  phraseRate?: number;
  /** Swap capitalised words (not at a sentence start) too. Default true. */
  capitalised?: boolean;
  /** Leave text inside quotation marks alone. Default true. */
  keepQuotes?: boolean;
  personality?: SpinnerPersonality;
  /**
   * Decide once per page and word (or phrase) whether to swap it, then swap every occurrence: a
   * dictionary applied mechanically, as the seed page's spinner did. Default false: each
   * occurrence is decided alone, as a spinner that picks per occurrence does.
   */
  everyOccurrence?: boolean;
}

export interface SpinChange {
  origStart: number;
  origEnd: number;
  spunStart: number;
  spunEnd: number;
  orig: string;
  spun: string;
}

export interface SpinResult {
  text: string;
  changes: SpinChange[];
}

export interface Spinner {
  readonly personality: SpinnerPersonality;
  spin(text: string): SpinResult;
}

// ---------------------------------------------------------------------------------------------
// Hand-written swaps. General English, written for this simulator; each personality takes its
// own subset so that learned phrase swaps of one spinner do not simply carry over to another.

/** [from, to] phrase swaps, both directions. */
const PHRASE_POOL: [string, string][] = [
  ['after', 'subsequent to'], ['during', 'in the course of'], ['despite', 'in spite of'], ['if', 'in the event that'],
  ['now', 'at present'], ['often', 'more often than not'], ['soon', 'in the near future'], ['many', 'a lot of'],
  ['although', 'even though'], ['decided', 'made a decision'], ['agreed', 'came to an agreement'], ['rose', 'went up'],
  ['fell', 'went down'], ['several', 'a number of'], ['near', 'close to'], ['until', 'up till'],
  ['about', 'in regards to'], ['around', 'roughly'], ['currently', 'at the moment'], ['later', 'at a later time'],
  ['quickly', 'in a short time'], ['again', 'once more'], ['bank', 'financial institution'], ['banks', 'financial institutions'],
  ['were', 'have been'], ['could', 'may well'], ['expects', 'is anticipating'], ['plans', 'has plans'],
  ['a lot of', 'plenty of'], ['as well as', 'along with'], ['more than', 'greater than'], ['at least', 'a minimum of'],
  ['according to', 'in line with'], ['in addition', 'moreover'], ['for example', 'for instance'], ['in fact', 'in reality'],
  ['at the same time', 'concurrently'], ['due to', 'owing to'], ['a number of', 'quite a few'], ['so far', 'up to now'],
  ['as a result', 'consequently'], ['in the past', 'previously'], ['take part', 'participate'], ['set up', 'arrange'],
  ['carry out', 'conduct'], ['find out', 'discover'], ['look for', 'search for'], ['each other', 'one another'],
  ['up to', 'as much as'], ['prime minister', 'premier'], ['company', 'corporate'], ['year', 'yr'],
  ['will', 'can'], ['at', 'on'], ['which', 'that'], ['among', 'amongst'], ['while', 'whereas'], ['very', 'extremely'],
  ['however', 'nevertheless'], ['until', 'till'], ['nearly', 'virtually'], ['already', 'by now'], ['whether', 'whether or not'],
  ['where', 'the place'], ['just', 'simply'], ['only', 'solely'], ['big', 'huge'], ['some', 'some'], ['so', 'so'],
  ['help', 'assist'], ['get', 'obtain'], ['show', 'present'], ['shows', 'exhibits'], ['begin', 'commence'],
  ['began', 'commenced'], ['end', 'finish'], ['ended', 'concluded'], ['buy', 'purchase'], ['bought', 'purchased'],
  ['sell', 'promote'], ['sold', 'offered'], ['people', 'individuals'], ['help', 'assist'], ['rise', 'improve'],
  ['shares', 'stocks'], ['next', 'subsequent'], ['total', 'complete'], ['profit', 'revenue'], ['loss', 'loss'],
  ['per share', 'per proportion'], ['government', 'authorities'], ['talks', 'negotiations'], ['told', 'informed'],
  ['added', 'included'], ['because of', 'on account of'], ['in spite of', 'regardless of'], ['a few', 'a handful of'],
  ['too', 'as nicely'], ['around', 'round'], ['into', 'into'], ['from', 'from'], ['between', 'between'],
  ['major', 'main'], ['expected', 'anticipated'], ['early', 'early'], ['month', 'month'], ['week', 'week'],
];

/** Closed-class and very common words a WordNet table would never swap, but spinners do. */
const CLOSED_POOL: [string, string][] = [
  ['on', 'upon'], ['with', 'with'], ['for', 'for'], ['this', 'this'], ['these', 'these'], ['would', 'would'],
  ['can', 'can'], ['since', 'since'], ['than', 'than'], ['also', 'also'], ['within', 'inside'], ['whose', 'whose'],
  ['about', 'about'], ['over', 'over'], ['under', 'beneath'], ['against', 'in opposition to'], ['though', 'although'],
  ['might', 'may'], ['should', 'ought to'], ['is', 'is'], ['has', 'has'], ['who', 'who'], ['yet', 'but'],
];

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const TENS = ['', '', 'Twenties', 'Thirties', 'Forties', 'Fifties', 'Sixties', 'Seventies', 'Eighties', 'Nineties'];

/** Words a WordNet-derived table must not swap: its senses there are not the everyday ones. */
const FUNCTION_WORDS = new Set(`a an the and or nor but if then else of to in on at by for with from into onto upon about
 above below over under as than that this these those there here what which who whom whose when where why how is are was
 were be been being am have has had having do does did done doing will would shall should can could may might must not no
 yes it its he him his she her hers they them their theirs we us our ours you your yours me my mine i one ones all any each
 every some such other another more most much many few less least own same so too very just also only even still yet up
 down out off again further once new mr mrs ms inc corp co ltd pct mln dlrs billion million`.split(/\s+/));

interface PersonalityConfig {
  rate: number;
  phraseRate: number;
  /**
   * Pick the replacement from a lemma's senses (seeded per lemma, so the table is fixed);
   * `usage` gives a word's SemCor-tagged sense count in the same part of speech (0 when unknown).
   */
  pick: (senses: string[][], lemma: string, seed: number, usage: (word: string) => number) => string | null;
  /** Which entries of the hand pools this personality holds (by seeded hash). */
  poolShare: number;
  numbers: 'to-words' | 'to-digits' | 'both' | 'none';
  /** Where a lemma's synonyms come from: WordNet's senses, or Moby's single unranked list. */
  thesaurus?: 'wordnet' | 'moby';
  /** A real spinner's dictionary instead (spinner-paper.ts: the tortured-phrase list's even or odd lines); no hand pools. */
  paperMill?: 0 | 1;
}

function firstOther(words: string[], lemma: string, singleOnly: boolean): string | null {
  for (const w of words) {
    if (w.toLowerCase() === lemma || /[A-Z0-9.]/.test(w)) continue;
    if (singleOnly && w.includes(' ')) continue;
    return w;
  }
  return null;
}

/**
 * A sense-blind pick among every synonym of every sense, favouring words in common use: the
 * dictionary order and sense ranking the restorer's resources share with the other personalities
 * play no part, as in a spinner whose thesaurus was compiled elsewhere.
 */
function usageWeightedPick(senses: string[][], lemma: string, seed: number, usage: (word: string) => number): string | null {
  return weightedPick(senses, lemma, `l${seed}`, (w) => Math.pow(usage(w) + 1, 0.7) * (w.includes(' ') ? 0.3 : 1));
}

function weightedPick(senses: string[][], lemma: string, salt: string, weightOf: (word: string) => number): string | null {
  const options = [...new Set(senses.flat())].filter((w) => w.toLowerCase() !== lemma && !/[A-Z0-9.]/.test(w));
  if (options.length === 0) return null;
  const weights = options.map(weightOf);
  const total = weights.reduce((a, b) => a + b, 0);
  let x = ((hashString(`${salt}:${lemma}`) % 1_000_003) / 1_000_003) * total;
  for (let k = 0; k < options.length; k++) {
    x -= weights[k];
    if (x < 0) return options[k];
  }
  return options[options.length - 1];
}

const CONFIGS: Record<SpinnerPersonality, PersonalityConfig> = {
  // The commonest naive spinner: first-listed synonym of the most common sense.
  plain: {
    rate: 0.5, phraseRate: 0.7, poolShare: 0.6, numbers: 'to-words',
    pick: (senses, lemma) => (senses[0] ? firstOther(senses[0], lemma, false) : null),
  },
  // A spinner with a noisier dictionary: a seeded single-word pick among the three commonest senses.
  varied: {
    rate: 0.5, phraseRate: 0.6, poolShare: 0.5, numbers: 'to-words',
    pick: (senses, lemma, seed) => {
      const options = senses.slice(0, 3).flat().filter((w) => w.toLowerCase() !== lemma && !/[A-Z0-9. ]/.test(w));
      if (options.length === 0) return null;
      return options[hashString(`v${seed}:${lemma}`) % options.length];
    },
  },
  // A "richer" spinner: seeded pick among the two commonest senses, multiword entries welcome.
  wordy: {
    rate: 0.4, phraseRate: 0.8, poolShare: 0.6, numbers: 'both',
    pick: (senses, lemma, seed) => {
      const options = senses.slice(0, 2).flat().filter((w) => w.toLowerCase() !== lemma && !/[A-Z0-9.]/.test(w));
      if (options.length === 0) return null;
      return options[hashString(`${seed}:${lemma}`) % options.length];
    },
  },
  // A terse spinner: last-listed single-word synonym of the commonest sense, at a high rate.
  blunt: {
    rate: 0.6, phraseRate: 0.5, poolShare: 0.6, numbers: 'to-digits',
    pick: (senses, lemma) => {
      const first = senses[0] ? [...senses[0]].reverse() : [];
      return firstOther(first, lemma, true) ?? (senses[1] ? firstOther([...senses[1]].reverse(), lemma, true) : null);
    },
  },
  // A spinner with its own thesaurus: any synonym of any sense, common words more often.
  loose: {
    rate: 0.45, phraseRate: 0.7, poolShare: 0.55, numbers: 'both',
    pick: usageWeightedPick,
  },
  // Moby's unranked list for the word, words in common use (in that part of speech) far more often.
  moby: {
    rate: 0.45, phraseRate: 0.6, poolShare: 0.5, numbers: 'to-words', thesaurus: 'moby',
    pick: (senses, lemma, seed, usage) => weightedPick(senses, lemma, `m${seed}`, (w) => {
      const u = usage(w);
      return (u > 0 ? u + 1 : 0.05) * (w.includes(' ') ? 0.2 : 1);
    }),
  },
  // A real spinner's swaps (the paper mills' spinner, read off the tortured-phrase list): each word
  // it knows, nearly always. It knows fewer news words than the simulated dictionaries.
  paper: { rate: 0.9, phraseRate: 0, poolShare: 0, numbers: 'none', paperMill: 0, pick: () => null },
  'paper-held': { rate: 0.9, phraseRate: 0, poolShare: 0, numbers: 'none', paperMill: 1, pick: () => null },
};

// ---------------------------------------------------------------------------------------------

interface Tables {
  words: Map<string, string>;
  phrases: Map<string, string>;
  maxPhraseWords: number;
}

const tableCache = new Map<string, Tables>();

function buildTables(personality: SpinnerPersonality, seed: number): Tables {
  // The dictionary is a property of the spinner product, not of the run: key it by personality only.
  const key = personality;
  const hit = tableCache.get(key);
  if (hit) return hit;
  void seed;
  const config = CONFIGS[personality];
  if (config.paperMill !== undefined) {
    const tables = { words: new Map(loadPaperMillSwaps(config.paperMill)), phrases: new Map<string, string>(), maxPhraseWords: 1 };
    tableCache.set(key, tables);
    return tables;
  }
  const dictSeed = hashString(personality);
  const best = new Map<string, { to: string; score: number }>();
  const lemmas = loadWordNetLemmas();
  const tagged = new Map<string, number>();
  for (const e of lemmas) tagged.set(`${e.pos}:${e.lemma}`, e.tagged);
  for (const entry of lemmas) {
    const lemma = entry.lemma;
    if (lemma.includes(' ') || lemma.length < 3 || FUNCTION_WORDS.has(lemma) || !/^[a-z]+$/.test(lemma)) continue;
    const mobyList = config.thesaurus === 'moby' ? loadMobyLists().get(lemma) : undefined;
    const senses = config.thesaurus === 'moby' ? (mobyList ? [mobyList] : []) : entry.senses;
    const to = config.pick(senses, lemma, dictSeed, (w) => tagged.get(`${entry.pos}:${w.toLowerCase()}`) ?? 0);
    if (!to) continue;
    for (const { form, kind } of formsOf(lemma, entry.pos)) {
      if (FUNCTION_WORDS.has(form)) continue;
      const replacement = inflectEntry(to.toLowerCase(), entry.pos, kind);
      if (replacement === form) continue;
      const score = entry.tagged * 10 + (kind === 'base' ? 5 : 0) + (entry.pos === 'n' ? 1 : 0);
      const prev = best.get(form);
      if (!prev || prev.score < score) best.set(form, { to: replacement, score });
    }
  }
  const words = new Map<string, string>();
  for (const [form, { to }] of best) words.set(form, to);
  const phrases = new Map<string, string>();
  const share = (from: string, to: string) => (hashString(`${personality}|${from}|${to}`) % 1000) / 1000 < config.poolShare;
  for (const [from, to] of [...PHRASE_POOL, ...CLOSED_POOL]) {
    if (from === to || !share(from, to)) continue;
    if (from.includes(' ')) phrases.set(from, to);
    else words.set(from, to);
  }
  let maxPhraseWords = 1;
  for (const k of phrases.keys()) maxPhraseWords = Math.max(maxPhraseWords, k.split(' ').length);
  const tables = { words, phrases, maxPhraseWords };
  tableCache.set(key, tables);
  return tables;
}

interface Tok {
  start: number;
  end: number;
  text: string;
}

const TOKEN_RE = /[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*s?/g;

function quoteSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const re = /“[^”\n]{0,2000}”|"[^"\n]{0,2000}"/g;
  for (const m of text.matchAll(re)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

function applyCase(original: string, replacement: string): string {
  if (original.length > 1 && original === original.toUpperCase() && /[A-Z]/.test(original)) return replacement.toUpperCase();
  if (/^[A-Z]/.test(original)) return replacement[0].toUpperCase() + replacement.slice(1);
  return replacement;
}

function isSentenceStart(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '"' || c === '“' || c === '(') continue;
    return c === '.' || c === '!' || c === '?' || c === '\n';
  }
  return true;
}

function numberSwap(token: string, mode: PersonalityConfig['numbers'], rng: () => number): string | null {
  if (mode === 'none') return null;
  const lower = token.toLowerCase();
  const decade = /^(1[89])([2-9])0s$/.exec(token);
  if (decade && mode !== 'to-digits') {
    const century = decade[1] === '19' ? 'Nineteen' : 'Eighteen';
    return `${century} ${TENS[Number(decade[2])]}`;
  }
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    if (n >= 1 && n <= 20 && mode !== 'to-digits' && (mode === 'to-words' || rng() < 0.5)) return NUMBER_WORDS[n];
    return null;
  }
  const wordIndex = NUMBER_WORDS.indexOf(lower);
  if (wordIndex >= 2 && mode !== 'to-words') return String(wordIndex);
  return null;
}

export function createSpinner(options: SpinnerOptions): Spinner {
  const personality = options.personality ?? 'plain';
  const config = CONFIGS[personality];
  const rate = options.rate ?? config.rate;
  const phraseRate = options.phraseRate ?? config.phraseRate;
  const capitalised = options.capitalised ?? true;
  const keepQuotes = options.keepQuotes ?? true;
  const everyOccurrence = options.everyOccurrence ?? false;
  const tables = buildTables(personality, options.seed);

  function spin(text: string): SpinResult {
    const pageKey = `${options.seed}:${text.length}:${text.slice(0, 64)}`;
    const rng = mulberry32(hashString(pageKey));
    // With everyOccurrence, the same roll for every occurrence of a word on this page.
    const roll = (key: string): number => (everyOccurrence ? (hashString(`${pageKey}|${key}`) % 1_000_003) / 1_000_003 : rng());
    const quotes = keepQuotes ? quoteSpans(text) : [];
    const inQuote = (pos: number) => quotes.some(([s, e]) => pos >= s && pos < e);
    const toks: Tok[] = [];
    for (const m of text.matchAll(TOKEN_RE)) toks.push({ start: m.index, end: m.index + m[0].length, text: m[0] });

    const changes: SpinChange[] = [];
    let out = '';
    let copiedTo = 0;
    const emit = (start: number, end: number, replacement: string) => {
      out += text.slice(copiedTo, start);
      const spunStart = out.length;
      out += replacement;
      changes.push({ origStart: start, origEnd: end, spunStart, spunEnd: out.length, orig: text.slice(start, end), spun: replacement });
      copiedTo = end;
    };

    for (let i = 0; i < toks.length; i++) {
      const tok = toks[i];
      if (quotes.length > 0 && inQuote(tok.start)) continue;
      const capital = /^[A-Z]/.test(tok.text);
      if (capital && !capitalised && !isSentenceStart(text, tok.start)) continue;
      // Phrases first, longest match wins, as a dictionary spinner scanning left to right does.
      let done = false;
      for (let n = Math.min(tables.maxPhraseWords, toks.length - i); n >= 2 && !done; n--) {
        let ok = true;
        for (let k = i + 1; k < i + n; k++) if (text.slice(toks[k - 1].end, toks[k].start) !== ' ') ok = false;
        if (!ok) continue;
        const key = toks.slice(i, i + n).map((t) => t.text.toLowerCase()).join(' ');
        const to = tables.phrases.get(key);
        if (to && roll(key) < phraseRate) {
          emit(tok.start, toks[i + n - 1].end, applyCase(tok.text, to));
          i += n - 1;
          done = true;
        }
      }
      if (done) continue;
      // Figures inside fractions, ranges and amounts ("11-1/2", "1.5") stay: spinners match whole words.
      const glued = /[-/.,\d#&]/.test(text[tok.start - 1] ?? ' ') || /[-/\d;]/.test(text[tok.end] ?? ' ');
      const numeric = glued ? null : numberSwap(tok.text, config.numbers, rng);
      if (numeric !== null) {
        if (roll(tok.text.toLowerCase()) < rate) emit(tok.start, tok.end, applyCase(tok.text, numeric));
        continue;
      }
      const lower = tok.text.toLowerCase();
      const to = tables.words.get(lower);
      if (!to) continue;
      const isPhraseEntry = to.includes(' ');
      if (roll(lower) < (isPhraseEntry ? phraseRate : rate)) emit(tok.start, tok.end, applyCase(tok.text, to));
    }
    out += text.slice(copiedTo);
    return { text: out, changes };
  }

  return { personality, spin };
}
