import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PACKAGE_VERSION } from '../../src/package-info.js';
import { expectGolden } from './golden.js';
import { REPOSITORY_ROOT, runCli } from './run-cli.js';

const STATEFUL = 'fixtures/express-stateful-app';
/**
 * The example's own folder. The golden reports are taken from there, as a user of that backend
 * would run statelint, because from the repository root the deployment facts also read the other
 * fixtures' manifests.
 */
const STATEFUL_DIR = join(REPOSITORY_ROOT, STATEFUL);

let project: string;

function write(path: string, text: string): void {
  const absolute = join(project, path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, text);
}

const MEMORY_SESSION = `import session from 'express-session';
app.use(session({ secret: 's' }));
`;

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'statelint-cli-'));
});

afterEach(() => {
  rmSync(project, { recursive: true, force: true });
});

describe('statelint help', () => {
  it('prints the grouped help', async () => {
    const result = await runCli(['--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expectGolden('help.en.txt', result.stdout);
  });

  it('prints the help in Spanish', async () => {
    const result = await runCli(['--help', '--locale', 'es']);
    expect(result.exitCode).toBe(0);
    expectGolden('help.es.txt', result.stdout);
  });

  it('takes Spanish from LANG', async () => {
    const result = await runCli(['-h'], { env: { LANG: 'es_ES.UTF-8' } });
    expect(result.stdout.startsWith('Uso: statelint')).toBe(true);
  });

  it('prefers LC_ALL over LANG', async () => {
    const result = await runCli(['-h'], { env: { LC_ALL: 'C', LANG: 'es_ES.UTF-8' } });
    expect(result.stdout.startsWith('Usage: statelint')).toBe(true);
  });

  it('prints the version', async () => {
    const result = await runCli(['--version']);
    expect(result).toEqual({ exitCode: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: '' });
  });
});

describe('statelint on the stateful example', () => {
  it('prints the terminal report and fails the gate', async () => {
    const result = await runCli([], { cwd: STATEFUL_DIR });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('');
    expectGolden('stateful.en.txt', result.stdout);
  });

  it('prints the report in Spanish', async () => {
    const result = await runCli(['--locale', 'es'], { cwd: STATEFUL_DIR });
    expect(result.exitCode).toBe(1);
    expectGolden('stateful.es.txt', result.stdout);
  });

  it('prints JSON', async () => {
    const result = await runCli(['--format', 'json'], { cwd: STATEFUL_DIR });
    expect(result.exitCode).toBe(1);
    expectGolden('stateful.json', result.stdout);
  });

  it('passes with a minimum of 0', async () => {
    expect((await runCli([STATEFUL, '--min-score', '0'])).exitCode).toBe(0);
  });

  it('prints the same bytes twice', async () => {
    const first = await runCli([STATEFUL, '--format', 'json']);
    const second = await runCli([STATEFUL, '--format', 'json']);
    expect(second.stdout).toBe(first.stdout);
  });

  it('contains no absolute path', async () => {
    const result = await runCli([STATEFUL, '--format', 'json']);
    expect(result.stdout).not.toContain(process.cwd());
  });
});

describe('statelint output', () => {
  it('colours a TTY', async () => {
    write('src/app.ts', MEMORY_SESSION);
    const result = await runCli([], { cwd: project, isTTY: true });
    expect(result.stdout).toContain('\u001b[');
  });

  it('does not colour with --no-color', async () => {
    write('src/app.ts', MEMORY_SESSION);
    const result = await runCli(['--no-color'], { cwd: project, isTTY: true });
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('does not colour with NO_COLOR', async () => {
    write('src/app.ts', MEMORY_SESSION);
    const result = await runCli([], { cwd: project, isTTY: true, env: { NO_COLOR: '1' } });
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('writes the report to --output', async () => {
    write('src/app.ts', MEMORY_SESSION);
    const result = await runCli(['--format', 'json', '--output', 'report.json'], { cwd: project });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    const report = JSON.parse(readFileSync(join(project, 'report.json'), 'utf8')) as { score: number };
    expect(report.score).toBe(0);
  });

  it('reports an unwritable --output', async () => {
    write('src/app.ts', MEMORY_SESSION);
    const result = await runCli(['--output', 'missing-folder/report.txt'], { cwd: project });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'statelint: Could not write the report to missing-folder/report.txt: no such file or folder (it may have been removed during the scan). Check that the folder exists and is writable.\n',
    );
  });
});

describe('statelint gate', () => {
  it('exits 0 on a clean project', async () => {
    write('src/app.ts', 'export const answer = 42;\n');
    expect((await runCli([], { cwd: project })).exitCode).toBe(0);
  });

  it('exits 1 below the minimum', async () => {
    write('src/app.ts', MEMORY_SESSION);
    expect((await runCli([], { cwd: project })).exitCode).toBe(1);
  });

  it('exits 2 on a syntax error', async () => {
    write('src/app.ts', 'export const answer = 42;\n');
    write('src/broken.ts', 'const = ;\n');
    const result = await runCli([], { cwd: project });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('src/broken.ts:1:7  error  The file could not be parsed');
  });

  it('exits 2 when no source file is found', async () => {
    const result = await runCli([], { cwd: project });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('No JavaScript or TypeScript source files found under .');
  });

  it('takes weights from --weight', async () => {
    write('src/app.ts', MEMORY_SESSION);
    write('src/limiter.ts', `import { rateLimit } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
export const limiter = rateLimit({ store: new RedisStore({ sendCommand: (...args: string[]) => client.sendCommand(args) }) });
`);
    const even = JSON.parse((await runCli(['--format', 'json'], { cwd: project })).stdout) as { score: number };
    const weighted = JSON.parse((await runCli(['--format', 'json', '--weight', 'cache=3'], { cwd: project })).stdout) as { score: number };
    expect(even.score).toBe(50);
    expect(weighted.score).toBe(75);
  });

  it('takes weights and minimum from the configuration', async () => {
    write('src/app.ts', MEMORY_SESSION);
    write('statelint.config.json', JSON.stringify({ thresholds: { minimum: 0 }, weights: { sessions: 2 } }));
    const result = await runCli(['--format', 'json'], { cwd: project });
    const report = JSON.parse(result.stdout) as { minScore: number; criteria: { weight: number }[] };
    expect(result.exitCode).toBe(0);
    expect(report.minScore).toBe(0);
    expect(report.criteria[0]?.weight).toBe(2);
  });

  it('lets --min-score override the configuration', async () => {
    write('src/app.ts', 'export const answer = 42;\n');
    write('statelint.config.json', JSON.stringify({ thresholds: { minimum: 0 } }));
    const report = JSON.parse((await runCli(['--format', 'json', '--min-score', '90'], { cwd: project })).stdout) as { minScore: number };
    expect(report.minScore).toBe(90);
  });

  it('marks configured worker entrypoints', async () => {
    write('src/worker.ts', `import cron from 'node-cron';
cron.schedule('0 3 * * *', () => undefined);
`);
    expect((await runCli([], { cwd: project })).exitCode).toBe(1);
    write('statelint.config.json', JSON.stringify({ entrypoints: { 'src/worker.ts': 'worker' } }));
    expect((await runCli([], { cwd: project })).exitCode).toBe(0);
  });
});

describe('statelint usage errors', () => {
  it.each([
    [['--format', 'xml'], 'statelint: Invalid value for --format: "xml". Use terminal, json, markdown, html or sarif.\n'],
    [['--locale', 'fr'], 'statelint: Invalid value for --locale: "fr". Use en or es.\n'],
    [['--min-score', '120'], 'statelint: Invalid value for --min-score: "120". Use a number from 0 to 100.\n'],
    [['--min-score', 'high'], 'statelint: Invalid value for --min-score: "high". Use a number from 0 to 100.\n'],
    [
      ['--weight', 'speed=2'],
      'statelint: Invalid value for --weight: "speed=2". Use criterion=number with a criterion among sessions, cache, files, jobs, state and a positive number, for example --weight sessions=2.\n',
    ],
    [
      ['--weight', 'sessions=-1'],
      'statelint: Invalid value for --weight: "sessions=-1". Use criterion=number with a criterion among sessions, cache, files, jobs, state and a positive number, for example --weight sessions=2.\n',
    ],
    [['--fast'], 'statelint: Unknown option: --fast.\nRun statelint --help to see the options.\n'],
    [['--format'], 'statelint: Option -f, --format <format> needs a value.\nRun statelint --help to see the options.\n'],
  ])('rejects %j', async (argv, stderr) => {
    write('src/app.ts', 'export const answer = 42;\n');
    const result = await runCli(argv, { cwd: project });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(stderr);
  });

  it('rejects an unknown option in Spanish', async () => {
    const result = await runCli(['--fast', '--locale', 'es']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('statelint: Opción desconocida: --fast.\nEjecute statelint --help para ver las opciones.\n');
  });

  it('rejects an invalid configuration', async () => {
    write('src/app.ts', 'export const answer = 42;\n');
    write('statelint.config.json', '{ "weights": { "speed": 2 } }');
    const result = await runCli([], { cwd: project });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^statelint: Configuration statelint\.config\.json is invalid:\n/);
  });

  it('rejects a missing --config file', async () => {
    write('src/app.ts', 'export const answer = 42;\n');
    const result = await runCli(['--config', 'nope.json'], { cwd: project });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^statelint: Configuration nope\.json could not be read/);
  });

  it('rejects a missing path', async () => {
    const result = await runCli(['no-such-folder'], { cwd: project });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('Path not found: no-such-folder.');
  });
});

describe('statelint --output checks', () => {
  const SERVER = "const express = require('express');\nexpress().listen(3000);\n";

  it('rejects a scanned source file', async () => {
    write('src/server.js', SERVER);
    const result = await runCli(['--output', 'src/server.js'], { cwd: project });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'statelint: --output src/server.js is one of the source files this run scans, so writing the report there would replace it. Write the report to another file, such as statelint-report.txt.\n',
    );
    expect(readFileSync(join(project, 'src/server.js'), 'utf8')).toBe(SERVER);
  });

  it('rejects it in Spanish', async () => {
    write('src/server.js', SERVER);
    const result = await runCli(['--locale', 'es', '--format', 'json', '--output', './src/server.js'], { cwd: project });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^statelint: --output \.\/src\/server\.js es uno de los archivos de código que analiza esta ejecución/);
  });

  it('accepts a source file outside the scanned paths', async () => {
    write('src/server.js', SERVER);
    write('reports/out.js', '// replaced by the report\n');
    const result = await runCli(['src', '--output', 'reports/out.js'], { cwd: project });
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(project, 'reports/out.js'), 'utf8')).toContain('Score: 100%');
  });

  it('accepts a new file in a scanned folder', async () => {
    write('src/server.js', SERVER);
    const result = await runCli(['--output', 'src/report.txt'], { cwd: project });
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(project, 'src/report.txt'), 'utf8')).toContain('Score: 100%');
  });

  it('says that a folder is a folder', async () => {
    write('src/server.js', SERVER);
    mkdirSync(join(project, 'reports'));
    const result = await runCli(['--output', 'reports/'], { cwd: project });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('statelint: Could not write the report to reports/: it is a folder. Give --output a file path, such as reports/statelint-report.txt.\n');
  });
});

describe('statelint roles and suppressions', () => {
  const UNUSED_SUPPRESSION = `// statelint-disable-next-line no-module-state -- counters are per worker by design
export const answer = 42;
`;

  it('does not judge suppression comments', async () => {
    write('src/app.ts', UNUSED_SUPPRESSION);
    const terminal = await runCli(['roles'], { cwd: project });
    const json = JSON.parse((await runCli(['roles', '--format', 'json'], { cwd: project })).stdout) as { diagnostics: unknown[] };
    expect(terminal.exitCode).toBe(0);
    expect(terminal.stdout).not.toContain('suppression');
    expect(json.diagnostics).toEqual([]);
  });

  it('leaves the scan judging them', async () => {
    write('src/app.ts', UNUSED_SUPPRESSION);
    const result = await runCli(['--format', 'json'], { cwd: project });
    const report = JSON.parse(result.stdout) as { diagnostics: { code: string }[] };
    expect(report.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['unused-suppression']);
  });
});

describe('statelint --history files', () => {
  it('creates the missing folders', async () => {
    write('src/app.ts', MEMORY_SESSION);
    const result = await runCli(['--history', '.statelint/history.json', '--release', 'v1.0.0', '--format', 'json'], { cwd: project });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('');
    const history = JSON.parse(readFileSync(join(project, '.statelint/history.json'), 'utf8')) as { releases: { release: string }[] };
    expect(history.releases.map((release) => release.release)).toEqual(['v1.0.0']);
  });

  it('names the file it cannot write and still reports', async () => {
    write('src/app.ts', MEMORY_SESSION);
    write('.statelint', 'a file where the folder should be\n');
    const result = await runCli(['--history', '.statelint/history.json', '--release', 'v1.0.0'], { cwd: project });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('Gate failed: the score 0% is below the minimum of 80%.');
    expect(result.stderr).toMatch(
      /^statelint: History \.statelint\/history\.json could not be written: .+\. Check that you may write to its folder, or pass --history another file\. The reports were written without the trend\.\n$/,
    );
  });
});

describe('statelint scan problem wording', () => {
  it('ends a parser message with one period', async () => {
    write('src/broken.ts', 'const settings = { port 3000 };\n');
    const result = await runCli([], { cwd: project });
    const line = result.stdout.split('\n').find((entry) => entry.includes('parse-error'));
    expect(line).toMatch(/The file could not be parsed: syntax error: [^\n]*[^.]\.  parse-error$/);
  });

  it('says a linked folder given as a path is not scanned', async () => {
    write('src/app.ts', MEMORY_SESSION);
    symlinkSync('src', join(project, 'current'));
    const result = await runCli(['current'], { cwd: project });
    expect(result.stdout).toContain('current  warning  Symbolic link not followed, so the files it leads to were not scanned through it.');
    expect(result.stdout).toContain("→ To scan its target, pass the target's own path, or a folder that contains it, instead of the link.");
    expect(result.stdout).not.toContain('scanned under its own path');
  });

  it('names the configuration patterns when nothing is found', async () => {
    write('src/app.ts', MEMORY_SESSION);
    write('statelint.config.json', JSON.stringify({ include: ['lib/**'] }));
    const result = await runCli([], { cwd: project });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('check the include and exclude patterns of the statelint configuration');
  });
});
