/**
 * Shared setup for the language tests: loads the compiled cache (built by `npm ci` through
 * `npm run prepare`) and fails with the build command when it is missing.
 */
import { loadLanguage } from '../src/language/index.js';
import type { Language } from '../src/language/index.js';

export async function languageOrExplain(): Promise<Language> {
  try {
    return await loadLanguage();
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new Error(`language tests need the compiled cache: ${msg}`, { cause: err });
  }
}
