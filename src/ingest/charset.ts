/**
 * Turning a page's bytes into text. The decision follows the HTML standard's order, because
 * that is what the page's author saw in a browser:
 *   1. a byte-order mark (it wins even over the HTTP header, as in browsers),
 *   2. the HTTP Content-Type charset,
 *   3. <meta charset> / <meta http-equiv="Content-Type"> / an XML declaration near the top,
 *   4. sniffing: valid UTF-8 is UTF-8; otherwise chardet's statistical guess,
 *   5. UTF-8 as the default.
 * How it was decided is recorded in RawPage.charset so a wrong guess can be diagnosed.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { RawPage } from '../model.js';
import { looksUtf16, SNIFF_BYTES } from './sniff.js';

export type Charset = NonNullable<RawPage['charset']>;

/** How far into the document <meta charset> is looked for (the standard says 1024; real pages put it later). */
const META_SCAN_BYTES = 4096;
/** How much of the document chardet sees: enough for a confident guess, small enough to stay fast on huge pages. */
const SNIFF_SAMPLE_BYTES = 64 * 1024;

/**
 * Labels whose WHATWG meaning differs from the literal one: browsers decode "iso-8859-1" and
 * "ascii" as windows-1252, "shift_jis" as Microsoft's superset, "gb2312" as GBK, and so on.
 */
const LABEL_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252', 'iso8859-1': 'windows-1252', latin1: 'windows-1252', 'l1': 'windows-1252',
  'us-ascii': 'windows-1252', ascii: 'windows-1252', 'iso-8859-9': 'windows-1254',
  'shift_jis': 'cp932', 'shift-jis': 'cp932', sjis: 'cp932', 'x-sjis': 'cp932', 'ms_kanji': 'cp932', 'windows-31j': 'cp932',
  gb2312: 'gbk', 'x-gbk': 'gbk', 'gb_2312-80': 'gbk',
  'euc-kr': 'cp949', 'ks_c_5601-1987': 'cp949',
  'x-mac-roman': 'macintosh',
  'utf8': 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
};

/** A usable iconv-lite name for a charset label, or null when the label is unknown. */
export function normaliseLabel(label: string): string | null {
  const clean = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (clean === '') return null;
  const name = LABEL_ALIASES[clean] ?? clean;
  return iconv.encodingExists(name) ? name : null;
}

/** The charset parameter of a Content-Type header value, if any. */
export function charsetFromContentType(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return m ? m[2] : null;
}

function bomCharset(bytes: Uint8Array): { name: string; length: number } | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { name: 'utf-8', length: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { name: 'utf-16be', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { name: 'utf-16le', length: 2 };
  return null;
}

/**
 * The charset a document declares in its first bytes. Only ASCII-compatible declarations are
 * read (a document that declares UTF-16 in ASCII bytes cannot be UTF-16, so that is UTF-8,
 * as the standard says). Comments are skipped so a commented-out <meta> does not count.
 */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, META_SCAN_BYTES))
    .toString('latin1')
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  const patterns = [
    /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([^\s"'/>;]+)/i,
    /<meta\b[^>]*?\bcontent\s*=\s*["'][^"']*?charset\s*=\s*([^\s"';>]+)/i,
  ];
  let found: string | null = null;
  let foundAt = Infinity;
  for (const re of patterns) {
    const m = re.exec(head);
    if (m && m.index < foundAt) { found = m[1]; foundAt = m.index; }
  }
  const label = found ?? xml?.[1] ?? null;
  if (label === null) return null;
  return /^utf-?16/i.test(label) ? 'utf-8' : label;
}

/** chardet's best guess that iconv-lite can decode, normalised the WHATWG way. */
function sniffCharset(bytes: Uint8Array): string | null {
  const sample = bytes.subarray(0, SNIFF_SAMPLE_BYTES);
  for (const match of chardet.analyse(sample)) {
    const name = normaliseLabel(match.name);
    if (name !== null) return name;
  }
  return null;
}

/** True when the bytes are UTF-8, tolerating a multi-byte character cut off at the very end (truncated pages). */
function looksUtf8(bytes: Uint8Array): boolean {
  if (isUtf8(bytes)) return true;
  for (let cut = 1; cut <= 3 && cut < bytes.length; cut++) {
    if (isUtf8(bytes.subarray(0, bytes.length - cut))) return true;
  }
  return false;
}

/** Decide the charset of `bytes`; `headerCharset` is the HTTP header's label, if any. */
export function decideCharset(bytes: Uint8Array, headerCharset?: string | null): Charset & { bomLength: number } {
  const bom = bomCharset(bytes);
  if (bom) return { name: bom.name, source: 'bom', bomLength: bom.length };
  const fromHeader = headerCharset ? normaliseLabel(headerCharset) : null;
  if (fromHeader) return { name: fromHeader, source: 'header', bomLength: 0 };
  const declared = declaredCharset(bytes);
  const fromMeta = declared ? normaliseLabel(declared) : null;
  if (fromMeta) return { name: fromMeta, source: 'meta', bomLength: 0 };
  const utf16 = looksUtf16(bytes.subarray(0, SNIFF_BYTES));
  if (utf16) return { name: utf16, source: 'sniffed', bomLength: 0 };
  if (isAscii(bytes)) return { name: 'utf-8', source: 'default', bomLength: 0 };
  if (looksUtf8(bytes)) return { name: 'utf-8', source: 'sniffed', bomLength: 0 };
  const sniffed = sniffCharset(bytes);
  if (sniffed) return { name: sniffed, source: 'sniffed', bomLength: 0 };
  return { name: 'utf-8', source: 'default', bomLength: 0 };
}

/** The names people know for the decoders chosen above (RawPage.charset.name is for humans). */
const DISPLAY_NAMES: Record<string, string> = { cp932: 'shift_jis', cp949: 'euc-kr' };

/** Decode a page's bytes to a string, recording how the charset was chosen. */
export function decodeBytes(bytes: Uint8Array, headerCharset?: string | null): { text: string; charset: Charset } {
  const { bomLength, ...decided } = decideCharset(bytes, headerCharset);
  const charset: Charset = { name: DISPLAY_NAMES[decided.name] ?? decided.name, source: decided.source };
  const body = bytes.subarray(bomLength);
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  // Node's own UTF-8 decoder is several times faster than iconv-lite's on large pages.
  const text = decided.name === 'utf-8' ? buf.toString('utf8') : iconv.decode(buf, decided.name, { stripBOM: true });
  return { text, charset };
}
