/**
 * Reading local bytes: files and stdin, each with a size cap checked as the bytes arrive (a
 * FIFO or stdin has no size to stat), so memory stays bounded by the cap.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { UnspinError } from '../errors.js';
import { toBuffer } from './bytes.js';
import type { RawPage } from '../model.js';
import { DEFAULT_FILE_MAX_BYTES, type IngestOptions } from './options.js';
import { pageFromBytes, tooLarge } from './page.js';
import { binaryKind, isGzip, SNIFF_BYTES } from './sniff.js';

/**
 * Collect a stream's bytes, failing with exit 6 as soon as they pass `maxBytes`. Binary input
 * is recognised from its first bytes, so `unspin extract /dev/urandom` fails at once instead of
 * after reading up to the cap.
 */
export async function collectCapped(stream: AsyncIterable<unknown>, id: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let sniffed = false;
  const stop = (): void => {
    if ('destroy' in stream && typeof stream.destroy === 'function') (stream as Readable).destroy();
  };
  for await (const chunk of stream) {
    const buf = toBuffer(chunk);
    size += buf.length;
    if (size > maxBytes) {
      stop();
      throw tooLarge(id, maxBytes);
    }
    chunks.push(buf);
    if (!sniffed && size >= SNIFF_BYTES) {
      sniffed = true;
      const head = Buffer.concat(chunks, size).subarray(0, SNIFF_BYTES);
      const binary = isGzip(head) ? null : binaryKind(head);
      if (binary) {
        stop();
        throw new UnspinError('input', `${id}: looks like binary (${binary}), not HTML`);
      }
    }
  }
  return Buffer.concat(chunks, size);
}

/** A user-facing message for a filesystem error on `path`. */
export function fileError(path: string, e: unknown): UnspinError {
  const err = e as NodeJS.ErrnoException;
  const why: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'file name too long',
    EMFILE: 'too many open files',
  };
  const reason = (err.code && why[err.code]) ?? err.message ?? String(e);
  return new UnspinError('input', `cannot read ${path}: ${reason}`, { cause: e });
}

export function isTextFileName(path: string): boolean {
  return /\.(txt|text|md)(\.gz)?$/i.test(path);
}

export async function readFilePage(path: string, opts: IngestOptions): Promise<RawPage> {
  const maxBytes = opts.maxBytes ?? DEFAULT_FILE_MAX_BYTES;
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    const err = fileError(path, e);
    // "example.com/story" is a URL without its scheme far more often than a real path.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && /^(www\.[\w.-]+|[\w-]+(\.[\w-]+)*\.[a-z]{2,}\/)/i.test(path)) {
      throw new UnspinError('input', `${err.message} (for a URL, write https://${path})`);
    }
    throw err;
  }
  if (info.isDirectory()) throw new UnspinError('input', `${path} is a directory (give it as the only input, or see unspin extract --help)`);
  // A compressed file may grow on decompression; that is checked in pageFromBytes.
  if (info.isFile() && info.size > maxBytes) throw tooLarge(path, maxBytes, info.size);
  let bytes: Buffer;
  try {
    bytes = await collectCapped(createReadStream(path, { highWaterMark: 1024 * 1024 }), path, maxBytes);
  } catch (e) {
    if (e instanceof UnspinError) throw e;
    throw fileError(path, e);
  }
  return pageFromBytes(bytes, { id: path, kind: isTextFileName(path) ? 'text' : 'html', maxBytes });
}

export async function readStdinPage(opts: IngestOptions): Promise<RawPage> {
  const maxBytes = opts.maxBytes ?? DEFAULT_FILE_MAX_BYTES;
  const bytes = await collectCapped(opts.stdin ?? process.stdin, 'stdin', maxBytes);
  return pageFromBytes(bytes, { id: 'stdin', kind: 'sniff', maxBytes });
}
