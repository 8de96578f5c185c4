import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract } from '../src/extract/index.js';
import type { Quote } from '../src/model.js';
import { compareQuotes, findQuotes, quoteFingerprints } from '../src/quotes/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function find(quotes: Quote[], words: string, kind?: Quote['kind']): Quote {
  const q = quotes.find((x) => x.text.includes(words) && (!kind || x.kind === kind));
  assert.ok(q, `no quote containing ${JSON.stringify(words)} in ${JSON.stringify(quotes.map((x) => x.text.slice(0, 40)))}`);
  return q;
}

function assertSpans(text: string, quotes: Quote[]): void {
  for (const q of quotes) {
    assert.ok(q.start >= 0 && q.start < q.end && q.end <= text.length, `bad span ${q.start}-${q.end}`);
    assert.equal(text.slice(q.start, q.end), q.text);
  }
}

test('seed page: Mao Ning, NATO, Putin and Nikkei Asia are credited with their words', () => {
  const html = readFileSync(path.join(root, 'examples', 'page.html'), 'utf8');
  const article = extract({ id: 'seed', html, fetchedAt: '2023-05-05T00:00:00Z' });
  const quotes = findQuotes(article.text);
  assertSpans(article.text, quotes);

  // "... Mao Ning stated" (spun from "said"), "Mao warned that", "she added".
  assert.equal(find(quotes, 'Asia is an anchor for peace').speaker, 'Mao Ning');
  assert.equal(find(quotes, 'Asia is an anchor for peace').kind, 'direct');
  assert.equal(find(quotes, 'NATO’s continued eastward foray').speaker, 'Mao Ning');
  const vigilance = find(quotes, 'High vigilance among regional countries', 'partial');
  assert.equal(vigilance.speaker, 'Mao Ning');
  assert.equal(vigilance.text, 'High vigilance among regional countries');

  // "the bloc stated in a press release" -> NATO.
  assert.equal(find(quotes, 'in today’s complex security environment').speaker, 'NATO');
  assert.equal(find(quotes, 'strengthening relations').speaker, 'NATO');

  // "what he known as a “global NATO”" (spun from "called") -> Putin.
  assert.equal(find(quotes, 'global NATO').speaker, 'Vladimir Putin');

  // "Nikkei Asia outlet reported – citing each Japanese and NATO officers – that ..."
  const nikkei = find(quotes, 'in talks with Japan', 'reported');
  assert.equal(nikkei.speaker, 'Nikkei Asia');
  assert.equal(nikkei.reportedBy[0], 'Nikkei Asia');
  assert.match(nikkei.reportedBy[1] ?? '', /Japanese and NATO/);
  // "According to the outlet’s sources, NATO desires ..." -> the outlet is Nikkei Asia.
  const sources = find(quotes, 'one-man station', 'reported');
  assert.equal(sources.speaker, 'Nikkei Asia');
  assert.equal(sources.cue, 'according to');
  assert.match(sources.reportedBy.join(' | '), /Nikkei Asia.s sources/);
});

test('interrupted quote, curly marks: both halves go to the speaker named between them', () => {
  const text = 'Climate scientist Anna Berg presented the findings in Oslo.\n\n“The drought is not a one-off,” she said, “and our policy has to reflect that.”';
  const quotes = findQuotes(text);
  assertSpans(text, quotes);
  const direct = quotes.filter((q) => q.kind === 'direct');
  assert.deepEqual(direct.map((q) => q.text), ['The drought is not a one-off,', 'and our policy has to reflect that.']);
  assert.ok(direct.every((q) => q.speaker === 'Anna Berg' && q.cue === 'said'));
});

test('straight marks, inverted attribution and a continuation sentence', () => {
  const text = '"The numbers speak for themselves," said Piotr Zielinski, an economist at Baltic Bank. "Inflation is falling."';
  const quotes = findQuotes(text);
  assertSpans(text, quotes);
  assert.equal(find(quotes, 'numbers speak').speaker, 'Piotr Zielinski');
  assert.equal(find(quotes, 'Inflation is falling').speaker, 'Piotr Zielinski');
});

test('a quote running over paragraphs is one quote', () => {
  const text = 'In her letter, the director, Maria Olsen, wrote: “I have served this agency for years.\n\n“But I cannot defend these decisions.”\n\nThe agency declined to comment.';
  const quotes = findQuotes(text);
  assertSpans(text, quotes);
  const q = find(quotes, 'I have served');
  assert.ok(q.text.includes('But I cannot defend these decisions.'));
  assert.equal(q.speaker, 'Maria Olsen');
});

test('pronouns follow gender, "the ministry" and "a spokeswoman" resolve to the organisation', () => {
  const text = [
    'Opposition leader John Carter and Senator Emily Stone clashed over the budget on Sunday.',
    '“This budget is a gift to the banks,” he said. Stone rejected the claim, insisting that the plan would cut the deficit.',
    'She warned: “If we do nothing, interest payments will swallow the budget.”',
    'The Ministry of Finance defended the plan. The ministry said the figures were “entirely sound.” A spokeswoman added that the budget would pass.',
  ].join('\n\n');
  const quotes = findQuotes(text);
  assertSpans(text, quotes);
  assert.equal(find(quotes, 'gift to the banks').speaker, 'John Carter');
  assert.equal(find(quotes, 'the plan would cut the deficit', 'reported').speaker, 'Emily Stone');
  assert.equal(find(quotes, 'If we do nothing').speaker, 'Emily Stone');
  assert.equal(find(quotes, 'entirely sound', 'partial').speaker, 'Ministry of Finance');
  assert.equal(find(quotes, 'the budget would pass', 'reported').speaker, 'Ministry of Finance');
});

test('reported speech: that-clauses, trailing attributions, according to, and what is not speech', () => {
  const text = [
    'The factory will close by the end of the year, according to two people familiar with the plans.',
    'Shares fell sharply on Friday, analysts at Nordbank said.',
    'The carmaker did not say how many vehicles would be affected.',
    'The rebel group claimed responsibility for the attack.',
    'The film, titled “Silent Harbour”, opened on Friday.',
  ].join('\n\n');
  const quotes = findQuotes(text);
  assertSpans(text, quotes);
  const factory = find(quotes, 'The factory will close', 'reported');
  assert.equal(factory.speaker, 'two people familiar with the plans');
  assert.equal(find(quotes, 'Shares fell sharply', 'reported').cue, 'said');
  assert.ok(!quotes.some((q) => q.text.includes('how many vehicles')), 'a negated cue reports nothing');
  assert.ok(!quotes.some((q) => q.text.includes('responsibility')), '"claimed responsibility" is not speech');
  assert.ok(!quotes.some((q) => q.text.includes('Silent Harbour')), 'a title is not a quotation');
});

test('"quoted by X as saying": the speaker is the one quoted, the chain starts with the reporter', () => {
  const text = 'Another deputy was quoted by Xinhua as saying the speech was "discreet and assuring."';
  const quotes = findQuotes(text);
  assertSpans(text, quotes);
  const reported = find(quotes, 'the speech was', 'reported');
  assert.equal(reported.speaker, 'Another deputy');
  assert.deepEqual(reported.reportedBy, ['Xinhua', 'Another deputy']);
  assert.equal(find(quotes, 'discreet and assuring', 'partial').speaker, 'Another deputy');
});

test('spun cues still attribute (thesaurus neighbours of said/added/called/noted)', () => {
  const text = [
    'Finance Minister Karl Weber alleged the two countries had agreed to coordinate.',
    'He included that the summit would go ahead.',
    'Weber observed: “We speak with one voice.”',
    'Critics, he maintained, are what he referred to as “prophets of doom.”',
  ].join('\n\n');
  const quotes = findQuotes(text);
  assertSpans(text, quotes);
  assert.equal(find(quotes, 'agreed to coordinate', 'reported').speaker, 'Karl Weber');
  assert.equal(find(quotes, 'summit would go ahead', 'reported').speaker, 'Karl Weber');
  assert.equal(find(quotes, 'one voice').speaker, 'Karl Weber');
  assert.equal(find(quotes, 'prophets of doom').speaker, 'Karl Weber');
});

test('bad input: empty, unbalanced, nested, a megabyte of marks, binary junk', () => {
  assert.deepEqual(findQuotes(''), []);
  const cases = [
    'He said “this never closes',
    '“Unbalanced” ” ” “ quotes “ everywhere," she said "',
    '“He told me ‘you have one week,’ and I laughed,” the farmer, Jean Dupont, said.',
    '"'.repeat(1_000_000),
    '“'.repeat(500_000) + '”'.repeat(500_000),
    '"a" '.repeat(250_000),
    'said, '.repeat(100_000) + '“x”',
    Array.from({ length: 20_000 }, () => '“We will win this fight today.”').join(' '),
    Array.from({ length: 10_000 }, (_, i) => `Mayor Name${i} spoke. “We will win,” he said.`).join('\n\n'),
    Array.from({ length: 20_000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join(''),
  ];
  for (const text of cases) {
    const quotes = findQuotes(text);
    assert.ok(Array.isArray(quotes));
    assertSpans(text, quotes);
  }
  const nested = findQuotes(cases[2]);
  assert.equal(nested.length, 1, 'a quote inside a quote is part of it');
  assert.equal(nested[0].speaker, 'Jean Dupont');
});

test('compareQuotes tells a copy that altered a quotation from one that kept it', () => {
  const original = findQuotes('“We will never accept this deal,” the minister, Ana Costa, said.');
  const kept = findQuotes('"We will never accept this deal," the minister, Ana Costa, stated.');
  const altered = findQuotes('“We will never approve this agreement,” the minister, Ana Costa, said.');
  assert.deepEqual(quoteFingerprints(original), ['we will never accept this deal']);
  assert.equal(compareQuotes(kept, original).unchanged, true);
  const cmp = compareQuotes(altered, original);
  assert.equal(cmp.unchanged, false);
  assert.equal(cmp.changes[0].change, 'altered');
  assert.equal(compareQuotes(findQuotes('“Something else entirely was said here,” he said.'), original).changes[0].change, 'missing');
});

test('a pronoun with no antecedent yet is named by the next fitting speaker, never by a definite description', () => {
  const ahead = findQuotes('It said the new shares will trade from April 8.\n\nSeparately, Halvorsen Tooling said its board named a new president.');
  assert.equal(find(ahead, 'new shares will trade').speaker, 'Halvorsen Tooling');
  const they = findQuotes('They said the asset is the oil field. Analysts also said the firm has other interests.');
  assert.equal(find(they, 'asset is the oil field').speaker, 'Analysts');
  // "The government said" points back itself: it cannot tell who "It" was.
  const definite = findQuotes('It said the strike would go on.\n\nThe government said the strike was political.');
  assert.equal(find(definite, 'strike would go on').speaker, null);
  // "he" waits for a person, "it" for an organisation.
  const person = findQuotes('He said the exchange is working on a new system. New laws will help, Goodwin said.');
  assert.equal(find(person, 'working on a new system').speaker, 'Goodwin');
});

test('"the company" keeps its description or follows the organisation that spoke', () => {
  const kept = findQuotes('The company said the first deal raised 11 mln dlrs from the Austin Valley Clinic.\n\nThe company also said it received 33 mln dlrs in financing.');
  assert.equal(find(kept, 'received 33 mln').speaker, 'company');
  const named = findQuotes('Ridgeway Oaks said the note is convertible. The company said it will grant an option.');
  assert.equal(find(named, 'grant an option').speaker, 'Ridgeway Oaks');
  // Several parties named together speak together; "the companies" and "they" are them.
  const joint = findQuotes('Lake Minerals Ltd and Cobalt Inc said they drilled a second hole.\n\nOne hole graded 0.3 ounce, the companies said.');
  assert.equal(find(joint, 'drilled a second hole').speaker, 'Lake Minerals Ltd and Cobalt Inc');
  assert.equal(find(joint, 'One hole graded').speaker, 'Lake Minerals Ltd and Cobalt Inc');
});

test('newswire company names: tickers in angle brackets, bracketed names, "First" in a name', () => {
  const ticker = findQuotes('Norvale &lt;NRVL.L> Plc said it has no intention of proceeding with the talks.');
  assert.equal(find(ticker, 'no intention').speaker, 'Norvale Plc');
  const bracketed = findQuotes("&lt;Bank of Westport>, the country's largest creditor, said last week it was not considering the move.");
  assert.equal(find(bracketed, 'not considering').speaker, 'Bank of Westport');
  const first = findQuotes('But First Lakeside said it also has 165 mln dlrs in short-term loans.');
  assert.equal(find(first, 'short-term loans').speaker, 'First Lakeside');
  const role = findQuotes('U.S. Trade representative, Carl Yeats, also said agreement was important.');
  assert.equal(find(role, 'agreement was important').speaker, 'Carl Yeats');
  const indefinite = findQuotes('Half of the banks have broken the law, a leading Slovene newspaper said.');
  assert.equal(find(indefinite, 'broken the law').speaker, 'leading Slovene newspaper');
});

test('quoted terms are not speech; clauses after "that," and "that if" are', () => {
  const terms = findQuotes('Marlow said it adopted a rights plan, or "poison pill," to deter bids. Dent said the so-called "cars deals" were different.');
  assert.equal(terms.filter((q) => q.kind === 'partial').length, 0);
  assert.equal(find(terms, 'adopted a rights plan', 'reported').speaker, 'Marlow');
  const words = findQuotes('Governor Alan Reyes said inflation remained "too high for comfort" this year.');
  assert.equal(find(words, 'too high for comfort', 'partial').speaker, 'Alan Reyes');
  const clauses = findQuotes('Jones said that, while the Fed voted no change, it may act later. Westbank said that if the suspension continues, it may reclassify its loans.');
  assert.match(find(clauses, 'it may act later', 'reported').text, /^while the Fed/);
  assert.match(find(clauses, 'reclassify', 'reported').text, /^if the suspension/);
  // A fronted phrase before an attribution is not what was said.
  const fronted = findQuotes('At the Cabinet meeting, Nakamura told the minister to calm tensions.');
  assert.equal(fronted.length, 0);
});

test('a reported clause that opens with a quotation keeps its marks whole', () => {
  const text = 'Minister Anna Berg spoke on Friday.\n\n“Strict limits on exports” are needed to protect supplies, she added.';
  const quotes = findQuotes(text);
  assertSpans(text, quotes);
  const reported = find(quotes, 'needed to protect supplies', 'reported');
  assert.equal(text[reported.start], '“', 'the clause starts at the opening mark, not inside it');
  assert.equal(reported.speaker, 'Anna Berg');
  const partial = find(quotes, 'Strict limits on exports', 'partial');
  assert.equal(partial.text, 'Strict limits on exports');
});
