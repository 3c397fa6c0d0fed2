import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogFor, COVERAGE_SKIP_REASONS } from '../../src/i18n/index.js';
import type { Entrypoint, ProcessMapEntry, ScanResult } from '../../src/model.js';
import { expectGolden } from './golden.js';
import { REPOSITORY_ROOT, runCli } from './run-cli.js';

/** A shop with a web server, a cron worker, a seed script, one unreached file, and nginx with ip_hash. */
const STICKY_SHOP = join(REPOSITORY_ROOT, 'test/cli/fixtures/sticky-shop');

interface RolesDocument {
  entrypoints: Entrypoint[];
  processMap: ProcessMapEntry[];
  unreachedFiles: string[];
  deployment: ScanResult['deployment'];
  coverage: ScanResult['coverage'];
  diagnostics: ScanResult['diagnostics'];
}

let project: string;

function write(path: string, text: string): void {
  const absolute = join(project, path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, text);
}

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'statelint-roles-'));
});

afterEach(() => {
  rmSync(project, { recursive: true, force: true });
});

describe('statelint roles', () => {
  it('prints the process map', async () => {
    const result = await runCli(['roles'], { cwd: STICKY_SHOP });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expectGolden('roles.en.txt', result.stdout);
  });

  it('prints the process map in Spanish', async () => {
    const result = await runCli(['roles', '--locale', 'es'], { cwd: STICKY_SHOP });
    expect(result.exitCode).toBe(0);
    expectGolden('roles.es.txt', result.stdout);
  });

  it('prints the process map as JSON', async () => {
    const result = await runCli(['roles', '--format', 'json'], { cwd: STICKY_SHOP });
    expect(result.exitCode).toBe(0);
    expectGolden('roles.json', result.stdout);
  });

  it('counts the files each role loads', async () => {
    const document = JSON.parse((await runCli(['roles', '--format', 'json'], { cwd: STICKY_SHOP })).stdout) as RolesDocument;
    expect(document.processMap).toEqual([
      { role: 'web', entrypoints: ['src/server.js'], files: 2 },
      { role: 'worker', entrypoints: ['src/worker.js'], files: 2 },
      { role: 'script', entrypoints: ['scripts/seed.js'], files: 1 },
    ]);
    expect(document.unreachedFiles).toEqual(['src/legacy/export-csv.js']);
  });

  it('writes to --output', async () => {
    write('src/server.ts', "import express from 'express';\nexpress().listen(3000);\n");
    const result = await runCli(['roles', '--format', 'json', '--output', 'roles.json'], { cwd: project });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    const document = JSON.parse(readFileSync(join(project, 'roles.json'), 'utf8')) as RolesDocument;
    expect(document.entrypoints.map((entrypoint) => [entrypoint.file, entrypoint.role, entrypoint.source])).toEqual([['src/server.ts', 'web', 'listen-call']]);
  });

  it('scans only the given paths', async () => {
    write('api/server.ts', "import express from 'express';\nexpress().listen(3000);\n");
    write('other/server.ts', "import express from 'express';\nexpress().listen(4000);\n");
    const document = JSON.parse((await runCli(['roles', 'api', '--format', 'json'], { cwd: project })).stdout) as RolesDocument;
    expect(document.entrypoints.map((entrypoint) => entrypoint.file)).toEqual(['api/server.ts']);
  });

  it('reports default roles without entrypoints', async () => {
    write('src/util.ts', 'export const answer = 42;\n');
    write('scripts/migrate.ts', 'export const version = 3;\n');
    const result = await runCli(['roles'], { cwd: project });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('No entrypoint found, so each file has its default role');
    const document = JSON.parse((await runCli(['roles', '--format', 'json'], { cwd: project })).stdout) as RolesDocument;
    expect(document.processMap).toEqual([
      { role: 'web', entrypoints: [], files: 1 },
      { role: 'script', entrypoints: [], files: 1 },
    ]);
  });

  it('exits 2 on a syntax error', async () => {
    write('src/server.ts', "import express from 'express';\nexpress().listen(3000);\n");
    write('src/broken.ts', 'const = ;\n');
    const result = await runCli(['roles'], { cwd: project });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('src/broken.ts:1:7  error  The file could not be parsed');
    expect(result.stdout).toContain('Result not trustworthy: 1 scan problem listed above.');
  });

  it('exits 0 although findings exist', async () => {
    write('src/server.ts', "import express from 'express';\nimport session from 'express-session';\nconst app = express();\napp.use(session({ secret: 's' }));\napp.listen(3000);\n");
    expect((await runCli(['roles'], { cwd: project })).exitCode).toBe(0);
    expect((await runCli([], { cwd: project })).exitCode).toBe(1);
  });

  it.each([['sarif'], ['markdown'], ['html']])('rejects --format %s', async (format) => {
    write('src/server.ts', 'export const answer = 42;\n');
    const result = await runCli(['roles', '--format', format], { cwd: project });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`statelint: Invalid value for --format with statelint roles: "${format}". Use terminal or json.\n`);
  });

  it('scans a folder named roles as ./roles', async () => {
    write('roles/server.ts', "import express from 'express';\nexpress().listen(3000);\n");
    const document = JSON.parse((await runCli(['./roles', '--format', 'json'], { cwd: project })).stdout) as ScanResult;
    expect(document.entrypoints?.map((entrypoint) => entrypoint.file)).toEqual(['roles/server.ts']);
  });
});

describe('scan report process map', () => {
  it('shows processes, deployment and masked state', async () => {
    const result = await runCli([], { cwd: STICKY_SHOP });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('');
    expectGolden('sticky-shop.en.txt', result.stdout);
  });

  it('shows them in Spanish', async () => {
    const result = await runCli(['--locale', 'es'], { cwd: STICKY_SHOP });
    expect(result.exitCode).toBe(1);
    expectGolden('sticky-shop.es.txt', result.stdout);
  });

  it('fills processMap in the JSON report', async () => {
    const report = JSON.parse((await runCli(['--format', 'json'], { cwd: STICKY_SHOP })).stdout) as ScanResult;
    expect(report.processMap?.map((entry) => entry.role)).toEqual(['web', 'worker', 'script']);
    expect(report.deployment?.notes.map((note) => note.code)).toEqual(['state-masked-by-sticky-routing']);
  });

  it('shortens long entrypoint lists', async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e']) write(`src/${name}.ts`, `import express from 'express';\nexpress().listen(${name.charCodeAt(0)});\n`);
    const result = await runCli([], { cwd: project });
    expect(result.stdout).toContain('  web  5 entrypoints  5 files  src/a.ts, src/b.ts, src/c.ts and 2 more\n');
  });
});

describe('skip reason labels', () => {
  const schema = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'docs/schema/scan-result.schema.json'), 'utf8')) as {
    $defs: { coverage: { properties: { skipped: { propertyNames: { enum: string[] } } } } };
  };
  const schemaReasons = schema.$defs.coverage.properties.skipped.propertyNames.enum;

  it('match the result schema', () => {
    expect([...COVERAGE_SKIP_REASONS].sort()).toEqual([...schemaReasons].sort());
  });

  it.each(schemaReasons.flatMap((reason) => [['en', reason] as const, ['es', reason] as const]))('%s labels %s', (locale, reason) => {
    const label = catalogFor(locale).messages.skipReason(reason);
    expect(label).not.toBe(reason);
    expect(label.trim()).not.toBe('');
  });

  it('shows unreached in Spanish', async () => {
    const result = await runCli(['--locale', 'es'], { cwd: STICKY_SHOP });
    expect(result.stdout).toContain('Sin analizar: 1 (no lo carga ningún punto de entrada).\n');
    expect(result.stdout).not.toContain('unreached');
  });
});
