/**
 * Learned substitution models on disk: small versioned JSON (optionally gzipped), data only,
 * validated on load so a damaged or foreign file gives a clear error rather than odd output.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { UnspinError } from '../errors.js';

export const SPIN_MODEL_FORMAT = 'unspin-spin-model';
export const SPIN_MODEL_VERSION = 1;
/** Longest phrase (in words) on either side of a learned substitution. */
export const MAX_LEARNED_PHRASE = 4;

export interface SpinModel {
  format: typeof SPIN_MODEL_FORMAT;
  version: typeof SPIN_MODEL_VERSION;
  createdAt: string;
  /** How many spun/original pairs it was learned from. */
  pairs: number;
  /** Spun word or phrase (lower case, single spaces) -> original -> times seen aligned so. */
  substitutions: Record<string, Record<string, number>>;
  /** Times each key of `substitutions` occurred in the spun texts (changed or not). */
  seen: Record<string, number>;
  /**
   * Times each original of `substitutions` occurred in the original texts (swapped or not): with
   * `seen`, how much a page's words say it was spun by this spinner. Absent in models written
   * before it existed; readers then go without.
   */
  originalSeen?: Record<string, number>;
}

function fail(where: string, why: string): never {
  throw new UnspinError('input', `${where}: not a valid unspin spin model (${why})`);
}

function isCountRecord(v: unknown): v is Record<string, number> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  for (const x of Object.values(v as Record<string, unknown>)) if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) return false;
  return true;
}

/** Checks an untrusted parsed value and returns it typed; throws UnspinError('input') otherwise. */
export function validateSpinModel(value: unknown, where = 'model'): SpinModel {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'not a JSON object');
  const v = value as Record<string, unknown>;
  if (v.format !== SPIN_MODEL_FORMAT) fail(where, `format is ${JSON.stringify(v.format)}, expected "${SPIN_MODEL_FORMAT}"`);
  if (v.version !== SPIN_MODEL_VERSION) fail(where, `version ${JSON.stringify(v.version)} is not supported (this unspin reads version ${SPIN_MODEL_VERSION})`);
  if (typeof v.pairs !== 'number' || v.pairs < 0) fail(where, '"pairs" must be a non-negative number');
  if (typeof v.createdAt !== 'string') fail(where, '"createdAt" must be a string');
  const subs = v.substitutions;
  if (typeof subs !== 'object' || subs === null || Array.isArray(subs)) fail(where, '"substitutions" must be an object');
  for (const [k, inner] of Object.entries(subs as Record<string, unknown>)) {
    if (!isCountRecord(inner)) fail(where, `substitutions[${JSON.stringify(k)}] must map strings to counts`);
  }
  if (!isCountRecord(v.seen)) fail(where, '"seen" must map strings to counts');
  if (v.originalSeen !== undefined && !isCountRecord(v.originalSeen)) fail(where, '"originalSeen" must map strings to counts');
  // Keys are words, and "constructor" or "valueOf" is a word: the records get no prototype to
  // answer for the ones a file leaves out.
  const substitutions = bare(Object.fromEntries(Object.entries(subs as Record<string, Record<string, number>>).map(([k, inner]) => [k, bare(inner)])));
  return {
    ...(v as unknown as SpinModel),
    substitutions,
    seen: bare(v.seen),
    ...(v.originalSeen !== undefined ? { originalSeen: bare(v.originalSeen) } : {}),
  };
}

function bare<T>(record: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, record);
}

export function parseSpinModel(bytes: Buffer, where = 'model'): SpinModel {
  let raw = bytes;
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      raw = gunzipSync(raw, { maxOutputLength: 512 * 1024 * 1024 });
    } catch {
      fail(where, 'gzip data is damaged');
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    fail(where, `JSON does not parse: ${e instanceof Error ? e.message : String(e)}`);
  }
  return validateSpinModel(parsed, where);
}

export function loadSpinModel(file: string): SpinModel {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnspinError('input', `cannot read model ${file}${code ? ` (${code})` : ''}`);
  }
  return parseSpinModel(bytes, file);
}

/** Writes JSON, gzipped when the file name ends in .gz. */
export function saveSpinModel(model: SpinModel, file: string): void {
  const json = Buffer.from(JSON.stringify(model));
  try {
    writeFileSync(file, file.endsWith('.gz') ? gzipSync(json) : json);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnspinError('input', `cannot write model ${file}${code ? ` (${code})` : ''}`);
  }
}
