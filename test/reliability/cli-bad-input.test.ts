import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/model.js';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(REPOSITORY, 'dist/src/cli/bin.js');

const GOOD_FILE = "import session from 'express-session';\nimport express from 'express';\nconst app = express();\napp.use(session({ secret: 's' }));\n";

let base: string;
let clean: string;
let broken: string;

function scan(cwd: string, extraArguments: readonly string[] = []): { status: number | null; result: ScanResult } {
  const run = spawnSync(process.execPath, [BIN, '--format', 'json', ...extraArguments], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, result: JSON.parse(run.stdout) as ScanResult };
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'statelint-bad-input-'));
  clean = join(base, 'clean');
  broken = join(base, 'broken');
  mkdirSync(join(clean, 'src'), { recursive: true });
  writeFileSync(join(clean, 'src/app.ts'), GOOD_FILE);
  cpSync(clean, broken, { recursive: true });

  // Every kind of bad input at once, created here because FIFOs and links cannot be committed.
  const src = join(broken, 'src');
  writeFileSync(join(src, 'binary.js'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0xff]));
  writeFileSync(join(src, 'latin1.js'), Buffer.from('const caf\xe9 = 1;\n', 'latin1'));
  writeFileSync(join(src, 'syntax.ts'), 'export const a = ;\n');
  writeFileSync(join(src, 'deep.js'), `x = ${'['.repeat(2000)}${']'.repeat(2000)};\n`);
  writeFileSync(join(src, 'huge.js'), '');
  truncateSync(join(src, 'huge.js'), 4 * 1024 * 1024 + 1);
  execFileSync('mkfifo', [join(src, 'pipe.js')]);
  symlinkSync('loop-b.js', join(src, 'loop-a.js'));
  symlinkSync('loop-a.js', join(src, 'loop-b.js'));
  symlinkSync('missing.js', join(src, 'dangling.js'));
  symlinkSync('/etc/hostname', join(src, 'outside.js'));
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

describe.skipIf(!existsSync(BIN))('bad input through the built CLI', () => {
  it('keeps the clean files findings exact', () => {
    const cleanRun = scan(clean);
    const brokenRun = scan(broken);
    expect(cleanRun.result.findings.length).toBeGreaterThan(0);
    expect(brokenRun.result.findings).toEqual(cleanRun.result.findings);
  });

  it('exits 2 with every problem named', () => {
    const { status, result } = scan(broken);
    expect(status).toBe(2);
    const named = result.diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.severity} ${diagnostic.file}`).sort();
    expect(named).toEqual([
      'binary-file error src/binary.js',
      'file-too-large error src/huge.js',
      'invalid-encoding error src/latin1.js',
      'parse-error error src/deep.js',
      'parse-error error src/syntax.ts',
      'special-file warning src/pipe.js',
      'symlink-skipped warning src/dangling.js',
      'symlink-skipped warning src/loop-a.js',
      'symlink-skipped warning src/loop-b.js',
      'symlink-skipped warning src/outside.js',
    ]);
  });

  it('gives positions where known', () => {
    const { result } = scan(broken);
    const startOf = (file: string): unknown => result.diagnostics.find((diagnostic) => diagnostic.file === file)?.start;
    expect(startOf('src/latin1.js')).toEqual({ line: 1, column: 10 });
    expect(startOf('src/syntax.ts')).toEqual({ line: 1, column: 18 });
  });

  it('counts coverage by reason', () => {
    const { result } = scan(broken);
    expect(result.coverage).toEqual({
      eligible: 11,
      analyzed: 1,
      skipped: {
        'binary-file': 1,
        'file-too-large': 1,
        'invalid-encoding': 1,
        'parse-error': 2,
        'special-file': 1,
        'symlink-skipped': 4,
      },
    });
  });

  describe('--max-unanalyzed', () => {
    // binary.js, huge.js, latin1.js, deep.js and syntax.ts could not be analysed: five files.
    it('accepts as many files as allowed', () => {
      const { status, result } = scan(broken, ['--max-unanalyzed', '5']);
      expect(status).toBe(1);
      expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
      expect(result.diagnostics).toHaveLength(10);
      expect(result.coverage.analyzed).toBe(1);
    });

    it('stays untrustworthy one file over', () => {
      const { status, result } = scan(broken, ['--max-unanalyzed', '4']);
      expect(status).toBe(2);
      expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toHaveLength(5);
    });

    it('rejects a negative count', () => {
      const run = spawnSync(process.execPath, [BIN, '--max-unanalyzed', '-1'], { cwd: clean, encoding: 'utf8', timeout: 60_000 });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('Invalid value for --max-unanalyzed: "-1". Use a whole number, 0 or more.');
    });
  });
});
