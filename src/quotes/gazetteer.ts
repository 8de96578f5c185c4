/**
 * General knowledge of names, so that resolution does not rest on capitals alone: which words are
 * given names (and of which sex), surnames, places and well-known organisations. The lists come
 * from compromise's lexicon (see gazetteer-data.ts) joined with the hand lists in lexicon.ts;
 * loading them is a few string splits (~1 ms), so the quote finder stays fast.
 */
import { FEMALE_FIRST, FIRST, LAST, MALE_FIRST, ORGANISATIONS, PLACES } from './gazetteer-data.js';
import { FEMALE_NAMES, MALE_NAMES } from './lexicon.js';

const female = new Set([...FEMALE_FIRST.split('|'), ...FEMALE_NAMES]);
const male = new Set([...MALE_FIRST.split('|'), ...MALE_NAMES]);
const either = new Set(FIRST.split('|'));
const surnames = new Set(LAST.split('|'));
const places = new Set(PLACES.split('|'));
const organisations = new Set(ORGANISATIONS.split('|'));

/** Whether a lower-case word is a given name. */
export function isGivenName(w: string): boolean {
  return female.has(w) || male.has(w) || either.has(w);
}

/** The sex a given name points to; null when it is used for both or is not a given name. */
export function nameGender(w: string): 'f' | 'm' | null {
  const f = female.has(w);
  const m = male.has(w);
  return f && !m ? 'f' : m && !f ? 'm' : null;
}

export function isSurname(w: string): boolean {
  return surnames.has(w);
}

/** Whether a lower-case name ("ohio", "cape town") is a place. */
export function isPlace(name: string): boolean {
  return places.has(name);
}

/** Whether a lower-case name ("associated press", "ibm") is a known organisation. */
export function isKnownOrganisation(name: string): boolean {
  return organisations.has(name);
}
