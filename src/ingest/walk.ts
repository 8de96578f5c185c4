/**
 * Pages in a directory tree, in a stable order (sorted by name at each level, depth first), so
 * two runs over the same folder produce the same output. Symbolic links are followed, but each
 * real directory is entered once, so a link back to an ancestor cannot loop. Hidden entries
 * (".git", ".cache") are skipped.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export const PAGE_EXTENSIONS = ['.html', '.htm', '.xhtml', '.shtml'];
const PAGE_NAME = /\.(html?|xhtml|shtml)(\.gz)?$/i;

export function isPageFileName(name: string): boolean {
  return PAGE_NAME.test(name);
}

/** Compare by UTF-16 code units: locale-independent, so the order is the same on every machine. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A page file found, or a subdirectory that could not be read (reported, then skipped). */
export type WalkEntry = { path: string; error?: undefined } | { path: string; error: unknown };

/** Page files under `root`. Errors reading `root` itself are thrown; deeper ones are yielded. */
export async function* walkPages(root: string, seen: Set<string> = new Set()): AsyncGenerator<WalkEntry> {
  const real = await realpath(root);
  if (seen.has(real)) return;
  seen.add(real);
  const entries = await readdir(root, { withFileTypes: true });
  entries.sort((a, b) => byName(a.name, b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(root, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await stat(full).catch(() => null);
      if (target === null) continue; // a dangling link is not a page
      isDir = target.isDirectory();
      isFile = target.isFile();
    }
    if (isDir) {
      try {
        yield* walkPages(full, seen);
      } catch (error) {
        yield { path: full, error };
      }
    } else if (isFile && isPageFileName(entry.name)) {
      yield { path: full };
    }
  }
}
