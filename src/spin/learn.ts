/**
 * Learning a spinner's substitution dictionary from spun/original pairs: align the two word
 * sequences (Myers diff over lower-cased words), read each differing block as "spun phrase was
 * original phrase", and count. A spinner's dictionary is mechanical, so counts from a thousand
 * pairs turn restoration into a near-lookup that the language model only disambiguates.
 */
import { diffArrays } from 'diff';
import { MAX_LEARNED_PHRASE, SPIN_MODEL_FORMAT, SPIN_MODEL_VERSION, type SpinModel } from './model-file.js';

export interface SpinPair {
  spun: string;
  orig: string;
}

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export function learnWords(text: string): string[] {
  return (text.match(WORD_RE) ?? []).map((w) => w.toLowerCase().replace(/’/g, "'"));
}

/** Substitutions (spun phrase, original phrase) found by aligning one pair. */
export function alignPair(spunWords: string[], origWords: string[]): [string, string][] {
  const out: [string, string][] = [];
  const parts = diffArrays(origWords, spunWords);
  let lastEqual: string | null = null;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part.added && !part.removed) {
      lastEqual = part.value[part.value.length - 1] ?? null;
      continue;
    }
    let removed: string[] = [];
    let added: string[] = [];
    // A changed block is a run of removed/added parts between two equal parts.
    while (i < parts.length && (parts[i].added || parts[i].removed)) {
      if (parts[i].removed) removed = removed.concat(parts[i].value);
      else added = added.concat(parts[i].value);
      i++;
    }
    const nextEqual = i < parts.length ? (parts[i].value[0] ?? null) : null;
    i--;
    if (removed.length === 0 || added.length === 0) {
      // Pure insertion or deletion ("cash" -> "hard cash", "whether" -> "whether or not"): which
      // neighbour it belongs to is ambiguous, so learn both readings; the wrong one stays rare.
      const readings: [string[], string[]][] = [];
      if (lastEqual !== null) readings.push([[lastEqual, ...removed], [lastEqual, ...added]]);
      if (nextEqual !== null) readings.push([[...removed, nextEqual], [...added, nextEqual]]);
      for (const [r, a] of readings) {
        if (r.length > MAX_LEARNED_PHRASE || a.length > MAX_LEARNED_PHRASE) continue;
        out.push([a.join(' '), r.join(' ')]);
      }
      continue;
    }
    if (removed.length === added.length && removed.length > 1 && removed.length <= MAX_LEARNED_PHRASE * 2) {
      // Same length: most likely neighbouring single-word swaps; learn them one by one.
      for (let k = 0; k < removed.length; k++) if (removed[k] !== added[k]) out.push([added[k], removed[k]]);
      continue;
    }
    if (removed.length > MAX_LEARNED_PHRASE || added.length > MAX_LEARNED_PHRASE) continue;
    out.push([added.join(' '), removed.join(' ')]);
  }
  return out;
}

export interface LearnProgress {
  (done: number): void;
}

export function learnModel(pairs: Iterable<SpinPair>, onProgress?: LearnProgress): SpinModel {
  const substitutions: Record<string, Record<string, number>> = Object.create(null) as Record<string, Record<string, number>>;
  // The pairs themselves, not their word lists: the counting pass below splits them again, which
  // costs little time and keeps a large learning set's memory to its text.
  const kept: SpinPair[] = [];
  for (const pair of pairs) {
    const spunWords = learnWords(pair.spun);
    const origWords = learnWords(pair.orig);
    for (const [spun, orig] of alignPair(spunWords, origWords)) {
      const inner = (substitutions[spun] ??= Object.create(null) as Record<string, number>);
      inner[orig] = (inner[orig] ?? 0) + 1;
    }
    kept.push(pair);
    if (onProgress && kept.length % 100 === 0) onProgress(kept.length);
  }
  const originals = new Set<string>();
  for (const inner of Object.values(substitutions)) for (const orig of Object.keys(inner)) originals.add(orig);
  return {
    format: SPIN_MODEL_FORMAT,
    version: SPIN_MODEL_VERSION,
    createdAt: new Date().toISOString(),
    pairs: kept.length,
    substitutions: { ...substitutions },
    seen: countPhrases(kept.map((p) => p.spun), (key) => substitutions[key] !== undefined),
    originalSeen: countPhrases(kept.map((p) => p.orig), (key) => originals.has(key)),
  };
}

/** Occurrences, over all texts, of the phrases (up to MAX_LEARNED_PHRASE words) that `wanted` accepts. */
function countPhrases(texts: readonly string[], wanted: (key: string) => boolean): Record<string, number> {
  const counts: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const text of texts) {
    const words = learnWords(text);
    for (let i = 0; i < words.length; i++) {
      let key = '';
      for (let len = 1; len <= MAX_LEARNED_PHRASE && i + len <= words.length; len++) {
        key = len === 1 ? words[i] : `${key} ${words[i + len - 1]}`;
        if (wanted(key)) counts[key] = (counts[key] ?? 0) + 1;
      }
    }
  }
  return { ...counts };
}
