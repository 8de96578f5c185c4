/**
 * Recognising what a byte stream is before treating it as a web page: gzip (decompressed
 * transparently), and formats that are certainly not HTML (images, PDF, archives, executables),
 * so the user hears "looks like binary (PNG image)" instead of getting an empty article.
 */

interface Magic {
  offset: number;
  bytes: number[] | string;
  what: string;
}

const MAGICS: Magic[] = [
  { offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'PNG image' },
  { offset: 0, bytes: [0xff, 0xd8, 0xff], what: 'JPEG image' },
  { offset: 0, bytes: 'GIF87a', what: 'GIF image' },
  { offset: 0, bytes: 'GIF89a', what: 'GIF image' },
  { offset: 8, bytes: 'WEBP', what: 'WebP image' },
  { offset: 0, bytes: [0x49, 0x49, 0x2a, 0x00], what: 'TIFF image' },
  { offset: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a], what: 'TIFF image' },
  { offset: 0, bytes: [0x00, 0x00, 0x01, 0x00], what: 'icon image' },
  { offset: 0, bytes: 'BM', what: 'BMP image' },
  { offset: 0, bytes: '%PDF-', what: 'PDF document' },
  { offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04], what: 'ZIP archive or Office document' },
  { offset: 0, bytes: [0x50, 0x4b, 0x05, 0x06], what: 'ZIP archive' },
  { offset: 0, bytes: [0x42, 0x5a, 0x68], what: 'bzip2 archive' },
  { offset: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'xz archive' },
  { offset: 0, bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd archive' },
  { offset: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: '7-Zip archive' },
  { offset: 0, bytes: 'Rar!', what: 'RAR archive' },
  { offset: 257, bytes: 'ustar', what: 'tar archive' },
  { offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'ELF executable' },
  { offset: 0, bytes: 'MZ', what: 'Windows executable' },
  { offset: 0, bytes: [0x00, 0x61, 0x73, 0x6d], what: 'WebAssembly module' },
  { offset: 0, bytes: 'SQLite format 3', what: 'SQLite database' },
  { offset: 4, bytes: 'ftyp', what: 'MP4/QuickTime video' },
  { offset: 0, bytes: 'OggS', what: 'Ogg media' },
  { offset: 0, bytes: 'ID3', what: 'MP3 audio' },
  { offset: 0, bytes: 'fLaC', what: 'FLAC audio' },
  { offset: 0, bytes: [0x1a, 0x45, 0xdf, 0xa3], what: 'Matroska/WebM video' },
  { offset: 0, bytes: 'wOFF', what: 'WOFF font' },
  { offset: 0, bytes: 'wOF2', what: 'WOFF2 font' },
];

function startsWithAt(bytes: Uint8Array, offset: number, pattern: number[] | string): boolean {
  const want = typeof pattern === 'string' ? Array.from(pattern, (c) => c.charCodeAt(0)) : pattern;
  if (bytes.length < offset + want.length) return false;
  for (let i = 0; i < want.length; i++) if (bytes[offset + i] !== want[i]) return false;
  return true;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** How many leading bytes `binaryKind` wants to see. */
export const SNIFF_BYTES = 8192;

/** Control bytes no text format uses (tab, newlines, form feed and ESC, which ISO-2022-JP needs, are fine). */
function isOddControl(b: number): boolean {
  return b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b;
}

/**
 * A short description ("PNG image", "contains NUL bytes") when the bytes are certainly not
 * a text document, or null. A stray NUL in a real page is tolerated (browsers show the page
 * anyway); many NULs or control bytes are not. UTF-16 text is full of NULs; it is recognised
 * by a BOM or by NULs falling on alternate bytes, and left alone.
 */
export function binaryKind(bytes: Uint8Array): string | null {
  const head = bytes.subarray(0, SNIFF_BYTES);
  let nulCount = 0;
  let oddCount = 0;
  for (const b of head) {
    if (b === 0) nulCount++;
    if (isOddControl(b)) oddCount++;
  }
  for (const m of MAGICS) {
    // "BM" and "MZ" are also ordinary text openings; only trust them together with a NUL byte.
    const weak = m.bytes === 'BM' || m.bytes === 'MZ' || m.what === 'icon image';
    if (startsWithAt(head, m.offset, m.bytes) && (!weak || nulCount > 0)) return m.what;
  }
  if (oddCount === 0 || looksUtf16(head)) return null;
  if (nulCount > 0 && (nulCount > head.length * 0.01 || oddCount > head.length * 0.05)) return 'contains NUL bytes';
  if (oddCount > head.length * 0.1) return 'contains control bytes';
  return null;
}

/** NULs on (almost) every other byte and nowhere else: ASCII-range text in UTF-16. */
export function looksUtf16(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    return head[0] === 0xff ? 'utf-16le' : 'utf-16be';
  }
  const pairs = Math.floor(head.length / 2);
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.7 && evenNul === 0) return 'utf-16le';
  if (evenNul >= pairs * 0.7 && oddNul === 0) return 'utf-16be';
  return null;
}
