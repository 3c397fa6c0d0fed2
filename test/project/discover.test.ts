import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverSourceFiles, isSourceFileName } from '../../src/project/discover.js';

let root: string;

function write(path: string, text = 'export {};\n'): void {
  const absolute = join(root, path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, text);
}

function hasMkfifo(): boolean {
  try {
    execFileSync('mkfifo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'statelint-discover-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('isSourceFileName', () => {
  it.each(['a.ts', 'a.tsx', 'a.mts', 'a.cts', 'a.js', 'a.jsx', 'a.mjs', 'a.cjs', 'A.JS'])('accepts %s', (name) => {
    expect(isSourceFileName(name)).toBe(true);
  });

  it.each(['a.d.ts', 'a.d.mts', 'a.d.cts', 'styles.d.css.ts', 'a.json', 'a.vue', 'README.md'])('rejects %s', (name) => {
    expect(isSourceFileName(name)).toBe(false);
  });
});

describe('discoverSourceFiles', () => {
  it('finds source files under the current folder', async () => {
    write('src/app.ts');
    write('src/routes/users.js');
    write('src/types.d.ts');
    write('README.md', '# readme\n');
    const discovery = await discoverSourceFiles([], root);
    expect(discovery.files).toEqual(['src/app.ts', 'src/routes/users.js']);
    expect(discovery.problems).toEqual([]);
  });

  it('sorts paths by code unit', async () => {
    write('b.ts');
    write('B.ts');
    write('é.ts');
    write('a/z.ts');
    write('a-b.ts');
    const discovery = await discoverSourceFiles([], root);
    expect(discovery.files).toEqual(['B.ts', 'a-b.ts', 'a/z.ts', 'b.ts', 'é.ts']);
  });

  it('skips node_modules and .git', async () => {
    write('node_modules/express/index.js');
    write('src/node_modules/local/index.js');
    write('.git/hooks/pre-commit.js');
    write('src/app.js');
    expect((await discoverSourceFiles([], root)).files).toEqual(['src/app.js']);
  });

  it('honours .gitignore', async () => {
    write('.gitignore', 'dist/\n*.generated.ts\n');
    write('dist/server.js');
    write('src/api.generated.ts');
    write('src/app.ts');
    const discovery = await discoverSourceFiles([], root);
    expect(discovery.files).toEqual(['src/app.ts']);
    expect(discovery.ignoredCount).toBe(2);
  });

  it('honours nested .gitignore files', async () => {
    write('.gitignore', '*.tmp.js\n');
    write('src/.gitignore', 'legacy/\n!keep.tmp.js\n');
    write('src/legacy/old.js');
    write('src/keep.tmp.js');
    write('src/drop.tmp.js');
    write('other/legacy/kept.js');
    expect((await discoverSourceFiles([], root)).files).toEqual(['other/legacy/kept.js', 'src/keep.tmp.js']);
  });

  it('applies .gitignore of folders above a scanned path', async () => {
    write('.gitignore', 'generated/\n');
    write('service/generated/client.ts');
    write('service/index.ts');
    expect((await discoverSourceFiles(['service'], root)).files).toEqual(['service/index.ts']);
  });

  it('scans a file named explicitly even when ignored', async () => {
    write('.gitignore', 'scratch.js\n');
    write('scratch.js');
    expect((await discoverSourceFiles(['scratch.js'], root)).files).toEqual(['scratch.js']);
  });

  it('merges overlapping paths', async () => {
    write('src/app.ts');
    write('src/lib/util.ts');
    expect((await discoverSourceFiles(['src', 'src/lib/util.ts', 'src/lib'], root)).files).toEqual(['src/app.ts', 'src/lib/util.ts']);
  });

  it('reports a missing path', async () => {
    const discovery = await discoverSourceFiles(['missing'], root);
    expect(discovery.files).toEqual([]);
    expect(discovery.problems).toEqual([{ path: 'missing', kind: 'not-found' }]);
  });

  it('rejects a path outside the current folder', async () => {
    mkdirSync(join(root, 'project'));
    write('outside.ts');
    const discovery = await discoverSourceFiles(['../outside.ts'], join(root, 'project'));
    expect(discovery.files).toEqual([]);
    expect(discovery.problems).toEqual([{ path: '../outside.ts', kind: 'outside-cwd' }]);
  });

  it('reports an explicit file that is not source code', async () => {
    write('notes.txt', 'hello\n');
    expect((await discoverSourceFiles(['notes.txt'], root)).problems).toEqual([{ path: 'notes.txt', kind: 'not-a-source-file' }]);
  });

  it('does not follow symbolic links', async () => {
    write('real/app.ts');
    symlinkSync(join(root, 'real'), join(root, 'linked'));
    symlinkSync(join(root, 'real/app.ts'), join(root, 'alias.ts'));
    symlinkSync(join(root, 'real/app.ts'), join(root, 'notes.md'));
    const discovery = await discoverSourceFiles([], root);
    expect(discovery.files).toEqual(['real/app.ts']);
    expect(discovery.skipped).toEqual([
      { path: 'alias.ts', reason: 'symlink-skipped' },
      { path: 'linked', reason: 'symlink-skipped' },
    ]);
  });

  it.skipIf(!hasMkfifo())('skips a FIFO without opening it', async () => {
    write('src/app.ts');
    execFileSync('mkfifo', [join(root, 'src/pipe.ts')]);
    const discovery = await discoverSourceFiles([], root);
    expect(discovery.files).toEqual(['src/app.ts']);
    expect(discovery.skipped).toEqual([{ path: 'src/pipe.ts', reason: 'special-file' }]);
  });
});
