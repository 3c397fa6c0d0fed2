import { describe, expect, it } from 'vitest';
import { catalogFor } from '../../src/i18n/index.js';
import type { ScanResult } from '../../src/model.js';
import { formatRolesReport, formatTerminalReport } from '../../src/report/terminal.js';
import { passingResult } from '../report/canned-results.js';
import { expectGolden } from './golden.js';

const english = catalogFor('en');
const spanish = catalogFor('es');

/**
 * A realtime service written by hand: a web server and a worker, four Next.js-style routes that
 * shorten the list, a file no entrypoint loads, and every kind of deployment fact and note.
 */
const realtimeResult: ScanResult = {
  ...passingResult,
  processMap: [
    { role: 'web', entrypoints: ['app/a/route.ts', 'app/b/route.ts', 'app/c/route.ts', 'app/d/route.ts', 'src/server.ts'], files: 12 },
    { role: 'worker', entrypoints: ['src/worker.ts'], files: 1 },
  ],
  entrypoints: [
    { file: 'app/a/route.ts', role: 'web', source: 'nextjs-route', declaredIn: 'app/a/route.ts', detail: 'Next.js route handler' },
    { file: 'app/b/route.ts', role: 'web', source: 'nextjs-route', declaredIn: 'app/b/route.ts', detail: 'Next.js route handler' },
    { file: 'app/c/route.ts', role: 'web', source: 'nextjs-route', declaredIn: 'app/c/route.ts', detail: 'Next.js route handler' },
    { file: 'app/d/route.ts', role: 'web', source: 'nextjs-route', declaredIn: 'app/d/route.ts', detail: 'Next.js route handler' },
    { file: 'src/server.ts', role: 'web', source: 'dockerfile', declaredIn: 'Dockerfile', detail: 'CMD node dist/server.js' },
    { file: 'src/worker.ts', role: 'worker', source: 'procfile', declaredIn: 'Procfile', detail: 'worker: node dist/worker.js' },
  ],
  unreachedFiles: ['src/old/report.ts', 'tools/seed-local.ts'],
  deployment: {
    autoscaling: { state: 'no', evidence: [{ file: 'docker-compose.yml', line: 9, detail: 'service web runs 1 replicas' }] },
    loadBalancing: { state: 'unknown', evidence: [] },
    stickyRouting: {
      state: 'yes',
      evidence: [
        { file: 'k8s/ingress.yaml', line: 6, detail: 'Ingress web has affinity: cookie' },
        { file: 'nginx/nginx.conf', line: 5, detail: 'nginx upstream web: ip_hash' },
      ],
    },
    longPolling: { state: 'yes', evidence: [{ file: 'src/server.ts', line: 8, detail: 'socket.io server allows the long-polling transport' }] },
    notes: [
      {
        code: 'sticky-routing-required-by-socket-io',
        message: 'Sticky routing is configured and socket.io allows long polling, which needs it.',
        related: [{ file: 'src/server.ts', start: { line: 8, column: 1 }, end: { line: 8, column: 1 } }],
      },
      {
        code: 'state-masked-by-sticky-routing',
        message: 'Sticky routing hides 2 in-process state findings.',
        related: [
          { file: 'src/sessions.ts', start: { line: 4, column: 7 }, end: { line: 4, column: 20 } },
          { file: 'src/cache.ts', start: { line: 2, column: 1 }, end: { line: 2, column: 9 } },
        ],
      },
    ],
  },
};

/** A scan in which no entrypoint was found, so each file kept its default role. */
const defaultRolesResult: ScanResult = {
  ...passingResult,
  processMap: [
    { role: 'web', entrypoints: [], files: 3 },
    { role: 'script', entrypoints: [], files: 1 },
  ],
  entrypoints: [],
  unreachedFiles: [],
  deployment: {
    autoscaling: { state: 'unknown', evidence: [] },
    loadBalancing: { state: 'unknown', evidence: [] },
    stickyRouting: { state: 'unknown', evidence: [] },
    longPolling: { state: 'no', evidence: [] },
    notes: [],
  },
};

describe('terminal process map', () => {
  it('prints processes and deployment', () => {
    expectGolden('report-realtime.en.txt', formatTerminalReport(realtimeResult, { catalog: english, color: false }));
  });

  it('prints them in Spanish', () => {
    expectGolden('report-realtime.es.txt', formatTerminalReport(realtimeResult, { catalog: spanish, color: false }));
  });

  it('prints default roles', () => {
    expectGolden('report-default-roles.en.txt', formatTerminalReport(defaultRolesResult, { catalog: english, color: false }));
  });

  it('leaves both sections out without a project model', () => {
    const report = formatTerminalReport(passingResult, { catalog: english, color: false });
    expect(report).not.toContain('Process map');
    expect(report).not.toContain('Deployment');
  });

  it('hides long polling when absent', () => {
    expect(formatTerminalReport(defaultRolesResult, { catalog: english, color: false })).not.toContain('socket.io long polling');
  });

  it('sorts the places a note names', () => {
    const report = formatTerminalReport(realtimeResult, { catalog: english, color: false });
    expect(report.indexOf('↳ src/cache.ts:2:1')).toBeLessThan(report.indexOf('↳ src/sessions.ts:4:7'));
  });

  it('colours only when asked', () => {
    const coloured = formatTerminalReport(realtimeResult, { catalog: english, color: true });
    const plain = formatTerminalReport(realtimeResult, { catalog: english, color: false });
    expect(coloured).toContain('\u001b[');
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });
});

describe('roles report', () => {
  it('lists every entrypoint', () => {
    expectGolden('roles-realtime.en.txt', formatRolesReport(realtimeResult, { catalog: english, color: false }));
  });

  it('lists them in Spanish', () => {
    expectGolden('roles-realtime.es.txt', formatRolesReport(realtimeResult, { catalog: spanish, color: false }));
  });

  it('explains default roles', () => {
    expectGolden('roles-default-roles.es.txt', formatRolesReport(defaultRolesResult, { catalog: spanish, color: false }));
  });
});
