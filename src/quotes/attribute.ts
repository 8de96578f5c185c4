/**
 * Attribution: for each sentence, the cues (reporting verbs, "according to"), their subjects
 * (who said it), their complements (the reported clause, or a quotation), and then each
 * quotation's speaker. Works on tokens (a quotation is one token), left to right, so a pronoun
 * or "the ministry" is resolved against what came before.
 *
 * Patterns read (SUBJ = a noun phrase, Q = a quotation):
 *   Q, SUBJ CUE.  |  Q, CUE SUBJ.  |  SUBJ CUE[,:] Q  |  SUBJ CUE [that] CLAUSE  |  CLAUSE, SUBJ CUE.
 *   SUBJ CUE ..., adding/saying [that] CLAUSE  |  SUBJ ... and CUE [that] CLAUSE
 *   According to SUBJ, CLAUSE  |  CLAUSE, according to SUBJ  |  SUBJ CUE, citing X, that CLAUSE
 *   SUBJ was quoted by X as saying CLAUSE  |  SUBJ CUE ... Q (partial)  |  Q alone (continuation)
 */
import type { Quote } from '../model.js';
import {
  ADVERBS, AUX, CAPITALISED_FUNCTION_WORDS, CLAUSE_OPENERS, CUES, DETERMINERS, IRREGULAR_PAST, MONTHS_DAYS, ORG_WORDS,
  NAMING_PHRASES, NEGATIONS, ORG_NOUNS, PREPOSITIONS, SOURCE_PHRASES, SPEECH_PHRASES,
} from './lexicon.js';
import type { CueClass } from './lexicon.js';
import type { QuoteMark } from './marks.js';
import { isGivenName, isSurname } from './gazetteer.js';
import { Discourse, pronounFits } from './mentions.js';
import type { Resolved } from './mentions.js';
import type { Sentence, Tok } from './tokens.js';

interface Cue {
  /** Token range [i, j). */
  i: number;
  j: number;
  cls: CueClass | 'source';
  takesObject: boolean;
  ing: boolean;
}

type Subject =
  | { kind: 'np' | 'inverted'; from: number; to: number }
  | { kind: 'participial' | 'coord'; from: number; to: number }
  | { kind: 'passive'; from: number; to: number; agentFrom: number; agentTo: number };

interface Attribution {
  cue: Cue;
  subject: Subject;
  speaker: Resolved;
  reportedBy: string[];
  /** Token index of a quotation that is the cue's complement, or -1. */
  quote: number;
  quoteSep: boolean;
  /** Reported clause [from, to) in tokens, or null. */
  clause: [number, number] | null;
}

const PRONOUN_SUBJECTS = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'there', 'you']);
const SUBORDINATORS = new Set(['when', 'while', 'after', 'before', 'as', 'because', 'if', 'during', 'since', 'although', 'though', 'whether', 'until', 'unless', 'where', 'how', 'why', 'what', 'who', 'which', 'to', 'for']);
const TIME_WORDS = new Set(['afterwards', 'afterward', 'yesterday', 'today', 'tonight', 'tomorrow', 'last', 'this', 'earlier', 'later', 'late', 'recently', 'final', 'previously', 'overnight', 'again', 'once', 'publicly', 'privately', 'separately']);
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);
const TIME_NOUNS = new Set(['today', 'tonight', 'yesterday', 'week', 'month', 'year', 'night', 'morning', 'afternoon', 'evening', 'weekend', 'quarter', 'spring', 'summer', 'autumn', 'fall', 'winter', 'time', 'day', 'days', 'weeks', 'months', 'years']);
/** Irregular past forms that are not also common nouns (unlike "cut", "set", "plans"). */
const PAST_FORMS = new Set(['rose', 'fell', 'grew', 'went', 'came', 'took', 'gave', 'made', 'saw', 'knew', 'thought', 'found', 'kept', 'held', 'ran', 'won', 'lost', 'paid', 'sent', 'spent', 'built', 'bought', 'sold', 'brought', 'began', 'became', 'met', 'felt', 'stood', 'wrote', 'spoke', 'broke', 'chose', 'drove', 'struck', 'sought', 'fought', 'froze', 'flew', 'drew', 'threw', 'withdrew', 'sank', 'fled', 'said', 'told', 'shrank', 'soared', 'slid', 'surged', 'plunged', 'jumped', 'climbed', 'dropped', 'gained', 'eased']);
/** Adjectives that make the word after them a noun ("the previous forecast"). */
const NOUN_ADJECTIVES = new Set(['previous', 'latest', 'initial', 'original', 'revised', 'annual', 'quarterly', 'monthly', 'weekly', 'preliminary']);
const DASHES = new Set(['—', '–', '-', '--']);
const SENTENCE_PUNCT = new Set(['.', ',', '!', '?', ';', ':']);

const isWord = (t: Tok | undefined): t is Tok => !!t && t.kind === 'word';

/** "at least 40", "about 400", "over 1,000": a preposition that quantifies a number. */
function quantifierAt(toks: Tok[], p: number): boolean {
  const first = toks[p];
  const next = toks[p + 1];
  return isWord(first) && isWord(next) && ((['about', 'around', 'over', 'under', 'nearly', 'almost', 'some', 'up'].includes(first.lower) && /^\p{N}/u.test(next.text)) || (first.lower === 'at' && ['least', 'most'].includes(next.lower)));
}

/** Whether tokens look like a clause: a finite verb somewhere near the start. */
function looksLikeClause(toks: Tok[], from: number, to: number): boolean {
  const stop = Math.min(to, from + 14);
  for (let k = from; k < stop; k++) {
    const t = toks[k];
    // "the report “raises serious questions”": the verb is inside the quotation.
    if (t.kind === 'quote' && k > from && !t.cap && isWord(toks[k - 1]) && !DETERMINERS.has(toks[k - 1].lower) && !PREPOSITIONS.has(toks[k - 1].lower) && !CUES.has(toks[k - 1].lower)) return true;
    if (!isWord(t)) continue;
    if (AUX.has(t.lower) || IRREGULAR_PAST.has(t.lower)) return true;
    const before = toks[k - 1]?.lower ?? '';
    if (k > from && !t.cap && /[^e]ed$|[^s]ied$|eed$/.test(t.lower) && !t.text.includes('-') && !DETERMINERS.has(before) && !PREPOSITIONS.has(before) && !['and', 'but', 'or'].includes(before)) return true;
    if (k > from && !t.cap && /[^s]s$/.test(t.lower) && PRONOUN_SUBJECTS.has(toks[k - 1].lower)) return true;
    // A present-tense verb after a subject: "the agreement culminates", "Manitoba Mineral Resources Ltd> owns".
    const prevTok = toks[k - 1];
    let nameFrom = k - 1;
    while (nameFrom > from && (toks[nameFrom - 1].cap || ['&lt;', '>', '.'].includes(toks[nameFrom - 1].text))) nameFrom--;
    if (k > from && !t.cap && /[^su]s$/.test(t.lower) && !/(ss|ous|ics|ies)$/.test(t.lower) && prevTok && (
      // A name of two or more words ("German objections" is not a subject and its verb).
      ((prevTok.text === '>' || (isWord(prevTok) && prevTok.cap && k - 1 > nameFrom)) && (nameFrom === from || (nameFrom === from + 1 && DETERMINERS.has(toks[from].lower)))) ||
      (isWord(prevTok) && !prevTok.cap && DETERMINERS.has(toks[k - 2]?.lower ?? '') && !/s$/.test(prevTok.lower) && k - 2 === from))) return true;
  }
  return false;
}

function wordsOutsideQuotes(toks: Tok[], from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (isWord(toks[k])) n++;
  return n;
}

function matchPhrase(toks: Tok[], i: number, phrase: string[]): boolean {
  for (let k = 0; k < phrase.length; k++) if (toks[i + k]?.lower !== phrase[k] || toks[i + k].kind !== 'word') return false;
  return true;
}

function findCues(toks: Tok[]): Cue[] {
  const cues: Cue[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!isWord(t)) continue;
    const source = SOURCE_PHRASES.find((p) => matchPhrase(toks, i, p) && (p.length > 1 || isWord(toks[i + 1])));
    if (source && !(source.length === 1 && i > 0 && isWord(toks[i - 1]) && /^\p{N}/u.test(toks[i - 1].text))) {
      cues.push({ i, j: i + source.length, cls: 'source', takesObject: false, ing: false });
      i += source.length - 1;
      continue;
    }
    const phrase = SPEECH_PHRASES.find((p) => matchPhrase(toks, i, p));
    if (phrase && !(i > 0 && (DETERMINERS.has(toks[i - 1].lower) || toks[i - 1].lower === 'to'))) {
      cues.push({ i, j: i + phrase.length, cls: 'speech', takesObject: false, ing: phrase[0].endsWith('ing') });
      i += phrase.length - 1;
      continue;
    }
    const naming = NAMING_PHRASES.find((p) => matchPhrase(toks, i, p));
    if (naming) {
      cues.push({ i, j: i + naming.length, cls: 'naming', takesObject: false, ing: false });
      i += naming.length - 1;
      continue;
    }
    const entry = CUES.get(t.lower);
    if (!entry || (t.cap && i > 0)) continue;
    // "Continues from the offer ...", "Reports of ...": a sentence-opening form before a
    // preposition or determiner is a noun, not a cue.
    if (i === 0 && isWord(toks[1]) && (PREPOSITIONS.has(toks[1].lower) || DETERMINERS.has(toks[1].lower))) continue;
    // "supposed to": not speech.
    if (entry.lemma === 'suppose' && toks[i + 1]?.lower === 'to') continue;
    const prev = toks[i - 1];
    const prevLower = prev?.lower ?? '';
    // Nouns ("the report", "media reports"), infinitives ("declined to comment"), negation.
    if (prev && (DETERMINERS.has(prevLower) || prevLower === "'s" || prevLower === '’s' || prevLower === 'to')) continue;
    // A base form is an infinitive or imperative, except in the present after a plural subject
    // ("farmers say", "Analysts say", "they say").
    const pluralBefore = !!prev && isWord(prev) && (['they', 'we', 'i', 'you'].includes(prevLower) || (/[^s']s$/.test(prevLower) && !DETERMINERS.has(prevLower) && !AUX.has(prevLower) && !PREPOSITIONS.has(prevLower)));
    if (t.lower === entry.lemma && !['put', 'forecast', 'broadcast'].includes(t.lower) && !(prev && AUX.has(prevLower)) && !(entry.cls === 'speech' && pluralBefore)) continue;
    // "the previous forecast": an adjective before the form makes it a noun.
    if (prev && NOUN_ADJECTIVES.has(prevLower)) continue;
    // Passive ("limits were suggested"): the subject did not say anything.
    let b = i - 1;
    while (b >= 0 && isWord(toks[b]) && ADVERBS.has(toks[b].lower) && !BE.has(toks[b].lower)) b--;
    if (b >= 0 && BE.has(toks[b].lower) && /(ed|en|told|said|put)$/.test(t.lower)) continue;
    let negated = false;
    for (let k = Math.max(0, i - 3); k < i; k++) if (NEGATIONS.has(toks[k].lower) || /n['’]t$/.test(toks[k].lower)) negated = true;
    if (negated) continue;
    cues.push({ i, j: i + 1, cls: entry.cls, takesObject: entry.takesObject, ing: t.lower.endsWith('ing') });
  }
  return cues;
}

const cueIndex = new WeakMap<Cue[], Uint8Array>();

/** Whether token k belongs to a cue (an index per sentence keeps this O(1)). */
function isCueAt(cues: Cue[], k: number): boolean {
  let index = cueIndex.get(cues);
  if (!index) {
    const size = cues.length ? cues[cues.length - 1].j : 0;
    index = new Uint8Array(size + 1);
    for (const c of cues) index.fill(1, c.i, c.j);
    cueIndex.set(cues, index);
  }
  return k >= 0 && k < index.length && index[k] === 1;
}

function npLike(toks: Tok[], seg: [number, number], cues: Cue[]): boolean {
  const [a0, b] = seg;
  // "<Bank of Montreal>": a name in angle brackets, as newswires mark companies.
  const a = toks[a0]?.text === '&lt;' ? a0 + 1 : a0;
  if (b <= a || b - a > 16) return false;
  const first = toks[a];
  if (!isWord(first) || PREPOSITIONS.has(first.lower) || SUBORDINATORS.has(first.lower)) return false;
  if (b - a === 1 && /ly$/.test(first.lower)) return false;
  if (/(ed|ing)$/.test(first.lower) && b - a > 1 && (PREPOSITIONS.has(toks[a + 1].lower) || DETERMINERS.has(toks[a + 1].lower))) return false;
  for (let k = a; k < b; k++) {
    const t = toks[k];
    if (t.kind === 'quote' || isCueAt(cues, k)) return false;
    if (!isWord(t)) continue;
    if (AUX.has(t.lower)) return false;
    // "Rates rose on hopes ...": an irregular past verb makes a clause, not a noun phrase.
    if (k > a && !t.cap && PAST_FORMS.has(t.lower)) return false;
    if (k > a && !t.cap && /[^e]ed$/.test(t.lower) && !t.text.includes('-') && !DETERMINERS.has(toks[k - 1].lower) && !PREPOSITIONS.has(toks[k + 1]?.lower ?? '')) return false;
  }
  return true;
}

/** A relative clause or participial phrase inside an appositive chain ("who stressed ...", "reacting to ..."). */
function relativeLike(toks: Tok[], seg: [number, number]): boolean {
  const w = toks[seg[0]]?.lower ?? '';
  return ['who', 'whose', 'which', 'whom', 'due', 'aged', 'himself', 'herself'].includes(w) || toks[seg[0]]?.text === '('
    || (/[a-z](ing|ed)$/.test(w) && !toks[seg[0]].cap && seg[1] - seg[0] > 1);
}

/** The noun phrase at the end of a segment that opens with a preposition ("In a letter to X the group"). */
function trailingNP(toks: Tok[], a: number, b: number): [number, number] | null {
  let k = b - 1;
  let start = -1;
  while (k >= a) {
    const t = toks[k];
    // A verb ends the noun phrase too ("Prices rose again last year and farmers say").
    if (!isWord(t) || PREPOSITIONS.has(t.lower) || ((PAST_FORMS.has(t.lower) || AUX.has(t.lower)) && !t.cap)) break;
    start = k;
    if (DETERMINERS.has(t.lower) || PRONOUN_SUBJECTS.has(t.lower)) break;
    k--;
  }
  // Stopped by a verb: what follows it must read as a noun phrase, not a participle or an
  // adverb of that verb ("had broken promises", "were more closely related").
  const verbStop = k >= a && isWord(toks[k]) && !PREPOSITIONS.has(toks[k].lower) && !DETERMINERS.has(toks[k].lower) && !PRONOUN_SUBJECTS.has(toks[k].lower);
  if (verbStop && start >= 0 && (toks.slice(start, b).some((t) => isWord(t) && /(ed|en|ly)$/.test(t.lower) && !t.cap) || !toks.slice(start, b).some((t) => isWord(t) && /s$/.test(t.lower)))) return null;
  return start >= 0 && start > a ? [start, b] : null;
}

function findSubject(toks: Tok[], cue: Cue, cues: Cue[]): Subject | null {
  let k = cue.i - 1;
  // "Omnibus before said ...": "before" right before a cue is an adverb (a spinner's "earlier").
  while (k >= 0 && isWord(toks[k]) && (ADVERBS.has(toks[k].lower) || (toks[k].lower === 'before' && k === cue.i - 1))) k--;
  // "Sen. Lloyd Bentsen (D., Texas) said": a parenthesis before the cue is an aside.
  if (toks[k]?.text === ')') {
    let open = k - 1;
    while (open >= 0 && k - open < 12 && toks[open].text !== '(' && toks[open].text !== ')') open--;
    if (open > 0 && toks[open].text === '(') k = open - 1;
  }
  const prev = toks[k];
  if (cue.ing) {
    if (!prev) return null;
    if (prev.lower === 'as') {
      for (let q = k - 1; q >= Math.max(0, k - 10); q--) {
        if (toks[q].lower === 'quoted' || toks[q].lower === 'cited') {
          const by = toks.slice(q, k).findIndex((t) => t.lower === 'by');
          const agentFrom = by >= 0 ? q + by + 1 : k;
          let s = q - 1;
          while (s >= 0 && isWord(toks[s]) && (AUX.has(toks[s].lower) || ADVERBS.has(toks[s].lower))) s--;
          const region = subjectRegion(toks, s, cues);
          return region ? { kind: 'passive', from: region[0], to: region[1], agentFrom, agentTo: k } : null;
        }
      }
      return null;
    }
    if (prev.text === ',' || ['and', 'while', 'before', 'after', 'by', 'also'].includes(prev.lower)) return { kind: 'participial', from: cue.i, to: cue.i };
  }
  if (!prev) return cue.ing ? null : { kind: 'inverted', ...invertedNP(toks, cue.j) };
  if (prev.kind === 'quote' || (prev.text === ',' && toks[k - 1]?.kind === 'quote')) return cue.ing ? null : { kind: 'inverted', ...invertedNP(toks, cue.j) };
  if (prev.lower === 'and' || prev.lower === 'but') return { kind: 'coord', from: cue.i, to: cue.i };
  // "Investors remain nervous, said Claire Dubois, chief economist ...": a name right after the
  // cue with no clause of its own is the inverted subject.
  const after = toks[cue.j];
  if (prev.text === ',' && !cue.ing && k > 0 && isWord(after) && after.cap && !CAPITALISED_FUNCTION_WORDS.has(after.lower) && !MONTHS_DAYS.has(after.lower) && !looksLikeClause(toks, cue.j, toks.length)) {
    return { kind: 'inverted', ...invertedNP(toks, cue.j) };
  }
  if (prev.text === ',' && !cue.ing && k > 0) {
    // "CLAUSE, said X" or an appositive ", NAME, said".
    const region = subjectRegion(toks, k, cues, false);
    if (region) return { kind: 'np', from: region[0], to: region[1] };
    return { kind: 'inverted', ...invertedNP(toks, cue.j) };
  }
  const region = subjectRegion(toks, k, cues);
  return region ? { kind: 'np', from: region[0], to: region[1] } : null;
}

function invertedNP(toks: Tok[], from: number): { from: number; to: number } {
  let to = from;
  while (to < toks.length && to - from < 12) {
    const t = toks[to];
    // "said Rep. Pete Stark": the full stop of a title or an initial stays inside the name.
    if (t.text === '.' && to > from && toks[to - 1].end === t.start && isWord(toks[to + 1]) && toks[to + 1].cap && (/^\p{Lu}$/u.test(toks[to - 1].text) || ['rep', 'sen', 'gov', 'dr', 'mr', 'mrs', 'ms', 'gen', 'col', 'lt', 'prof', 'st', 'sgt', 'capt', 'adm', 'maj', 'rev', 'hon', 'jr'].includes(toks[to - 1].lower))) {
      to++;
      continue;
    }
    if (!isWord(t)) break;
    if (['who', 'whose', 'which', 'in', 'on', 'at', 'during', 'after', 'when', 'while', 'that', 'adding', 'saying', 'citing'].includes(t.lower) && to > from) break;
    to++;
  }
  return { from, to };
}

/** The subject noun phrase ending at toks[k] (inclusive), as a token range. */
function subjectRegion(toks: Tok[], k: number, cues: Cue[], allowTrailing = true): [number, number] | null {
  let b = k;
  while (b >= 0) {
    const t = toks[b];
    if (t.kind === 'quote' || t.text === ';' || t.text === ':' || DASHES.has(t.text)) break;
    if (isWord(t) && CLAUSE_OPENERS.has(t.lower)) {
      // "The minister, who spoke ... because she was not authorised ..., said": an opener inside
      // a relative clause set off by commas; go back to the relative pronoun.
      if (!['who', 'whose', 'which', 'whom'].includes(t.lower)) {
        let r = b - 1;
        while (r >= 0 && b - r < 25 && toks[r].kind !== 'quote' && toks[r].text !== ';' && toks[r].text !== ':' && !(isWord(toks[r]) && ['who', 'whose', 'which', 'whom'].includes(toks[r].lower) && toks[r - 1]?.text === ',')) r--;
        if (r >= 1 && b - r < 25 && isWord(toks[r]) && ['who', 'whose', 'which', 'whom'].includes(toks[r].lower) && toks[r - 1]?.text === ',' && toks.slice(r, k + 1).some((u) => u.text === ',')) {
          b = r;
          continue;
        }
      }
      const relative = ['who', 'whose', 'which', 'whom'].includes(t.lower) && toks[b - 1]?.text === ',';
      // "and" joins two noun phrases ("head of the group and chairman") unless a new clause
      // follows it (", and one executive told", "and he added").
      const next = toks[b + 1];
      const joinsNouns = (t.lower === 'and' || t.lower === 'or') && toks[b - 1]?.text !== ',' && !!next && !PRONOUN_SUBJECTS.has(next.lower);
      if (!relative && !joinsNouns) break;
    }
    if (k - b > 30) break;
    b--;
  }
  const start = b + 1;
  if (start > k) return null;
  // Comma-separated segments; walk back from the cue while they read as noun phrases.
  const segs: [number, number][] = [];
  let segStart = start;
  for (let q = start; q <= k; q++) {
    if (toks[q].text === ',') {
      segs.push([segStart, q]);
      segStart = q + 1;
    }
  }
  segs.push([segStart, k + 1]);
  while (segs.length && segs[segs.length - 1][1] <= segs[segs.length - 1][0]) segs.pop();
  if (!segs.length) return null;
  const chain: [number, number][] = [];
  for (let n = segs.length - 1; n >= 0; n--) {
    const seg = segs[n];
    if (npLike(toks, seg, cues) || (relativeLike(toks, seg) && n > 0)) chain.unshift(seg);
    else if (n === segs.length - 1 && allowTrailing) {
      const tail = trailingNP(toks, seg[0], seg[1]);
      if (tail && npLike(toks, tail, cues)) chain.unshift(tail);
      break;
    } else {
      // "..., were transferred to a new association, Tahoe Savings and Loan, the FHLBB said": after
      // a clause with a finite verb, the first name of the chain is in apposition to that clause's
      // object, not to the speaker.
      const words = toks.slice(seg[0], seg[1]).filter(isWord);
      const clauseBefore = words.length > 2 && !PREPOSITIONS.has(words[0].lower) && looksLikeClause(toks, seg[0], seg[1]) && PREPOSITIONS.has(words[words.length - 1].lower) === false;
      const lastWord = toks.slice(chain[chain.length - 1]?.[0] ?? 0, chain[chain.length - 1]?.[1] ?? 0).filter(isWord).pop();
      if (clauseBefore && chain.length >= 2 && !relativeLike(toks, chain[0]) && !!lastWord?.cap && !CAPITALISED_FUNCTION_WORDS.has(lastWord.lower)) chain.shift();
      break;
    }
  }
  if (!chain.length) return null;
  // "Rates firmed on the Gulf, dealers said": a bare plural ("dealers", "oil analysts") is in
  // apposition to nothing; it is the speaker itself.
  const tail = chain[chain.length - 1];
  const tailWords = toks.slice(tail[0], tail[1]).filter(isWord);
  if (chain.length > 1 && tailWords.length <= 3 && tailWords.every((t) => !t.cap && !DETERMINERS.has(t.lower)) && /[^s']s$/.test(tailWords[tailWords.length - 1]?.lower ?? '')) return tail;
  const properWord = (t: Tok | undefined) => isWord(t) && t.cap && !CAPITALISED_FUNCTION_WORDS.has(t.lower) && !MONTHS_DAYS.has(t.lower);
  // Appositives: prefer the segment headed by a name ("the farmer, Jean-Paul Arnaud,").
  // The head of an appositive chain is the first segment that opens or ends with a name
  // ("TVX and its bankers, Salomon Brothers," / "the head of the agency, Ingrid Solberg,");
  // without names, the segment next to the cue.
  const edge = (seg: [number, number], end: boolean): Tok | undefined => {
    const words = toks.slice(seg[0], seg[1]).filter(isWord);
    return end ? words[words.length - 1] : words[0];
  };
  // A role ending in a common noun ("U.S. Trade representative, Clayton Yeutter,") yields to the
  // name in apposition after it.
  // A description ending in a common noun (no coordination: "TVX and its bankers, Salomon
  // Brothers," keeps the first) yields to a name after it, even when a spinner swapped the
  // role noun ("U.S. Craft voice, Clayton Yeutter,").
  const roleOnly = (seg: [number, number]) => {
    const last = edge(seg, true);
    const words = toks.slice(seg[0], seg[1]).filter(isWord);
    return !!last && !last.cap && !words.some((t) => t.lower === 'and' || t.lower === '&') && words.length <= 5 && !/^\p{Lu}/u.test(last.text);
  };
  // A bare name segment ("Clayton Yeutter"): what a role in apposition yields to.
  const pureName = (seg: [number, number] | undefined) => {
    const words = seg ? toks.slice(seg[0], seg[1]).filter(isWord) : [];
    return words.length > 0 && words.length <= 4 && words.every((t) => t.cap && !ORG_WORDS.has(t.lower) && !CAPITALISED_FUNCTION_WORDS.has(t.lower));
  };
  // Without capitals ("john lee, the chief executive,"), a given name and a surname make a name.
  const lowerName = (seg: [number, number]) => {
    const words = toks.slice(seg[0], seg[1]).filter(isWord);
    return words.length >= 2 && words.length <= 3 && words.every((t) => !t.cap) && isGivenName(words[0].lower);
  };
  const named = (seg: [number, number]) => !relativeLike(toks, seg) && (properWord(edge(seg, false)) || properWord(edge(seg, true)) || lowerName(seg));
  // "Nevertheless, Dub said": one capitalised word opening the sentence before a comma is a
  // sentence adverb (a spinner's swap for "However" is not in any list) when a name follows.
  // Only the segment right after counts ("Cotton, president of X, a Paradise Valley, Ariz., maker,
  // said" opens with the name itself); a known given name or surname is never an adverb.
  const adverbial = (seg: [number, number], n: number) => seg[0] === 0 && seg[1] === 1 && !isGivenName(toks[0].lower) && !isSurname(toks[0].lower) && chain.slice(n + 1, n + 2).some((later) => !relativeLike(toks, later) && properWord(edge(later, false)));
  // "The mayor of Leeds, Judith Blake,": a common noun whose only name is in its complement
  // describes the named person after it.
  const described = (seg: [number, number]) => {
    const words = toks.slice(seg[0], seg[1]).filter(isWord);
    const firstProper = words.findIndex((t) => properWord(t));
    return firstProper > 1 && !words[0].cap && words.slice(0, firstProper).some((t) => PREPOSITIONS.has(t.lower)) || (firstProper > 1 && DETERMINERS.has(words[0].lower) && words.slice(0, firstProper).some((t) => PREPOSITIONS.has(t.lower)));
  };
  // A role yields only to a bare name right after it ("U.S. Trade representative, Clayton
  // Yeutter,"), not to a description ("Cotton fiber, president of X Inc," keeps its spun name).
  const headed = chain.find((seg, n) => named(seg) && !adverbial(seg, n) && !(roleOnly(seg) && pureName(chain[n + 1])) && !(described(seg) && chain.slice(n + 1).some((later) => named(later) && properWord(edge(later, true)))));
  const plain = chain.filter((seg) => !relativeLike(toks, seg));
  const chosen = headed ?? plain[plain.length - 1] ?? null;
  return chosen ? afterFronted(toks, chosen) : null;
}

/**
 * A fronted time phrase glued to the subject ("Early this year the commerce ministry said", "Last
 * week the union said"): the subject starts at the determiner inside the phrase, when the words
 * before it are no noun phrase of their own (not "head of the", "Smith and the").
 */
function afterFronted(toks: Tok[], seg: [number, number]): [number, number] {
  for (let k = seg[0] + 1; k < seg[1] - 1; k++) {
    const t = toks[k];
    // "at the start of last year and farmers say": a time phrase joined by "and" to the subject.
    if (isWord(t) && t.lower === 'and' && toks.slice(seg[0], k).some((b) => TIME_NOUNS.has(b.lower)) && isWord(toks[k + 1]) && !TIME_NOUNS.has(toks[k + 1].lower)) return [k + 1, seg[1]];
    if (!isWord(t) || !['the', 'a', 'an', 'its', 'his', 'her', 'their'].includes(t.lower)) continue;
    const before = toks.slice(seg[0], k);
    const prev = toks[k - 1];
    if (!isWord(prev) || PREPOSITIONS.has(prev.lower) || CLAUSE_OPENERS.has(prev.lower) || prev.lower === "'s" || prev.lower === '’s') return seg;
    // The words before are a time phrase: a time noun, a month or a day in them.
    if (before.some((b) => TIME_NOUNS.has(b.lower) || MONTHS_DAYS.has(b.lower) || TIME_WORDS.has(b.lower))) return [k, seg[1]];
    return seg;
  }
  return seg;
}

interface Complement {
  quote: number;
  sep: boolean;
  clause: [number, number] | null;
  that: boolean;
  citing: [number, number][];
}

function forward(toks: Tok[], cue: Cue, subject: Subject, bound: number): Complement {
  const out: Complement = { quote: -1, sep: false, clause: null, that: false, citing: [] };
  let p = subject.kind === 'inverted' ? subject.to : cue.j;
  const n = bound;
  if (cue.cls === 'naming') {
    for (let q = p; q < Math.min(n, p + 7); q++) {
      if (toks[q].kind === 'quote') {
        out.quote = q;
        break;
      }
      if (SENTENCE_PUNCT.has(toks[q].text) || isWord(toks[q]) && CLAUSE_OPENERS.has(toks[q].lower)) break;
    }
    return out;
  }
  // A person told ("told reporters", "told the daily Al-Ittihad").
  if (cue.takesObject && cue.cls === 'speech' && isWord(toks[p]) && toks[p].lower !== 'that' && !PRONOUN_SUBJECTS.has(toks[p].lower) && !PREPOSITIONS.has(toks[p].lower) && !CLAUSE_OPENERS.has(toks[p].lower)) {
    let q = p;
    if (DETERMINERS.has(toks[q].lower)) {
      q++;
      while (q < n && isWord(toks[q]) && !toks[q].cap && !PRONOUN_SUBJECTS.has(toks[q].lower) && toks[q].lower !== 'that' && !DETERMINERS.has(toks[q].lower) && q - p < 6) q++;
      while (q < n && isWord(toks[q]) && toks[q].cap) q++;
      if (isWord(toks[q]) && !toks[q].cap && (toks[q + 1]?.kind === 'quote' || [',', ':'].includes(toks[q + 1]?.text ?? ''))) q++;
    } else if (toks[q].cap) {
      while (q < n && isWord(toks[q]) && toks[q].cap) q++;
    } else q++;
    // "told the BBC's Today programme that": a possessive carries the object on.
    if ((toks[q]?.lower === "'s" || toks[q]?.lower === '’s') && q < n) {
      q++;
      while (q < n && isWord(toks[q]) && toks[q].lower !== 'that' && !PRONOUN_SUBJECTS.has(toks[q].lower) && !DETERMINERS.has(toks[q].lower) && q - p < 10) q++;
    }
    p = q;
  }
  for (let guard = 0; guard < 4 && p < n; guard++) {
    const t = toks[p];
    if (t.text === ',' || DASHES.has(t.text)) {
      const next = toks[p + 1];
      if (next?.lower === 'citing') {
        let q = p + 2;
        while (q < n && toks[q].text !== ',' && !DASHES.has(toks[q].text) && toks[q].lower !== 'that' && q - p < 16) q++;
        out.citing.push([p + 2, q]);
        p = toks[q]?.lower === 'that' ? q : q + 1;
        continue;
      }
      if (next?.kind === 'quote') {
        out.sep = true;
        p++;
        break;
      }
      if (next?.lower === 'that') {
        p++;
        continue;
      }
      // "said, however, that ...": a sentence adverb set off by commas.
      if (isWord(next) && ADVERBS.has(next.lower) && !AUX.has(next.lower) && toks[p + 2]?.text === ',') {
        p += 3;
        continue;
      }
      return out;
    }
    if (t.text === ':') {
      out.sep = true;
      p++;
      break;
    }
    if (isWord(t) && (TIME_WORDS.has(t.lower) || MONTHS_DAYS.has(t.lower))) {
      // "earlier today", "last week", "on Monday": a short time phrase.
      let q = p + 1;
      while (q < n && q - p < 3 && isWord(toks[q]) && (TIME_NOUNS.has(toks[q].lower) || MONTHS_DAYS.has(toks[q].lower))) q++;
      p = q;
      continue;
    }
    if (isWord(t) && t.lower !== 'that' && PREPOSITIONS.has(t.lower) && !quantifierAt(toks, p)) {
      let q = p + 1;
      while (q < n) {
        const u = toks[q];
        // "from that country": "that" right after the preposition is a determiner.
        if (u.kind === 'quote' || u.text === ',' || u.text === ':' || (u.lower === 'that' && q > p + 1) || SENTENCE_PUNCT.has(u.text) || DASHES.has(u.text)) break;
        if (q - p >= 2 && (DETERMINERS.has(u.lower) || PRONOUN_SUBJECTS.has(u.lower)) && !PREPOSITIONS.has(toks[q - 1].lower)) break;
        if (q - p > 10) break;
        q++;
      }
      p = q;
      continue;
    }
    break;
  }
  if (toks[p]?.lower === 'that') {
    out.that = true;
    p++;
    // "said that, while ..., it may ...": the clause opens with a fronted adverbial.
    if (toks[p]?.text === ',') p++;
  }
  if (p >= n) return out;
  if (toks[p].kind === 'quote') out.quote = p;
  if (cue.cls === 'weak' && !out.that) return out;
  let end = n;
  for (let q = p; q < n; q++) {
    const t = toks[q];
    if (t.text === ';') {
      end = q;
      break;
    }
    if (t.text === ',' && ['according', 'citing', 'adding', 'saying', 'but', 'noting', 'stressing', 'insisting', 'warning', 'arguing', 'explaining'].includes(toks[q + 1]?.lower ?? '')) {
      end = q;
      break;
    }
  }
  while (end > p && SENTENCE_PUNCT.has(toks[end - 1].text)) end--;
  if (end <= p) return out;
  const first = toks[p];
  // "said if ..." is a condition on saying; after "that" it opens the reported clause ("said that if ...").
  if (isWord(first) && SUBORDINATORS.has(first.lower) && first.lower !== 'to' && !(out.that && !['to', 'for', 'which', 'who', 'what'].includes(first.lower))) return out;
  // "said at least 40 people ...", "said about 400 jobs ...": a preposition before a number (or
  // "at least"/"at most") quantifies the clause's subject.
  // After "that" a fronted phrase may open the clause ("said that through its subsidiary, X, it has ...").
  const frontedAfterThat = out.that && isWord(first) && PREPOSITIONS.has(first.lower) && first.lower !== 'to';
  if (isWord(first) && !quantifierAt(toks, p) && !frontedAfterThat && (first.lower === 'to' || PREPOSITIONS.has(first.lower) || ['and', 'or', 'but', 'nor'].includes(first.lower))) return out;
  if (first.text === ',') return out;
  if (wordsOutsideQuotes(toks, p, end) < 2) return out;
  if (!out.that && !looksLikeClause(toks, p, end)) return out;
  out.clause = [p, end];
  return out;
}

/** The first noun phrase of a sentence: the subject a participle or "and said" reaches back to. */
function mainSubject(toks: Tok[], before: number, cues: Cue[]): [number, number] | null {
  let end = 0;
  while (end < before) {
    const t = toks[end];
    if (t.kind === 'quote' || isCueAt(cues, end)) break;
    // A plural noun followed by its verb ("Consumer groups welcomed") is not itself the verb.
    const next = toks[end + 1];
    const pluralHead = /[^s]s$/.test(t.lower) && isWord(next) && !next.cap && (AUX.has(next.lower) || PAST_FORMS.has(next.lower) || /ed$/.test(next.lower) || CUES.has(next.lower));
    if (isWord(t) && (AUX.has(t.lower) || IRREGULAR_PAST.has(t.lower) || (end > 0 && !t.cap && /(ed|[^s]s)$/.test(t.lower) && !DETERMINERS.has(t.lower) && !pluralHead))) break;
    end++;
  }
  if (end === 0) return null;
  return subjectRegion(toks, end - 1, cues);
}

function spanOf(toks: Tok[], quotes: QuoteMark[], from: number, to: number): [number, number] {
  const a = toks[from];
  const b = toks[to - 1];
  if (to - from === 1 && a.kind === 'quote') return [quotes[a.quote].start, quotes[a.quote].end];
  // A quotation that opens or closes a longer clause is part of it, marks included (a quote
  // token spans its marks): cutting inside them would leave one dangling ("…countries” is required…").
  return [a.start, b.end];
}

function textOf(text: string, toks: Tok[], from: number, to: number): string {
  return from < to ? text.slice(toks[from].start, toks[to - 1].end) : '';
}

/** What the per-sentence steps share. */
interface SentenceContext {
  text: string;
  quotes: QuoteMark[];
  toks: Tok[];
  cues: Cue[];
  subjects: (Subject | null)[];
  discourse: Discourse;
  para: number;
}

const NO_COMPLEMENT: Complement = { quote: -1, sep: false, clause: null, that: false, citing: [] };

function endsWithComma(ctx: SentenceContext, t: Tok | undefined): boolean {
  return t?.kind === 'quote' && /,$/.test(ctx.text.slice(ctx.quotes[t.quote].start, ctx.quotes[t.quote].end));
}

/** Where the clause of cue n must end: before the next attribution that opens a new clause. */
function clauseBound(ctx: SentenceContext, n: number): number {
  const { toks, cues, subjects } = ctx;
  const cue = cues[n];
  let bound = toks.length;
  for (let m = n + 1; m < cues.length; m++) {
    const s = subjects[m];
    if (!s || cues[m].cls === 'naming') continue;
    let b = s.kind === 'np' || s.kind === 'passive' ? s.from : cues[m].i;
    const at = b;
    while (b > 0 && (toks[b - 1].text === ',' || ['and', 'but'].includes(toks[b - 1].lower) || ADVERBS.has(toks[b - 1].lower))) b--;
    // "...against the yen," he said: the comma sits inside the closing mark.
    const commaInQuote = b === at && endsWithComma(ctx, toks[b - 1]);
    // Only a new clause ("..., Ortner said", "... and he added") ends this one.
    if (b > cue.j && (b < at || commaInQuote || s.kind === 'participial' || s.kind === 'coord')) bound = Math.min(bound, b);
    // Inside a later cue's subject ("Ortner, who stressed ..., said"): end before that cue.
    if (s.from <= cue.i && s.kind !== 'inverted') {
      let c = cues[m].i;
      while (c > cue.j && (toks[c - 1].text === ',' || ADVERBS.has(toks[c - 1].lower))) c--;
      bound = Math.min(bound, c);
    }
    break;
  }
  return bound;
}

/** "According to X, CLAUSE" and "CLAUSE, according to X". */
function sourceAttribution(ctx: SentenceContext, cue: Cue, pos: number): { speaker: Resolved; comp: Complement } {
  const { toks, cues } = ctx;
  let q = cue.j;
  while (q < toks.length && toks[q].text !== ',' && !SENTENCE_PUNCT.has(toks[q].text) && toks[q].kind !== 'quote' && q - cue.j < 14) q++;
  const speaker = ctx.discourse.resolve(toks, cue.j, q, pos, ctx.para);
  const comp: Complement = { ...NO_COMPLEMENT };
  let k = 0;
  while (k < cue.i && isWord(toks[k]) && CAPITALISED_FUNCTION_WORDS.has(toks[k].lower) && !isCueAt(cues, k)) k++;
  if (k === cue.i) {
    let end = toks.length;
    while (end > q && SENTENCE_PUNCT.has(toks[end - 1].text)) end--;
    if (wordsOutsideQuotes(toks, q + 1, end) >= 3) comp.clause = [q + 1, end];
  } else if (toks[cue.i - 1]?.text === ',' && wordsOutsideQuotes(toks, 0, cue.i - 1) >= 3) {
    comp.clause = [0, cue.i - 1];
  }
  return { speaker, comp };
}

/** "CLAUSE, SUBJ said." / "CLAUSE, said SUBJ." / "...Q," SUBJ said: the clause before the attribution. */
function backwardClause(ctx: SentenceContext, cue: Cue, subject: Subject, done: Attribution[]): [number, number] | null {
  const { toks, cues } = ctx;
  const head = subject.kind === 'inverted' ? cue.i : subject.from;
  const before = toks[head - 1];
  const commaAfterQuote = endsWithComma(ctx, before);
  const quoteTaken = commaAfterQuote && done.some((a) => a.quote === head - 1);
  if (head <= 0 || !(before?.text === ',' || commaAfterQuote) || quoteTaken) return null;
  const end = before.text === ',' ? head - 1 : head;
  let start = 0;
  while (start < end && (toks[start].text === ',' || DASHES.has(toks[start].text))) start++;
  // "Under the deal signed last year, Saudi Arabia has agreed to ...": a fronted phrase, not speech.
  const fronted = isWord(toks[start]) && PREPOSITIONS.has(toks[start].lower) && !toks.slice(start, end).some((t) => t.text === ',' || t.kind === 'quote');
  return wordsOutsideQuotes(toks, start, end) >= 3 && !isCueAt(cues, start) && !fronted ? [start, end] : null;
}

/** The attribution cue n makes, or null when it introduces nothing. */
function attributeCue(ctx: SentenceContext, n: number, done: Attribution[]): Attribution | null {
  const { text, toks, cues, discourse, para } = ctx;
  const cue = cues[n];
  const subject = ctx.subjects[n];
  if (!subject) return null;
  const pos = toks[cue.i].start;
  let speaker: Resolved;
  let reportedBy: string[] = [];
  let comp: Complement;
  if (cue.cls === 'source') {
    ({ speaker, comp } = sourceAttribution(ctx, cue, pos));
  } else {
    if (subject.kind === 'participial' || subject.kind === 'coord') {
      const prev = done[done.length - 1];
      const main = prev ? null : mainSubject(toks, cue.i, cues);
      speaker = prev ? prev.speaker : main ? discourse.resolve(toks, main[0], main[1], pos, para) : { speaker: null, entity: null };
    } else {
      speaker = discourse.resolve(toks, subject.from, subject.to, pos, para);
    }
    if (subject.kind === 'passive' && subject.agentTo > subject.agentFrom) {
      const agent = discourse.resolve(toks, subject.agentFrom, subject.agentTo, pos, para);
      if (agent.speaker && speaker.speaker) reportedBy = [agent.speaker, speaker.speaker];
    }
    comp = forward(toks, cue, subject, clauseBound(ctx, n));
    // "The investment, it said, would be spread ...": the attribution set inside the clause.
    if (!comp.clause && comp.quote < 0 && cue.cls === 'speech' && subject.kind === 'np' && toks[cue.j]?.text === ',' && toks[subject.from - 1]?.text === ',' && subject.from >= 2) {
      let end = toks.length;
      while (end > cue.j && SENTENCE_PUNCT.has(toks[end - 1].text)) end--;
      const before = wordsOutsideQuotes(toks, 0, subject.from - 1);
      if (before >= 1 && before <= 8 && !toks.slice(0, subject.from).some((t, n) => isCueAt(cues, n) || t.kind === 'quote') && looksLikeClause(toks, cue.j + 1, end)) comp.clause = [0, end];
    }
    // ", saying ..." reports what follows it, never what came before.
    if (!comp.clause && comp.quote < 0 && cue.cls === 'speech' && subject.kind !== 'participial') comp.clause = backwardClause(ctx, cue, subject, done);
  }
  if (comp.citing.length && speaker.speaker) {
    reportedBy = [speaker.speaker, ...comp.citing.map(([a, b]) => textOf(text, toks, a, b).replace(/^(both|each|all|several)\s+/i, ''))];
  } else if (speaker.relayed && speaker.speaker) {
    reportedBy = [speaker.speaker, speaker.relayed];
  }
  const head = subject.kind === 'np' ? toks[subject.to - 1]?.lower ?? '' : '';
  const lead = subject.kind === 'inverted' ? cue.i : subject.from;
  const adjacentQuote = toks[lead - 1]?.kind === 'quote' || (toks[lead - 1]?.text === ',' && toks[lead - 2]?.kind === 'quote');
  if (comp.clause || comp.quote >= 0 || adjacentQuote) discourse.remember(speaker, pos, para, /s$/.test(head) || ORG_NOUNS.has(head));
  // A weak or naming cue that introduces nothing is an ordinary verb here.
  if (cue.cls !== 'speech' && cue.cls !== 'source' && !comp.clause && comp.quote < 0 && !adjacentQuote) return null;
  return { cue, subject, speaker, reportedBy, quote: comp.quote, quoteSep: comp.sep, clause: comp.clause };
}

/** The attribution a quotation token at x belongs to, and its kind. */
function attributionOfQuote(ctx: SentenceContext, x: number, attributions: Attribution[]): { found: Attribution; kind: Quote['kind'] } | null {
  const { toks } = ctx;
  const t = toks[x];
  const q = ctx.quotes[t.quote];
  // The cue's complement. Direct: set off by a comma or colon and capitalised, or the second
  // half of an interrupted quote.
  let found = attributions.find((a) => a.quote === x);
  if (found) return { found, kind: found.quoteSep && (t.cap || toks[0].kind === 'quote') ? 'direct' : 'partial' };
  const content = ctx.text.slice(q.start, q.end);
  // A single word or a code in marks ("AB" grades, symbol "SPTNd") is a term, not speech,
  // unless a naming cue introduces it or an attribution is right next to it.
  // A short quoted noun phrase glossed or introduced as a term ("a shareholder rights plan, or
  // "poison pill"", "the so-called "cars deals"") names a thing; it is not the speaker's words.
  const before = toks[x - 1];
  const termIntro = isWord(before) && (['so-called', 'or', 'the', 'a', 'an', 'dubbed', 'termed', 'named', 'called'].includes(before.lower));
  // A short title-case name in marks ("Netlink USA", "Star Wars") is a name, not speech.
  const titleCase = !/[.!?,]$/.test(content) && content.split(/\s+/).length <= 4 && content.split(/\s+/).every((w) => /^[\p{Lu}\p{N}]/u.test(w)) && x > 0;
  const term = !/\s/.test(content) || /^[\p{Lu}\p{N}.,-]+[a-z]?[.,]?$/u.test(content) || titleCase || (termIntro && content.split(/\s+/).length <= 4 && !/[.!?]$/.test(content));
  // Inside a reported clause.
  found = term ? undefined : attributions.find((a) => a.clause && a.clause[0] <= x && x < a.clause[1]);
  if (found) return { found, kind: 'partial' };
  // Right before the attribution: "Q," SUBJ said / "Q," said SUBJ.
  // "Q," their attorney, Ben Crump, said: a description in apposition may stand between.
  const appositiveUpTo = (from: number) => from > x + 1 && from - x <= 10 && toks[from - 1]?.text === ',' && toks.slice(x + 1, from).every((t, n) => t.kind !== 'quote' && !isCueAt(ctx.cues, x + 1 + n) && !(isWord(t) && AUX.has(t.lower)));
  found = attributions.find((a) => a.cue.cls !== 'source' && (
    ((a.subject.kind === 'np' || a.subject.kind === 'passive') && (a.subject.from === x + 1 || (a.subject.from === x + 2 && toks[x + 1].text === ',') || appositiveUpTo(a.subject.from))) ||
    (a.subject.kind === 'inverted' && (a.cue.i === x + 1 || (a.cue.i === x + 2 && toks[x + 1].text === ',')))));
  if (found) return { found, kind: x === 0 || toks[x - 1]?.text === ':' ? 'direct' : 'partial' };
  if (term) return null;
  // Elsewhere in a sentence with a reporting cue: the nearest one.
  let best = Infinity;
  for (const a of attributions) {
    if (!a.speaker.speaker || a.cue.cls === 'weak') continue;
    const d = Math.abs(a.cue.i - x);
    if (d < best) {
      best = d;
      found = a;
    }
  }
  return found ? { found, kind: 'partial' } : null;
}

/** Runs attribution over all sentences; returns quotes in text order. */
export function attribute(text: string, sentences: Sentence[], quotes: QuoteMark[]): Quote[] {
  const discourse = new Discourse();
  const out: Quote[] = [];
  let lastAttributedSentence = -2;
  // Quotes whose pronoun subject had no antecedent yet ("It said ..." before "Spartech said"):
  // the next fitting speaker in the same or the next paragraph names them. Each waits at most
  // once per later attribution and the list empties as paragraphs pass, so this stays linear.
  let pending: { pronoun: string; para: number; quotes: Quote[] }[] = [];
  sentences.forEach((sentence, sIdx) => {
    const toks = sentence.toks;
    const para = sentence.paragraph;
    const outBefore = out.length;
    discourse.scan(toks, para);
    const cues = findCues(toks);
    const ctx: SentenceContext = { text, quotes, toks, cues, subjects: cues.map((c) => findSubject(toks, c, cues)), discourse, para };
    const attributions: Attribution[] = [];
    cues.forEach((_, n) => {
      const a = attributeCue(ctx, n, attributions);
      if (a) attributions.push(a);
    });

    pending = pending.filter((w) => w.para >= para - 1);
    for (const a of attributions) {
      if (!pending.length) break;
      const r = a.speaker;
      if (!r.speaker) continue;
      pending = pending.filter((w) => {
        if (!pronounFits(w.pronoun, r)) return true;
        for (const q of w.quotes) if (q.speaker === null) q.speaker = r.speaker;
        return false;
      });
    }
    const waiting = new Map<Attribution, Quote[]>();
    const wait = (a: Attribution, q: Quote) => {
      if (a.speaker.speaker || !a.speaker.pronoun) return;
      const list = waiting.get(a) ?? [];
      list.push(q);
      waiting.set(a, list);
    };

    const cueText = (a: Attribution) => textOf(text, toks, a.cue.i, a.cue.j).toLowerCase();
    for (const a of attributions) {
      if (!a.clause || !a.speaker.speaker && a.cue.cls === 'naming') continue;
      let from = a.clause[0];
      while (from < a.clause[1] - 1 && toks[from].kind === 'punct') from++;
      const [s, e] = spanOf(toks, quotes, from, a.clause[1]);
      out.push({ start: s, end: e, text: text.slice(s, e), speaker: a.speaker.speaker, cue: cueText(a), reportedBy: a.reportedBy, kind: 'reported' });
      wait(a, out[out.length - 1]);
    }

    // Each quotation in the sentence.
    toks.forEach((t, x) => {
      if (t.kind !== 'quote') return;
      const q = quotes[t.quote];
      const content = text.slice(q.start, q.end);
      const hit = attributionOfQuote(ctx, x, attributions);
      if (hit) {
        out.push({ start: q.start, end: q.end, text: content, speaker: hit.found.speaker.speaker, cue: cueText(hit.found), reportedBy: hit.found.reportedBy, kind: hit.kind });
        wait(hit.found, out[out.length - 1]);
        return;
      }
      // No cue in the sentence: speech standing alone continues the last speaker, or belongs
      // to the person the sentence before was about ("Mayor Helen Park was blunt. “...”").
      if (x !== 0 || q.unclosed || !t.cap || content.split(/\s+/).length < 3) return;
      const prevSentence = sentences[sIdx - 1];
      let last: Quote | undefined;
      if (lastAttributedSentence === sIdx - 1 && prevSentence && prevSentence.paragraph >= para - 1) {
        for (let k = out.length - 1; k >= 0 && !last && out[k].start >= prevSentence.start; k--) if (out[k].start < q.start && out[k].speaker) last = out[k];
      }
      let speaker = last?.speaker ?? null;
      if (!speaker && prevSentence && prevSentence.paragraph === para) speaker = discourse.personBetween(prevSentence.start, prevSentence.end)?.name ?? null;
      if (!speaker && !/[.!?]$/.test(content)) return;
      out.push({ start: q.start, end: q.end, text: content, speaker, cue: last?.cue ?? null, reportedBy: last?.reportedBy ?? [], kind: 'direct' });
      if (speaker) discourse.remember({ speaker, entity: null }, q.start, para);
    });
    for (const [a, list] of waiting) pending.push({ pronoun: a.speaker.pronoun ?? '', para, quotes: list });
    // Bounded, so a long run of unresolved "it said" sentences cannot make this quadratic.
    if (pending.length > 16) pending = pending.slice(-16);
    if (attributions.length || out.length > outBefore) lastAttributedSentence = sIdx;
  });
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  return out.filter((o, n) => n === 0 || o.start !== out[n - 1].start || o.end !== out[n - 1].end);
}
