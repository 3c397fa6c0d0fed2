import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/model.js';
import { IN_HOUSE_CACHE_ENTRY as IN_HOUSE_CACHE } from '../support/in-house-catalog.js';
import { runCli } from './run-cli.js';

let project: string;

function write(path: string, content: unknown): void {
  const absolute = join(project, path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, typeof content === 'string' ? content : JSON.stringify(content));
}

async function scan(argv: readonly string[] = []): Promise<{ exitCode: number; result: ScanResult; stderr: string }> {
  const run = await runCli(['--format', 'json', ...argv], { cwd: project });
  return { exitCode: run.exitCode, result: (run.stdout === '' ? undefined : JSON.parse(run.stdout)) as ScanResult, stderr: run.stderr };
}

const USES_LOCAL_CACHE = `import { LocalCache } from '@acme/cache';
export const prices = new LocalCache({ ttl: 60 });
`;

/** A worker entrypoint that starts no server, and a module it imports that schedules a job. */
const WORKER = "import './jobs.js';\n";
const JOBS = `import cron from 'node-cron';
cron.schedule('0 3 * * *', () => undefined);
`;

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'statelint-configuration-'));
});

afterEach(() => {
  rmSync(project, { recursive: true, force: true });
});

describe('configured catalog entries', () => {
  it('report an in-house library', async () => {
    write('src/prices.ts', USES_LOCAL_CACHE);
    write('statelint.config.json', { catalog: [IN_HOUSE_CACHE] });
    const { exitCode, result } = await scan();
    expect(exitCode).toBe(1);
    expect(result.findings.map((finding) => [finding.ruleId, finding.file, finding.start.line, finding.start.column, finding.severity])).toEqual([
      ['no-in-process-cache', 'src/prices.ts', 2, 23, 'warning'],
    ]);
    expect(result.findings[0]?.message).toBe(
      "@acme/cache's LocalCache keeps its entries in this process's memory, so every worker caches its own copy and a change or invalidation on one worker leaves the others serving stale entries. Use SharedCache from @acme/cache, which is backed by Redis.",
    );
  });

  it('are absent without the entry', async () => {
    write('src/prices.ts', USES_LOCAL_CACHE);
    const { exitCode, result } = await scan();
    expect(exitCode).toBe(0);
    expect(result.findings).toEqual([]);
  });

  it('are read from package.json', async () => {
    write('src/prices.ts', USES_LOCAL_CACHE);
    write('package.json', { name: 'prices', statelint: { catalog: [IN_HOUSE_CACHE] } });
    const { result } = await scan();
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['no-in-process-cache']);
  });

  it('reach the terminal report', async () => {
    write('src/prices.ts', USES_LOCAL_CACHE);
    write('statelint.config.json', { catalog: [IN_HOUSE_CACHE] });
    const run = await runCli([], { cwd: project });
    expect(run.stdout).toContain("2:23  warning  @acme/cache's LocalCache keeps its entries in this process's memory");
  });

  it('exit 2 when invalid, naming the path', async () => {
    write('src/prices.ts', USES_LOCAL_CACHE);
    write('statelint.config.json', { catalog: [IN_HOUSE_CACHE, { ...IN_HOUSE_CACHE, id: '@acme/cache/ttl', stateful: { when: 'sometimes' } }] });
    const run = await runCli([], { cwd: project });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'statelint: Configuration statelint.config.json is invalid:\n  $.catalog[1]: "stateful.when" must be one of always, never, no-shared-store, option-present, got "sometimes".\n',
    );
  });

  it('exit 2 in package.json, naming the path', async () => {
    write('src/prices.ts', USES_LOCAL_CACHE);
    write('package.json', { name: 'prices', statelint: { catalog: { id: 'x' } } });
    const run = await runCli([], { cwd: project });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe('statelint: Configuration package.json is invalid:\n  $.statelint.catalog: expected an array of entries, got object.\n');
  });
});

describe('configured entrypoints', () => {
  it('give imported files the role', async () => {
    write('src/worker.ts', WORKER);
    write('src/jobs.ts', JOBS);
    write('statelint.config.json', { entrypoints: [{ file: 'src/worker.ts', role: 'worker' }] });
    const { exitCode, result } = await scan();
    expect(exitCode).toBe(0);
    expect(result.findings).toEqual([]);
    expect(result.processMap).toEqual([{ role: 'worker', entrypoints: ['src/worker.ts'], files: 2 }]);
  });

  it('leave imported jobs in web without the declaration', async () => {
    write('src/worker.ts', WORKER);
    write('src/jobs.ts', JOBS);
    const { exitCode, result } = await scan();
    expect(exitCode).toBe(1);
    expect(result.findings.map((finding) => [finding.ruleId, finding.file])).toEqual([['no-in-process-jobs', 'src/jobs.ts']]);
  });

  it('record config as the source', async () => {
    write('src/worker.ts', WORKER);
    write('src/jobs.ts', JOBS);
    write('statelint.config.json', { entrypoints: { 'src/worker.ts': 'worker' } });
    const { result } = await scan();
    expect(result.entrypoints).toEqual([{ file: 'src/worker.ts', role: 'worker', source: 'config', declaredIn: 'statelint configuration', detail: 'role: worker' }]);
  });

  it('replace a found entrypoint', async () => {
    write('src/server.ts', "import express from 'express';\nimport './jobs.js';\nexpress().listen(3000);\n");
    write('src/jobs.ts', JOBS);
    write('statelint.config.json', { entrypoints: [{ file: 'src/server.ts', role: 'worker' }] });
    const { result } = await scan();
    expect(result.entrypoints?.map((entrypoint) => [entrypoint.file, entrypoint.role, entrypoint.source])).toEqual([['src/server.ts', 'worker', 'config']]);
  });

  it('match globs', async () => {
    write('src/workers/mail.ts', "import '../jobs.js';\n");
    write('src/workers/billing.ts', 'export {};\n');
    write('src/jobs.ts', JOBS);
    write('statelint.config.json', { entrypoints: [{ file: 'src/workers/*.ts', role: 'worker' }] });
    const { exitCode, result } = await scan();
    expect(exitCode).toBe(0);
    expect(result.entrypoints?.map((entrypoint) => entrypoint.file)).toEqual(['src/workers/billing.ts', 'src/workers/mail.ts']);
  });

  it('match a path with brackets exactly', async () => {
    write('app/[id]/route.ts', "import '../../src/jobs.js';\n");
    write('src/jobs.ts', JOBS);
    write('statelint.config.json', { entrypoints: [{ file: 'app/[id]/route.ts', role: 'worker' }] });
    const { exitCode, result } = await scan();
    expect(exitCode).toBe(0);
    expect(result.entrypoints?.map((entrypoint) => entrypoint.file)).toEqual(['app/[id]/route.ts']);
  });

  it('warn when none matches', async () => {
    write('src/worker.ts', WORKER);
    write('src/jobs.ts', JOBS);
    write('statelint.config.json', { entrypoints: [{ file: 'src/wroker.ts', role: 'worker' }] });
    const { result } = await scan();
    expect(result.diagnostics).toEqual([
      {
        code: 'entrypoint-not-found',
        severity: 'warning',
        message: 'The configuration declares the entrypoint src/wroker.ts, but no analysed file matches it, so it starts no process.',
        hint: 'Write the path relative to the project folder. A file that is excluded, ignored by .gitignore or fails to parse is not matched.',
      },
    ]);
  });

  it('warn in Spanish', async () => {
    write('src/worker.ts', WORKER);
    write('statelint.config.json', { entrypoints: [{ file: 'src/wroker.ts', role: 'worker' }], locale: 'es' });
    const run = await runCli([], { cwd: project });
    expect(run.stdout).toContain('aviso  La configuración declara el punto de entrada src/wroker.ts, pero ningún archivo analizado coincide con él');
  });

  it('exit 2 on a listed entrypoint without role', async () => {
    write('src/worker.ts', WORKER);
    write('statelint.config.json', { entrypoints: [{ file: 'src/worker.ts' }] });
    const run = await runCli([], { cwd: project });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe('statelint: Configuration statelint.config.json is invalid:\n  $.entrypoints[0].role: expected one of "web", "worker", "script", got nothing.\n');
  });
});
