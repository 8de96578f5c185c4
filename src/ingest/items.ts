/** What readInputs yields: a page, or a failure tied to one input or one record. */
import { UnspinError } from '../errors.js';
import type { RawPage } from '../model.js';

export type IngestItem =
  | { ok: true; page: RawPage; line?: number }
  | {
    ok: false;
    id: string;
    error: UnspinError;
    /** JSONL line number of the failed record. */
    line?: number;
    /**
     * True when a whole input argument failed (missing file, directory without pages,
     * unreadable stream) rather than one page or record inside it.
     */
    wholeInput?: boolean;
  };

/** Unexpected errors inside a stream become an item, so one bad record cannot end a crawl. */
export function asUnspinError(e: unknown): UnspinError {
  if (e instanceof UnspinError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return new UnspinError('internal', `internal error: ${detail}`, { cause: e });
}
