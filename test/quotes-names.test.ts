/**
 * Round 3 of issue 6: name knowledge (the gazetteer built from compromise's lexicon) and subject
 * boundaries. Each fixture is a sentence written for this test; the round 2 rules got each wrong.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Quote } from '../src/model.js';
import { findQuotes } from '../src/quotes/index.js';
import { isGivenName, isPlace, nameGender } from '../src/quotes/gazetteer.js';

function speakerOf(text: string, words: string): string | null {
  const quotes = findQuotes(text);
  for (const q of quotes) assert.equal(text.slice(q.start, q.end), q.text);
  const q: Quote | undefined = quotes.find((x) => x.text.includes(words));
  assert.ok(q, `no quote containing ${JSON.stringify(words)} in ${JSON.stringify(quotes.map((x) => x.text))}`);
  return q.speaker;
}

test('gazetteer: given names with their sex, and places', () => {
  assert.equal(nameGender('yolanda'), 'f');
  assert.equal(nameGender('sergei'), 'm');
  assert.ok(isGivenName('siobhan') && !isGivenName('committee'));
  assert.ok(isPlace('houston') && isPlace('cape town'));
  assert.ok(!isPlace('victoria hamilton'));
});

test('he/she never refers to a place', () => {
  assert.equal(speakerOf('Rescue teams reached Houston late on Sunday.\n\nShe said the water was still rising.', 'water was still rising'), null);
});

test('one organisation name across "and"; "the company" is that organisation', () => {
  const text = 'Ohio Gas and Electric Co said it would cut 200 jobs.\n\nThe cuts follow a year of losses, the company said.';
  assert.equal(speakerOf(text, 'cut 200 jobs'), 'Ohio Gas and Electric Co');
  assert.equal(speakerOf(text, 'year of losses'), 'Ohio Gas and Electric Co');
});

test('a description whose only name is in its complement yields to the name after it', () => {
  assert.equal(speakerOf('The mayor of Leeds, Judith Blake, said the budget was balanced.', 'budget was balanced'), 'Judith Blake');
});

test('a common noun located by a name is not the name', () => {
  assert.equal(speakerOf('Officials in Lagos said the curfew would be lifted.', 'curfew'), 'Officials in Lagos');
});

test('inverted "CLAUSE, said NAME, role"', () => {
  assert.equal(speakerOf('Investors remain nervous, said Claire Dubois, chief economist at a Paris bank.', 'Investors remain nervous'), 'Claire Dubois');
});

test('a fronted time phrase is not part of the subject', () => {
  assert.equal(speakerOf('Early on Tuesday the health agency said vaccines would arrive within days.', 'vaccines'), 'health agency');
});

test('a relative clause with a number in thousands does not split the subject', () => {
  assert.equal(speakerOf('The company, which employs 3,000 people, said profits fell.', 'profits fell'), 'company');
});

test('a straight mark right after a comma opens a quotation', () => {
  const text = 'Farm economist Dale Hoyt said,"The harvest will be late this year."';
  assert.equal(speakerOf(text, 'harvest will be late'), 'Dale Hoyt');
  assert.equal(findQuotes(text)[0].kind, 'direct');
});

test('quantified clause and ", saying" with the verb inside the quotation', () => {
  assert.equal(speakerOf('The report said at least 40 people had been detained.', 'at least 40 people'), 'report');
  const quotes = findQuotes('Her colleague agreed, saying the plan “makes no sense.”');
  assert.ok(!quotes.some((q) => q.text.includes('Her colleague agreed')), 'the words before ", saying" are not reported');
  assert.ok(quotes.some((q) => q.kind === 'reported' && q.text.startsWith('the plan')));
});

test('a quotation before "their attorney, NAME, said" is direct and the name speaks', () => {
  const text = 'Lawyers for the family said they would appeal. “This fight is far from over,” their attorney, Ben Crump, said in a statement.';
  const q = findQuotes(text).find((x) => x.text.startsWith('This fight'));
  assert.ok(q);
  assert.equal(q.kind, 'direct');
  assert.equal(q.speaker, 'Ben Crump');
});

test('a relative clause with "because" inside stays in the subject', () => {
  const text = 'The minister, who spoke on condition of anonymity because she was not authorized to discuss the talks, said a deal was unlikely before March.';
  assert.equal(speakerOf(text, 'a deal was unlikely'), 'minister');
});

test('a possessive inside a complement is not the owner who speaks', () => {
  assert.equal(speakerOf('But a person familiar with the company’s plans said the launch had been pushed to next year.', 'launch had been pushed'), 'person familiar with the company’s plans');
});

test('"said afterwards that": the clause starts after "that"', () => {
  const q = findQuotes('Biden said afterwards that the talks had been constructive.')[0];
  assert.equal(q.text, 'the talks had been constructive');
});

test('spun attributions: "X before said" and a title swapped before a given name', () => {
  assert.equal(speakerOf('Omnibus before said negotiations are afoot to supply extra funding.', 'negotiations are afoot'), 'Omnibus');
  assert.equal(speakerOf('Trade Curate Karl Brandt said the tariffs would help.', 'tariffs would help'), 'Karl Brandt');
  assert.equal(speakerOf('Rates firmed on the Gulf, dealers said.', 'Rates firmed'), 'dealers');
});

test('an attribution set inside its clause ("The investment, it said, would ...")', () => {
  const text = 'Microsoft said on Tuesday it would invest in OpenAI. The investment, it said, would be spread over several years.';
  assert.equal(speakerOf(text, 'spread over several years'), 'Microsoft');
});

test('a clause whose verb is quoted right after its subject', () => {
  const text = 'The ministry’s spokesperson, Wang Wenbin, said China “firmly opposes” the sanctions.';
  const q = findQuotes(text).find((x) => x.kind === 'reported');
  assert.ok(q);
  assert.equal(q.text, 'China “firmly opposes” the sanctions');
  assert.equal(q.speaker, 'Wang Wenbin');
});

test('present tense after a plural subject ("farmers say") is a cue; a base form after "to" is not', () => {
  assert.equal(speakerOf('Prices rose again last year and farmers say they cannot keep up.', 'cannot keep up'), 'farmers');
  assert.equal(findQuotes('The group plans to say more next week.').length, 0);
});

test('"the previous forecast" is a noun, not a cue', () => {
  const text = 'Output was revised to 500,000 tonnes, down 10 pct from the previous forecast, the ministry said.';
  const quotes = findQuotes(text);
  assert.equal(quotes.length, 1);
  assert.equal(quotes[0].speaker, 'ministry');
});

test('a title-case name in marks inside a reported clause is a name, not a partial quote', () => {
  const text = 'Vantel Corp said that through its unit, Vantel West Inc, it had joined "Skyline Media", a cable partnership.';
  const quotes = findQuotes(text);
  assert.ok(!quotes.some((q) => q.kind === 'partial'), JSON.stringify(quotes.map((q) => q.text)));
  assert.ok(quotes.some((q) => q.kind === 'reported' && q.text.startsWith('through its unit') && q.speaker === 'Vantel Corp'));
});

test('a name opening the sentence keeps the attribution over a later description with a name', () => {
  const text = 'Haskins, president of Dorval Group Inc, a Tucson, Ariz., software maker, said he bought the stake.';
  assert.equal(speakerOf(text, 'bought the stake'), 'Haskins');
});

test('"the company" / "the planemaker" after a single-word company name that spoke or led a sentence', () => {
  const text = 'Airbus said it had delivered 40 jets in March. The planemaker also said it expected production to rise.';
  assert.equal(speakerOf(text, 'production to rise'), 'Airbus');
  assert.equal(speakerOf('Nokia said it would cut jobs. The company said the cuts were needed.', 'cuts were needed'), 'Nokia');
  assert.equal(speakerOf('Zelvo shares fell 5% after the company said deliveries had slowed.', 'deliveries had slowed'), 'Zelvo');
  // A sentence-opening adjective is no company.
  assert.equal(speakerOf('Speculative demand has also risen, the bank said.', 'Speculative demand'), 'bank');
});

test('a proper adjective before an organisation noun names the organisation described', () => {
  assert.equal(speakerOf('The Russian foreign ministry said the expulsions were unfriendly.', 'expulsions'), 'Russian foreign ministry');
  assert.equal(speakerOf('Officials at the Federal Aviation Administration said the inspection would take weeks.', 'inspection'), 'Officials at the Federal Aviation Administration');
});

test('text without capitals: sentences split at full stops, names known to the gazetteer', () => {
  const text = 'the company said profits rose. its chief executive, john lee, said demand was strong. "we are busy," he said.';
  assert.equal(speakerOf(text, 'profits rose'), 'company');
  assert.equal(findQuotes(text).find((q) => q.text.startsWith('profits'))?.text, 'profits rose');
  assert.equal(speakerOf(text, 'demand was strong'), 'john lee');
  assert.equal(speakerOf(text, 'we are busy'), 'john lee');
});

test('titles with full stops and a parenthesis after the name', () => {
  assert.equal(speakerOf('"It is a terrible idea," said Rep. Pete Stark (D., Calif.).', 'terrible idea'), 'Pete Stark');
  assert.equal(speakerOf('Sen. Lloyd Bentsen (D., Texas) said he would oppose the measure.', 'oppose the measure'), 'Lloyd Bentsen');
});

test('"told the BBC\'s Today programme that", "Police Scotland", a plural subject before "welcomed ... but said"', () => {
  const text = 'Labour’s shadow chancellor, Rachel Reeves, told the BBC’s Today programme that the plan “doesn’t add up”.';
  const q = findQuotes(text).find((x) => x.kind === 'reported');
  assert.equal(q?.text, 'the plan “doesn’t add up”');
  assert.equal(speakerOf('Police Scotland said a woman had been charged.', 'charged'), 'Police Scotland');
  assert.equal(speakerOf('Consumer groups welcomed the move but said bills remained too high.', 'bills remained'), 'Consumer groups');
});
