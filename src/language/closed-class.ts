/**
 * Closed-class confusion sets, written by hand: small groups of function words and phrases that
 * an article spinner swaps for one another (a modal for a modal, a preposition for a near one,
 * a number written out for its digits). General English, not drawn from any example text.
 * Members are lower-case; phrases are words separated by single spaces.
 */
import type { ConfusionSet } from './types.js';

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINAL_UNITS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const ORDINAL_TEENS = ['tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const ORDINAL_TENS = ['', '', 'twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth'];
const DECADES = ['', '', 'twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'];

/** 0..99 in words: "twenty five" (and the hyphenated form is produced separately). */
export function numberWords(n: number): string {
  if (n < 10) return UNITS[n];
  if (n < 20) return TEENS[n - 10];
  const t = Math.floor(n / 10);
  const u = n % 10;
  return u === 0 ? TENS[t] : `${TENS[t]} ${UNITS[u]}`;
}

export function ordinalWords(n: number): string {
  if (n < 10) return ORDINAL_UNITS[n];
  if (n < 20) return ORDINAL_TEENS[n - 10];
  const t = Math.floor(n / 10);
  const u = n % 10;
  return u === 0 ? ORDINAL_TENS[t] : `${TENS[t]} ${ORDINAL_UNITS[u]}`;
}

function ordinalSuffix(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

/**
 * Spoken forms of a number token, when it is one: "25" -> "twenty five", "twenty-five";
 * "3rd" -> "third"; "1930s" -> "nineteen thirties", "the thirties"... Returns [] otherwise.
 * Years 1100..2099 are read in pairs ("nineteen thirty"), the way a spinner writes them.
 */
export function spelledNumberForms(token: string): string[] {
  const t = token.toLowerCase().replace(/,/g, '');
  let m = /^(\d{1,2})$/.exec(t);
  if (m) {
    const n = Number(m[1]);
    const w = numberWords(n);
    return w.includes(' ') ? [w, w.replace(' ', '-')] : [w];
  }
  m = /^(\d{1,2})(st|nd|rd|th)$/.exec(t);
  if (m) {
    const n = Number(m[1]);
    if (ordinalSuffix(n) !== m[2]) return [];
    const w = ordinalWords(n);
    return w.includes(' ') ? [w, w.replace(' ', '-')] : [w];
  }
  m = /^(\d{3,4})$/.exec(t);
  if (m) {
    const n = Number(m[1]);
    if (n % 100 === 0 && n >= 1000 && n < 10000) {
      const hi = Math.floor(n / 100);
      return n % 1000 === 0 && hi % 10 === 0 ? [`${numberWords(hi / 10)} thousand`] : [`${numberWords(hi)} hundred`];
    }
    if (n >= 1100 && n < 2100 && n % 100 !== 0) {
      const hi = numberWords(Math.floor(n / 100));
      const lo = n % 100;
      const loWords = lo < 10 ? `oh ${UNITS[lo]}` : numberWords(lo);
      return [`${hi} ${loWords}`];
    }
    return [];
  }
  m = /^(?:(\d{2})?(\d)0)(?:'?s)$/.exec(t);
  if (m) {
    const decade = DECADES[Number(m[2])];
    if (!decade) return [];
    if (m[1]) return [`${numberWords(Number(m[1]))} ${decade}`, decade];
    return [decade];
  }
  return [];
}

const set = (name: string, members: string[], directed = false): ConfusionSet =>
  directed ? { name, members, directed } : { name, members };

export const CLOSED_CLASS_SETS: readonly ConfusionSet[] = [
  set('modal', ['will', 'would', 'can', 'could', 'may', 'might', 'shall', 'should', 'must', 'ought to']),
  set('modal-negative', ["won't", "wouldn't", "can't", 'cannot', "couldn't", "mightn't", "shouldn't", "mustn't"]),
  set('preposition-place', ['in', 'within', 'inside', 'inside of', 'at', 'on', 'upon', 'onto', 'into', 'throughout', 'across', 'over', 'among', 'amongst', 'amid', 'amidst']),
  set('preposition-time', ['during', 'throughout', 'in', 'within', 'over', 'through', 'in the course of', 'for the duration of']),
  set('preposition-before', ['before', 'prior to', 'earlier than', 'ahead of', 'in advance of', 'previous to']),
  set('preposition-after', ['after', 'following', 'subsequent to', 'later than', 'in the wake of']),
  set('preposition-cause', ['because of', 'due to', 'owing to', 'as a result of', 'on account of', 'thanks to', 'in view of']),
  set('conjunction-cause', ['because', 'since', 'as', 'as a result of the fact that', 'due to the fact that', 'given that', 'seeing that', 'owing to the fact that', 'in view of the fact that', 'on the grounds that']),
  set('preposition-about', ['about', 'on', 'regarding', 'concerning', 'with regard to', 'with respect to', 'in relation to', 'relating to', 'as regards', 'over']),
  set('preposition-direction', ['to', 'towards', 'toward', 'in the direction of', 'for', 'into']),
  set('preposition-agent', ['by', 'through', 'via', 'by means of', 'by way of', 'with']),
  set('preposition-purpose', ['for', 'to', 'so as to', 'in order to', 'with a view to', 'for the purpose of', 'with the aim of']),
  set('preposition-near', ['near', 'close to', 'next to', 'beside', 'by', 'alongside', 'near to', 'in close proximity to', 'in the vicinity of']),
  set('preposition-despite', ['despite', 'in spite of', 'regardless of', 'notwithstanding', 'even with']),
  set('preposition-without', ['without', 'lacking', 'with no', 'minus']),
  set('preposition-except', ['except', 'except for', 'apart from', 'aside from', 'other than', 'besides', 'but']),
  set('preposition-until', ['until', 'till', 'up to', 'up until', 'through']),
  set('preposition-like', ['like', 'such as', 'similar to', 'as']),
  set('preposition-against', ['against', 'versus', 'in opposition to', 'opposed to']),
  set('preposition-above', ['above', 'over', 'more than', 'greater than', 'in excess of', 'exceeding']),
  set('preposition-below', ['below', 'under', 'beneath', 'underneath', 'less than', 'fewer than']),
  set('quantity-approx', ['about', 'around', 'approximately', 'roughly', 'some', 'nearly', 'almost', 'close to', 'more or less']),
  set('article', ['a', 'an', 'the', 'one']),
  set('determiner-demonstrative', ['this', 'that', 'these', 'those', 'the']),
  set('determiner-quantity', ['some', 'several', 'a few', 'a number of', 'various', 'numerous', 'many', 'a lot of', 'lots of', 'plenty of', 'a great deal of', 'much', 'a large number of', 'a great many', 'a wide range of']),
  set('determiner-all', ['all', 'every', 'each', 'all of the', 'the whole', 'the entire', 'entire']),
  set('determiner-any', ['any', 'some', 'whichever', 'whatever']),
  set('conjunction-contrast', ['but', 'however', 'yet', 'although', 'though', 'even though', 'nevertheless', 'nonetheless', 'still', 'whereas', 'while', 'whilst', 'despite the fact that', 'in spite of the fact that']),
  set('conjunction-addition', ['and', 'also', 'as well as', 'in addition to', 'plus', 'along with', 'together with', 'besides']),
  set('adverb-addition', ['also', 'too', 'as well', 'additionally', 'furthermore', 'moreover', 'in addition', 'besides']),
  set('conjunction-result', ['so', 'therefore', 'thus', 'hence', 'consequently', 'as a result', 'accordingly', 'for this reason']),
  set('conjunction-condition', ['if', 'provided that', 'providing that', 'as long as', 'so long as', 'in case', 'assuming that', 'on condition that', 'in the event that', 'in the case that']),
  set('conjunction-time', ['when', 'while', 'whilst', 'as', 'once', 'whenever', 'at the time that']),
  set('conjunction-alternative', ['or', 'or else', 'alternatively', 'otherwise']),
  set('conjunction-whether', ['whether', 'if', 'whether or not']),
  set('relative', ['that', 'which', 'who', 'whom']),
  set('adverb-time-now', ['now', 'currently', 'presently', 'at present', 'at the moment', 'nowadays', 'these days', 'today', 'right now', 'at this point in time', 'at the present time']),
  set('adverb-time-soon', ['soon', 'shortly', 'quickly', 'before long', 'in a short time', 'presently', 'in the near future', 'in the not too distant future']),
  set('adverb-time-recent', ['recently', 'lately', 'newly', 'of late', 'just']),
  set('adverb-time-later', ['later', 'afterwards', 'afterward', 'subsequently', 'then', 'next', 'thereafter']),
  set('adverb-time-earlier', ['earlier', 'previously', 'before', 'formerly', 'beforehand', 'already', 'prior']),
  set('adverb-time-again', ['again', 'once more', 'once again', 'anew']),
  set('adverb-degree', ['very', 'really', 'extremely', 'highly', 'quite', 'rather', 'pretty', 'fairly', 'particularly', 'especially', 'incredibly', 'so']),
  set('adverb-frequency', ['often', 'frequently', 'regularly', 'usually', 'commonly', 'typically', 'generally', 'normally', 'repeatedly']),
  set('adverb-only', ['only', 'just', 'merely', 'simply', 'solely', 'exclusively']),
  set('adverb-still', ['still', 'yet', 'even now', 'nonetheless']),
  set('adverb-also-even', ['even', 'still', 'yet']),
  set('pronoun-people', ['people', 'individuals', 'persons', 'folks', 'men and women']),
  set('pronoun-someone', ['someone', 'somebody', 'anyone', 'anybody', 'a person', 'one']),
  set('pronoun-everyone', ['everyone', 'everybody', 'all', 'every person', 'each person']),
  set('pronoun-something', ['something', 'anything', 'a thing']),
  set('auxiliary-be-past', ['was', 'were', 'had been', 'has been', 'have been', 'got', 'became']),
  set('auxiliary-be-present', ['is', 'are', 'has been', 'have been', 'remains', 'remain', 'stays']),
  set('auxiliary-have', ['have', 'has', 'had', 'have got', 'has got', 'possess', 'possesses', 'own', 'owns']),
  set('auxiliary-do', ['do', 'does', 'did']),
  set('verb-get', ['get', 'gets', 'got', 'obtain', 'obtains', 'obtained', 'receive', 'receives', 'received', 'acquire', 'acquired']),
  set('phrase-able', ['can', 'be able to', 'is able to', 'are able to', 'could', 'was able to', 'were able to', 'has the ability to', 'have the ability to', 'is capable of', 'are capable of']),
  set('phrase-need', ['must', 'have to', 'has to', 'need to', 'needs to', 'had to', 'needed to', 'should']),
  set('phrase-going-to', ['will', 'is going to', 'are going to', 'shall', 'is set to', 'are set to', 'plans to', 'is expected to']),
  set('phrase-want', ['want to', 'wants to', 'wish to', 'wishes to', 'would like to', 'hope to', 'hopes to']),
  set('phrase-more', ['more', 'further', 'additional', 'extra', 'added']),
  set('phrase-most', ['most', 'the majority of', 'most of', 'nearly all', 'the bulk of']),
  set('phrase-first', ['first', 'firstly', 'to begin with', 'initially', 'at first', 'in the first place']),
  set('phrase-finally', ['finally', 'lastly', 'in the end', 'eventually', 'ultimately', 'at last']),
  set('phrase-for-example', ['for example', 'for instance', 'such as', 'e.g.', 'including']),
  set('phrase-in-fact', ['in fact', 'actually', 'indeed', 'in reality', 'as a matter of fact', 'really']),
  set('phrase-according-to', ['according to', 'as stated by', 'as reported by', 'in the words of', 'per']),
  set('phrase-because-of-this', ['because of this', 'as a result', 'consequently', 'therefore', 'so']),
  set('phrase-whole', ['whole', 'entire', 'complete', 'total', 'full']),
  set('adverb-daily', ['daily', 'every day', 'each day', 'on a daily basis']),
  set('adverb-weekly', ['weekly', 'every week', 'each week', 'on a weekly basis']),
  set('adverb-regularly', ['regularly', 'on a regular basis', 'routinely']),
  // Swaps that cross word classes (a conjunction for a prepositional phrase, a tense for a
  // perfect): spinners make them although the result is often ungrammatical.
  set('swap-because', ['because', 'as a result of', 'because of', 'due to']),
  set('swap-before', ['before', 'earlier than', 'ahead of', 'prior to']),
  set('swap-after', ['after', 'later than', 'following']),
  set('swap-were', ['were', 'have been', 'had been']),
  set('swap-was', ['was', 'has been', 'had been']),
  set('swap-is', ['is', 'remains', 'stays', 'is still']),
  set('swap-are', ['are', 'remain', 'stay', 'are still']),
];

/**
 * A verb and the wordier phrases that say the same with a light verb and a noun ("decide" /
 * "make a decision"). Compiled into the reverse thesaurus (both directions) so that the
 * lemmatise-and-re-inflect path applies: "made a decision" <- "decided", "tries" <- "makes an attempt".
 */
export const LIGHT_VERB_PHRASES: readonly (readonly [verb: string, phrases: readonly string[]])[] = [
  ['decide', ['make a decision', 'come to a decision', 'reach a decision', 'take a decision']],
  ['try', ['make an attempt', 'make an effort']],
  ['attempt', ['make an attempt']],
  ['agree', ['come to an agreement', 'reach an agreement', 'reach agreement']],
  ['conclude', ['come to a conclusion', 'reach a conclusion', 'draw a conclusion']],
  ['consider', ['take into consideration', 'give consideration to', 'take into account']],
  ['investigate', ['carry out an investigation', 'conduct an investigation', 'launch an investigation into']],
  ['analyse', ['carry out an analysis of', 'perform an analysis of']],
  ['analyze', ['carry out an analysis of', 'perform an analysis of']],
  ['assist', ['provide assistance', 'give assistance', 'lend a hand']],
  ['help', ['provide assistance', 'give a hand', 'lend a hand']],
  ['announce', ['make an announcement']],
  ['recommend', ['make a recommendation']],
  ['suggest', ['make a suggestion', 'put forward']],
  ['discuss', ['have a discussion about', 'hold talks on', 'talk about']],
  ['examine', ['carry out an examination of', 'take a look at', 'have a look at']],
  ['look', ['take a look', 'have a look']],
  ['review', ['carry out a review of', 'conduct a review of']],
  ['complain', ['make a complaint', 'file a complaint', 'lodge a complaint']],
  ['pay', ['make a payment', 'make payment']],
  ['arrest', ['make an arrest', 'take into custody']],
  ['visit', ['pay a visit to', 'make a visit to']],
  ['respond', ['give a response', 'make a response']],
  ['reply', ['give a reply', 'make a reply']],
  ['state', ['make a statement']],
  ['claim', ['make a claim', 'lay claim']],
  ['promise', ['make a promise']],
  ['choose', ['make a choice']],
  ['change', ['make a change', 'make changes']],
  ['improve', ['make improvements', 'make an improvement']],
  ['apologise', ['make an apology', 'offer an apology', 'issue an apology']],
  ['apologize', ['make an apology', 'offer an apology', 'issue an apology']],
  ['warn', ['issue a warning', 'give a warning']],
  ['rise', ['go up', 'increase']],
  ['fall', ['go down', 'decrease', 'drop']],
  ['continue', ['carry on', 'go on', 'keep on']],
  ['begin', ['get started', 'set about']],
  ['finish', ['bring to an end', 'come to an end', 'wrap up']],
  ['end', ['bring to an end', 'come to an end', 'put an end to']],
  ['increase', ['give a boost to']],
  ['use', ['make use of', 'make use']],
  ['need', ['be in need of', 'have need of']],
  ['intend', ['have the intention of', 'have the intention to']],
  ['expect', ['have the expectation that']],
  ['oppose', ['be opposed to', 'be against']],
  ['support', ['be in favour of', 'be in favor of', 'give support to', 'lend support to']],
  ['depend', ['be dependent on', 'be dependent upon']],
  ['fail', ['be unsuccessful', 'fall short']],
];

/** Looks up the sets a word or phrase belongs to. */
export class ClosedClassIndex {
  private readonly byMember = new Map<string, ConfusionSet[]>();
  readonly maxPhraseLength: number;

  constructor(sets: readonly ConfusionSet[]) {
    let max = 1;
    for (const s of sets) {
      for (const m of s.members) {
        const list = this.byMember.get(m) ?? [];
        list.push(s);
        this.byMember.set(m, list);
        max = Math.max(max, m.split(' ').length);
      }
    }
    this.maxPhraseLength = Math.max(max, 3);
  }

  /** First words of every multi-word member and spelled-out number ("in", "nineteen", ...). */
  phraseFirstWords(): Set<string> {
    const out = new Set<string>();
    for (const m of this.byMember.keys()) if (m.includes(' ')) out.add(m.slice(0, m.indexOf(' ')));
    for (const f of numberPhraseFirstWords()) out.add(f);
    return out;
  }

  has(wordOrPhrase: string): boolean {
    const key = normaliseKey(wordOrPhrase);
    return this.byMember.has(key) || spelledNumberForms(key).length > 0 || digitsFor(key) !== null;
  }

  /** Other members of every set containing the key, plus number spellings. Order: set order. */
  alternatives(wordOrPhrase: string): string[] {
    const key = normaliseKey(wordOrPhrase);
    const out = new Set<string>();
    for (const s of this.byMember.get(key) ?? []) for (const m of s.members) if (m !== key) out.add(m);
    for (const f of spelledNumberForms(key)) out.add(f);
    const digits = digitsFor(key);
    if (digits) for (const d of digits) out.add(d);
    out.delete(key);
    return [...out];
  }
}

let wordsToDigits: Map<string, string[]> | null = null;

function numberPhraseFirstWords(): string[] {
  digitsFor('');
  return [...(wordsToDigits?.keys() ?? [])].filter((k) => k.includes(' ')).map((k) => k.slice(0, k.indexOf(' ')));
}

/** The reverse of spelledNumberForms for the forms it makes: "twenty five" -> ["25"]. */
export function digitsFor(phrase: string): string[] | null {
  if (!wordsToDigits) {
    wordsToDigits = new Map();
    const add = (token: string): void => {
      for (const f of spelledNumberForms(token)) {
        const list = wordsToDigits?.get(f) ?? [];
        if (!list.includes(token)) list.push(token);
        wordsToDigits?.set(f, list);
      }
    };
    for (let n = 0; n < 100; n++) {
      add(String(n));
      if (n > 0) add(`${n}${ordinalSuffix(n)}`);
    }
    for (let d = 2; d < 10; d++) add(`${d}0s`);
    for (let c = 11; c <= 20; c++) for (let d = 0; d < 10; d++) add(`${c}${d}0s`);
    for (let y = 1100; y < 2100; y++) add(String(y));
  }
  return wordsToDigits.get(normaliseKey(phrase).replace(/-/g, ' ')) ?? wordsToDigits.get(normaliseKey(phrase)) ?? null;
}

export function normaliseKey(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, ' ');
}
