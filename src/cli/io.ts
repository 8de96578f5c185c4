/**
 * Shared command-line plumbing for every subcommand (extract, restore, trace, index add, ...):
 *
 * - Output: `createOutput()` writes to stdout honouring backpressure, so a command streaming
 *   millions of JSON lines into a slow pipe keeps constant memory. `writeJsonLine` and
 *   `formatJson` give one stable JSON style (compact for JSONL, 2-space pretty for --json).
 * - Input: `readJsonLines(input)` streams `{line, value}` / `{line, error}` records from a JSONL
 *   file, a .jsonl.gz file or `-` (stdin), one line at a time, a bad line costing only that line.
 *   For page records ({id, url, html, text}) use src/ingest's readInputs instead: it also
 *   fetches and decodes.
 * - Flag parsing: `parseSeconds`, `parseByteSize` (commander argParsers with clear messages).
 * - `errorRecord(id, err)`: the `{id, error: {code, kind, message}}` object batch modes print.
 * - `mapTextRecords(input, fn)`: `{id, text}` lines in, one output line per record out (restore, detect).
 */
import { createReadStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { InvalidArgumentError } from 'commander';
import { UnspinError } from '../errors.js';
import { maybeGunzip, splitLines } from '../ingest/index.js';

export interface Output {
  /** Write text; resolves once the stream can take more (awaiting it is what keeps memory flat). */
  write(text: string): Promise<void>;
  writeLine(text: string): Promise<void>;
  /** One compact JSON value on its own line (JSONL). */
  writeJsonLine(value: unknown): Promise<void>;
  /** Flush and wait until everything written has been handed to the OS. */
  end(): Promise<void>;
}

export function createOutput(stream: Writable | NodeJS.WriteStream = process.stdout): Output {
  const write = (text: string): Promise<void> => {
    if (text === '') return Promise.resolve();
    if (stream.write(text)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onDrain = (): void => { stream.off('error', onError); resolve(); };
      const onError = (err: Error): void => { stream.off('drain', onDrain); reject(err); };
      stream.once('drain', onDrain);
      stream.once('error', onError);
    });
  };
  return {
    write,
    writeLine: (text) => write(`${text}\n`),
    writeJsonLine: (value) => write(`${JSON.stringify(value)}\n`),
    end: () => new Promise((resolve) => {
      // stdout cannot be ended; waiting for an empty write is how to know it flushed.
      if (stream === process.stdout || stream === process.stderr) stream.write('', () => resolve());
      else stream.end(() => resolve());
    }),
  };
}

/** JSON for humans and diff tools: pretty, two spaces, trailing newline. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The object batch modes print for a failed item: same id as the input, exit code and message. */
export function errorRecord(id: string | null, err: UnspinError, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, ...extra, error: { code: err.exitCode, kind: err.kind, message: err.message } };
}

export type JsonLine = { line: number; value: unknown; error?: undefined } | { line: number; error: string };

/**
 * Parsed lines of a JSONL input (`-` = stdin, gzip detected by its magic bytes). Blank lines
 * are skipped; an unparsable or over-long line yields `{line, error}` and reading goes on.
 */
export async function* readJsonLines(
  input: string | Readable,
  options: { maxLineBytes?: number; stdin?: Readable } = {},
): AsyncGenerator<JsonLine> {
  const source = typeof input !== 'string' ? input
    : input === '-' ? (options.stdin ?? process.stdin)
      : createReadStream(input, { highWaterMark: 1024 * 1024 });
  const maxLineBytes = options.maxLineBytes ?? 64 * 1024 * 1024;
  for await (const line of splitLines(maybeGunzip(source), { maxLineBytes })) {
    if ('tooLong' in line) {
      yield { line: line.number, error: `line ${line.number}: longer than ${maxLineBytes} bytes` };
      continue;
    }
    if (line.text.trim() === '') continue;
    try {
      yield { line: line.number, value: JSON.parse(line.text) as unknown };
    } catch (e) {
      yield { line: line.number, error: `line ${line.number}: not valid JSON (${(e as Error).message})` };
    }
  }
}

/** commander argParser for `--timeout <seconds>`: a positive number of seconds, returned in ms. */
export function parseSeconds(value: string): number {
  const s = Number(value);
  if (!Number.isFinite(s) || s <= 0) throw new InvalidArgumentError('expected a positive number of seconds, e.g. 10 or 2.5');
  return Math.round(s * 1000);
}

/** commander argParser for a probability such as `--min-confidence <p>`: a number from 0 to 1. */
export function parseProbability(value: string): number {
  const p = Number(value);
  if (value.trim() === '' || !Number.isFinite(p) || p < 0 || p > 1) throw new InvalidArgumentError('expected a number from 0 to 1, e.g. 0.8');
  return p;
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };

/** commander argParser for `--max-bytes <size>`: "5000000", "500k", "10MB", "1g" (binary units). */
export function parseByteSize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m ? SIZE_UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined || Number(m[1]) <= 0) throw new InvalidArgumentError('expected a size such as 5000000, 500k or 10MB');
  return Math.floor(Number(m[1]) * unit);
}

/**
 * The batch mode of the text commands: reads `{id, text}` JSON lines and writes `{id, ...fn(text)}`
 * per record, or an error record for a line that is not one; an input without records is an
 * input error, and so (as the exit code) is an input whose every record failed.
 */
export async function mapTextRecords(input: string, fn: (text: string) => Record<string, unknown>): Promise<void> {
  const out = createOutput();
  let failures = 0;
  let records = 0;
  for await (const rec of readJsonLines(input)) {
    records++;
    if (rec.error !== undefined) {
      failures++;
      await out.writeJsonLine(errorRecord(null, new UnspinError('input', rec.error), { line: rec.line }));
      continue;
    }
    const v = rec.value as { id?: unknown; text?: unknown } | null;
    const id = v && (typeof v.id === 'string' || typeof v.id === 'number') ? String(v.id) : null;
    if (!v || typeof v !== 'object' || typeof v.text !== 'string') {
      failures++;
      await out.writeJsonLine(errorRecord(id, new UnspinError('input', `line ${rec.line}: expected {"id": ..., "text": "..."}`), { line: rec.line }));
      continue;
    }
    await out.writeJsonLine({ id, ...fn(v.text) });
  }
  await out.end();
  if (records === 0) throw new UnspinError('input', `${input === '-' ? 'stdin' : input}: input is empty (no JSONL records)`);
  if (failures === records) process.exitCode = new UnspinError('input', '').exitCode;
}
