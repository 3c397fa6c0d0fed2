import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSource, firstInvalidUtf8Offset, SourceReader, type SourceRead } from '../../src/project/read-source.js';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));
const isRoot = process.getuid?.() === 0;

let base: string;
let root: string;
let outside: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'statelint-read-'));
  root = join(base, 'repo');
  outside = join(base, 'outside');
  mkdirSync(join(root, 'src'), { recursive: true });
  mkdirSync(outside);
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

function write(path: string, content: string | Uint8Array): void {
  writeFileSync(join(root, path), content);
}

function readOk(read: SourceRead): { text: string; encoding: string } {
  if (!read.ok) throw new Error(`expected ${read.path} to be read, got ${JSON.stringify(read.skip)}`);
  return { text: read.text, encoding: read.encoding };
}

describe('decoding', () => {
  it('reads UTF-8 without a byte order mark', () => {
    write('src/plain.ts', 'const café = "ü";\n');
    expect(readOk(new SourceReader(root).read('src/plain.ts'))).toEqual({ text: 'const café = "ü";\n', encoding: 'utf-8' });
  });

  it('strips a UTF-8 byte order mark', () => {
    write('src/bom.ts', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('let a = 1;\n')]));
    expect(readOk(new SourceReader(root).read('src/bom.ts'))).toEqual({ text: 'let a = 1;\n', encoding: 'utf-8-bom' });
  });

  it('decodes UTF-16 little-endian with its mark', () => {
    write('src/le.ts', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('let ü = "😀";\n', 'utf16le')]));
    expect(readOk(new SourceReader(root).read('src/le.ts'))).toEqual({ text: 'let ü = "😀";\n', encoding: 'utf-16le' });
  });

  it('decodes UTF-16 big-endian with its mark', () => {
    const bigEndian = Buffer.from('let ü = "😀";\n', 'utf16le').swap16();
    write('src/be.ts', Buffer.concat([Buffer.from([0xfe, 0xff]), bigEndian]));
    expect(readOk(new SourceReader(root).read('src/be.ts'))).toEqual({ text: 'let ü = "😀";\n', encoding: 'utf-16be' });
  });

  it('reports invalid UTF-8 with byte offset and position', () => {
    // "ab\n" then "é" as UTF-8 (2 bytes), then a lone continuation byte at offset 5.
    write('src/latin1.js', Buffer.from([0x61, 0x62, 0x0a, 0xc3, 0xa9, 0x80, 0x0a]));
    const read = new SourceReader(root).read('src/latin1.js');
    expect(read).toEqual({
      ok: false,
      path: 'src/latin1.js',
      skip: { reason: 'invalid-encoding', encoding: 'utf-8', byteOffset: 5, start: { line: 2, column: 2 } },
    });
  });

  it('counts the UTF-8 mark in the byte offset', () => {
    const read = decodeSource('a.js', Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0xff]));
    expect(read.ok ? undefined : read.skip).toEqual({ reason: 'invalid-encoding', encoding: 'utf-8', byteOffset: 4, start: { line: 1, column: 2 } });
  });

  it('reports an odd-length UTF-16 file', () => {
    const read = decodeSource('a.ts', Uint8Array.from([0xff, 0xfe, 0x61, 0x00, 0x62]));
    expect(read.ok ? undefined : read.skip).toEqual({ reason: 'invalid-encoding', encoding: 'utf-16le', byteOffset: 4 });
  });

  it('reports an unpaired UTF-16 surrogate', () => {
    // "a", then a high surrogate followed by "b" instead of a low surrogate.
    const read = decodeSource('a.ts', Uint8Array.from([0xff, 0xfe, 0x61, 0x00, 0x3d, 0xd8, 0x62, 0x00]));
    expect(read.ok ? undefined : read.skip).toEqual({ reason: 'invalid-encoding', encoding: 'utf-16le', byteOffset: 4, start: { line: 1, column: 2 } });
  });

  it('reports NUL and invalid UTF-8 as binary', () => {
    write('src/image.js', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    expect(new SourceReader(root).read('src/image.js')).toEqual({ ok: false, path: 'src/image.js', skip: { reason: 'binary-file', byteOffset: 8 } });
  });

  it('notes a NUL in valid UTF-8', () => {
    // Valid JavaScript: a raw NUL inside a string literal. The caller decides by parsing it.
    const text = 'const nul = "\u0000";\n';
    expect(decodeSource('nul.js', Buffer.from(text))).toEqual({ ok: true, path: 'nul.js', text, encoding: 'utf-8', nulByteOffset: 13 });
  });

  it('ignores a NUL byte past the first 8,000 bytes', () => {
    const text = `// ${'x'.repeat(8000)}\nconst nul = "\u0000";\n`;
    expect(decodeSource('late-nul.js', Buffer.from(text))).toEqual({ ok: true, path: 'late-nul.js', text, encoding: 'utf-8' });
  });

  it('finds invalid UTF-8 sequences by the Unicode table', () => {
    const cases: [number[], number][] = [
      [[0x41], -1],
      [[0xc2, 0xa9], -1],
      [[0xe2, 0x82, 0xac], -1],
      [[0xf0, 0x9f, 0x98, 0x80], -1],
      [[0xc0, 0x80], 0], // overlong encoding of NUL
      [[0xe0, 0x80, 0x80], 0], // overlong three-byte form
      [[0xed, 0xa0, 0x80], 0], // encoded surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
      [[0x41, 0xe2, 0x82], 1], // truncated at end of input
      [[0x41, 0xf5, 0x80], 1], // lead byte that never occurs
    ];
    for (const [bytes, expected] of cases) {
      expect(firstInvalidUtf8Offset(Uint8Array.from(bytes)), bytes.map((byte) => byte.toString(16)).join(' ')).toBe(expected);
    }
  });
});

describe('size limit', () => {
  it('reads a file of exactly the limit', () => {
    write('src/at-limit.js', 'x'.repeat(100));
    expect(readOk(new SourceReader(root, { maxFileBytes: 100 }).read('src/at-limit.js')).text).toHaveLength(100);
  });

  it('skips a file one byte over the limit', () => {
    write('src/over-limit.js', 'x'.repeat(101));
    expect(new SourceReader(root, { maxFileBytes: 100 }).read('src/over-limit.js')).toEqual({
      ok: false,
      path: 'src/over-limit.js',
      skip: { reason: 'file-too-large', size: 101, maxFileBytes: 100 },
    });
  });

  it('reads a 3 MiB minified file under the default limit', () => {
    const statement = 'var a=require("x");a.b(function(c){return c+1});';
    write('src/bundle.min.js', statement.repeat(Math.ceil((3 * 1024 * 1024) / statement.length)));
    expect(new SourceReader(root).read('src/bundle.min.js').ok).toBe(true);
  });
});

describe('special files and links', () => {
  let server: Server | undefined;

  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('never opens a FIFO', () => {
    execFileSync('mkfifo', [join(root, 'src/pipe.js')]);
    // Opening a FIFO for reading blocks until a writer appears, so a wrong implementation hangs here.
    expect(new SourceReader(root).read('src/pipe.js')).toEqual({ ok: false, path: 'src/pipe.js', skip: { reason: 'special-file', fileType: 'fifo' } });
  });

  it('never opens a socket', async () => {
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(join(root, 'src/socket.ts'), resolve));
    expect(new SourceReader(root).read('src/socket.ts')).toEqual({ ok: false, path: 'src/socket.ts', skip: { reason: 'special-file', fileType: 'socket' } });
  });

  it('skips a folder named like a source file', () => {
    mkdirSync(join(root, 'src/folder.js'));
    expect(new SourceReader(root).read('src/folder.js')).toEqual({ ok: false, path: 'src/folder.js', skip: { reason: 'special-file', fileType: 'directory' } });
  });

  it('skips a link to a file inside the root', () => {
    write('src/target.ts', 'export const a = 1;\n');
    symlinkSync('target.ts', join(root, 'src/alias.ts'));
    expect(new SourceReader(root).read('src/alias.ts')).toEqual({ ok: false, path: 'src/alias.ts', skip: { reason: 'symlink-skipped', link: 'inside-root' } });
  });

  it('skips a link to a file outside the root', () => {
    writeFileSync(join(outside, 'secret.ts'), 'export const password = "hunter2";\n');
    symlinkSync(join(outside, 'secret.ts'), join(root, 'src/leak.ts'));
    expect(new SourceReader(root).read('src/leak.ts')).toEqual({ ok: false, path: 'src/leak.ts', skip: { reason: 'symlink-skipped', link: 'outside-root' } });
  });

  it('skips a broken link', () => {
    symlinkSync('missing.ts', join(root, 'src/broken.ts'));
    expect(new SourceReader(root).read('src/broken.ts')).toEqual({ ok: false, path: 'src/broken.ts', skip: { reason: 'symlink-skipped', link: 'broken' } });
  });

  it('skips a loop of links', () => {
    symlinkSync('loop-b.js', join(root, 'src/loop-a.js'));
    symlinkSync('loop-a.js', join(root, 'src/loop-b.js'));
    expect(new SourceReader(root).read('src/loop-a.js')).toEqual({ ok: false, path: 'src/loop-a.js', skip: { reason: 'symlink-skipped', link: 'loop' } });
  });

  it('skips a file reached through a linked folder outside the root', () => {
    writeFileSync(join(outside, 'config.js'), 'module.exports = { token: "abc" };\n');
    symlinkSync(outside, join(root, 'linked'));
    expect(new SourceReader(root).read('linked/config.js')).toEqual({
      ok: false,
      path: 'linked/config.js',
      skip: { reason: 'symlink-skipped', link: 'folder-outside-root' },
    });
  });

  it('reads through a root that is itself a link', () => {
    const linkedRoot = join(base, 'root-link');
    symlinkSync(root, linkedRoot);
    expect(readOk(new SourceReader(linkedRoot).read('src/target.ts')).text).toBe('export const a = 1;\n');
  });
});

describe('read errors', () => {
  it('reports a file deleted after discovery', () => {
    write('src/vanishing.ts', 'export {};\n');
    const reader = new SourceReader(root);
    rmSync(join(root, 'src/vanishing.ts'));
    expect(reader.read('src/vanishing.ts')).toEqual({ ok: false, path: 'src/vanishing.ts', skip: { reason: 'read-error', errorCode: 'ENOENT' } });
  });

  it('reports a file without read permission', () => {
    write('src/private.ts', 'export {};\n');
    chmodSync(join(root, 'src/private.ts'), 0o000);
    chmodSync(base, 0o755);
    // Root reads any file whatever its mode, so the check runs as an unprivileged user then. That
    // user may not be able to read the checkout, so the built module and its one dependency are
    // copied next to the files.
    const tool = join(base, 'tool');
    cpSync(join(REPOSITORY, 'dist/src/project/read-source.js'), join(tool, 'read-source.js'));
    writeFileSync(join(tool, 'package.json'), '{ "type": "module" }');
    for (const dependency of ['debug', 'ms']) cpSync(join(REPOSITORY, 'node_modules', dependency), join(tool, 'node_modules', dependency), { recursive: true });
    const script = `
      import { SourceReader } from ${JSON.stringify(join(tool, 'read-source.js'))};
      process.stdout.write(JSON.stringify(new SourceReader(${JSON.stringify(root)}).read('src/private.ts')));
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: tool,
      encoding: 'utf8',
      ...(isRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ ok: false, path: 'src/private.ts', skip: { reason: 'read-error', errorCode: 'EACCES' } });
  });
});

describe('many files', () => {
  it('reads 20,000 files with 64 descriptors allowed', () => {
    const many = join(base, 'many');
    for (let folder = 0; folder < 20; folder++) {
      mkdirSync(join(many, `f${folder}`), { recursive: true });
      for (let file = 0; file < 1000; file++) writeFileSync(join(many, `f${folder}`, `m${file}.js`), `export const n = ${file};\n`);
    }
    const script = `
      import { SourceReader } from ${JSON.stringify(join(REPOSITORY, 'dist/src/project/read-source.js'))};
      const reader = new SourceReader(${JSON.stringify(many)});
      let read = 0;
      for (let folder = 0; folder < 20; folder++)
        for (let file = 0; file < 1000; file++) if (reader.read('f' + folder + '/m' + file + '.js').ok) read++;
      process.stdout.write(String(read));
    `;
    const child = spawnSync('sh', ['-c', 'ulimit -n 64 && exec "$0" --input-type=module -e "$1"', process.execPath, script], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('20000');
  });
});
