/**
 * The forward look-up (src/spin/forward-rank.ts): where the spun words sit among a candidate's own
 * candidates, as phrase restoration reads it ("is the tortured word among the original's synonyms?").
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { forwardRank } from '../src/spin/forward-rank.js';
import type { ReverseCandidate } from '../src/language/types.js';

function fakeLanguage(lists: Record<string, string[]>) {
  let lookups = 0;
  return {
    get lookups() { return lookups; },
    reverseCandidates(word: string): ReverseCandidate[] {
      lookups++;
      return (lists[word] ?? []).map((text) => ({ text, sources: ['moby'], weight: 0.4 }));
    },
  };
}

test('forwardRank: the spun words\' place in the candidate\'s own list, null when absent; one look-up per candidate', () => {
  const language = fakeLanguage({ office: ['bureau', 'workplace', 'post office'], work: ['labour', 'job'] });
  assert.equal(forwardRank(language, 'office', 'workplace'), 1);
  assert.equal(forwardRank(language, 'office', 'bureau'), 0);
  assert.equal(forwardRank(language, 'office', 'post office'), 2);
  // Whole entries only: a word inside a listed phrase is not listed.
  assert.equal(forwardRank(language, 'office', 'post'), null);
  assert.equal(forwardRank(language, 'work', 'workplace'), null);
  assert.equal(language.lookups, 2);
  // Another resource folder has its own lists.
  const other = fakeLanguage({ office: ['workplace'] });
  assert.equal(forwardRank(other, 'office', 'workplace'), 0);
});
