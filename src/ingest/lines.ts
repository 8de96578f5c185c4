/**
 * Splitting a byte stream into lines without ever holding more than one line (capped) in
 * memory, so a multi-gigabyte JSONL crawl streams through in constant memory and one absurd
 * line costs an error for that line, not the run.
 */
import { toBuffer } from './bytes.js';

export type Line =
  | { number: number; text: string }
  /** The line was longer than the cap; its bytes were skipped, not kept. */
  | { number: number; tooLong: true; bytes: number };

export interface SplitOptions {
  /** Longest line kept, in bytes (without the newline). */
  maxLineBytes: number;
}

/**
 * Lines of `source` (UTF-8), numbered from 1, without their "\n" or "\r\n". A UTF-8 BOM on
 * the first line is dropped. A last line without a newline is still a line.
 */
export async function* splitLines(source: AsyncIterable<unknown>, options: SplitOptions): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let length = 0;
  let overflow = false;
  let number = 0;

  const finish = (): Line => {
    number++;
    if (overflow) {
      const line: Line = { number, tooLong: true, bytes: length };
      parts = []; length = 0; overflow = false;
      return line;
    }
    let text = Buffer.concat(parts, length).toString('utf8');
    parts = []; length = 0;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (number === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { number, text };
  };

  const append = (piece: Buffer): void => {
    length += piece.length;
    if (overflow) return;
    if (length > options.maxLineBytes) { overflow = true; parts = []; return; }
    parts.push(piece);
  };

  for await (const chunk of source) {
    const buf = toBuffer(chunk);
    let from = 0;
    for (let nl = buf.indexOf(10, from); nl !== -1; nl = buf.indexOf(10, from)) {
      append(buf.subarray(from, nl));
      yield finish();
      from = nl + 1;
    }
    if (from < buf.length) append(buf.subarray(from));
  }
  if (length > 0 || overflow) yield finish();
}
