/**
 * A tiny container for the compiled language files: a magic line, a JSON header naming typed
 * sections, then each section 8-byte aligned. Loading is one readFileSync plus typed-array views
 * over the same memory, so a 40 MB model opens in milliseconds and is never parsed. The bytes may
 * also come already read (parseBinFile): the server's workers build their views over one copy in
 * a SharedArrayBuffer (readSharedBytes) instead of each reading the file.
 */
import { closeSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';

const MAGIC = 'UNSPIN-BIN1\n';

export type SectionArray =
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | Int32Array
  | Float32Array;

type SectionType = 'u8' | 'u16' | 'u32' | 'i32' | 'f32';

interface SectionInfo {
  name: string;
  type: SectionType;
  offset: number;
  length: number;
}

interface Header {
  meta: Record<string, unknown>;
  sections: SectionInfo[];
}

function typeOf(a: SectionArray): SectionType {
  if (a instanceof Uint8Array) return 'u8';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Int32Array) return 'i32';
  return 'f32';
}

const align8 = (n: number): number => (n + 7) & ~7;

/** Writes sections atomically (temp file + rename) so a killed build never leaves half a file. */
export function writeBinFile(
  path: string,
  meta: Record<string, unknown>,
  sections: Record<string, SectionArray>,
): number {
  const names = Object.keys(sections);
  const infos: SectionInfo[] = [];
  let offset = 0;
  for (const name of names) {
    const a = sections[name];
    infos.push({ name, type: typeOf(a), offset, length: a.length });
    offset = align8(offset + a.byteLength);
  }
  const headerJson = Buffer.from(JSON.stringify({ meta, sections: infos } satisfies Header), 'utf8');
  const prefix = Buffer.from(MAGIC, 'latin1');
  const dataStart = align8(prefix.length + 4 + headerJson.length);
  const out = Buffer.alloc(dataStart + offset);
  prefix.copy(out, 0);
  out.writeUInt32LE(headerJson.length, prefix.length);
  headerJson.copy(out, prefix.length + 4);
  for (const info of infos) {
    const a = sections[info.name];
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, dataStart + info.offset);
  }
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, out);
  renameSync(tmp, path);
  return out.length;
}

export interface BinFile {
  meta: Record<string, unknown>;
  u8(name: string): Uint8Array;
  u16(name: string): Uint16Array;
  u32(name: string): Uint32Array;
  i32(name: string): Int32Array;
  f32(name: string): Float32Array;
  has(name: string): boolean;
}

export function readBinFile(path: string): BinFile {
  return parseBinFile(readFileSync(path), path);
}

/**
 * A language file from bytes already read (`path` names it in errors). The sections are views
 * over `bytes`' own memory, never copies, so bytes in a SharedArrayBuffer stay shared.
 */
export function parseBinFile(bytes: Uint8Array, path: string): BinFile {
  let buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Typed-array views need aligned offsets; small files may come from Node's shared pool.
  if (buf.byteOffset % 8 !== 0) buf = Buffer.from(buf);
  if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) {
    throw new Error(`${path}: not an unspin language file (bad magic)`);
  }
  const headerLen = buf.readUInt32LE(MAGIC.length);
  const header = JSON.parse(buf.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLen)) as Header;
  const dataStart = align8(MAGIC.length + 4 + headerLen);
  const byName = new Map(header.sections.map((s) => [s.name, s]));
  const get = (name: string, type: SectionType): SectionInfo => {
    const s = byName.get(name);
    if (!s) throw new Error(`${path}: missing section ${name}`);
    if (s.type !== type) throw new Error(`${path}: section ${name} is ${s.type}, not ${type}`);
    return s;
  };
  const base = buf.buffer;
  const at = (s: SectionInfo): number => buf.byteOffset + dataStart + s.offset;
  return {
    meta: header.meta,
    has: (name) => byName.has(name),
    u8: (name) => { const s = get(name, 'u8'); return new Uint8Array(base, at(s), s.length); },
    u16: (name) => { const s = get(name, 'u16'); return new Uint16Array(base, at(s), s.length); },
    u32: (name) => { const s = get(name, 'u32'); return new Uint32Array(base, at(s), s.length); },
    i32: (name) => { const s = get(name, 'i32'); return new Int32Array(base, at(s), s.length); },
    f32: (name) => { const s = get(name, 'f32'); return new Float32Array(base, at(s), s.length); },
  };
}

/** Reads a whole file into a SharedArrayBuffer: memory that worker threads it is posted to share. */
export function readSharedBytes(path: string): Uint8Array {
  const bytes = new Uint8Array(new SharedArrayBuffer(statSync(path).size));
  const fd = openSync(path, 'r');
  try {
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      // The file shrank meanwhile: keep what was read (parseBinFile says what is wrong with it).
      if (n === 0) break;
      at += n;
    }
    return at < bytes.length ? bytes.subarray(0, at) : bytes;
  } finally {
    closeSync(fd);
  }
}

/** Joins strings with '\n' into UTF-8 bytes (the strings themselves never hold a newline). */
export function packStrings(list: readonly string[]): Uint8Array {
  return new Uint8Array(Buffer.from(list.join('\n'), 'utf8'));
}

export function unpackStrings(bytes: Uint8Array): string[] {
  if (bytes.length === 0) return [];
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8').split('\n');
}
