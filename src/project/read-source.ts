import createDebug from 'debug';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic, Position } from '../model.js';

const debug = createDebug('statelint:read-source');

/**
 * Files above this size are skipped with `file-too-large`. 4 MiB of dense minified code took about
 * 6 s to parse with TypeScript 6.0 on one core of a 2-core AMD EPYC machine. A larger file is
 * almost always generated output or data that happens to carry a source extension.
 */
export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Like git, statelint looks for a NUL byte among the first 8,000 bytes to tell binary files. Valid
 * JavaScript may hold a raw NUL inside a string literal, so a NUL alone does not decide: such a
 * file is binary when it is not valid UTF-8 either, or when it does not parse.
 */
const BINARY_PROBE_BYTES = 8000;

/** The reason a file that matched the scan's patterns was not analysed, which is also the diagnostic's code. */
export type SkipReason = 'read-error' | 'binary-file' | 'file-too-large' | 'invalid-encoding' | 'symlink-skipped' | 'special-file';

/** The kind of a skipped symbolic link, or `swapped` for a file replaced by one during the scan. */
export type LinkKind = 'loop' | 'broken' | 'outside-root' | 'inside-root' | 'folder-outside-root' | 'swapped';

export type SpecialFileType = 'fifo' | 'socket' | 'character-device' | 'block-device' | 'directory' | 'other';

/** The reason one file was skipped, with the facts a message needs. The message catalogs build the texts. */
export type SkipDetail =
  | { reason: 'read-error'; errorCode: string }
  | { reason: 'binary-file'; byteOffset: number }
  | { reason: 'file-too-large'; size: number; maxFileBytes: number }
  | { reason: 'invalid-encoding'; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; byteOffset: number; start?: Position }
  | { reason: 'symlink-skipped'; link: LinkKind }
  | { reason: 'special-file'; fileType: SpecialFileType };

/** The encoding a source file was decoded from. The byte order mark, if any, is not part of the text. */
export type SourceEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export type SourceRead =
  | {
      ok: true;
      path: string;
      text: string;
      encoding: SourceEncoding;
      /** Byte offset of a NUL among the first 8,000 bytes: the file is binary unless it parses. */
      nulByteOffset?: number;
    }
  | { ok: false; path: string; skip: SkipDetail };

export interface SourceReaderOptions {
  /** Files larger than this many bytes are skipped with `file-too-large`. */
  maxFileBytes?: number;
}

/**
 * Reads the source files of one scanned root, one at a time with synchronous reads, so that a
 * scan of any size holds at most one file descriptor open and never meets EMFILE.
 *
 * Only regular files are read. Symbolic links are never followed, whatever they point at, and a
 * file whose folder resolves outside the root is skipped, so nothing outside the repository can
 * reach a report. FIFOs, sockets and devices are never opened for reading, because opening a FIFO
 * blocks until a writer appears.
 */
export class SourceReader {
  readonly #root: string;
  readonly #realRoot: string;
  readonly #maxFileBytes: number;
  /** Whether each folder checked so far resolves to a place inside the root, by its path under the root. */
  readonly #folderInsideRoot = new Map<string, boolean>();

  constructor(root: string, options: SourceReaderOptions = {}) {
    this.#root = resolve(root);
    this.#realRoot = realpathSync(this.#root);
    this.#maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  }

  /** Reads and decodes a file given by its repository-relative POSIX path, or returns why it was skipped. */
  read(path: string): SourceRead {
    const absolute = join(this.#root, ...path.split('/'));

    let stats: Stats;
    try {
      stats = lstatSync(absolute);
    } catch (error) {
      return readError(path, error);
    }
    if (stats.isSymbolicLink()) return skip(path, { reason: 'symlink-skipped', link: this.#classifyLink(absolute) });
    if (!stats.isFile()) return skip(path, { reason: 'special-file', fileType: fileTypeOf(stats) });
    if (!this.#isFolderInsideRoot(path)) return skip(path, { reason: 'symlink-skipped', link: 'folder-outside-root' });
    if (stats.size > this.#maxFileBytes) return skip(path, { reason: 'file-too-large', size: stats.size, maxFileBytes: this.#maxFileBytes });

    let read: RawRead;
    try {
      read = readRegularFile(absolute, this.#maxFileBytes);
    } catch (error) {
      return readError(path, error);
    }
    if (read.kind === 'special-file') return skip(path, { reason: 'special-file', fileType: fileTypeOf(read.stats) });
    if (read.kind === 'too-large') return skip(path, { reason: 'file-too-large', size: read.size, maxFileBytes: this.#maxFileBytes });
    return decodeSource(path, read.bytes);
  }

  #classifyLink(absolute: string): LinkKind {
    let target: string;
    try {
      target = realpathSync(absolute);
    } catch (error) {
      debug('symbolic link %s does not resolve: %O', absolute, error);
      return errorCode(error) === 'ELOOP' ? 'loop' : 'broken';
    }
    return isInside(this.#realRoot, target) ? 'inside-root' : 'outside-root';
  }

  #isFolderInsideRoot(path: string): boolean {
    const folder = dirname(path);
    if (folder === '.') return true;
    const cached = this.#folderInsideRoot.get(folder);
    if (cached !== undefined) return cached;

    let inside: boolean;
    try {
      inside = isInside(this.#realRoot, realpathSync(join(this.#root, ...folder.split('/'))));
    } catch {
      // A folder that vanished: the read that follows reports it.
      inside = true;
    }
    this.#folderInsideRoot.set(folder, inside);
    return inside;
  }
}

type RawRead = { kind: 'bytes'; bytes: Buffer } | { kind: 'special-file'; stats: Stats } | { kind: 'too-large'; size: number };

/**
 * Opens without following a final symbolic link and without blocking, then checks the opened
 * descriptor again: the file may have been replaced by a link or a FIFO since `lstat`.
 */
function readRegularFile(absolute: string, maxFileBytes: number): RawRead {
  // O_NOFOLLOW and O_NONBLOCK are undefined on Windows, where neither a FIFO nor a link can block the open.
  const flags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
  const descriptor = openSync(absolute, flags);
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) return { kind: 'special-file', stats };
    if (stats.size > maxFileBytes) return { kind: 'too-large', size: stats.size };

    // Read until end of file rather than trusting the size: the file may be growing.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.max(64 * 1024, stats.size + 1 - total));
      const count = readSync(descriptor, chunk, 0, chunk.length, null);
      if (count === 0) break;
      chunks.push(chunk.subarray(0, count));
      total += count;
      if (total > maxFileBytes) return { kind: 'too-large', size: total };
    }
    return { kind: 'bytes', bytes: Buffer.concat(chunks, total) };
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Decodes a source file's bytes. UTF-8 is the default, with or without a byte order mark; UTF-16
 * is recognised only by its byte order mark. Invalid bytes are reported with their offset instead
 * of being replaced with U+FFFD, which would change string literals without a word.
 */
export function decodeSource(path: string, bytes: Uint8Array): SourceRead {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(path, bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(path, bytes.subarray(2), 'utf-16be');

  const bomLength = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(bomLength);
  const nul = body.subarray(0, BINARY_PROBE_BYTES).indexOf(0);

  const invalidAt = firstInvalidUtf8Offset(body);
  if (invalidAt !== -1) {
    if (nul !== -1) return skip(path, { reason: 'binary-file', byteOffset: bomLength + nul });
    const start = positionAfter(new TextDecoder('utf-8').decode(body.subarray(0, invalidAt)));
    return skip(path, { reason: 'invalid-encoding', encoding: 'utf-8', byteOffset: bomLength + invalidAt, start });
  }
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
  const read: SourceRead = { ok: true, path, text, encoding: bomLength > 0 ? 'utf-8-bom' : 'utf-8' };
  if (nul !== -1) read.nulByteOffset = bomLength + nul;
  return read;
}

/** Decodes UTF-16 after its byte order mark. A NUL character is noted as in UTF-8. */
function decodeUtf16(path: string, body: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): SourceRead {
  const bomLength = 2;
  if (body.length % 2 !== 0) return skip(path, { reason: 'invalid-encoding', encoding, byteOffset: bomLength + body.length - 1 });

  const littleEndian = Buffer.from(body);
  if (encoding === 'utf-16be') littleEndian.swap16();
  const text = littleEndian.toString('utf16le');

  const loneSurrogate = firstLoneSurrogate(text);
  if (loneSurrogate !== -1) {
    const start = positionAfter(text.slice(0, loneSurrogate));
    return skip(path, { reason: 'invalid-encoding', encoding, byteOffset: bomLength + loneSurrogate * 2, start });
  }
  const read: SourceRead = { ok: true, path, text, encoding };
  const nul = text.indexOf('\u0000');
  if (nul !== -1 && nul * 2 < BINARY_PROBE_BYTES) read.nulByteOffset = bomLength + nul * 2;
  return read;
}

/** Returns the byte offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      index++;
      continue;
    }
    // Ranges from the table of well-formed byte sequences in the Unicode Standard, section 3.9.
    let length: number;
    let secondMin = 0x80;
    let secondMax = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) secondMin = 0xa0;
      if (lead === 0xed) secondMax = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) secondMin = 0x90;
      if (lead === 0xf4) secondMax = 0x8f;
    } else return index;

    const second = bytes[index + 1];
    if (second === undefined || second < secondMin || second > secondMax) return index;
    for (let continuation = 2; continuation < length; continuation++) {
      const byte = bytes[index + continuation];
      if (byte === undefined || byte < 0x80 || byte > 0xbf) return index;
    }
    index += length;
  }
  return -1;
}

function firstLoneSurrogate(text: string): number {
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index++;
        continue;
      }
      return index;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return index;
  }
  return -1;
}

/** The 1-based position just after `prefix`, counting lines the way JavaScript does. */
function positionAfter(prefix: string): Position {
  const lines = prefix.split(/\r\n|[\n\r\u2028\u2029]/);
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

function readError(path: string, error: unknown): SourceRead {
  const code = errorCode(error) ?? 'EIO';
  debug('could not read %s: %O', path, error);
  // O_NOFOLLOW makes opening a symbolic link fail with ELOOP: the file became a link after lstat.
  if (code === 'ELOOP') return skip(path, { reason: 'symlink-skipped', link: 'swapped' });
  return skip(path, { reason: 'read-error', errorCode: code });
}

function fileTypeOf(stats: Stats): SpecialFileType {
  if (stats.isFIFO()) return 'fifo';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice()) return 'character-device';
  if (stats.isBlockDevice()) return 'block-device';
  if (stats.isDirectory()) return 'directory';
  return 'other';
}

/**
 * Severity of each skip. A symbolic link or a special file holds no source of its own, so skipping
 * it loses nothing; every other skip leaves an eligible file unanalysed, which makes the result
 * untrustworthy.
 */
export const SKIP_SEVERITY: Readonly<Record<SkipReason, Diagnostic['severity']>> = {
  'read-error': 'error',
  'binary-file': 'error',
  'file-too-large': 'error',
  'invalid-encoding': 'error',
  'symlink-skipped': 'warning',
  'special-file': 'warning',
};

function skip(path: string, detail: SkipDetail): SourceRead {
  return { ok: false, path, skip: detail };
}

function isInside(root: string, candidate: string): boolean {
  const fromRoot = relative(root, candidate);
  return fromRoot === '' || (fromRoot !== '..' && !fromRoot.startsWith(`..${sep}`) && !isAbsolute(fromRoot));
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

