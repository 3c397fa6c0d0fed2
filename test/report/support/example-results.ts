import type { Detector } from '../../../src/engine/detector.js';
import type { Finding, ScanResult, Suppression } from '../../../src/model.js';

/**
 * Canned results of the order-service example: an Express API whose sessions are already in Redis
 * but which keeps a rate limiter in memory, writes exports to /tmp and schedules a cleanup timer.
 * The reporters are pure functions of this model, so their golden files do not move when a
 * detection changes.
 */
function finding(overrides: Partial<Finding> & Pick<Finding, 'ruleId' | 'file' | 'category' | 'criterion' | 'message'>): Finding {
  return {
    severity: 'error',
    messageId: 'example',
    start: { line: 1, column: 1 },
    end: { line: 1, column: 10 },
    related: [],
    ...overrides,
  };
}

const rateLimiter = finding({
  ruleId: 'no-memory-rate-limit-store',
  file: 'src/app.ts',
  category: 'rate-limit-store',
  criterion: 'cache',
  message: 'express-rate-limit has no `store`, so each worker counts requests on its own and a client gets N times the limit. Pass a shared store such as rate-limit-redis.',
  start: { line: 14, column: 9 },
  end: { line: 14, column: 45 },
  fingerprint: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
});

const tmpWrite = finding({
  ruleId: 'no-local-fs-write',
  file: 'src/exports/csv.ts',
  category: 'local-fs',
  criterion: 'files',
  message: 'writeFile writes to /tmp on this machine, which the worker that serves the download cannot read. Upload the file to object storage such as S3.',
  start: { line: 22, column: 3 },
  end: { line: 22, column: 41 },
  related: [{ file: 'src/exports/csv.ts', start: { line: 30, column: 10 }, end: { line: 30, column: 38 }, message: 'read back here in a later request' }],
  fingerprint: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
});

const cleanupTimer = finding({
  ruleId: 'no-in-process-jobs',
  file: 'src/jobs/cleanup.ts',
  category: 'timer-job',
  criterion: 'jobs',
  severity: 'warning',
  message: 'setInterval runs this cleanup in every web worker, so it runs once per worker. Move it to a separate worker process or a scheduler.',
  start: { line: 5, column: 1 },
  end: { line: 5, column: 38 },
  fingerprint: '99887766554433221100ffeeddccbbaa',
});

const scratchNote = finding({
  ruleId: 'no-local-fs-write',
  file: 'src/pdf/render.ts',
  category: 'local-fs',
  criterion: 'files',
  severity: 'info',
  message: 'A temporary file is created and deleted within one request. This is safe, but object storage avoids the local disk entirely.',
  start: { line: 8, column: 3 },
  end: { line: 8, column: 30 },
  fingerprint: '1234567890abcdef1234567890abcdef',
});

const reasoned: Suppression = {
  file: 'src/metrics.ts',
  start: { line: 3, column: 1 },
  end: { line: 3, column: 86 },
  syntax: 'statelint',
  scope: 'next-line',
  ruleIds: ['no-module-state'],
  reason: 'per-worker counters are summed by Prometheus | not shared state',
  targetLine: 4,
  suppressedCount: 1,
};

const unreasoned: Suppression = {
  file: 'src/session.ts',
  start: { line: 9, column: 1 },
  end: { line: 9, column: 62 },
  syntax: 'eslint',
  scope: 'next-line',
  ruleIds: ['no-memory-session-store'],
  reason: null,
  targetLine: 10,
  suppressedCount: 0,
};

export function exampleResult(): ScanResult {
  return {
    tool: { name: 'eslint-plugin-statelint', version: '0.1.0' },
    score: 66.6,
    level: 'failing',
    minScore: 80,
    passed: false,
    criteria: [
      { criterion: 'sessions', applicable: true, score: 100, compliantSites: 1, violations: 0, weight: 1 },
      { criterion: 'cache', applicable: true, score: 50, compliantSites: 1, violations: 1, weight: 1 },
      { criterion: 'files', applicable: true, score: 50, compliantSites: 1, violations: 1, weight: 1 },
      { criterion: 'jobs', applicable: true, score: 0, compliantSites: 0, violations: 1, weight: 1 },
      { criterion: 'state', applicable: false, score: null, compliantSites: 0, violations: 0, weight: 1 },
    ],
    findings: [rateLimiter, tmpWrite, cleanupTimer, scratchNote],
    compliantSites: [
      { ruleId: 'no-memory-session-store', criterion: 'sessions', category: 'session-store', backing: 'connect-redis', file: 'src/session.ts', start: { line: 10, column: 9 }, end: { line: 10, column: 60 } },
    ],
    diagnostics: [
      {
        code: 'unused-suppression',
        severity: 'warning',
        file: 'src/session.ts',
        start: { line: 9, column: 1 },
        message: 'The eslint-disable-next-line comment silences nothing: line 10 has no statelint finding of no-memory-session-store.',
        hint: 'Remove the comment, or move it to the line before the finding it is meant for.',
      },
    ],
    coverage: { eligible: 12, analyzed: 12, skipped: {} },
    suppressedFindings: [
      {
        ...finding({
          ruleId: 'no-module-state',
          file: 'src/metrics.ts',
          category: 'module-state',
          criterion: 'state',
          message: 'requestCount is module state changed by requests, so each worker keeps its own count. Keep it in Redis.',
          start: { line: 4, column: 7 },
          end: { line: 4, column: 24 },
          fingerprint: 'feedfacecafebeef0011223344556677',
        }),
        suppression: reasoned,
      },
    ],
    suppressions: [reasoned, unreasoned],
    processMap: [
      { role: 'web', entrypoints: ['src/server.ts'], files: 10 },
      { role: 'worker', entrypoints: ['src/worker.ts'], files: 3 },
      { role: 'script', entrypoints: ['scripts/seed.ts'], files: 1 },
    ],
    trend: {
      releases: [
        { release: 'v1.2.0', score: 40, level: 'failing', criteria: { sessions: 0, cache: 50, files: 50, jobs: 0 } },
        { release: 'v1.3.0', score: 58.3, level: 'failing', criteria: { sessions: 100, cache: 50, files: 33.3, jobs: 0 } },
        { release: 'v1.4.0', score: 66.6, level: 'failing', criteria: { sessions: 100, cache: 50, files: 50, jobs: 0 } },
      ],
      previousRelease: 'v1.3.0',
      newSincePrevious: [{ fingerprint: rateLimiter.fingerprint!, ruleId: rateLimiter.ruleId, file: rateLimiter.file, line: 14, message: rateLimiter.message }],
      fixedSincePrevious: [
        { fingerprint: '00000000000000000000000000000001', ruleId: 'no-local-fs-write', file: 'src/uploads.ts', line: 12, message: 'multer diskStorage keeps uploads on this machine.' },
      ],
    },
    deployment: {
      autoscaling: { state: 'unknown', evidence: [] },
      loadBalancing: { state: 'yes', evidence: [{ file: 'deploy/nginx.conf', line: 4, detail: 'nginx upstream orders has 3 servers' }] },
      stickyRouting: { state: 'yes', evidence: [{ file: 'deploy/nginx.conf', line: 5, detail: 'nginx upstream orders: ip_hash' }] },
      longPolling: { state: 'no', evidence: [] },
      notes: [
        {
          code: 'state-masked-by-sticky-routing',
          message: 'Sticky routing hides 1 in-process state finding.',
          related: [{ file: 'src/metrics.ts', start: { line: 4, column: 7 }, end: { line: 4, column: 24 } }],
        },
      ],
    },
    header: { title: 'order-service', requirement: 'ARCH-7 stateless web tier' },
  };
}

/** A project that meets the target: nothing to report. */
export function cleanResult(): ScanResult {
  return {
    tool: { name: 'eslint-plugin-statelint', version: '0.1.0' },
    score: 100,
    level: 'target',
    minScore: 80,
    passed: true,
    criteria: [
      { criterion: 'sessions', applicable: true, score: 100, compliantSites: 2, violations: 0, weight: 1 },
      { criterion: 'cache', applicable: true, score: 100, compliantSites: 1, violations: 0, weight: 1 },
      { criterion: 'files', applicable: false, score: null, compliantSites: 0, violations: 0, weight: 1 },
      { criterion: 'jobs', applicable: false, score: null, compliantSites: 0, violations: 0, weight: 1 },
      { criterion: 'state', applicable: false, score: null, compliantSites: 0, violations: 0, weight: 1 },
    ],
    findings: [],
    compliantSites: [],
    diagnostics: [],
    coverage: { eligible: 4, analyzed: 4, skipped: {} },
    suppressions: [],
  };
}

function cannedDetector(id: string, description: string, categories: Detector['categories']): Detector {
  return { id, description, categories, messages: { example: description }, detect: () => undefined };
}

/**
 * The rules the example result refers to, fixed here so that the golden files do not change when
 * a rule is added to the plugin.
 */
export const exampleDetectors: readonly Detector[] = [
  cannedDetector('no-in-process-jobs', 'Disallow background jobs, timers and schedulers that run inside the web workers', ['timer-job']),
  cannedDetector('no-local-fs-write', 'Disallow writing files to the local disk of a web worker', ['local-fs']),
  cannedDetector('no-memory-rate-limit-store', 'Disallow rate limiters that count requests in the memory of one worker', ['rate-limit-store']),
  cannedDetector('no-memory-session-store', 'Disallow session stores that keep sessions in the memory or on the disk of one worker', ['session-store']),
  cannedDetector('no-module-state', 'Disallow module-level state that requests change', ['module-state']),
];
