/**
 * extract(): the seed page, metadata precedence, link classes, plain-text input, and hostile
 * input (deep nesting, a 50 MB page, truncated, empty, binary). No timing assertions: speed is
 * measured by bench/extract.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract } from '../src/extract/index.js';
import type { Article, RawPage } from '../src/model.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const page = (html: string, extra: Partial<RawPage> = {}): RawPage => ({ id: 't', html, fetchedAt: '2024-01-01T00:00:00Z', ...extra });
const paragraphTexts = (a: Article): string[] => a.paragraphs.map((p) => a.text.slice(p.start, p.end));

/** A plausible article body: n distinct paragraphs of prose. */
function prose(n: number, start = 0): string {
  const out: string[] = [];
  for (let i = start; i < start + n; i++) {
    out.push(`<p>Paragraph ${i} tells the story, with a comma or two, and enough words to read as prose in a real article about item ${i}.</p>`);
  }
  return out.join('\n');
}

function checkSpans(a: Article): void {
  assert.equal(a.text, paragraphTexts(a).join('\n\n'));
  for (const p of a.paragraphs) {
    assert.ok(p.start < p.end, 'no empty paragraph');
    assert.equal(a.text.slice(p.start, p.end).trim(), a.text.slice(p.start, p.end), 'paragraphs are trimmed');
  }
}

test('seed page: title, date, source and related links, body without chrome', () => {
  const html = readFileSync(path.join(root, 'examples', 'page.html'), 'utf8');
  const a = extract(page(html, { url: 'https://dailyworldbrief.example/china-reacts-to-stories-of-nato-workplace-in-japan/' }));
  assert.equal(a.title, 'China reacts to stories of NATO workplace in Japan');
  assert.equal(a.published, '2023-05-05T06:12:44+00:00');
  assert.equal(a.language, 'en');
  const source = a.links.filter((l) => l.kind === 'source');
  assert.deepEqual(source.map((l) => l.href), ['https://www.rt.com/news/575671-china-nato-office-japan/']);
  const related = a.links.filter((l) => l.kind === 'related');
  assert.deepEqual(related.map((l) => l.href), ['https://www.rt.com/news/571050-putin-west-axis-alliance/']);
  assert.ok(a.text.startsWith('The US-led bloc’s enlargement into Asia will undermine'), a.text.slice(0, 80));
  assert.ok(a.text.endsWith('earlier than the outbreak of World War II.'), a.text.slice(-80));
  for (const chrome of ['READ MORE', 'Source', 'Posted in', 'HomeLatest', 'Kremlin says grain', 'All rights reserved', 'China reacts to stories']) {
    assert.ok(!a.text.includes(chrome), `text contains chrome "${chrome}"`);
  }
  checkSpans(a);
});

test('plain text input: paragraphs split on blank lines, lines joined, spans exact', () => {
  const a = extract({ id: 't', text: 'First line\nsame paragraph.\n\n\n  Second paragraph.  \r\n \r\nThird.', fetchedAt: 'x', meta: { title: 'T' } });
  assert.deepEqual(paragraphTexts(a), ['First line same paragraph.', 'Second paragraph.', 'Third.']);
  assert.equal(a.title, 'T');
  assert.deepEqual(a.links, []);
  checkSpans(a);
});

test('metadata precedence: JSON-LD over OpenGraph over meta over <time>', () => {
  const head = (parts: string[]): string => `<html><head>${parts.join('')}</head><body><article>${prose(4)}<time datetime="2020-04-04T04:04:04+04:00">x</time></article></body></html>`;
  const ld = '<script type="application/ld+json">{"@type":"NewsArticle","headline":"LD title","datePublished":"2020-01-01T01:01:01+01:00","author":{"@type":"Person","name":"LD Author"}}</script>';
  const og = '<meta property="og:title" content="OG title"><meta property="article:published_time" content="2020-02-02T02:02:02Z">';
  const meta = '<meta name="date" content="2020-03-03"><meta name="author" content="Meta Author"><title>Doc title - Site</title>';
  let a = extract(page(head([ld, og, meta])));
  assert.deepEqual([a.title, a.published, a.byline], ['LD title', '2020-01-01T01:01:01+01:00', 'LD Author']);
  a = extract(page(head([og, meta])));
  assert.deepEqual([a.title, a.published, a.byline], ['OG title', '2020-02-02T02:02:02Z', 'Meta Author']);
  a = extract(page(head([meta])));
  assert.deepEqual([a.title, a.published], ['Doc title', '2020-03-03']);
  a = extract(page(head([])));
  assert.equal(a.published, '2020-04-04T04:04:04+04:00');
  // A <time> marked as the publication date beats an earlier, unmarked one.
  a = extract(page(`<html><body><ul class="latest"><li><time datetime="2021-01-01T00:00:00Z">x</time></li></ul><article><time class="entry-date published" datetime="2020-05-05">May 5</time>${prose(3)}</article></body></html>`));
  assert.equal(a.published, '2020-05-05');
});

test('datelines: a visible date and byline when the page declares none', () => {
  const a = extract(page(`<html><body><article><p><small>June 3rd, 2022 by admin</small></p>${prose(3)}</article></body></html>`));
  assert.equal(a.published, '2022-06-03');
  assert.equal(a.byline, 'admin');
  assert.ok(!a.text.includes('June 3rd'));
  // Day/month order of 03/06/2022 is unknowable: the line goes, no date is invented.
  assert.equal(extract(page(`<html><body><article><p>Posted 03/06/2022</p>${prose(3)}</article></body></html>`)).published, null);
});

test('script-rendered page: the JSON-LD articleBody stands in for missing HTML text', () => {
  const body = 'First paragraph of the story, only in the structured data.\nSecond paragraph, also only there, with more words.';
  const ld = JSON.stringify({ '@type': 'NewsArticle', headline: 'Rendered by script', articleBody: body });
  const a = extract(page(`<html><head><script type="application/ld+json">${ld}</script></head><body><div id="root"></div><script>render()</script></body></html>`));
  assert.equal(a.title, 'Rendered by script');
  assert.deepEqual(paragraphTexts(a), ['First paragraph of the story, only in the structured data.', 'Second paragraph, also only there, with more words.']);
  // With real text in the HTML, the page's own text wins.
  const b = extract(page(`<html><head><script type="application/ld+json">${ld}</script></head><body><article>${prose(3)}</article></body></html>`));
  assert.ok(b.text.startsWith('Paragraph 0'));
});

test('visible byline element: names only, no dates, times or profile links', () => {
  const byline = (inner: string): string | null =>
    extract(page(`<html><body><div class="byline">${inner}</div><article>${prose(3)}</article></body></html>`)).byline;
  assert.equal(byline('By <a href="/a">Jeff Foust</a><span>Monday, November 18, 2019 10:43</span>'), 'Jeff Foust');
  assert.equal(byline('<a href="/a">Jane Roe</a> and <a href="/b">John Doe</a> <a href="/all">View More Articles</a>'), 'Jane Roe and John Doe');
});

test('broken JSON-LD is ignored, not fatal', () => {
  const a = extract(page(`<html><head><script type="application/ld+json">{"headline": </script><meta property="og:title" content="OG"></head><body>${prose(3)}</body></html>`));
  assert.equal(a.title, 'OG');
});

test('language: <html lang> first, then Content-Language meta, header, og:locale; the text decides when it clearly disagrees', () => {
  // Too little text for a guess: the declarations decide.
  const body = '<body><p>Short text here, too short to tell anything at all.</p></body>';
  assert.equal(extract(page(`<html lang="pt-BR"><head><meta property="og:locale" content="en_US"></head>${body}</html>`)).language, 'pt');
  assert.equal(extract(page(`<html><head><meta http-equiv="Content-Language" content="de"></head>${body}</html>`)).language, 'de');
  assert.equal(extract(page(`<html>${body}</html>`, { headers: { 'content-language': 'nl-NL' } })).language, 'nl');
  assert.equal(extract(page(`<html><head><meta property="og:locale" content="fr_FR"></head>${body}</html>`)).language, 'fr');
  assert.equal(extract(page(`<html>${body}</html>`)).language, null);
  // Enough text: undeclared is guessed, and a theme's wrong declaration is overruled.
  assert.equal(extract(page(`<html><body>${prose(3)}</body></html>`)).language, 'en');
  const german = '<p>Der Verein hat sich nicht mit den Plänen von der Stadt abgefunden, und die Mitglieder sind mit dem Vorstand nicht zufrieden, weil das Geld für die Halle fehlt.</p>';
  assert.equal(extract(page(`<html lang="en-US"><body><article>${german}${german.replace('Verein', 'Klub')}</article></body></html>`)).language, 'de');
  assert.equal(extract({ id: 't', text: '東京で新しい駅が開業しました。多くの人が訪れています。駅の周辺には店が並び、週末はとても賑わいます。', fetchedAt: 'x' }).language, 'ja');
});

test('links: source by anchor text, "via", canonical elsewhere; related lines; inline', () => {
  const html = `<html><head><link rel="canonical" href="https://origin.example/story"></head><body><article>
    ${prose(3)}
    <p>Officials said the plan, first drafted in <a href="/2019/plan">2019</a>, would go ahead as agreed by all parties.</p>
    <p>Related: <a href="https://news.example/other">Another story</a></p>
    <p>See also <a href="https://news.example/third">A third story</a></p>
    <p>The figures were compiled via <a href="https://agency.example/data">Agency Data</a> from public records and reports.</p>
    <p>We walked the <a href="https://maps.example/via-appia">Via Appia</a> all day, from the city gate to the tombs.</p>
    <p>Sources said the talks would resume on Monday.</p>
    <p>Related to this, the council will vote on the <a href="/budget">budget</a> next week.</p>
    <p><a href="https://origin.example/story">Originally published at Origin News</a></p>
  </article></body></html>`;
  const a = extract(page(html, { url: 'https://copycat.example/post' }));
  const byKind = (k: string): string[] => a.links.filter((l) => l.kind === k).map((l) => l.href);
  assert.deepEqual(byKind('related'), ['https://news.example/other', 'https://news.example/third']);
  assert.deepEqual(byKind('inline'), ['https://copycat.example/2019/plan', 'https://maps.example/via-appia', 'https://copycat.example/budget']);
  assert.ok(a.text.includes('Sources said the talks') && a.text.includes('Related to this, the council'));
  assert.deepEqual(byKind('source').sort(), ['https://agency.example/data', 'https://origin.example/story']);
  assert.ok(a.links.every((l) => typeof l.reason === 'string' && l.reason.length > 0));
  assert.ok(!a.text.includes('Related:') && !a.text.includes('See also') && !a.text.includes('Originally published'));
  assert.ok(a.text.includes('compiled via Agency Data'), 'a sentence naming its source stays in the text');
});

test('source and related lines in other languages', () => {
  const html = `<html lang="de"><body><article>${prose(3)}
    <p>Lesen Sie auch: <a href="https://zeitung.example/anderes">Ein anderer Artikel</a></p>
    <p>Quelle: <a href="https://agentur.example/meldung">Agentur</a></p></article></body></html>`;
  const a = extract(page(html, { url: 'https://kopie.example/x' }));
  assert.deepEqual(a.links.map((l) => [l.kind, l.href]), [['related', 'https://zeitung.example/anderes'], ['source', 'https://agentur.example/meldung']]);
  assert.equal(a.paragraphs.length, 3);
});

test('page chrome stays out: nav, breadcrumbs, aside, footer, share, comments, hidden, headline repeat', () => {
  const html = `<html><head><title>The headline here</title></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <div class="breadcrumbs"><a href="/">Home</a> › World</div>
    <main><article><h1>The headline here</h1><h2>The headline here</h2>
      <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
      ${prose(5)}
      <p hidden>Hidden paragraph that readers never see, with enough words to look like prose.</p>
      <p style="display: none">Another invisible paragraph that only scrapers would see, long enough.</p>
      <p>Photo: Jane Roe, Example Agency</p>
      <p>Posted in World, Politics</p>
    </article>
    <section class="comments"><p>First comment, which is long and has commas, and would look like prose to a naive scorer.</p></section>
    </main><aside><p>Sidebar text with a comma, that is long enough to be counted as a paragraph.</p></aside>
    <footer><p>Copyright 2024 Example News, all rights reserved, do not copy.</p></footer></body></html>`;
  const a = extract(page(html));
  assert.deepEqual(paragraphTexts(a), [0, 1, 2, 3, 4].map((i) => `Paragraph ${i} tells the story, with a comma or two, and enough words to read as prose in a real article about item ${i}.`));
});

test('embedded tweets are quoted content; link-heavy full sentences stay; link lists and promos go', () => {
  const html = `<html><body><article>${prose(3)}
    <div class="social-media-embed"><blockquote class="twitter-tweet"><p>This tweet is quoted by the article, word for word.</p>— Someone (@someone) May 1, 2020</blockquote></div>
    <p>The ruling is <a href="/ruling">explained in detail in the court's published opinion</a> on its site.</p>
    <ul><li><a href="/a">Another headline from the same site</a></li><li><a href="/b">Yet another headline from this site</a></li></ul>
    <p>Get the latest updates right in your inbox. Subscribe to our newsletters.</p>
    ${prose(1, 9)}</article></body></html>`;
  const texts = paragraphTexts(extract(page(html)));
  assert.ok(texts.includes('This tweet is quoted by the article, word for word.'), texts.join(' | '));
  assert.ok(texts.some((t) => t.startsWith('The ruling is explained')));
  assert.ok(!texts.some((t) => t.includes('headline from')));
  assert.ok(!texts.some((t) => t.includes('newsletters')));
});

test('sentences that start like chrome stay text', () => {
  const lines = ['Copyright law in the union changed in 2019, after years of lobbying', 'Published in 1851, the novel sold fewer than 3,000 copies', 'Sources said the talks would resume on Monday.'];
  const a = extract(page(`<html><body><article>${prose(3)}${lines.map((l) => `<p>${l}</p>`).join('')}<p>© 2024 Example News Ltd</p></article></body></html>`));
  for (const l of lines) assert.ok(a.text.includes(l), l);
  assert.ok(!a.text.includes('©'));
});

test('headings and list items keep their kind', () => {
  const a = extract(page(`<html><body><article>${prose(3)}<h2>A subheading</h2><ul><li>First point of the list, with detail.</li><li>Second point of the list.</li></ul><blockquote><p>Quoted words here.</p></blockquote>${prose(2, 10)}</article></body></html>`));
  const kinds = a.paragraphs.map((p) => p.kind);
  assert.deepEqual(kinds, ['p', 'p', 'p', 'heading', 'list-item', 'list-item', 'quote', 'p', 'p']);
  checkSpans(a);
});

test('second pass: an article inside a "widget"-named column is still found, comments stay out', () => {
  const comments = [0, 1, 2, 3, 4, 5].map((i) => `<p>Comment ${i}: I disagree with this, strongly, and here is a long reason why it matters to me.</p>`).join('');
  const a = extract(page(`<html><body><div class="widget Blog"><article>${prose(3)}</article></div><div class="comments">${comments}</div></body></html>`));
  assert.equal(a.paragraphs.length, 3);
  assert.ok(a.text.startsWith('Paragraph 0 tells the story'));
  assert.ok(!a.text.includes('Comment'));
});

test('a post wrapper named like comments ("has-comments") is still the article', () => {
  const comments = [0, 1].map((i) => `<li class="comment"><p>Comment ${i}: long enough to look like prose, with a comma, to a scorer.</p></li>`).join('');
  const a = extract(page(`<html><body><article class="post has-comments"><h1>Headline</h1>${prose(3)}<ol class="comment-list">${comments}</ol></article></body></html>`));
  assert.equal(a.paragraphs.length, 3);
  assert.ok(!a.text.includes('Comment'));
});

test('an article written as a run of identical CMS blocks is read whole', () => {
  const blocks = [0, 1, 2, 3, 4, 5].map((i) => `<div class="paragraph-block"><div class="inner"><div class="wrap"><p>Block ${i} of the story carries one paragraph, long enough to be prose, with a comma or two in it.</p></div></div></div>`).join('');
  const a = extract(page(`<html><body><header><a href="/">Site</a></header><main>${blocks}</main></body></html>`));
  assert.equal(a.paragraphs.length, 6);
});

test('text written between <br>s in a container is found', () => {
  const a = extract(page(`<html><body><table><tr><td class="menu"><a href="/">Home</a><br><a href="/a">Archive</a></td><td>
    <b>Title</b><br>First paragraph of the old page, written between line breaks, with commas, and long enough.<br><br>
    Second paragraph of the old page, also long enough to be prose, and also with a comma.<br></td></tr></table></body></html>`));
  assert.deepEqual(paragraphTexts(a).slice(-2), [
    'First paragraph of the old page, written between line breaks, with commas, and long enough.',
    'Second paragraph of the old page, also long enough to be prose, and also with a comma.',
  ]);
});

test('layout-table columns stay apart; data-table rows read as one line each', () => {
  const layout = extract(page(`<html><body><table><tr><td><a href="/">Home</a> <a href="/n">News</a></td><td><p>First paragraph of the story, with commas, long enough to be prose here.</p><p>Second paragraph of the story, also long enough, with a comma.</p></td></tr></table></body></html>`));
  assert.ok(paragraphTexts(layout).every((t) => !t.includes('Home')), paragraphTexts(layout).join(' | '));
  const data = extract(page(`<html><body><article>${prose(3)}<table><tr><th>Player</th><th>Snaps</th></tr><tr><td>Myles Garrett</td><td>57</td></tr><tr><td>Chad Thomas</td><td>57</td></tr></table></article></body></html>`));
  assert.deepEqual(paragraphTexts(data).slice(-3), ['Player Snaps', 'Myles Garrett 57', 'Chad Thomas 57']);
});

test('100,000 nested elements: no stack overflow, text found', () => {
  const n = 100_000;
  const sentence = 'Deep inside the nesting sits a sentence, with commas, that is the whole article.';
  for (const html of [
    `<html><body>${'<div>'.repeat(n)}<p>${sentence}</p>${'</div>'.repeat(n)}</body></html>`,
    `<html><body>${'<div>'.repeat(n)}<p>${sentence}`,
    `<html><body><p>${'<b><i>'.repeat(n / 2)}${sentence}`,
    `<html><body><p>${sentence}</p>${'</span>'.repeat(n)}`,
  ]) {
    const a = extract(page(html));
    assert.equal(a.text, sentence);
  }
});

test('a 50 MB page is extracted', () => {
  const para = (i: number): string => `<p>Paragraph ${i}: the council met again, and the budget was discussed at length by members.</p>\n`;
  const parts: string[] = ['<html><body><div class="sidebar">', '<a href="/x">link</a>'.repeat(1000), '</div><article>'];
  let size = 0;
  for (let i = 0; size < 50_000_000; i++) {
    const p = para(i);
    parts.push(p);
    size += p.length;
  }
  parts.push('</article></body></html>');
  const html = parts.join('');
  assert.ok(html.length >= 50_000_000);
  const a = extract(page(html));
  assert.ok(a.paragraphs.length > 500_000, `only ${a.paragraphs.length} paragraphs`);
  assert.ok(a.text.startsWith('Paragraph 0: the council met again'));
  assert.ok(!a.text.includes('link'));
});

test('a fragment without <html>/<body>, and bare text given as HTML, are read too', () => {
  assert.deepEqual(paragraphTexts(extract(page(prose(2)))).length, 2);
  const bare = extract(page('Just words typed into the HTML field, with a comma, and no tags at all anywhere.'));
  assert.equal(bare.text, 'Just words typed into the HTML field, with a comma, and no tags at all anywhere.');
});

test('truncated HTML: the text read so far is kept', () => {
  const html = `<html><head><title>Cut off</title></head><body><article>${prose(3)}<p>The last paragraph was cut off in the mid`;
  const a = extract(page(html));
  assert.equal(a.paragraphs.length, 4);
  assert.ok(a.text.endsWith('cut off in the mid'));
});

test('no article text: empty text, not an error', () => {
  for (const html of ['', '<html><head><title>Only a title</title></head></html>', '<html><body><nav><a href="/">Home</a></nav></body></html>', '\u0000\u0001\ufffd'.repeat(1000), '<<<>>>&&&;;;']) {
    const a = extract(page(html));
    assert.equal(typeof a.text, 'string');
    assert.equal(a.text.trim() === '' ? a.paragraphs.length : -1, a.text.trim() === '' ? 0 : -1);
  }
  const a = extract(page('<html><head><title>Only a title</title></head><body></body></html>'));
  assert.equal(a.text, '');
  assert.equal(a.title, 'Only a title');
});

test('hostile HTML: scripts and handlers are dropped, never run, never in text', () => {
  let ran = false;
  (globalThis as Record<string, unknown>).unspinHostile = () => {
    ran = true;
  };
  const html = `<html><body onload="unspinHostile()"><article><script>unspinHostile()</script><img src=x onerror="unspinHostile()">${prose(3)}<style>p{}</style><iframe srcdoc="<script>unspinHostile()</script>"></iframe></article></body></html>`;
  const a = extract(page(html));
  assert.equal(ran, false);
  assert.ok(!a.text.includes('unspinHostile'));
  assert.equal(a.paragraphs.length, 3);
  delete (globalThis as Record<string, unknown>).unspinHostile;
});
