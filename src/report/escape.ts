/**
 * The one escaping function for everything a page gave us (article text, titles, URLs, quotes,
 * diff text) on its way into HTML. Every renderer and the web page use it; nothing taken from a
 * page reaches HTML any other way.
 *
 * It escapes for both element content and double- or single-quoted attribute values, so a caller
 * cannot pick the wrong variant. `/` is not special in HTML; `</script>` and `</textarea>` are
 * defused by escaping `<`.
 */
const replacements: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  // Lone surrogates and C0 controls other than tab/newline/CR are invalid in HTML text; drop them
  // rather than let a parser guess.
  return String(value)
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[&<>"']/g, (c) => replacements[c]);
}

/**
 * A URL a page supplied, kept only when it is plain http(s), for use as a link target.
 * Anything else (javascript:, data:, vbscript:, relative junk) is not linkable and returns null,
 * so renderers show it as text instead.
 */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.href;
}
