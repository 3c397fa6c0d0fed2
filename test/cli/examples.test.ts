import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Criterion, ScanResult } from '../../src/model.js';
import { REPOSITORY_ROOT, runCli } from './run-cli.js';

interface Planted {
  file: string;
  line: number;
  criterion: Criterion;
}

/** The findings fixtures/express-stateful-app/PLANTED.md documents, relative to the example's folder. */
const PLANTED: readonly Planted[] = [
  { file: 'src/app.js', line: 11, criterion: 'sessions' },
  { file: 'src/app.js', line: 13, criterion: 'cache' },
  { file: 'src/routes/cart.js', line: 3, criterion: 'state' },
  { file: 'src/routes/products.js', line: 4, criterion: 'cache' },
  { file: 'src/routes/uploads.js', line: 6, criterion: 'files' },
  { file: 'src/server.js', line: 5, criterion: 'jobs' },
];

const STATEFUL_DIR = join(REPOSITORY_ROOT, 'fixtures/express-stateful-app');
const STATELESS_DIR = join(REPOSITORY_ROOT, 'fixtures/express-stateless-app');

async function scan(cwd: string): Promise<{ exitCode: number; result: ScanResult }> {
  const run = await runCli(['--format', 'json'], { cwd });
  return { exitCode: run.exitCode, result: JSON.parse(run.stdout) as ScanResult };
}

describe('express-stateful-app', () => {
  it.each(PLANTED.map((planted) => [`${planted.file}:${planted.line} ${planted.criterion}`, planted] as const))('reports %s', async (_, planted) => {
    const { result } = await scan(STATEFUL_DIR);
    const found = result.findings.filter((finding) => finding.file === planted.file && finding.start.line === planted.line && finding.severity !== 'info');
    expect(found.map((finding) => finding.criterion)).toContain(planted.criterion);
  });

  it('reports nothing else', async () => {
    const { result } = await scan(STATEFUL_DIR);
    const unplanted = result.findings.filter(
      (finding) => finding.severity !== 'info' && !PLANTED.some((planted) => planted.file === finding.file && planted.line === finding.start.line),
    );
    expect(unplanted).toEqual([]);
  });

  it('scores below 80 and fails the gate', async () => {
    const { exitCode, result } = await scan(STATEFUL_DIR);
    expect(result.score).toBeLessThan(80);
    expect(result.level).toBe('failing');
    expect(result.diagnostics).toEqual([]);
    expect(exitCode).toBe(1);
  });
});

describe('express-stateless-app', () => {
  it('reports no finding', async () => {
    const { result } = await scan(STATELESS_DIR);
    expect(result.findings.filter((finding) => finding.severity !== 'info')).toEqual([]);
  });

  it('scores 100 and passes the gate', async () => {
    const { exitCode, result } = await scan(STATELESS_DIR);
    expect(result.score).toBe(100);
    expect(result.diagnostics).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it('finds its shared stores', async () => {
    const { result } = await scan(STATELESS_DIR);
    expect(result.compliantSites.map((site) => `${site.criterion} ${site.backing}`)).toEqual(expect.arrayContaining(['sessions connect-redis', 'cache rate-limit-redis']));
  });
});
