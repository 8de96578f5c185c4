/**
 * Who is in the text: named people and organisations found as runs of capitalised words, and
 * the resolution of a speaker's noun phrase ("he", "the bloc", "the outlet's sources",
 * "a Treasury spokesman", "Health Minister Sofia Marquez") to a name.
 *
 * Resolution rules, in the order tried:
 * - a name in the phrase: titles are stripped ("Health Minister Sofia Marquez" -> "Sofia
 *   Marquez"), a surname alone joins the full name seen before ("Marquez");
 * - he/she: the latest speaker of that gender (or unknown gender) in this or the two previous
 *   paragraphs, else the latest such person mentioned; it: the latest organisation; they: the
 *   latest group or organisation speaker;
 * - "the ministry", "the bloc", "the outlet": the latest organisation whose name holds the noun
 *   or that was described by it, else the latest organisation of the right sort (publishers for
 *   outlet/daily/newspaper, others for bloc/ministry/company);
 * - "a spokeswoman" with no name: the latest organisation (the one she speaks for);
 * - possessives ("the outlet's sources"): the owner, with the sources as the relayed source;
 * - anything else stays as its noun phrase without the article ("industry groups").
 */
import {
  AUX, CAPITALISED_FUNCTION_WORDS, CLAUSE_OPENERS, CUES, DETERMINERS, FEMALE_WORDS, MALE_WORDS,
  MEDIA_WORDS, MONTHS_DAYS, ORG_NOUNS, ORG_WORDS, PERSON_ROLES, PREPOSITIONS, TITLE_WORDS,
} from './lexicon.js';
import { isGivenName, isKnownOrganisation, isPlace, isSurname, nameGender } from './gazetteer.js';
import type { Tok } from './tokens.js';

export type EntityType = 'person' | 'org' | 'unknown';

export interface Entity {
  name: string;
  type: EntityType;
  gender: 'f' | 'm' | null;
  media: boolean;
  /** Lower-case name tokens, for surname links. */
  parts: string[];
  /** Common nouns the text used for it ("outlet", "spokeswoman"). */
  nouns: Set<string>;
  /** Several named parties speaking together ("Lac Minerals Ltd and Cambior Inc"). */
  group?: boolean;
  /** A known place ("Ohio", "Cape Town"): never what he/she refers to. */
  place?: boolean;
}

interface Mention {
  entity: Entity;
  pos: number;
  para: number;
  /** One capitalised word opening a sentence: maybe a name, maybe just the first word ("Cash flows"). */
  initial?: boolean;
  /** The sentence opens with it ("But Lyng said ..."): the likely subject. */
  lead?: boolean;
}

interface SpeakerMemory {
  name: string;
  entity: Entity | null;
  pos: number;
  para: number;
  plural: boolean;
  /** An unnamed person ("the official", "one dealer"), reachable by he/she. */
  person: boolean;
}

export interface Resolved {
  speaker: string | null;
  entity: Entity | null;
  /** A source relayed through the speaker ("Nikkei Asia's sources"). */
  relayed?: string;
  /** A pronoun with no antecedent before it: a later speaker may still name it (cataphora). */
  pronoun?: string;
  /** A plural or joint speaker ("analysts", "Lac Minerals Ltd and Cambior Inc"). */
  plural?: boolean;
  /** Found by looking back (a pronoun, "the company"): it names no one new. */
  anaphoric?: boolean;
}

/** Whether a later speaker can be what an unresolved pronoun refers to ("It said ... Spartech said"). */
export function pronounFits(pronoun: string, r: Resolved): boolean {
  // Only a speaker introduced here can be named ahead: a name, or an indefinite plural
  // ("analysts"); "the government said" points back itself, so it is no antecedent.
  if (!r.speaker || r.pronoun || r.anaphoric) return false;
  const plural = !!r.plural || !!r.entity?.group;
  if (pronoun === 'he' || pronoun === 'she') {
    return !!r.entity && r.entity.type !== 'org' && !plural && (r.entity.gender === null || r.entity.gender === (pronoun === 'she' ? 'f' : 'm'));
  }
  if (pronoun === 'it') return !!r.entity && r.entity.type !== 'person' && !plural;
  if (pronoun === 'they') return plural;
  return false;
}

/** Capitalised wherever they stand, so their capital says nothing about a name. */
const ALWAYS_CAPITALISED = new Set(['i', 'mr', 'mrs', 'ms', 'dr']);
const TITLE_MODIFIERS = new Set(['first', 'former', 'acting', 'late']);
/** How many earlier speakers or mentions a look-back visits: bounds the work per phrase, so a
 * huge single paragraph stays linear (an antecedent further back than this is a guess anyway). */
const LOOKBACK = 200;
const CONNECTORS = new Set(['of', 'for', 'de', 'van', 'von', 'al', 'bin', 'la', 'le', 'du', 'der', 'da', 'di', 'del', '&']);
/** Company legal forms: a name ending in one is complete. */
const LEGAL_FORMS = new Set(['inc', 'co', 'corp', 'corporation', 'ltd', 'plc', 'llc', 'ag', 'gmbh', 'sa', 'nv', 'bv', 'spa', 'ab', 'as', 'oy', 'kk', 'lp', 'llp']);
/** Nouns for a business: "the company" may refer to a name of unknown kind. */
const BUSINESS_NOUNS = new Set(['company', 'firm', 'group', 'carrier', 'airline', 'bank', 'lender', 'insurer', 'retailer', 'manufacturer', 'producer', 'operator', 'giant', 'business', 'concern', 'conglomerate', 'corporation', 'supplier', 'developer', 'miner', 'refiner', 'startup', 'chain']);
/** Endings of common adjectives and nouns: a capitalised word so ending that opens a sentence is no name. */
const COMMON_SUFFIX = /(ive|al|ous|ing|ed|ly|ment|tion|sion|ity|ness|able|ible|ic|ary|ers|ies)$/;
const PRONOUNS = new Set(['he', 'she', 'it', 'they', 'we', 'i']);

/** A title word, also inside hyphenated titles ("Vice-Premier", "Secretary-General"). */
function isTitle(w: string): boolean {
  return TITLE_WORDS.has(w) || (w.includes('-') && w.split('-').some((part) => TITLE_WORDS.has(part)));
}

function singular(w: string): string {
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.replace(/ies$/, 'y').replace(/s$/, '') : w;
}

function isNameToken(t: Tok): boolean {
  if (t.kind !== 'word' || !t.cap) return false;
  // "US-led", "Jeddah-based": adjectives made from names.
  if (/-\p{Ll}/u.test(t.text) && !/-\p{Lu}/u.test(t.text)) return false;
  return !MONTHS_DAYS.has(t.lower);
}

/** A given name as written: capitalised, not an all-capitals code ("IRA"). */
function givenAt(t: Tok): boolean {
  return !/^\p{Lu}[\p{Lu}.]+$/u.test(t.text) && isGivenName(t.lower);
}

export class Discourse {
  readonly entities: Entity[] = [];
  private readonly byName = new Map<string, Entity>();
  private readonly mentions: Mention[] = [];
  private readonly speakers: SpeakerMemory[] = [];

  /** Finds the capitalised runs of a sentence and records them as mentions. */
  scan(toks: Tok[], para: number): void {
    for (const run of this.runs(toks, 0, toks.length, true)) {
      const e = this.entityOf(toks, run[0], run[1]);
      const lead = run[0] === 0 || (run[0] === 1 && CAPITALISED_FUNCTION_WORDS.has(toks[0].lower));
      if (e) this.mentions.push({ entity: e, pos: toks[run[0]].start, para, initial: run[0] === 0 && run[1] === 1, lead });
    }
  }

  /** Capitalised runs [from, to) of token indexes in toks[lo, hi). */
  private runs(toks: Tok[], lo: number, hi: number, sentenceStart: boolean): [number, number][] {
    const out: [number, number][] = [];
    let i = lo;
    while (i < hi) {
      const t = toks[i];
      const first = sentenceStart && i === 0;
      // Inside a sentence a capital is meaningful: "But First Interstate said" names "First Interstate".
      // "Police Scotland", "Police Federation": an organisation named after its force.
      const policeName = t.lower === 'police' && i + 1 < hi && isNameToken(toks[i + 1]) && !CAPITALISED_FUNCTION_WORDS.has(toks[i + 1].lower);
      const inName = policeName || i > 0 && !ALWAYS_CAPITALISED.has(t.lower) && toks[i - 1].kind === 'word' && i + 1 < hi && isNameToken(toks[i + 1]) && !CAPITALISED_FUNCTION_WORDS.has(toks[i + 1].lower);
      // Sentence adverbs ("Separately, ...") open sentences with a capital too.
      if (!isNameToken(t) || (CAPITALISED_FUNCTION_WORDS.has(t.lower) && !inName) || (first && /ly$/.test(t.lower))) {
        i++;
        continue;
      }
      // A stock ticker in angle brackets ("Salomon Inc's <SB>") names no one.
      if (toks[i - 1]?.text === '&lt;' && toks[i + 1]?.text === '>' && /^[\p{Lu}\p{N}.]+$/u.test(t.text) && (i < 2 || toks[i - 2].kind === 'word')) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < hi) {
        if (isNameToken(toks[j])) j++;
        // "Norcros <NCRO.L> Plc": a ticker inside a name.
        else if (toks[j].text === '&lt;' && toks[j + 2]?.text === '>' && j + 3 < hi && isNameToken(toks[j + 3])) j += 4;
        // "Semiconducting material Industry Association": a spinner lower-cased a word inside an
        // organisation's name; the name goes on when it ends in an organisation word.
        else if (this.bridges(toks, j, hi)) j++;
        // Initials: "H.J. Heinz", "E.F. Hutton".
        else if (toks[j].text === '.' && toks[j].start === toks[j - 1].end && /^(\p{Lu}\.)*\p{Lu}$/u.test(toks[j - 1].text) && j + 1 < hi && isNameToken(toks[j + 1])) j += 2;
        else if (this.joins(toks, j) && j + 1 < hi && isNameToken(toks[j + 1])) j += 2;
        else if (toks[j].lower === 'of' && this.joins(toks, j) && toks[j + 1]?.lower === 'the' && j + 2 < hi && isNameToken(toks[j + 2])) j += 3;
        else if (this.andInName(toks, i, j, hi)) j++;
        else break;
      }
      // A capitalised common word opening a sentence ("Climate scientist", "Shipping companies").
      const nextLower = toks[j]?.kind === 'word' && !toks[j].cap ? singular(toks[j].lower) : '';
      // A gerund ("Shipping companies") but not a name ending so ("Boeing said", "Manning said").
      const gerund = /ing$/.test(t.lower) && !isKnownOrganisation(t.lower) && !isSurname(t.lower) && !isGivenName(t.lower) && !(toks[j]?.kind === 'word' && (CUES.has(toks[j].lower) || AUX.has(toks[j].lower)));
      if (first && j === i + 1 && (TITLE_WORDS.has(t.lower) || gerund || PERSON_ROLES.has(nextLower) || ORG_NOUNS.has(nextLower) || TITLE_WORDS.has(nextLower))) {
        i = j;
        continue;
      }
      out.push([i, j]);
      i = j;
    }
    return out;
  }

  /**
   * Whether "and" at toks[j] sits inside one organisation's name: "Kansas Power and Light Co",
   * "Sarlen and Associates Inc", "Standard and Poor's Corp" - the words after it end in an
   * organisation word within a few words, and the words before it neither end in a legal form
   * ("Lac Minerals Ltd and Cambior Inc" are two) nor start with a given name ("John Smith and Acme Inc").
   */
  private andInName(toks: Tok[], i: number, j: number, hi: number): boolean {
    if ((toks[j].lower !== 'and' && toks[j].text !== '&') || !isNameToken(toks[j + 1] ?? toks[j])) return false;
    if (LEGAL_FORMS.has(toks[j - 1].lower.replace(/\.$/, '')) || givenAt(toks[i])) return false;
    let k = j + 1;
    while (k < hi && k - j <= 4 && (isNameToken(toks[k]) || toks[k].lower === "'s" || toks[k].lower === '’s')) k++;
    return k > j + 1 && ORG_WORDS.has(toks[k - 1].lower);
  }

  /** Whether the lower-case word toks[j] sits inside an organisation's name (see runs). */
  private bridges(toks: Tok[], j: number, hi: number): boolean {
    const t = toks[j];
    if (t.kind !== 'word' || t.cap || !/^\p{L}+$/u.test(t.text) || CLAUSE_OPENERS.has(t.lower) || PREPOSITIONS.has(t.lower) || DETERMINERS.has(t.lower) || CONNECTORS.has(t.lower) || ORG_NOUNS.has(t.lower) || PERSON_ROLES.has(t.lower)) return false;
    if (/(ed|ing|ly)$/.test(t.lower)) return false;
    let k = j + 1;
    while (k < hi && k - j <= 4 && isNameToken(toks[k])) k++;
    return k > j + 1 && ORG_WORDS.has(toks[k - 1].lower);
  }

  /**
   * Whether toks[j] joins two capitalised words into one name: a possessive ("People's Daily"),
   * a particle ("Ludwig van Beethoven"), or "of" after an institution or a title ("Ministry of
   * Foreign Affairs", "Chancellor of the Exchequer") but not after a person ("Keefe of Cargill").
   */
  private joins(toks: Tok[], j: number): boolean {
    const w = toks[j].lower;
    if (w === "'s" || w === '’s') return true;
    if (w === 'of' || w === 'for') {
      const prev = toks[j - 1]?.lower ?? '';
      return ORG_WORDS.has(prev) || TITLE_WORDS.has(prev) || ORG_NOUNS.has(prev);
    }
    return CONNECTORS.has(w);
  }

  /** The entity a capitalised run names, registering it when new. */
  private entityOf(toks: Tok[], from: number, to: number): Entity | null {
    const words = toks.slice(from, to).filter((t, n, all) => t.text !== '&lt;' && t.text !== '>' && all[n - 1]?.text !== '&lt;');
    const lowers = words.map((w) => w.lower);
    const before = from > 0 ? toks[from - 1] : undefined;
    const after = to < toks.length ? toks[to] : undefined;
    const afterNoun = after && after.kind === 'word' && !after.cap ? singular(after.lower) : '';
    // Trailing plain name tokens: the person's name after any titles.
    let k = words.length;
    while (k > 0 && !isTitle(lowers[k - 1]) && !ORG_WORDS.has(lowers[k - 1]) && !CONNECTORS.has(lowers[k - 1]) && lowers[k - 1] !== "'s" && lowers[k - 1] !== '’s' && lowers[k - 1] !== 'the' && !/^\p{Lu}[\p{Lu}.]+$/u.test(words[k - 1].text)) k--;
    // "Ministry of Foreign Affairs": a title word after "of" inside an institution's name.
    const ofInside = lowers.slice(0, k).some((w, n) => (w === 'of' || w === 'for') && n > 0 && (ORG_WORDS.has(lowers[0]) || ORG_WORDS.has(lowers[n - 1])));
    // "First", "former", "acting" are titles only before another title ("First Deputy Premier"):
    // "First Interstate" is a name.
    // A known given name after other capitalised words starts the person's name: the words
    // before it are a title, also one a spinner swapped ("Wellness Curate Sofia Marquez").
    // Also after a title word ("Trade Curate Karl Brandt": "Curate" is a swapped "Minister").
    if (words.length - k > 2 && !lowers.some((w) => ORG_WORDS.has(w) || CONNECTORS.has(w) || w === "'s" || w === '’s')) {
      const given = lowers.findIndex((w, n) => n > k && n < words.length - 1 && givenAt(words[n]) && !givenAt(words[n - 1]));
      // Initials before it are part of the name ("J. Henry Schroder Wagg"), not a title.
      if (given > 0 && !words.slice(0, given).some((w) => w.text === '.' || /^\p{Lu}$/u.test(w.text))) k = given;
    }
    const titled = k > 0 && k < words.length && (isTitle(lowers[k - 1]) || givenAt(words[k])) && !ofInside && !(TITLE_MODIFIERS.has(lowers[k - 1]) && !words.slice(0, k - 1).some((w) => isTitle(w.lower)));
    const hasOrgWord = lowers.some((w) => ORG_WORDS.has(w)) || ORG_NOUNS.has(afterNoun) && !PERSON_ROLES.has(afterNoun);
    const acronym = words.length === 1 && /^\p{Lu}[\p{Lu}\p{N}&]+$/u.test(words[0].text);
    const titleBefore = before && before.kind === 'word' && !before.cap && TITLE_WORDS.has(before.lower);
    let type: EntityType;
    let nameToks: Tok[];
    if (titled || (titleBefore && !hasOrgWord && !acronym)) {
      type = 'person';
      nameToks = titled ? words.slice(k) : words;
    } else if (hasOrgWord || acronym) {
      type = 'org';
      nameToks = words;
    } else {
      // A given name first, or a known surname last ("Glen Grimes", "Mr X Alvarez"), makes a person;
      // a known organisation ("Interpol") an organisation.
      const lowerName = lowers.join(' ');
      type = givenAt(words[0]) || (words.length > 1 && isSurname(lowers[words.length - 1])) ? 'person' : isKnownOrganisation(lowerName) ? 'org' : 'unknown';
      nameToks = words;
    }
    if (!nameToks.length) return null;
    const name = nameToks.map((t, n) => (n > 0 && t.start > nameToks[n - 1].end ? ' ' : '') + t.text).join('');
    const parts = nameToks.map((t) => t.lower);
    let gender: 'f' | 'm' | null = null;
    const genderWords = [...lowers.slice(0, Math.max(0, words.length - nameToks.length)), before?.lower ?? ''];
    const given = type === 'person' && nameToks.length > 1 ? nameGender(parts[0]) : null;
    if (genderWords.some((w) => FEMALE_WORDS.has(w)) || given === 'f') gender = 'f';
    else if (genderWords.some((w) => MALE_WORDS.has(w)) || given === 'm') gender = 'm';
    if (gender && type === 'unknown') type = 'person';

    const existing = this.link(name, parts, type);
    const e = existing ?? { name, type, gender, media: false, parts, nouns: new Set<string>() };
    if (!existing) {
      this.entities.push(e);
      this.byName.set(name.toLowerCase(), e);
    }
    if (e.type === 'unknown' && type !== 'unknown') e.type = type;
    if (e.type === 'unknown' && isPlace(name.toLowerCase())) e.place = true;
    if (!e.gender && gender) e.gender = gender;
    if (lowers.some((w) => MEDIA_WORDS.has(w)) || MEDIA_WORDS.has(afterNoun)) e.media = true;
    if (afterNoun && (ORG_NOUNS.has(afterNoun) || PERSON_ROLES.has(afterNoun))) e.nouns.add(afterNoun);
    if (before && before.kind === 'word' && !before.cap && PERSON_ROLES.has(before.lower)) e.nouns.add(before.lower);
    for (const w of lowers) if (PERSON_ROLES.has(w) || ORG_NOUNS.has(w)) e.nouns.add(w);
    return e;
  }

  /** An earlier entity this name refers to: the same name, or a surname of a longer name. */
  private link(name: string, parts: string[], type: EntityType): Entity | null {
    const key = name.toLowerCase();
    const same = this.byName.get(key);
    if (same) return same;
    if (parts.length === 1 && type !== 'org') {
      // A speaker first: "Heinz said" after "H.J. Heinz Co said" is the company, not Henry Heinz.
      for (let n = this.speakers.length - 1; n >= Math.max(0, this.speakers.length - 200); n--) {
        const e = this.speakers[n].entity;
        if (e && e.parts.length > 1 && e.parts.includes(parts[0])) return e;
      }
      for (let n = this.entities.length - 1; n >= Math.max(0, this.entities.length - 200); n--) {
        const e = this.entities[n];
        if (e.parts.length > 1 && e.type !== 'org' && e.parts.includes(parts[0])) return e;
      }
    }
    return null;
  }

  remember(r: Resolved, pos: number, para: number, plural = false): void {
    const head = singular(r.speaker?.split(' ').pop()?.toLowerCase() ?? '');
    // Also a name written without capitals ("john lee", "smith"), known to the gazetteer.
    const words = r.speaker?.toLowerCase().split(' ') ?? [];
    const lowerName = words.length > 0 && words.length <= 3 && r.speaker === r.speaker?.toLowerCase() && (isGivenName(words[0]) || isSurname(words[words.length - 1]));
    const person = !r.entity && !plural && (PERSON_ROLES.has(head) || lowerName);
    if (r.speaker) this.speakers.push({ name: r.speaker, entity: r.entity, pos, para, plural: plural || !!r.plural || !!r.entity?.group, person });
    if (r.entity) this.mentions.push({ entity: r.entity, pos, para });
  }

  /** The latest person mentioned in [from, to), e.g. the subject of the sentence before a quote. */
  personBetween(from: number, to: number): Entity | null {
    for (let n = this.mentions.length - 1; n >= 0; n--) {
      const m = this.mentions[n];
      if (m.pos < from) break;
      if (m.pos < to && m.entity.type === 'person') return m.entity;
    }
    return null;
  }

  /**
   * "Lac Minerals Ltd and Cambior Inc said": two names joined by "and" that each stand alone
   * (an organisation, or a person's full name) speak together, as one group entity that
   * "they" and "the companies" can later refer to. "Trade and Industry Minister X" is not one.
   */
  private jointNames(toks: Tok[], runs: [number, number][], chosen: [number, number], to: number): Entity | null {
    const at = runs.indexOf(chosen);
    if (at < 1 || chosen[1] !== to) return null;
    const prev = runs[at - 1];
    if (chosen[0] !== prev[1] + 1 || !['and', '&'].includes(toks[prev[1]].lower)) return null;
    const a = this.entityOf(toks, prev[0], prev[1]);
    const b = this.entityOf(toks, chosen[0], chosen[1]);
    const standsAlone = (e: Entity | null) => !!e && !e.group && (e.type === 'org' || (e.type === 'person' && e.parts.length > 1));
    if (!standsAlone(a) || !standsAlone(b) || !a || !b || a === b) return null;
    const name = `${a.name} and ${b.name}`;
    const existing = this.byName.get(name.toLowerCase());
    if (existing) return existing;
    const group: Entity = { name, type: a.type === b.type ? a.type : 'unknown', gender: null, media: false, parts: [...a.parts, 'and', ...b.parts], nouns: new Set(), group: true };
    if (a.type === 'org' && b.type === 'org') group.type = 'org';
    this.entities.push(group);
    this.byName.set(name.toLowerCase(), group);
    return group;
  }

  /** Resolves a speaker noun phrase toks[from, to) at `pos`. */
  resolve(toks: Tok[], from: number, to: number, pos: number, para: number): Resolved {
    // "<Financial institution of Montreal>": newswires bracket company names, so the brackets
    // hold a name even when a spinner has lower-cased words in it.
    if (toks[from].text === '&lt;') {
      let close = from + 1;
      while (close < to && toks[close].text !== '>' && close - from < 12) close++;
      if (close < to && close > from + 1 && toks[from + 1].cap) {
        const e = this.entityOf(toks, from + 1, close);
        if (e) return { speaker: e.name, entity: e };
      }
    }

    // Trim punctuation, the article and trailing appositives/relatives.
    while (from < to && toks[from].kind !== 'word') from++;
    while (to > from && toks[to - 1].kind !== 'word') to--;
    if (from >= to) return { speaker: null, entity: null };
    const np = toks.slice(from, to);
    if (np.length === 1 && PRONOUNS.has(np[0].lower)) return this.pronoun(np[0].lower, pos, para, toks[0].start);

    const possessive = np.findIndex((t) => t.lower === "'s" || t.lower === '’s');
    // Only a possessive at the head ("the outlet's sources"), not one inside a complement
    // ("a person familiar with the company's plans").
    if (possessive > 0 && possessive < np.length - 1 && !np[possessive + 1].cap && !np.slice(0, possessive).some((t) => PREPOSITIONS.has(t.lower) || t.lower === 'familiar')) {
      const owner = this.resolve(toks, from, from + possessive, pos, para);
      const head = np.slice(possessive + 1).map((t) => t.text).join(' ');
      if (owner.speaker) return { speaker: owner.speaker, entity: owner.entity, relayed: `${owner.speaker}'s ${head}` };
    }

    // A name in the phrase: the head run, before any "of"/"at" complement.
    const runs = this.runs(toks, from, to, from === 0);
    // "Officials in Lagos", "a nurse at Mercy General": a common noun located by a name is not
    // that name (a spokesperson "for" an organisation still points to it).
    const locPrep = runs.length > 0 ? (DETERMINERS.has(toks[runs[0][0] - 1]?.lower ?? '') ? runs[0][0] - 2 : runs[0][0] - 1) : -1;
    const located = runs.length > 0 && locPrep > from && ['in', 'at', 'near', 'across'].includes(toks[locPrep].lower)
      && toks.slice(from, locPrep).some((t) => t.kind === 'word' && !DETERMINERS.has(t.lower) && !t.cap || CAPITALISED_FUNCTION_WORDS.has(t.lower) && !DETERMINERS.has(t.lower));
    if (runs.length && !located) {
      let chosen = runs[0];
      for (const r of runs) {
        const between = toks.slice(chosen[1], r[0]);
        if (between.some((t) => t.text === ',' || PREPOSITIONS.has(t.lower))) break;
        chosen = r;
      }
      const headAfter = toks.slice(chosen[1], to).filter((t) => t.kind === 'word');
      // "a Treasury spokesman", "Thai officials": a proper word modifying a common noun.
      const last = headAfter[headAfter.length - 1]?.lower ?? '';
      // "a leading Yugoslav newspaper": an indefinite phrase introduces someone unnamed; the
      // proper word only describes it.
      const indefinite = ['a', 'an', 'one', 'another'].includes(toks[from].lower) && headAfter.length > 0 && !headAfter.some((t) => PREPOSITIONS.has(t.lower));
      const roleHead = headAfter.length > 0 && (PERSON_ROLES.has(singular(last)) || (/[^s]s$/.test(last) && !ORG_NOUNS.has(singular(last)))) && !headAfter.some((t) => PREPOSITIONS.has(t.lower));
      // "the Russian foreign ministry": one proper adjective before an organisation noun names
      // that organisation, described.
      const lastHead = singular(last);
      if (!roleHead && !indefinite && chosen[1] - chosen[0] === 1 && headAfter.length > 0 && headAfter.length <= 3 && ORG_NOUNS.has(lastHead) && /(an|ese|ish|ch|i)$/.test(toks[chosen[0]].lower) && !headAfter.some((t) => t.cap || PREPOSITIONS.has(t.lower))) {
        const words = toks.slice(chosen[0], to).filter((t) => t.kind === 'word');
        return { speaker: words.map((t) => t.text).join(' '), entity: null };
      }
      if (!roleHead && !indefinite) {
        const joint = this.jointNames(toks, runs, chosen, to);
        if (joint) return { speaker: joint.name, entity: joint, plural: true };
        const e = this.entityOf(toks, chosen[0], chosen[1]);
        if (e) return { speaker: e.name, entity: e };
      }
    }

    // A common noun phrase.
    const words = np.filter((t) => t.kind === 'word');
    let headIdx = words.length - 1;
    const cut = words.findIndex((t, n) => n > 0 && (PREPOSITIONS.has(t.lower) || CLAUSE_OPENERS.has(t.lower)) && t.lower !== 'and');
    if (cut > 0) headIdx = cut - 1;
    const head = singular(words[headIdx].lower);
    const det = words[0].lower;
    const definite = det === 'the' || det === 'its' || det === 'this' || det === 'that';
    // As written: a possessive stays on its noun ("the company's plans").
    const plain = words.slice(DETERMINERS.has(det) && (det === 'the' || det === 'a' || det === 'an') ? 1 : 0).map((t, n, all) => (n > 0 && t.start > all[n - 1].end ? ' ' : '') + t.text).join('');
    const hasProper = words.slice(0, headIdx).some((t) => t.cap && !CAPITALISED_FUNCTION_WORDS.has(t.lower));
    // Text without capitals ("information minister marco lara"): the words after the last title.
    const lastTitle = words.map((t) => isTitle(t.lower)).lastIndexOf(true);
    if (!hasProper && !DETERMINERS.has(det) && lastTitle >= 0 && lastTitle < words.length - 1 && !PERSON_ROLES.has(singular(words[words.length - 1].lower)) && !ORG_NOUNS.has(singular(words[words.length - 1].lower))) {
      return { speaker: words.slice(lastTitle + 1).map((t) => t.text).join(' '), entity: null };
    }
    if (!hasProper) {
      if (/^spokes/.test(head) || (definite && PERSON_ROLES.has(head))) {
        const person = definite ? this.latest(pos, para, (e) => e.type !== 'org' && e.nouns.has(head)) : null;
        if (person) return { speaker: person.name, entity: person, anaphoric: true };
        if (/^spokes/.test(head)) {
          // The organisation a spokesperson speaks for has spoken already ("The ministry said ...").
          const org = this.latestSpeaker(pos, para, (e) => e.type === 'org');
          if (org) return { speaker: org.name, entity: org, anaphoric: true };
        }
      } else if (definite && (ORG_NOUNS.has(head) || /.maker$/.test(head))) {
        const org = this.organisationFor(head, words[headIdx].lower !== head, pos, para);
        if (org === 'nominal') return { speaker: plain || null, entity: null, anaphoric: true };
        if (org) return { speaker: org.name, entity: org, anaphoric: true, plural: org.group };
      }
    }
    return { speaker: plain || null, entity: null, plural: singular(words[headIdx].lower) !== words[headIdx].lower, anaphoric: definite };
  }

  /**
   * What "the company" / "the bank" / "the companies" refers to, in order: an organisation named
   * or described with that noun; the same description used by an earlier speaker (it stays a
   * description); the latest organisation that spoke (plural nouns: a joint speaker); the latest
   * publisher for "the outlet"; else the latest organisation mentioned; else the description
   * stays ("company").
   */
  private organisationFor(head: string, plural: boolean, pos: number, para: number): Entity | 'nominal' | null {
    const described = this.latest(pos, para, (e) => e.type !== 'person' && !e.group === !plural && (e.parts.includes(head) || e.nouns.has(head)));
    if (described) return described;
    // A newspaper is not "the bank", nor a bank "the daily".
    const media = MEDIA_WORDS.has(head);
    for (let n = this.speakers.length - 1; n >= Math.max(0, this.speakers.length - LOOKBACK); n--) {
      const s = this.speakers[n];
      if (s.para < para - 3) break;
      if (s.pos >= pos) continue;
      if (!s.entity && singular(s.name.split(' ').pop()?.toLowerCase() ?? '') === head) return 'nominal';
      if (!s.entity || s.entity.media !== media) continue;
      if (s.entity.type === 'org' && !s.entity.group === !plural) return s.entity;
      if (s.entity.type === 'unknown' && !plural) return s.entity;
    }
    if (plural) return null;
    if (media) return this.latest(pos, para, (e) => e.type === 'org' && e.media);
    // With no organisation known, a business noun ("the company", "the carmaker") takes the
    // latest name that is neither a person nor a place ("Tesla shares fell after the company said").
    return this.latest(pos, para, (e) => e.type === 'org' && !e.group && !e.media)
      ?? (BUSINESS_NOUNS.has(head) || head.endsWith('maker') ? this.latestLead(pos, para, (e) => e.type === 'unknown' && !e.place && !e.media && !e.group && e.parts.length <= 3 && !(e.parts.length === 1 && COMMON_SUFFIX.test(e.parts[0]))) : null);
  }

  private latestSpeaker(pos: number, para: number, ok: (e: Entity) => boolean): Entity | null {
    for (let n = this.speakers.length - 1; n >= Math.max(0, this.speakers.length - LOOKBACK); n--) {
      const s = this.speakers[n];
      if (s.para < para - 3) break;
      if (s.pos >= pos) continue;
      if (s.entity && ok(s.entity)) return s.entity;
    }
    return null;
  }

  private latestLead(pos: number, para: number, ok: (e: Entity) => boolean): Entity | null {
    for (let n = this.mentions.length - 1; n >= Math.max(0, this.mentions.length - LOOKBACK); n--) {
      const m = this.mentions[n];
      if (m.para < para - 3) break;
      if (m.pos < pos && m.lead && ok(m.entity)) return m.entity;
    }
    return null;
  }

  private latest(pos: number, para: number, ok: (e: Entity) => boolean, named = false): Entity | null {
    for (let n = this.mentions.length - 1; n >= Math.max(0, this.mentions.length - LOOKBACK); n--) {
      const m = this.mentions[n];
      if (m.para < para - 3) break;
      if (m.pos >= pos || (named && m.initial && m.entity.type === 'unknown')) continue;
      if (ok(m.entity)) return m.entity;
    }
    return null;
  }

  private pronoun(p: string, pos: number, para: number, sentenceStart: number): Resolved {
    if (p === 'he' || p === 'she') {
      const g = p === 'she' ? 'f' : 'm';
      // Not a place, nor an all-capitals code ("U.S", "EC"): people's names are not written so.
      const fits = (e: Entity | null) => !!e && e.type !== 'org' && !e.place && !/^[\p{Lu}.&]+$/u.test(e.name) && (e.gender === null || e.gender === g);
      for (let n = this.speakers.length - 1; n >= Math.max(0, this.speakers.length - LOOKBACK); n--) {
        const s = this.speakers[n];
        if (s.para < para - 2) break;
      if (s.pos >= pos) continue;
        if (s.entity && fits(s.entity)) return this.settle(s.entity, g);
        if (s.person) return { speaker: s.name, entity: null, anaphoric: true };
      }
      const exact = this.latest(pos, para, (e) => e.type !== 'org' && !e.place && e.gender === g);
      // Of names whose kind is unknown, a sentence's subject before any other ("Lyng ... in
      // Moscow ... he said" is Lyng).
      const any = this.latest(pos, para, (e) => e.type === 'person' && e.gender === null) ?? this.latestLead(pos, para, (e) => fits(e)) ?? this.latest(pos, para, (e) => fits(e));
      const e = exact ?? any;
      return e ? this.settle(e, g) : { speaker: null, entity: null, pronoun: p };
    }
    if (p === 'it') {
      for (let n = this.speakers.length - 1; n >= Math.max(0, this.speakers.length - LOOKBACK); n--) {
        const s = this.speakers[n];
        if (s.para < para - 2) break;
      if (s.pos >= pos) continue;
        // "it" is an organisation: never a person, named or not ("the official"), nor a group.
        if (s.person || s.entity?.group || (!s.entity && /[^s]s$/.test(s.name))) continue;
        if (!s.entity || s.entity.type !== 'person') return { speaker: s.name, entity: s.entity, anaphoric: true };
      }
      // A capitalised word of unknown kind in the same sentence ("30 mln N.Z. Dlrs ..., it
      // added") is too weak a candidate: only earlier sentences' ones count.
      const e = this.latest(pos, para, (x) => x.type === 'org' && !x.group) ?? this.latest(Math.min(pos, sentenceStart), para, (x) => x.type === 'unknown', true);
      return e ? { speaker: e.name, entity: e, anaphoric: true } : { speaker: null, entity: null, pronoun: p };
    }
    if (p === 'they') {
      for (let n = this.speakers.length - 1; n >= Math.max(0, this.speakers.length - LOOKBACK); n--) {
        const s = this.speakers[n];
        if (s.para < para - 2) break;
      if (s.pos >= pos) continue;
        if (s.plural || (s.entity && s.entity.type === 'org')) return { speaker: s.name, entity: s.entity, plural: s.plural, anaphoric: true };
      }
      const e = this.latest(pos, para, (x) => x.type === 'org');
      return e ? { speaker: e.name, entity: e, anaphoric: true } : { speaker: null, entity: null, pronoun: p };
    }
    return { speaker: null, entity: null };
  }

  private settle(e: Entity, g: 'f' | 'm'): Resolved {
    if (!e.gender) e.gender = g;
    if (e.type === 'unknown') e.type = 'person';
    return { speaker: e.name, entity: e, anaphoric: true };
  }
}
