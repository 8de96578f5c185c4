/**
 * Regenerates test/test-pages/<name>/expected.json from the current extractor, after a change
 * of behaviour made on purpose (review the git diff of expected.json files before committing).
 *
 *   node --import tsx scripts/generate-testcase.ts                 # every fixture
 *   node --import tsx scripts/generate-testcase.ts seed news-jsonld
 *   node --import tsx scripts/generate-testcase.ts --add <name> <page.html|page.html.gz> [--url URL]
 *       copies a page in as a new fixture (gunzipping .gz) and writes its expectation
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expectationOf, expectedPath, extractPage, listPages, pagesDir, serialise } from '../test/test-pages/pages.js';

function addPage(name: string, file: string, url: string | undefined): void {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) throw new Error(`fixture name "${name}": use letters, digits, '.', '_' or '-'`);
  const bytes = readFileSync(file);
  const html = file.endsWith('.gz') ? gunzipSync(bytes) : bytes;
  const dir = path.join(pagesDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'source.html'), html);
  if (url) writeFileSync(path.join(dir, 'url.txt'), url + '\n');
}

function main(argv: string[]): void {
  let names = argv;
  if (argv[0] === '--add') {
    const [, name, file, flag, url] = argv;
    if (!name || !file || (flag !== undefined && flag !== '--url')) {
      throw new Error('usage: generate-testcase.ts --add <name> <page.html|page.html.gz> [--url URL]');
    }
    addPage(name, file, url);
    names = [name];
  }
  const all = listPages();
  const chosen = names.length > 0 ? names : all;
  for (const name of chosen) {
    if (!all.includes(name)) throw new Error(`no fixture test/test-pages/${name}/source.html`);
    writeFileSync(expectedPath(name), serialise(expectationOf(extractPage(name))));
    process.stdout.write(`wrote test/test-pages/${name}/expected.json\n`);
  }
}

try {
  main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`generate-testcase: ${(e as Error).message}\n`);
  process.exitCode = 2;
}
