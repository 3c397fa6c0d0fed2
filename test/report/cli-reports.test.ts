import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { ScanResult } from '../../src/model.js';
import { REPOSITORY_ROOT, runCli } from '../cli/run-cli.js';
import { expectGoldenFile } from './golden.js';

const EXAMPLES = ['express-stateful-app', 'express-stateless-app'] as const;
const GOLDEN_DIR = new URL('./golden/examples/', import.meta.url);

/**
 * Adds a second session middleware without a store to the example's app.js, and a header comment
 * that moves every existing finding of the file down by two lines.
 */
function addAdminSession(appFile: string): void {
  const text = readFileSync(appFile, 'utf8');
  const withAdmin = text.replace('module.exports = app;', "app.use('/admin', session({ secret: 'admin' }));\n\nmodule.exports = app;");
  writeFileSync(appFile, `// The shop's HTTP app.\n\n${withAdmin}`);
}

describe('reports of the bundled examples', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'statelint-reports-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it.each(EXAMPLES.flatMap((example) => (['en', 'es'] as const).map((locale) => [example, locale] as const)))('%s in %s matches the golden files', async (example, locale) => {
    const out = (name: string): string => join(folder, name);
    const cli = await runCli(['--locale', locale, '--format', 'markdown', '--output', out('report.md'), '--format', 'html', '--output', out('report.html'), '--format', 'sarif', '--output', out('report.sarif')], {
      cwd: join(REPOSITORY_ROOT, 'fixtures', example),
    });

    expect(cli.stdout).toBe('');
    expect(cli.stderr).toBe('');
    expect(cli.exitCode).toBe(example === 'express-stateful-app' ? 1 : 0);
    expectGoldenFile(GOLDEN_DIR, `${example}.${locale}.md`, readFileSync(out('report.md'), 'utf8'));
    expectGoldenFile(GOLDEN_DIR, `${example}.${locale}.html`, readFileSync(out('report.html'), 'utf8'));
    expectGoldenFile(GOLDEN_DIR, `${example}.sarif`, readFileSync(out('report.sarif'), 'utf8'));
  });
});

describe('statelint output pairs', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'statelint-outputs-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes one file and prints one report', async () => {
    const cli = await runCli(['--format', 'sarif', '--output', join(folder, 'r.sarif'), '--format', 'json'], { cwd: join(REPOSITORY_ROOT, 'fixtures/express-stateless-app') });
    expect(cli.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(join(folder, 'r.sarif'), 'utf8')).version).toBe('2.1.0');
    expect((JSON.parse(cli.stdout) as ScanResult).passed).toBe(true);
  });

  it('rejects two reports on standard output', async () => {
    const cli = await runCli(['--format', 'json', '--format', 'markdown']);
    expect(cli.exitCode).toBe(2);
    expect(cli.stderr).toBe('statelint: Several reports (json, markdown) would go to standard output. Give each --format but one an --output file.\n');
  });

  it('rejects two reports in one file', async () => {
    const cli = await runCli(['-f', 'html', '-o', 'r.html', '-f', 'markdown', '-o', 'r.html']);
    expect(cli.exitCode).toBe(2);
    expect(cli.stderr).toBe('statelint: Two reports would be written to r.html. Give each --format its own --output file.\n');
  });

  it('rejects an unknown format in any pair', async () => {
    const cli = await runCli(['--format', 'html', '--output', 'r.html', '--format=pdf', '--output', 'r.pdf']);
    expect(cli.exitCode).toBe(2);
    expect(cli.stderr).toBe('statelint: Invalid value for --format: "pdf". Use terminal, json, markdown, html or sarif.\n');
  });
});

describe('statelint baseline', () => {
  let project: string;

  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'statelint-baseline-'));
    cpSync(join(REPOSITORY_ROOT, 'fixtures/express-stateful-app'), project, { recursive: true });
  });

  afterEach(() => {
    rmSync(project, { recursive: true, force: true });
  });

  async function gate(): Promise<{ exitCode: number; result: ScanResult }> {
    const cli = await runCli(['--baseline', 'statelint-baseline.json', '--format', 'json'], { cwd: project });
    return { exitCode: cli.exitCode, result: JSON.parse(cli.stdout) as ScanResult };
  }

  it('records, gates, and shrinks', async () => {
    const recorded = await runCli(['baseline'], { cwd: project });
    expect(recorded.exitCode).toBe(0);
    expect(recorded.stderr).toMatch(/^Recorded \d+ findings in statelint-baseline\.json\. Commit it, then gate with --baseline statelint-baseline\.json\.\n$/);
    expect(existsSync(join(project, 'statelint-baseline.json'))).toBe(true);

    const unchanged = await gate();
    expect(unchanged.exitCode).toBe(0);
    expect(unchanged.result.baseline?.newFindings).toEqual([]);

    const appFile = join(project, 'src/app.js');
    const original = readFileSync(appFile, 'utf8');
    addAdminSession(appFile);
    const added = await gate();
    expect(added.exitCode).toBe(1);
    expect(added.result.baseline?.newFindings.map((record) => `${record.file}:${record.line} ${record.ruleId}`)).toEqual(['src/app.js:27 no-memory-session-store']);
    expect(added.result.baseline?.fixed).toEqual([]);

    writeFileSync(appFile, original);
    rmSync(join(project, 'src/routes/uploads.js'));
    const fixed = await gate();
    expect(fixed.exitCode).toBe(1);
    expect(fixed.result.baseline?.newFindings).toEqual([]);
    expect(fixed.result.baseline?.fixed.map((record) => record.file)).toContain('src/routes/uploads.js');

    expect((await runCli(['baseline'], { cwd: project })).exitCode).toBe(0);
    expect((await gate()).exitCode).toBe(0);
  });

  it('records nothing from an untrustworthy scan', async () => {
    writeFileSync(join(project, 'src/broken.js'), 'const = ;\n');
    const cli = await runCli(['baseline', 'src'], { cwd: project });
    expect(cli.exitCode).toBe(2);
    expect(existsSync(join(project, 'statelint-baseline.json'))).toBe(false);
  });

  it('fails with exit 2 on a missing baseline', async () => {
    const cli = await runCli(['--baseline', 'missing.json'], { cwd: project });
    expect(cli.exitCode).toBe(2);
    expect(cli.stderr).toMatch(/^statelint: Baseline missing\.json could not be read \(.*\)\. Record one with `statelint baseline --baseline missing\.json`\.\n$/);
  });
});

describe('statelint --history', () => {
  let project: string;

  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'statelint-history-'));
    cpSync(join(REPOSITORY_ROOT, 'fixtures/express-stateful-app'), project, { recursive: true });
  });

  afterEach(() => {
    rmSync(project, { recursive: true, force: true });
  });

  it('shows the trend and what changed', async () => {
    expect((await runCli(['--history', 'history.json', '--release', 'v1.0.0', '--format', 'json'], { cwd: project })).exitCode).toBe(1);
    rmSync(join(project, 'src/routes/uploads.js'));
    const second = await runCli(['--history', 'history.json', '--release', 'v1.1.0', '--format', 'markdown'], { cwd: project });
    expect(second.stdout).toContain('## Score by release');
    expect(second.stdout).toContain('| v1.0.0 |');
    expect(second.stdout).toContain('| v1.1.0 |');
    expect(second.stdout).toMatch(/\*\*Fixed since v1\.0\.0: [1-9]\d*\*\*/);
    expect(JSON.parse(readFileSync(join(project, 'history.json'), 'utf8')).releases).toHaveLength(2);
  });
});

describe('statelint configuration errors', () => {
  let project: string;

  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'statelint-config-'));
    cpSync(join(REPOSITORY_ROOT, 'fixtures/express-stateless-app'), project, { recursive: true });
  });

  afterEach(() => {
    rmSync(project, { recursive: true, force: true });
  });

  it('exits 2 with the path of the bad value', async () => {
    writeFileSync(join(project, 'statelint.config.json'), JSON.stringify({ thresholds: { minimum: 180 } }));
    const cli = await runCli([], { cwd: project });
    expect(cli.exitCode).toBe(2);
    expect(cli.stderr).toBe('statelint: Configuration statelint.config.json is invalid:\n  $.thresholds.minimum: expected a number from 0 to 100, got number 180.\n');
  });

  it('exits 2 on a __proto__ key', async () => {
    writeFileSync(join(project, 'statelint.config.json'), '{"__proto__": {"minScore": 0}}');
    const cli = await runCli([], { cwd: project });
    expect(cli.exitCode).toBe(2);
    expect(cli.stderr).toContain('$.__proto__: the key "__proto__" is not allowed');
  });

  it('exits 2 on a JavaScript config without running it', async () => {
    writeFileSync(join(project, 'statelint.config.js'), `require('node:fs').writeFileSync(${JSON.stringify(join(project, 'ran'))}, 'x');`);
    const cli = await runCli([], { cwd: project });
    expect(cli.exitCode).toBe(2);
    expect(cli.stderr).toContain('statelint never executes code from the project it scans');
    expect(existsSync(join(project, 'ran'))).toBe(false);
  });

  it('puts the title and requirement in the header', async () => {
    writeFileSync(join(project, 'statelint.config.json'), JSON.stringify({ report: { title: 'catalog-api', requirement: 'ARCH-7' } }));
    const cli = await runCli(['--format', 'markdown'], { cwd: project });
    expect(cli.stdout.startsWith('# catalog-api\n\n**Requirement:** ARCH-7\n')).toBe(true);
  });
});

describe('scan progress', () => {
  async function stderrOf(env: Record<string, string>, isTTY: boolean): Promise<string> {
    let stderr = '';
    await run(['--format', 'json'], {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text), isTTY },
      cwd: join(REPOSITORY_ROOT, 'fixtures/express-stateful-app'),
      env,
    });
    return stderr;
  }

  it('shows on a terminal', async () => {
    const stderr = await stderrOf({}, true);
    expect(stderr).toMatch(/statelint: \d+\/\d+ files analysed/);
    expect(stderr.endsWith('\r\u001b[2K')).toBe(true);
  });

  it('stays silent in CI', async () => {
    expect(await stderrOf({ CI: 'true' }, true)).toBe('');
  });

  it('stays silent when piped', async () => {
    expect(await stderrOf({}, false)).toBe('');
  });
});
