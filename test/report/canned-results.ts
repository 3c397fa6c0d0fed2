import type { ScanResult } from '../../src/model.js';

/**
 * Scan results written by hand, so that the reporters are tested on every shape they must print
 * without depending on what the detections find today. Findings are deliberately out of order.
 */
export const failingResult: ScanResult = {
  tool: { name: 'eslint-plugin-statelint', version: '0.0.0-test' },
  score: 37.5,
  level: 'failing',
  minScore: 80,
  passed: false,
  criteria: [
    { criterion: 'sessions', applicable: true, score: 0, compliantSites: 0, violations: 1, weight: 2 },
    { criterion: 'cache', applicable: true, score: 50, compliantSites: 1, violations: 1, weight: 1 },
    { criterion: 'files', applicable: false, score: null, compliantSites: 0, violations: 0, weight: 1 },
    { criterion: 'jobs', applicable: true, score: 66.6, compliantSites: 2, violations: 1, weight: 1 },
    { criterion: 'state', applicable: false, score: null, compliantSites: 0, violations: 0, weight: 1 },
  ],
  findings: [
    {
      ruleId: 'no-in-process-jobs',
      criterion: 'jobs',
      category: 'timer-job',
      severity: 'warning',
      messageId: 'interval',
      message: 'setInterval runs this job in every web worker. Move it to a separate worker process.',
      file: 'src/server.ts',
      start: { line: 12, column: 1 },
      end: { line: 14, column: 3 },
      related: [],
    },
    {
      ruleId: 'no-memory-session-store',
      criterion: 'sessions',
      category: 'session-store',
      severity: 'error',
      messageId: 'defaultMemoryStore',
      message: 'express-session has no `store`, so sessions live in this process\'s MemoryStore. Pass a shared store.',
      file: 'src/app.ts',
      start: { line: 8, column: 9 },
      end: { line: 8, column: 40 },
      related: [],
    },
    {
      ruleId: 'no-module-state',
      criterion: 'cache',
      category: 'shared-cache',
      severity: 'error',
      messageId: 'cache',
      message: '`userCache` is a cache in this worker\'s memory. Use a shared cache such as Redis.',
      file: 'src/app.ts',
      start: { line: 3, column: 7 },
      end: { line: 3, column: 29 },
      related: [
        { file: 'src/app.ts', start: { line: 20, column: 3 }, end: { line: 20, column: 30 }, message: 'userCache is changed here.' },
        { file: 'src/routes/users.ts', start: { line: 5, column: 5 }, end: { line: 5, column: 20 }, message: 'userCache is read here.' },
      ],
    },
    {
      ruleId: 'no-local-fs-write',
      criterion: 'files',
      category: 'local-fs',
      severity: 'info',
      messageId: 'scratchFile',
      message: 'A temporary file is written and deleted within one request.',
      file: 'src/Routes/convert.ts',
      start: { line: 4, column: 3 },
      end: { line: 4, column: 30 },
      related: [],
    },
  ],
  compliantSites: [
    { ruleId: 'no-in-process-jobs', criterion: 'jobs', category: 'timer-job', backing: 'bullmq', file: 'src/queue.ts', start: { line: 2, column: 1 }, end: { line: 2, column: 30 } },
    { ruleId: 'no-module-state', criterion: 'cache', category: 'shared-cache', backing: 'redis', file: 'src/cache.ts', start: { line: 1, column: 1 }, end: { line: 1, column: 30 } },
    { ruleId: 'no-in-process-jobs', criterion: 'jobs', category: 'timer-job', backing: 'bullmq', file: 'src/queue.ts', start: { line: 9, column: 1 }, end: { line: 9, column: 30 } },
  ],
  diagnostics: [
    { code: 'symlink-skipped', severity: 'warning', file: 'src/shared', message: 'Symbolic link to a target outside the current folder; not followed.', hint: 'If the target is code of this backend, run statelint from a folder that contains it.' },
  ],
  coverage: { eligible: 7, analyzed: 6, skipped: { 'symlink-skipped': 1 } },
};

/** A clean project at the target. */
export const passingResult: ScanResult = {
  tool: { name: 'eslint-plugin-statelint', version: '0.0.0-test' },
  score: 100,
  level: 'target',
  minScore: 80,
  passed: true,
  criteria: [
    { criterion: 'sessions', applicable: true, score: 100, compliantSites: 1, violations: 0, weight: 1 },
    { criterion: 'cache', applicable: true, score: 100, compliantSites: 2, violations: 0, weight: 1 },
    { criterion: 'files', applicable: false, score: null, compliantSites: 0, violations: 0, weight: 1 },
    { criterion: 'jobs', applicable: false, score: null, compliantSites: 0, violations: 0, weight: 1 },
    { criterion: 'state', applicable: false, score: null, compliantSites: 0, violations: 0, weight: 1 },
  ],
  findings: [],
  compliantSites: [
    { ruleId: 'no-memory-session-store', criterion: 'sessions', category: 'session-store', backing: 'connect-redis', file: 'src/app.ts', start: { line: 9, column: 9 }, end: { line: 9, column: 60 } },
    { ruleId: 'no-in-process-rate-limit', criterion: 'cache', category: 'rate-limit-store', backing: 'rate-limit-redis', file: 'src/app.ts', start: { line: 12, column: 20 }, end: { line: 12, column: 70 } },
    { ruleId: 'no-module-state', criterion: 'cache', category: 'shared-cache', backing: 'redis', file: 'src/cache.ts', start: { line: 1, column: 1 }, end: { line: 1, column: 30 } },
  ],
  diagnostics: [],
  coverage: { eligible: 4, analyzed: 4, skipped: {} },
};

/** A scan that could not be trusted: one file did not parse. */
export const untrustworthyResult: ScanResult = {
  ...passingResult,
  passed: false,
  diagnostics: [
    {
      code: 'parse-error',
      severity: 'error',
      file: 'src/broken.ts',
      start: { line: 3, column: 7 },
      message: 'The file could not be parsed: syntax error: Variable declaration expected.',
      hint: 'Fix the syntax error, or add the file to .gitignore if it is not source code. Its findings are left out of the score until it parses.',
    },
  ],
  coverage: { eligible: 5, analyzed: 4, skipped: { 'parse-error': 1 } },
};
