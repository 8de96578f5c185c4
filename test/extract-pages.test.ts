/**
 * Real-page fixtures: every test/test-pages/<name>/source.html must extract to its
 * expected.json. On a mismatch the failure shows a line diff (- expected, + actual);
 * regenerate with scripts/generate-testcase.ts only when the change is intended.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { diffLines } from 'diff';
import { expectationOf, expectedPath, extractPage, listPages, serialise } from './test-pages/pages.js';

function readableDiff(expected: string, actual: string): string {
  const out: string[] = [];
  for (const part of diffLines(expected, actual)) {
    if (!part.added && !part.removed) continue;
    const sign = part.added ? '+' : '-';
    for (const line of part.value.replace(/\n$/, '').split('\n')) out.push(`${sign} ${line}`);
  }
  return out.slice(0, 80).join('\n');
}

const pages = listPages();

test('there are real-page fixtures', () => {
  assert.ok(pages.length >= 8, `only ${pages.length} fixtures in test/test-pages`);
});

for (const name of pages) {
  test(`test page ${name} extracts as expected`, () => {
    assert.ok(existsSync(expectedPath(name)), `no expected.json for ${name}: run scripts/generate-testcase.ts ${name}`);
    const expected = readFileSync(expectedPath(name), 'utf8');
    const actual = serialise(expectationOf(extractPage(name)));
    if (actual !== expected) {
      assert.fail(`test/test-pages/${name}: extraction changed (- expected, + actual):\n${readableDiff(expected, actual)}\n` +
        `If intended: node --import tsx scripts/generate-testcase.ts ${name}`);
    }
  });
}
