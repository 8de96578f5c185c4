/**
 * Report renderers and the report schema: the JSON validates against schema/report.v1.json,
 * the HTML escapes everything from the page and carries a CSP that admits only its own hashed
 * style and script, the terminal report leads with the verdict.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { analyse } from '../src/analyse.js';
import type { Article, Edit, ProvenanceMatch } from '../src/model.js';
import { escapeHtml, safeHttpUrl } from '../src/report/escape.js';
import { renderReportDocument, renderReportFragment } from '../src/report/html.js';
import { renderJson } from '../src/report/json.js';
import { renderTerminal, wantColour } from '../src/report/terminal.js';
import type { Report } from '../src/report/types.js';
import { relativePublication, summarise } from '../src/report/verdict.js';
import { repoRoot } from './helpers/cli.js';
import { assertNoActiveContent, assertValidReport as assertValid, elements, validateReport } from './helpers/report.js';
import { reportJsonSchema } from '../src/report/schema.js';

const HOSTILE = `<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> </textarea></script><a href="javascript:alert(1)">x</a> "quoted" & 'single'`;

/** A report made by hand (renderer tests must not depend on what the restorer decides today). */
function handMadeReport(): Report {
  const paragraphs = ['The ministry opened a new workplace within the capital.', `A hostile line: ${HOSTILE}`, 'The plan was criticised by officials.'];
  const text = paragraphs.join('\n\n');
  let pos = 0;
  const paraSpans = paragraphs.map((p) => {
    const span = { start: pos, end: pos + p.length, kind: 'p' as const };
    pos += p.length + 2;
    return span;
  });
  const edit = (spun: string, original: string, confidence: number): Edit => {
    const start = text.indexOf(spun);
    assert.ok(start >= 0);
    return { start, end: start + spun.length, spun, original, confidence, alternatives: [{ text: original, confidence }, { text: `${original}s`, confidence: 0.05 }], source: 'model' };
  };
  const edits = [edit('workplace', 'office', 0.93), edit('within', 'in', 0.71), edit('onerror', '<b onmouseover=x>', 0.4)];
  const article: Article = {
    url: 'https://example.test/story', canonicalUrl: null, title: `Title ${HOSTILE}`, byline: 'admin', published: '2023-05-05T06:12:44+00:00',
    language: 'en', text, paragraphs: paraSpans,
    links: [{ kind: 'source', href: 'javascript:alert(1)', text: 'Source' }, { kind: 'source', href: 'https://origin.example/a', text: 'Origin' }],
  };
  const restored = edits.reduceRight((t, e) => t.slice(0, e.start) + e.original + t.slice(e.end), text);
  const stages: Report['stages'] = {
    extract: { status: 'ok', ms: 1 }, spin: { status: 'ok', ms: 1 }, restoration: { status: 'ok', ms: 1 },
    quotes: { status: 'ok', ms: 1 }, provenance: { status: 'skipped', reason: 'no index given' },
  };
  const spin = { spinScore: 0.93, flags: [{ start: edits[0].start, end: edits[0].end, score: 0.9, reason: 'unusual wording' }] };
  const restoration = { text: restored, spinScore: 0.93, edits };
  return {
    schemaVersion: 1, generator: { name: 'unspin', version: '0.0.0' }, createdAt: '2026-01-01T00:00:00.000Z',
    input: { id: 'hand-made', url: article.url, fetchedAt: null }, article,
    summary: summarise({ article, spin, restoration, provenance: null, stages }),
    spin, restoration,
    quotes: [{ start: 0, end: 10, text: `Quote ${HOSTILE}`, speaker: `Speaker <i>x</i>`, cue: 'said', reportedBy: ['Agency'], kind: 'direct' }],
    provenance: null, stages,
  };
}

test('escapeHtml escapes markup and quotes, and drops control characters', () => {
  assert.equal(escapeHtml(`<a href="x" onclick='y'>&</a>`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  assert.equal(escapeHtml('a\u0000b\u0007c\nd'), 'abc\nd');
  assert.equal(escapeHtml(null), '');
  assert.equal(safeHttpUrl('javascript:alert(1)'), null);
  assert.equal(safeHttpUrl(' data:text/html,x'), null);
  assert.equal(safeHttpUrl('https://a.example/x?y=1'), 'https://a.example/x?y=1');
});

test('the JSON schema file is the schema the code validates against', () => {
  const onDisk: unknown = JSON.parse(readFileSync(path.join(repoRoot, 'schema', 'report.v1.json'), 'utf8'));
  assert.deepEqual(onDisk, JSON.parse(JSON.stringify(reportJsonSchema)));
});

test('a hand-made report validates; the schema rejects broken ones', () => {
  const r = handMadeReport();
  assertValid(JSON.parse(renderJson(r)));
  const broken = JSON.parse(renderJson(r)) as Record<string, unknown>;
  delete broken.article;
  assert.equal(validateReport(broken), false);
  const badEdit = JSON.parse(renderJson(r)) as { restoration: { edits: { confidence: number }[] } };
  badEdit.restoration.edits[0].confidence = 3;
  assert.equal(validateReport(badEdit), false);
});

test('analyse on the seed page gives a schema-valid report whose spans index article.text', async () => {
  const html = readFileSync(path.join(repoRoot, 'examples', 'page.html'), 'utf8');
  const r = await analyse({ id: 'examples/page.html', html, fetchedAt: new Date().toISOString() });
  assertValid(JSON.parse(renderJson(r)));
  assert.equal(r.stages.extract.status, 'ok');
  assert.ok(r.article.text.length > 500);
  for (const [name, outcome] of Object.entries(r.stages)) {
    if (outcome.status !== 'ok') assert.ok(outcome.reason, `stage ${name} is ${outcome.status} without a reason`);
  }
  // A section is present exactly when its stage ran.
  assert.equal(r.restoration !== null, r.stages.restoration.status === 'ok');
  assert.equal(r.quotes !== null, r.stages.quotes.status === 'ok');
  assert.equal(r.provenance, null, 'no store was given, so nothing may be traced');
  for (const e of r.restoration?.edits ?? []) assert.equal(r.article.text.slice(e.start, e.end), e.spun);
  for (const q of r.quotes ?? []) assert.ok(q.end <= r.article.text.length && q.start <= q.end);
});

test('HTML report: every edit is a focusable mark with its original, both views present', () => {
  const r = handMadeReport();
  const html = renderReportFragment(r);
  const marks = html.match(/<mark class="edit[^"]*" tabindex="0"[^>]*>/g) ?? [];
  assert.equal(marks.length, r.restoration!.edits.length * 2, 'one mark per edit in each view');
  for (const m of marks) {
    const id = /aria-describedby="([^"]+)"/.exec(m)?.[1];
    assert.ok(id && html.includes(`id="${id}"`), 'aria-describedby points at the tooltip');
  }
  assert.match(html, /Original: “office” \(93% confident\)/);
  assert.match(html, /Page had: “workplace”/);
  assert.match(html, /class="view-spun"[^>]*checked/);
  assert.match(html, /class="view-restored"/);
});

test('HTML report: paragraphs the detector scored 0.7 or more are marked in the published view, in words', () => {
  const r = handMadeReport();
  const paras = r.article.paragraphs;
  // Detector paragraphs need not share the displayed blocks' bounds: overlap is enough.
  r.spin = { ...r.spin!, paragraphs: [{ start: paras[0].start + 4, end: paras[0].end, score: 0.81 }, { start: paras[2].start, end: paras[2].end, score: 0.6 }] };
  const html = renderReportFragment(r);
  const spunView = /<div class="text spun-text"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  const blocks = elements(spunView).filter((e) => e.name === 'p');
  assert.equal(blocks.length, 3);
  assert.equal(blocks[0].attribs.class, 'looks-spun');
  assert.match(spunView, /<span class="para-flag">Looks spun \(0\.81\)<\/span>/);
  assert.equal(blocks[2].attribs.class, undefined, 'a paragraph scored below the cut is not marked');
  const restoredView = /<div class="text restored-text"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  assert.doesNotMatch(restoredView, /looks-spun/, 'the restored view shows the restorer\'s edits only');
});

test('HTML report escapes everything from the page and links only http(s)', () => {
  const doc = renderReportDocument(handMadeReport());
  const all = elements(doc);
  assert.equal(all.filter((e) => e.name === 'script').length, 1, 'only the report\'s own script');
  assert.equal(all.filter((e) => ['img', 'iframe', 'object', 'embed', 'link', 'textarea'].includes(e.name)).length, 0);
  assertNoActiveContent(all);
  assert.doesNotMatch(doc, /<\/textarea>/i);
  assert.doesNotMatch(doc, /<b onmouseover/);
  assert.match(doc, /&lt;script&gt;window.__pwned=1&lt;\/script&gt;/);
  assert.match(doc, /href="https:\/\/origin.example\/a" rel="noopener noreferrer nofollow"/);
  assert.ok(all.every((e) => e.attribs.src === undefined), 'no external resources');
});

test('HTML report CSP admits exactly the inline style and script it carries', () => {
  const doc = renderReportDocument(handMadeReport());
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(doc)?.[1].replaceAll('&#39;', "'");
  assert.ok(csp);
  assert.match(csp, /default-src 'none'/);
  const hash = (s: string): string => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
  const style = /<style>([\s\S]*?)<\/style>/.exec(doc)?.[1] ?? '';
  const script = /<script>([\s\S]*?)<\/script>/.exec(doc)?.[1] ?? '';
  assert.match(csp, new RegExp(`style-src ${hash(style).replace(/[+/]/g, '\\$&')}`));
  assert.match(csp, new RegExp(`script-src ${hash(script).replace(/[+/]/g, '\\$&')}`));
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
});

test('terminal report: verdict first, evidence after, colour only when asked', () => {
  const r = handMadeReport();
  const plain = renderTerminal(r, { colour: false });
  assert.equal(plain.split('\n')[0], r.summary.headline);
  assert.match(r.summary.headline, /^Likely machine-spun \(score 0\.93\): 3 suspected swaps restored$/);
  assert.match(plain, /workplace → office {2}93%/);
  assert.match(plain, /\[workplace\]/);
  assert.match(plain, /Speaker <i>x<\/i> \(said\)/);
  assert.match(plain, /source tracing: skipped — no index given/);
  // eslint-disable-next-line no-control-regex -- looking for ANSI escapes
  assert.doesNotMatch(plain, /\u001b\[/);
  // eslint-disable-next-line no-control-regex -- looking for ANSI escapes
  assert.match(renderTerminal(r, { colour: true }), /\u001b\[/);
  assert.equal(wantColour({ isTTY: true }, { NO_COLOR: '1' }), false);
  assert.equal(wantColour({ isTTY: true }, {}), true);
  assert.equal(wantColour({ isTTY: false }, {}), false);
});

test('terminal report strips control characters a page could use on a terminal', () => {
  const r = handMadeReport();
  r.article.title = 'Evil\u001b[2J\u0007 title';
  const out = renderTerminal(r, { colour: false });
  // eslint-disable-next-line no-control-regex -- looking for escapes
  assert.doesNotMatch(out, /[\u001b\u0007]/);
});

test('verdict: a found spun source comes first, with when and how much', () => {
  const r = handMadeReport();
  const text = r.article.text;
  const cut = text.indexOf('workplace');
  const match: ProvenanceMatch = {
    id: 'src-1', url: 'https://www.rt.example/news/1', title: 'China reacts to reports', published: '2023-05-04T06:00:00Z',
    score: 0.9, verdict: 'spun', direction: { verdict: 'query-copies-match', evidence: ['published a day earlier'] },
    diff: [
      // Diff spans cover words; the space before "workplace" is in neither span.
      { op: 'equal', start: 0, end: cut - 1, sourceStart: 0, sourceEnd: cut - 1, text: text.slice(0, cut - 1), sourceText: text.slice(0, cut - 1) },
      { op: 'substituted', start: cut, end: cut + 9, sourceStart: cut, sourceEnd: cut + 6, text: 'workplace', sourceText: 'office' },
      { op: 'inserted', start: cut + 9, end: cut + 20, sourceStart: cut + 6, sourceEnd: cut + 6, text: ' added line', sourceText: '' },
    ],
  };
  const s = summarise({ ...r, provenance: { matches: [match] } });
  assert.equal(s.kind, 'spun-copy');
  assert.equal(s.headline, "Spun copy of 'China reacts to reports' (rt.example, published a day earlier): 1 wording swap, 1 passage added");
  const withSource = { ...r, provenance: { matches: [match] }, summary: s };
  assertValid(JSON.parse(renderJson(withSource)));
  const html = renderReportFragment(withSource);
  assert.match(html, /a new <ins title="source: office">workplace<\/ins>/);
  assert.match(html, /a new <del title="page: workplace">office<\/del>/);
  // The article can be read in the source's wording: each change the page made is a mark.
  assert.match(html, /class="view-source"/);
  const sourceText = /<div class="text source-text"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  assert.match(sourceText, /<mark class="edit from-source" tabindex="0" data-original="office" data-spun="workplace"[^>]*>office<span class="tip"[^>]*>Page has: “workplace”<\/span><\/mark>/);
  assert.match(sourceText, />Added by the page</);
  assert.equal(elements(html).filter((e) => e.name === 'input' && e.attribs.type === 'radio').length, 3);
  assert.match(html, /<del title="page: workplace">office<\/del>/);
  assert.equal(relativePublication('2023-05-05T06:00:00Z', '2023-05-02T06:00:00Z'), '3 days earlier');
  assert.equal(relativePublication('2023-05-05', 'not a date'), null);
});

test('verdict: without any spin stage it says it could not tell', () => {
  const r = handMadeReport();
  const stages = { ...r.stages, spin: { status: 'unavailable' as const, reason: 'no model' }, restoration: { status: 'unavailable' as const, reason: 'no model' } };
  const s = summarise({ article: r.article, spin: null, restoration: null, provenance: null, stages });
  assert.equal(s.kind, 'unknown');
  assert.match(s.headline, /not assessed: no model/);
});

test('verdict: a text the detector could not judge is not assessed, whatever its score', () => {
  const r = handMadeReport();
  const spin = { spinScore: 0, flags: [], notAssessed: 'the text is not English prose' };
  const s = summarise({ article: r.article, spin, restoration: null, provenance: null, stages: r.stages });
  assert.equal(s.kind, 'unknown');
  assert.match(s.headline, /not assessed: the text is not English prose/);
  assert.notEqual(summarise({ article: r.article, spin: { spinScore: 0, flags: [] }, restoration: null, provenance: null, stages: r.stages }).kind, 'unknown');
  const shown = renderTerminal({ ...r, spin, summary: s }, { colour: false });
  assert.match(shown, /Spin score not assessed: the text is not English prose/);
  assert.doesNotMatch(shown, /Spin score 0\.00/);
});

test('terminal report: the spin line counts the paragraphs that look spun on their own', () => {
  const r = handMadeReport();
  const paragraphs = [{ start: 0, end: 10, score: 0.9 }, { start: 12, end: 20, score: 0.5 }, { start: 22, end: 30, score: 0.7 }];
  const shown = renderTerminal({ ...r, spin: { spinScore: 0.7, flags: [], paragraphs } }, { colour: false });
  assert.match(shown, /Spin score 0\.70 \(0 flagged spans, 2 of 3 paragraphs scored 0\.7 or more\)/);
  assert.match(renderTerminal({ ...r, spin: { spinScore: 0.7, flags: [] } }, { colour: false }), /Spin score 0\.70 \(0 flagged spans\)/);
});

test('the library entry exports every stage and the composition', async () => {
  const lib = await import('../src/index.js');
  for (const name of ['readInputs', 'readOne', 'extract', 'createRestorer', 'findQuotes', 'openStore', 'trace', 'analyse',
    'renderTerminal', 'renderJson', 'renderReportDocument', 'renderReportFragment', 'startServer', 'escapeHtml']) {
    assert.equal(typeof (lib as Record<string, unknown>)[name], 'function', `unspin exports ${name}()`);
  }
  const report = await lib.analyse({ id: 't', text: 'The port reopened on Friday.\n\nShips queued outside.', fetchedAt: '2026-01-01T00:00:00Z' });
  assert.equal(report.article.paragraphs.length, 2);
  assertValid(JSON.parse(lib.renderJson(report)));
});
