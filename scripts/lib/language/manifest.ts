/** Decides whether an existing language cache can be kept (the build is then skipped). */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGE_FILES, LANGUAGE_FORMAT_VERSION } from '../../../src/language/paths.js';
import type { LanguageManifest } from '../../../src/language/paths.js';

/**
 * True when the manifest has this format version, lists every wanted package at the wanted
 * version, records the same settings, and every output it lists is present with its size.
 */
export function manifestUpToDate(
  dir: string,
  wanted: readonly { name: string; version: string }[],
  settings: Record<string, number | string | boolean>,
): boolean {
  const path = join(dir, LANGUAGE_FILES.manifest);
  if (!existsSync(path)) return false;
  let manifest: LanguageManifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as LanguageManifest;
  } catch {
    return false;
  }
  if (manifest.formatVersion !== LANGUAGE_FORMAT_VERSION || !Array.isArray(manifest.sources)) return false;
  const have = new Set(manifest.sources.map((s) => `${s.name}@${s.version}`));
  if (!wanted.every((s) => have.has(`${s.name}@${s.version}`))) return false;
  for (const [k, v] of Object.entries(settings)) if (manifest.settings?.[k] !== v) return false;
  if (!manifest.outputs || !manifest.outputs[LANGUAGE_FILES.lm]) return false;
  return Object.entries(manifest.outputs).every(([file, o]) => {
    const p = join(dir, file);
    return existsSync(p) && statSync(p).size === o.bytes;
  });
}
