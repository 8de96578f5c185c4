/**
 * Which way the copying went, with the evidence for it:
 *  - publication dates (the later text copied the earlier one);
 *  - a declared source: the page links to the match's URL ("Source", "READ MORE", canonical);
 *  - which side reads as spun: reworded pairs where one side is a thesaurus replacement of the
 *    other in the direction spinners go (the reverse thesaurus maps a spun word to the words it
 *    may have replaced), or, failing that, one side systematically picks the rarer word.
 * Each piece of evidence votes with a weight; no evidence, or a tie, is 'unknown'.
 */
import type { Article, Direction } from '../model.js';
import type { StoredArticle } from '../index/store.js';
import { isFunctionWord } from '../index/tokens.js';
import type { Alignment } from './align.js';
import type { SynonymOracle } from './equivalence.js';
import type { CopyEvidence } from './evidence.js';

export function normaliseUrl(u: string): string | null {
  try {
    const url = new URL(u);
    const host = url.hostname.toLowerCase().replace(/^www\./, '');
    const p = url.pathname.replace(/\/+$/, '').replace(/\/index\.html?$/i, '');
    return `${host}${p}`;
  } catch {
    return null;
  }
}

function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

function compareDates(query: string | null, match: string | null): number {
  if (!query || !match) return 0;
  const bothTimed = query.length > 10 && match.length > 10;
  const a = bothTimed ? Date.parse(query) : Date.parse(dayOf(query));
  const b = bothTimed ? Date.parse(match) : Date.parse(dayOf(match));
  if (Number.isNaN(a) || Number.isNaN(b) || a === b) return 0;
  return a > b ? 1 : -1;
}

/** Reworded single-word pairs inside copied blocks: [query word, source word]. */
function rewordedPairs(al: Alignment, ev: CopyEvidence): [string, string][] {
  const out: [string, string][] = [];
  for (const [b0, b1] of ev.blocks) {
    for (let k = b0; k < b1; k++) {
      const op = al.ops[k];
      if ((op.kind !== 'equiv' && op.kind !== 'sub') || op.q < 0 || op.s < 0) continue;
      const q = al.query[op.q].norm;
      const s = al.source[op.s].norm;
      if (al.query[op.q].kind === 'number' || al.source[op.s].kind === 'number') continue;
      out.push([q, s]);
    }
  }
  return out;
}

export function decideDirection(article: Article, match: StoredArticle, al: Alignment, ev: CopyEvidence, oracle: SynonymOracle | null): Direction {
  const evidence: string[] = [];
  let vote = 0;

  const dates = compareDates(article.published, match.published);
  if (dates > 0) { vote += 2; evidence.push(`the page is dated ${article.published}, after the match (${match.published})`); }
  if (dates < 0) { vote -= 2; evidence.push(`the page is dated ${article.published}, before the match (${match.published})`); }

  const target = match.url ? normaliseUrl(match.url) : null;
  if (target) {
    const links = article.links.filter((l) => normaliseUrl(l.href) === target);
    const declared = links.find((l) => l.kind === 'source');
    if (declared) { vote += 3; evidence.push(`the page declares the match as its source (link "${declared.text || declared.href}"${declared.reason ? `, ${declared.reason}` : ''})`); }
    else if (links.length > 0) { vote += 1; evidence.push(`the page links to the match (${links[0].href})`); }
    const canonical = article.canonicalUrl ? normaliseUrl(article.canonicalUrl) : null;
    if (canonical === target && article.url && normaliseUrl(article.url) !== target) {
      vote += 2; evidence.push('the page names the match as its canonical URL');
    }
  }

  const pairs = rewordedPairs(al, ev).filter(([q, s]) => !(isFunctionWord(q) && isFunctionWord(s)));
  if (oracle?.available && pairs.length > 0) {
    let querySpun = 0;
    let sourceSpun = 0;
    let example: [string, string] | null = null;
    let reverseExample: [string, string] | null = null;
    for (const [q, s] of pairs) {
      const qs = oracle.replaces(q, s);
      const sq = oracle.replaces(s, q);
      if (qs && !sq) { querySpun++; example ??= [q, s]; }
      if (sq && !qs) { sourceSpun++; reverseExample ??= [s, q]; }
    }
    // Synonymy is mostly symmetric; when it is, the rarer word is the spinner's choice.
    let rarerQuery = 0;
    let rarerSource = 0;
    for (const [q, s] of pairs) {
      const pq = oracle.prior(q);
      const ps = oracle.prior(s);
      if (pq === null || ps === null || Math.abs(pq - ps) < 0.5) continue;
      if (pq < ps) rarerQuery++; else rarerSource++;
    }
    if (querySpun >= 2 && querySpun >= 2 * sourceSpun) {
      vote += 2;
      evidence.push(`the page reads as spun: ${querySpun} of ${pairs.length} reworded words are thesaurus replacements of the match's (e.g. "${example![0]}" for "${example![1]}")`);
    } else if (sourceSpun >= 2 && sourceSpun >= 2 * querySpun) {
      vote -= 2;
      evidence.push(`the match reads as spun: ${sourceSpun} of ${pairs.length} reworded words are thesaurus replacements of the page's (e.g. "${reverseExample![0]}" for "${reverseExample![1]}")`);
    } else if (rarerQuery >= 3 && rarerQuery >= 2 * rarerSource) {
      vote += 1;
      evidence.push(`the page uses the rarer word in ${rarerQuery} of ${rarerQuery + rarerSource} reworded pairs, as spinners do`);
    } else if (rarerSource >= 3 && rarerSource >= 2 * rarerQuery) {
      vote -= 1;
      evidence.push(`the match uses the rarer word in ${rarerSource} of ${rarerQuery + rarerSource} reworded pairs, as spinners do`);
    }
  }
  if (evidence.length === 0) evidence.push('no dates, source links or spinning signs to tell which came first');
  return { verdict: vote > 0 ? 'query-copies-match' : vote < 0 ? 'match-copies-query' : 'unknown', evidence };
}
