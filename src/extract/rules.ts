/**
 * Declarative extraction rules: tag sets, class/id patterns and boilerplate phrases.
 * Logic lives in clean.ts / content.ts / links.ts / text.ts; this file only says WHAT counts as
 * chrome or content, so a rule can be changed (and reviewed) without reading the algorithms.
 */

/** Elements that never carry article text; dropped with everything inside them. */
export const DROP_TAGS: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'canvas', 'iframe', 'object', 'embed',
  'button', 'input', 'select', 'textarea', 'option', 'label', 'dialog', 'menu',
  'nav', 'aside', 'footer', 'head', 'title', 'meta', 'link', 'base', 'audio', 'video', 'source',
  'track', 'map', 'area', 'img', 'picture',
  // Captions describe pictures, not the story; readers (and benchmark annotators) skip them.
  'figcaption',
  // AMP's components for ads, menus, share buttons and trackers.
  'amp-ad', 'amp-embed', 'amp-sticky-ad', 'amp-auto-ads', 'amp-analytics', 'amp-pixel', 'amp-sidebar',
  'amp-social-share', 'amp-iframe', 'amp-consent', 'amp-user-notification', 'amp-img', 'amp-video',
]);

/** ARIA roles of page chrome. */
export const DROP_ROLES: ReadonlySet<string> = new Set([
  'navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'dialog',
  'alert', 'alertdialog', 'toolbar', 'tablist', 'form',
]);

/*
 * class/id patterns are matched against `classWords(el)`: class and id split into lower-case
 * words at spaces, '-', '_' and camelCase humps, joined by '-' ("theiaStickySidebar ad_box" ->
 * "theia-sticky-sidebar-ad-box"). Patterns anchor at word starts, so "ad" matches the word "ad"
 * but not "header" or "load".
 */
const w = (words: readonly string[], whole = false): RegExp =>
  new RegExp(`(?:^|-)(?:${words.join('|')})${whole ? '(?:$|-)' : ''}`);

/** Comment threads: never article text, however long they are. */
export const COMMENT_CLASS = w(['comment', 'disqus', 'respond', 'replies', 'reply', 'livefyre', 'discussion', 'reactions']);

/**
 * Chrome widgets: share bars, related rails, breadcrumbs, newsletter boxes. Skipped unless
 * the element holds most of the page's prose (then it is a layout wrapper with an unlucky name,
 * e.g. "has-sidebar", "page-ad-margins").
 */
export const CHROME_CLASS = new RegExp([
  w(['breadcrumb', 'sidebar', 'widget', 'share', 'sharing', 'social', 'sociable', 'related', 'recommend',
    'newsletter', 'subscri', 'signup', 'cookie', 'consent', 'gdpr', 'popup', 'modal', 'outbrain', 'taboola',
    'trending', 'mostread', 'pagination', 'pager', 'navbar', 'masthead', 'copyright', 'promo', 'sponsor',
    'adsense', 'advert', 'tagcloud', 'byline', 'toolbar', 'skip', 'caption', 'credit', 'photo-credit']).source,
  w(['ad', 'ads', 'nav', 'tags', 'menu', 'footer', 'banner', 'print', 'rss', 'more', 'newsletters'], true).source,
  'read-more', 'more-(?:stories|articles|news|from)', 'most-(?:read|popular|viewed|shared)', 'skip-link',
  'post-tags', 'tag-list', 'cat-links', 'entry-meta', 'post-meta', 'article-meta', 'author-(?:bio|box|info|card)',
  'about-(?:the-)?author', 'site-(?:header|footer|nav)', 'you-may-(?:also-)?like', 'further-reading',
].join('|'));

/**
 * Weaker chrome words (Readability's "unlikely candidates"): skipped unless the same class/id
 * also says it is content ("article-header" may hold the standfirst).
 */
export const UNLIKELY_CLASS = w(['header', 'login', 'poll', 'rating', 'popular', 'overlay', 'sr-only',
  'screen-reader', 'visually-hidden', 'extra', 'supplemental', 'remark', 'community', 'agegate', 'meta']);

/** class/id words that rescue an UNLIKELY_CLASS match (Readability's okMaybeItsACandidate). */
export const MAYBE_CONTENT_CLASS = w(['article', 'body', 'content', 'main', 'story', 'entry', 'column', 'shadow', 'post']);

/**
 * Tags that are widgets whatever their class (search boxes, sign-up forms), kept out of the
 * article unless they hold most of the page's prose: ASP.NET wraps whole pages in one <form>.
 */
export const WIDGET_TAGS: ReadonlySet<string> = new Set(['form']);

/**
 * Embedded posts (tweets, Instagram, TikTok, Facebook): the article quotes them, so the widget
 * around one is content, not chrome.
 */
export const EMBEDDED_POST_CLASS = /(^|\s)(twitter-tweet|twitter-video|instagram-media|tiktok-embed|fb-post|bluesky-embed|reddit-embed-bq)(\s|$)/;

/** Tags never dropped for their class/id: WordPress puts "comments-open" on <body>. */
export const NEVER_DROP_BY_CLASS: ReadonlySet<string> = new Set(['html', 'body', 'main']);

/** class/id words that raise a container's content score (Readability's positive class weight). */
export const POSITIVE_CLASS =
  /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose|rich-text|paragraph/;

/** class/id words that lower a container's content score (Readability's negative class weight). */
export const NEGATIVE_CLASS =
  /hidden|banner|combx|comment|com-|contact|foot|footer|footnote|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|nav|menu|breadcrumb|newsletter|subscribe|byline|caption/;

/**
 * Elements that form a paragraph of their own when the article text is assembled. A table row
 * is one paragraph (its cells joined by spaces): a row of figures reads as one line.
 */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol',
  'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'table', 'tr', 'tbody', 'thead', 'tfoot',
  'figure', 'figcaption', 'hr', 'address', 'details', 'summary', 'center', 'caption', 'body', 'html',
]);

export const HEADING_TAGS: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Elements whose text Readability scores as a paragraph. */
export const PARAGRAPH_TAGS: ReadonlySet<string> = new Set(['p', 'pre', 'td', 'blockquote', 'li', 'dd']);

/**
 * Lines that are page chrome wherever they appear in the content (matched against a whole
 * normalised paragraph). Each names the widget it comes from.
 */
export const BOILERPLATE_LINES: readonly RegExp[] = [
  /^(read|see|watch|listen)\s+(more|also|next)\b.{0,300}$/i, // "READ MORE: <other story>"
  /^(related|recommended|more)( (stories|articles|news|reading|coverage|on this( story| topic)?))?\s*[:|»›>-].{0,300}$/i,
  /^(related|recommended)( (stories|articles|news|posts|content|reading|coverage))?$/i,
  /^see also\b.{0,300}$/i,
  /^(source|sources|via|credit|image source|photo|image)\s*[:|]?\s*\S{0,80}$/i, // "Source", "Source: Reuters"
  /^(photo|photograph|image|picture|illustration|video|credit|foto|bild)s?( credit)?\s*[:|]\s*.{0,100}$/i, // "Photo: Hau Dinh, AP"
  /^(photo|photograph|image|picture|illustration)s? (by|courtesy( of)?)\b.{0,100}$/i, // "Photo by Jane Roe/Agency"
  /^(originally|first) (published|appeared) (at|on|in|by)\b.{0,200}$/i,
  /^(published|appeared) (at|on) [^.]{0,60}$/i, // "Published on 3 May" (not "Published in 1851, the novel...")
  /^posted (in|under)\b.{0,200}$/i,
  // Datelines: "Updated 5:27 am CST", "Posted Nov 18, 8:19 PM", "Published 3 hours ago" (a time,
  // a month and day, a numeric date or "ago"; "Published in 1851, the novel..." is a sentence).
  /^(updated|posted|published|last (updated|modified)|original)\b(?=.{0,100}$).*(\d{1,2}:\d{2}|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|\bago\b)/i,
  /^(updated|posted|published)\b.{0,100}\d{1,2}:\d{2}.{0,60}$/i, // "Updated Nov. 19, 2019 8:21 am ET / Original ..."
  /^(?=.{0,60}$)(?=.*\b(19|20)\d\d\b)(?=.*\b\d{1,2}[:h]\d{2}\b).*$/i, // a date and time alone on a line, any language
  /^(filed|categorised|categorized) (in|under)\b.{0,200}$/i,
  /^tags?\s*:.{0,300}$/i,
  /^(share|share this|share this (article|story|post)|share on \w+|tweet|email|print)( (this|on \w+))?\s*:?$/i,
  /^(click|tap) here to\b.{0,200}$/i,
  /^(advert|advertisement|advertising|sponsored( content)?|text size|font size|subscribe( now)?|tags|share|comments|scroll to continue( with content)?|anzeige|werbung|publicité|publicidad|pubblicità|reklama|реклама|広告)$/i,
  /^(leave a (comment|reply)|\d+ comments?|comments?|add (a )?comment|join the conversation)$/i,
  /^(?=.{0,220}$).*(\b(sign up|subscribe)\b.{0,80}\b(newsletters?|inbox)\b|\b(right|straight|directly|delivered) (in|to|into) your inbox\b).*$/i, // newsletter promos
  /^(?=.{0,220}$).*\bfollow (him|her|them|us|me)\b.{0,40}\b(twitter|facebook|instagram|linkedin|threads|x)\b.*$/i, // author taglines
  /^(©|\(c\)|copyright\s*(©|\(c\)|\d{4}))\s*.{0,200}$/i, // "© 2024 ..." (not "Copyright law changed...")
  /^all rights reserved\.?$/i,
  /^follow (us|@\w+)\b.{0,120}$/i,
  /^(previous|next) (article|post|story)\b.{0,200}$/i,
];

/** Anchor text of a declared source link ("Source", "via", "originally published at"). */
export const SOURCE_ANCHOR = /^(source|sources|source link|fuente|quelle|fonte|источник|bron|źródło|kaynak|original source|read the original( article| story| post)?|original (article|story|post)|read (the )?full (story|article)( (at|on) .{1,40})?|continue reading (at|on) .{1,40}|via\b.*|originally (published|appeared) (at|on|in)\b.*)$/i;

/** A paragraph that introduces a declared source: the link inside it is the source. */
export const SOURCE_LINE = new RegExp([
  // "Source: Reuters", "Sources: AP, AFP" (a colon: "Sources said on Monday..." is a sentence).
  '^(source|sources)\\s*:',
  // "Source", "via Reuters" alone on a short line.
  '^(source|sources)$', '^via\\s+\\S.{0,60}$',
  '^(originally (published|appeared) (at|on|in|by)|this (article|story|post) (was )?(originally |first )?(published|appeared))\\b',
  // The same line in other languages: Spanish/Portuguese, German, Portuguese, Russian, Dutch, Polish, Turkish.
  '^(fuente|quelle|fonte|источник|bron|źródło|kaynak)\\s*:',
  // WordPress feeds append "The post <title> appeared first on <site>." to every copied item.
  '^the post .{1,300} appeared first on\\b',
].join('|'), 'i');

/** A paragraph that introduces links to other stories. */
export const RELATED_LINE = new RegExp([
  '^(read|see|watch) (more|also)\\b', '^related\\b', '^see also\\b', '^more:', '^recommended\\b', '^also read\\b',
  '^you (may|might) also like\\b', '^more (on|about) this( story| topic)?\\s*:',
  // Other languages: German, French, Spanish, Portuguese, Italian, Dutch.
  '^(lesen sie auch|lesen sie mehr|mehr zum thema|lire aussi|à lire aussi|voir aussi|lee también|leer más|leia também|leia mais|veja também|leggi anche|lees ook)\\b',
].join('|'), 'iu');

/** Visible byline prefixes. */
export const BYLINE_PREFIX = /^\s*(by|from|written by|posted by|words by|author:?)\s+/i;

/**
 * A paragraph that is only a byline, in a few languages: "By Jane Roe", "Von Klaus Berger,
 * 3. Mai 2004", "Par Anne Martin | 12 juin". Only looked for among the first paragraphs.
 */
export const BYLINE_LINE =
  /^(by|von|par|por|di|door|av|af|autor:?|author:?|written by)\s+\p{Lu}[\p{L}.'’-]*(\s+(\p{Lu}[\p{L}.'’-]*|and|und|et|y|e|&))*\s*([,|–—·-]\s*.{0,40})?$/iu;

/** A written date: "June 3rd, 2022", "3 June 2022", "Jun. 3, 2022", "03/06/2022", "2022-06-03". */
export const WRITTEN_DATE = new RegExp([
  '\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}(st|nd|rd|th)?,?\\s+(19|20)\\d\\d\\b',
  '\\b\\d{1,2}(st|nd|rd|th)?\\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?,?\\s+(19|20)\\d\\d\\b',
  '\\b\\d{1,2}[./]\\d{1,2}[./](19|20)\\d\\d\\b',
  '\\b(19|20)\\d\\d-\\d{2}-\\d{2}\\b',
].join('|'), 'i');

/** Words that may stand beside a date on a dateline: "Posted on June 3, 2022 by admin". */
export const DATELINE_WORDS = /\b(posted|published|updated|on|by|at|am|pm|gmt|utc|et|est|edt|pst|cet|\d{1,2}:\d{2})\b/gi;

/** Words just before a link that declare it the source: "via X", "originally published at X". */
export const SOURCE_LEAD = /(\bvia|\bsource\s*:?|\bsources\s*:?|originally (published|appeared) (at|on|in|by)|first (published|appeared) (at|on|in|by)|courtesy of|reprinted (from|with permission of))\s*$/i;

/** Common "known content" containers, tried before scoring (trafilatura's BODY_XPATH). */
export const CONTENT_SELECTORS_CLASS =
  /(^|\s)(article-body|article__body|article-content|article__content|articlebody|article-text|article__text|story-body|story-content|storycontent|post-content|post-body|post-entry|postbody|entry-content|entry-body|td-post-content|single-content|content-body|body-text|bodytext|news-body|main-text|rich-text|text-body|page-content|c-entry-content|article-body-text)(\s|$)/;

/** Anchor text that declares a source wherever it stands on the page. */
export const PAGE_SOURCE_ANCHOR = /^(source|source link|fuente|quelle|fonte|источник|bron|original source|original article|read the original( article| story| post)?|originally published (at|on|by) .{1,40})$/i;
