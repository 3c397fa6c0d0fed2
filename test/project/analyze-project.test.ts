import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Detector } from '../../src/engine/detector.js';
import type { ProcessRole } from '../../src/engine/file-context.js';
import { catalogFor } from '../../src/i18n/index.js';
import { analyzeProject, scanProject } from '../../src/project/analyze-project.js';

let root: string;

function write(path: string, text: string): void {
  const absolute = join(root, path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, text);
}

const MEMORY_SESSION = `import session from 'express-session';
app.use(session({ secret: 's' }));
`;

const CRON_JOB = `import cron from 'node-cron';
cron.schedule('* * * * *', () => undefined);
`;

/** A detection that throws on every file, standing in for a bug in a rule. */
const throwingDetector: Detector = {
  id: 'always-throws',
  description: 'Disallow nothing; fails on purpose',
  categories: ['module-state'],
  messages: {},
  detect() {
    throw new Error('index out of range');
  },
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'statelint-project-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('analyzeProject', () => {
  it('runs every detection on every file', async () => {
    write('src/app.ts', MEMORY_SESSION);
    write('src/server.ts', CRON_JOB);
    const facts = await analyzeProject({ cwd: root });
    expect(facts.findings.map((finding) => `${finding.file}:${finding.start.line} ${finding.criterion}`).sort()).toEqual(['src/app.ts:2 sessions', 'src/server.ts:2 jobs']);
    expect(facts.coverage).toEqual({ eligible: 2, analyzed: 2, skipped: {} });
    expect(facts.diagnostics).toEqual([]);
  });

  it('reports a syntax error and keeps the other files', async () => {
    write('src/app.ts', MEMORY_SESSION);
    write('src/broken.ts', `${MEMORY_SESSION}const = ;\n`);
    const facts = await analyzeProject({ cwd: root });
    expect(facts.findings.map((finding) => finding.file)).toEqual(['src/app.ts']);
    expect(facts.diagnostics).toHaveLength(1);
    const [diagnostic] = facts.diagnostics;
    expect(diagnostic?.code).toBe('parse-error');
    expect(diagnostic?.severity).toBe('error');
    expect(diagnostic?.file).toBe('src/broken.ts');
    expect(diagnostic?.start).toEqual({ line: 3, column: 7 });
    expect(diagnostic?.message).toMatch(/^The file could not be parsed: syntax error: /);
    expect(diagnostic?.hint).toMatch(/Fix the syntax error/);
    expect(facts.coverage).toEqual({ eligible: 2, analyzed: 1, skipped: { 'parse-error': 1 } });
  });

  it('turns a detection failure into a diagnostic', async () => {
    write('src/app.ts', MEMORY_SESSION);
    const facts = await analyzeProject({ cwd: root, detectors: [throwingDetector] });
    expect(facts.diagnostics).toEqual([
      {
        code: 'detector-error',
        severity: 'error',
        file: 'src/app.ts',
        message: 'Rule always-throws failed on this file: index out of range.',
        hint: 'The other rules still ran on this file. Run again with DEBUG=statelint:* to see the stack trace, and report it as a statelint bug with the file attached.',
      },
    ]);
    expect(facts.coverage.analyzed).toBe(1);
  });

  it('reports a binary file as unreadable', async () => {
    write('src/app.ts', MEMORY_SESSION);
    write('src/blob.js', 'var a = 1;\u0000\u0001');
    const facts = await analyzeProject({ cwd: root });
    expect(facts.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.file])).toEqual([['binary-file', 'error', 'src/blob.js']]);
    expect(facts.coverage).toEqual({ eligible: 2, analyzed: 1, skipped: { 'binary-file': 1 } });
  });

  it('gives files the roles of the lookup', async () => {
    write('src/worker.ts', CRON_JOB);
    const roles = new Map<string, ReadonlySet<ProcessRole>>([['src/worker.ts', new Set<ProcessRole>(['worker'])]]);
    expect((await analyzeProject({ cwd: root, roles })).findings).toEqual([]);
    expect((await analyzeProject({ cwd: root })).findings).toHaveLength(1);
  });

  it('applies include and exclude patterns', async () => {
    write('src/app.ts', MEMORY_SESSION);
    write('src/app.test.ts', MEMORY_SESSION);
    write('tools/gen.ts', MEMORY_SESSION);
    const facts = await analyzeProject({ cwd: root, include: ['src/**'], exclude: ['**/*.test.ts'] });
    expect(facts.findings.map((finding) => finding.file)).toEqual(['src/app.ts']);
    expect(facts.coverage.eligible).toBe(1);
  });

  it('applies rule levels', async () => {
    write('src/app.ts', MEMORY_SESSION);
    write('src/server.ts', CRON_JOB);
    const facts = await analyzeProject({ cwd: root, ruleLevels: { 'no-memory-session-store': 'info', 'no-in-process-jobs': 'off' } });
    expect(facts.findings.map((finding) => [finding.ruleId, finding.severity])).toEqual([['no-memory-session-store', 'info']]);
  });

  it('raises an error when nothing is found', async () => {
    write('README.md', '# nothing to scan\n');
    const facts = await analyzeProject({ cwd: root });
    expect(facts.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity])).toEqual([['no-source-files', 'error']]);
  });

  it('reports a missing path once', async () => {
    const facts = await analyzeProject({ cwd: root, paths: ['nowhere'] });
    expect(facts.diagnostics).toEqual([
      { code: 'path-not-found', severity: 'error', message: 'Path not found: nowhere.', hint: 'Check the spelling, or run statelint from the folder the path is relative to.' },
    ]);
  });

  it('writes diagnostics in the requested language', async () => {
    const facts = await analyzeProject({ cwd: root, paths: ['nowhere'], messages: catalogFor('es').messages });
    expect(facts.diagnostics[0]?.message).toBe('No se encontró la ruta nowhere.');
  });
});

describe('scanProject', () => {
  it('scores what it found', async () => {
    write('src/app.ts', MEMORY_SESSION);
    const result = await scanProject({ cwd: root });
    expect(result.score).toBe(0);
    expect(result.level).toBe('failing');
    expect(result.passed).toBe(false);
    expect(result.criteria.find((criterion) => criterion.criterion === 'sessions')?.violations).toBe(1);
  });

  it('drops a registry filled at module load', async () => {
    const result = await scanProject({ cwd: fileURLToPath(new URL('../../fixtures/project-registry-filled-at-load/', import.meta.url)) });
    expect(result.findings.map((finding) => `${finding.file}:${finding.start.line}`)).toEqual(['src/feature-flags.ts:1', 'src/recent-logins.ts:1']);
  });

  it('drops client counts sent to a metrics module', async () => {
    const result = await scanProject({ cwd: fileURLToPath(new URL('../../fixtures/project-metrics-wrapper/', import.meta.url)) });
    const realtime = result.findings.filter((finding) => finding.ruleId === 'no-per-process-realtime');
    expect(realtime.map((finding) => `${finding.file}:${finding.start.line}:${finding.start.column}`)).toEqual(['src/realtime.ts:16:17']);
  });

  it('drops a registry its constructors fill at load', async () => {
    const result = await scanProject({ cwd: fileURLToPath(new URL('../../fixtures/project-registry-filled-by-constructor/', import.meta.url)) });
    expect(result.findings.map((finding) => `${finding.file}:${finding.start.line}`)).toEqual(['src/config/audit-trail.ts:5']);
  });
});
