/**
 * End to end in a real browser: headless Chromium (Debian's, driven by playwright-core) opens the
 * web page served on loopback, pastes a page, submits, and reads the report: restored words
 * highlighted, originals shown on keyboard focus, the spun/restored toggle, no CSP violations.
 * A hostile page must not run anything, neither in the web page nor in the HTML report file.
 * Screenshots go to test/tmp/ (git-ignored).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { analyse } from '../src/analyse.js';
import { extract } from '../src/extract/index.js';
import { openStore, recordFromArticle } from '../src/index/index.js';
import { renderReportDocument } from '../src/report/html.js';
import { startServer, type RunningServer } from '../src/server/index.js';
import { repoRoot } from './helpers/cli.js';

const CHROMIUM = process.env.UNSPIN_CHROMIUM ?? '/usr/bin/chromium';
const missing = existsSync(CHROMIUM) ? false : `no browser at ${CHROMIUM} (apt-get install -y chromium; .ci/run does)`;
const tmp = path.join(repoRoot, 'test', 'tmp');
mkdirSync(tmp, { recursive: true });

let browser: Browser;
let server: RunningServer;

before(async () => {
  if (missing) return;
  server = await startServer({ port: 0, log: null });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--disable-quic'],
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page that records CSP violations, dialogs and uncaught errors. */
async function watchedPage(viewport = { width: 1100, height: 900 }): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`csp: ${m.text()}`); });
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  page.on('pageerror', (e) => problems.push(`error: ${e.message}`));
  // Any request leaving for somewhere other than our server is a resource the page should not load.
  page.on('request', (r) => { if (!r.url().startsWith(server.url) && !r.url().startsWith('file:')) problems.push(`request: ${r.url()}`); });
  return { page, problems };
}

const seedHtml = readFileSync(path.join(repoRoot, 'examples', 'page.html'), 'utf8');

/** What a person does on the page: paste into the labelled box, press Inspect, wait for the verdict. */
async function pasteAndInspect(page: Page, content: string): Promise<void> {
  await page.getByLabel('Page to inspect').fill(content);
  await Promise.all([page.waitForURL(server.url + '/'), page.getByRole('button', { name: 'Inspect' }).click()]);
  await page.locator('.verdict').waitFor();
}

test('paste the seed page, submit, and read restored words with their originals', { skip: missing }, async () => {
  const { page, problems } = await watchedPage();
  await page.goto(server.url);
  await pasteAndInspect(page, seedHtml);
  assert.match(await page.locator('.verdict').innerText(), /spun|swap/i);

  const marks = page.locator('.spun-text mark.edit');
  const count = await marks.count();
  assert.ok(count > 0, 'the restorer highlighted at least one edit on the seed page');

  // Keyboard: "n" (the report's script) focuses the first edit; its original appears.
  await page.locator('body').press('n');
  const first = marks.first();
  // Browser-side code is passed as strings: this project compiles without the DOM library.
  assert.equal(await first.evaluate((el: { ownerDocument: { activeElement: unknown } }) => el === el.ownerDocument.activeElement), true,
    'n moved focus to the first edit');
  const tip = first.locator('.tip');
  assert.equal(await tip.isVisible(), true, 'the original shows on keyboard focus');
  const original = await first.getAttribute('data-original');
  const spun = await first.getAttribute('data-spun');
  assert.ok(original && spun);
  assert.ok((await tip.innerText()).includes(`Original: “${original}”`));
  const describedBy = await first.getAttribute('aria-describedby');
  assert.equal(await page.locator(`[id="${describedBy}"]`).count(), 1, 'the original is the edit\'s accessible description');
  await page.screenshot({ path: path.join(tmp, 'browser-seed-focus.png') });

  // Tab reaches the edits too (they are focusable without the script).
  await page.locator('body').press('Escape');
  assert.equal(await tip.isVisible(), false, 'Escape hides the original again');

  // The toggle: restored text shows the originals where the spun words were.
  await page.getByRole('radio', { name: 'Restored' }).check();
  assert.equal(await page.locator('.spun-text').isVisible(), false);
  const restoredFirst = page.locator('.restored-text mark.edit').first();
  assert.equal(await restoredFirst.isVisible(), true);
  assert.ok((await restoredFirst.innerText()).startsWith(original));
  await restoredFirst.hover();
  assert.ok((await restoredFirst.locator('.tip').innerText()).includes(`Page had: “${spun}”`));
  await page.screenshot({ path: path.join(tmp, 'browser-seed-restored.png'), fullPage: true });

  assert.deepEqual(problems, []);
  await page.close();
});

test('the page is usable on a phone-sized screen', { skip: missing }, async () => {
  const { page, problems } = await watchedPage({ width: 390, height: 844 });
  await page.goto(server.url);
  await pasteAndInspect(page, seedHtml);
  const overflow = await page.evaluate<{ by: number; wide: string[] }>(`(() => {
    const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => e.tagName.toLowerCase() + '.' + e.className);
    return { by: document.documentElement.scrollWidth - window.innerWidth, wide: wide.slice(0, 5) };
  })()`);
  assert.ok(overflow.by <= 0, `page is ${overflow.by}px wider than the screen: ${overflow.wide.join(', ')}`);
  await page.screenshot({ path: path.join(tmp, 'browser-phone.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

const HOSTILE = `<!doctype html><html><head><title>Hostile </title><script>window.__pwned='title'</script></head>
<body onload="window.__pwned='body'"><article><h1>Breaking: council </textarea><script>window.__pwned='h1'</script> meets</h1>
<p>The council met on Monday to discuss the budget for the coming year, with a <a href="javascript:window.__pwned='link'">link</a>
and an image <img src=x onerror="window.__pwned='img'"> and <svg onload="window.__pwned='svg'"></svg> in the paragraph.</p>
<p>Members said that &lt;/textarea&gt;&lt;script&gt;window.__pwned='text'&lt;/script&gt; and &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; were only words in the article text.</p>
<p>The mayor said the meeting "went well" and that the vote would be held in March after further consultation with residents.</p>
</article></body></html>`;

async function assertInert(page: Page, problems: string[]): Promise<void> {
  // Focus and hover every edit and link: attribute handlers would fire now if any survived.
  for (const el of await page.locator('.report mark.edit, .report a').all()) {
    if (await el.isVisible()) await el.hover();
  }
  assert.equal(await page.evaluate('window.__pwned'), undefined, 'hostile script ran');
  assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0);
  assert.equal(await page.locator('img, svg, iframe').count(), 0);
  assert.deepEqual(problems, []);
}

test('a hostile page pasted into the web page runs nothing', { skip: missing }, async () => {
  const { page, problems } = await watchedPage();
  await page.goto(server.url);
  await pasteAndInspect(page, HOSTILE);
  // The words are shown as text, so escaping (not dropping) is what kept them inert.
  assert.match(await page.locator('.report').innerText(), /<\/textarea><script>window.__pwned='text'<\/script>/);
  assert.equal(await page.locator('textarea').inputValue(), HOSTILE, 'the paste comes back intact in the text box');
  await assertInert(page, problems);
  await page.screenshot({ path: path.join(tmp, 'browser-hostile-page.png'), fullPage: true });
  await page.close();
});

test('the HTML report of a hostile page runs nothing when opened from disk', { skip: missing }, async () => {
  const report = await analyse({ id: 'hostile', html: HOSTILE, fetchedAt: new Date().toISOString() });
  const file = path.join(tmp, 'browser-hostile-report.html');
  writeFileSync(file, renderReportDocument(report));
  const { page, problems } = await watchedPage();
  await page.goto(pathToFileURL(file).href);
  await page.locator('.verdict').waitFor();
  assert.match(await page.locator('.report').innerText(), /window.__pwned='text'/);
  await assertInert(page, problems);
  await page.close();
});

/** axe-core's accessibility rules (WCAG 2 A/AA and best practices) on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: readFileSync(path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8') });
  const result = await page.evaluate<{ violations: { id: string; impact: string; nodes: unknown[] }[]; passes: unknown[] }>('axe.run()');
  assert.ok(result.passes.length > 10, 'axe ran its rules');
  return result.violations.map((v) => `${v.impact} ${v.id} (${v.nodes.length} elements)`);
}

test('the web page, with and without a report, and the HTML report pass axe-core', { skip: missing }, async () => {
  // CSP is bypassed only so axe itself can be injected; the page is otherwise as served.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(server.url);
  assert.deepEqual(await axeViolations(page), [], 'empty form');
  await pasteAndInspect(page, seedHtml);
  assert.deepEqual(await axeViolations(page), [], 'page with the report');

  // The stand-alone report with every section: the seed traced to its source in a real index.
  const dbPath = path.join(tmp, `browser-index-${process.pid}.db`);
  const store = await openStore(dbPath);
  try {
    const original = extract({ id: 'original', html: readFileSync(path.join(repoRoot, 'examples', 'original.html'), 'utf8'), fetchedAt: new Date().toISOString() });
    await store.addBatch([recordFromArticle('original-1', original)], 'update');
    const report = await analyse({ id: 'seed', html: seedHtml, fetchedAt: new Date().toISOString() }, { store });
    assert.equal(report.stages.provenance.status, 'ok');
    const file = path.join(tmp, 'browser-seed-report.html');
    writeFileSync(file, renderReportDocument(report));
    await page.goto(pathToFileURL(file).href);
    assert.deepEqual(await axeViolations(page), [], 'stand-alone report');
    await page.getByRole('radio', { name: 'Source wording' }).check();
    const mark = page.locator('.source-text mark.edit').first();
    await mark.focus();
    assert.match(await mark.locator('.tip').innerText(), /^(Page has: “|Added by the page)/);
    assert.deepEqual(await axeViolations(page), [], 'report, source view');
    await page.screenshot({ path: path.join(tmp, 'browser-report-source-view.png') });
  } finally {
    await store.close();
    rmSync(dbPath, { force: true });
  }
  await context.close();
});
