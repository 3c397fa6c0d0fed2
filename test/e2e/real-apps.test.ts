import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Level, ScanResult } from '../../src/model.js';
import { scanProject } from '../../src/project/analyze-project.js';
import { compareCodeUnits } from '../../src/project/model/project-files.js';
import { installApp, REAL_APPS, type RealApp } from './install-apps.js';

// Published server applications, installed from the npm registry by exact version and scanned as
// a user would scan their own repository. Every expected finding was read and checked by hand
// against the app's code; docs/real-apps.md explains why each one is right and what statelint misses.

/** The largest app installs in about 30 seconds with a warm npm cache; a cold cache on a slow link takes longer. */
const INSTALL_TIMEOUT_MS = 300_000;

/** Formats a finding as `file:line rule-id category severity`, which reads well in a failed comparison. */
function findingKey(finding: Finding): string {
  return `${finding.file}:${finding.start.line} ${finding.ruleId} ${finding.category} ${finding.severity}`;
}

interface Expectation {
  app: RealApp;
  /** Source files under the app's server paths. */
  eligibleFiles: number;
  /** Files that no entrypoint of the app imports statically are not analysed. */
  unreachedFiles: number;
  /** Findings checked by hand against the code. docs/real-apps.md explains why each one is right. */
  findings: readonly string[];
  /**
   * Findings the scan reports although they are wrong, each explained in docs/real-apps.md. They
   * are asserted like the right ones, so a fix that removes one fails here until the entry goes.
   */
  wrongFindings: readonly string[];
  score: number;
  level: Level;
}

const EXPECTATIONS: readonly Expectation[] = [
  {
    app: REAL_APPS.jsonServer,
    eligibleFiles: 19,
    unreachedFiles: 0,
    findings: [
      'lib/cli/run.js:145 no-local-fs-write local-fs error',
      'lib/cli/utils/load.js:34 no-local-fs-write local-fs info',
      'lib/cli/utils/load.js:36 no-local-fs-write local-fs error',
      'lib/server/router/index.js:22 no-local-fs-write local-fs error',
    ],
    wrongFindings: [],
    score: 0,
    level: 'failing',
  },
  {
    app: REAL_APPS.uptimeKuma,
    eligibleFiles: 107,
    unreachedFiles: 7,
    findings: [
      'server/cacheable-dns-http-agent.js:11 no-module-state shared-cache info',
      'server/cacheable-dns-http-agent.js:12 no-module-state shared-cache info',
      'server/cacheable-dns-http-agent.js:14 no-module-state module-state error',
      'server/check-version.js:51 no-in-process-jobs timer-job error',
      'server/database.js:113 no-local-fs-write local-fs error',
      'server/database.js:119 no-local-fs-write local-fs error',
      'server/database.js:125 no-local-fs-write local-fs error',
      'server/database.js:130 no-local-fs-write local-fs error',
      'server/database.js:153 no-local-fs-write local-fs error',
      'server/database.js:186 no-local-fs-write local-fs error',
      'server/embedded-mariadb.js:113 no-local-fs-write local-fs error',
      'server/embedded-mariadb.js:133 no-local-fs-write local-fs error',
      'server/image-data-uri.js:63 no-local-fs-write local-fs info',
      'server/jobs.js:29 no-in-process-jobs timer-job error',
      'server/model/maintenance.js:226 no-in-process-jobs timer-job error',
      'server/model/maintenance.js:266 no-in-process-jobs timer-job error',
      'server/model/monitor.js:651 no-in-process-jobs timer-job error',
      'server/model/monitor.js:986 no-in-process-jobs timer-job error',
      'server/model/status_page.js:14 no-module-state module-state error',
      'server/rate-limiter.js:10 no-in-process-rate-limit rate-limit-store error',
      'server/server.js:180 no-module-state module-state error',
      'server/settings.js:20 no-module-state shared-cache error',
      'server/settings.js:35 no-in-process-jobs timer-job error',
      'server/uptime-cache-list.js:6 no-module-state shared-cache error',
      'server/uptime-kuma-server.js:114 no-per-process-realtime realtime-adapter error',
      'server/uptime-kuma-server.js:235 no-local-fs-write local-fs error',
    ],
    wrongFindings: [
      'server/database.js:96 no-module-state module-state error',
      'server/monitor-types/real-browser-monitor-type.js:15 no-module-state module-state error',
    ],
    score: 0,
    level: 'failing',
  },
  {
    app: REAL_APPS.parseServer,
    eligibleFiles: 197,
    unreachedFiles: 11,
    findings: [
      'lib/Adapters/Cache/LRUCache.js:15 no-in-process-cache shared-cache warning',
      'lib/Adapters/Cache/SchemaCache.js:7 no-module-state shared-cache error',
      'lib/Adapters/Logger/WinstonLogger.js:26 no-local-fs-write local-fs warning',
      'lib/Adapters/Logger/WinstonLogger.js:33 no-local-fs-write local-fs warning',
      'lib/Adapters/Logger/WinstonLogger.js:77 no-local-fs-write local-fs error',
      'lib/Adapters/MessageQueue/EventEmitterMQ.js:10 no-module-state module-state error',
      'lib/Auth.js:85 no-in-process-cache shared-cache warning',
      'lib/Controllers/SchemaController.js:752 no-module-state module-state error',
      'lib/GraphQL/ParseGraphQLServer.js:238 no-in-process-cache shared-cache warning',
      'lib/LiveQuery/ParseLiveQueryServer.js:64 no-in-process-cache shared-cache warning',
      'lib/LiveQuery/QueryTools.js:16 no-module-state shared-cache info',
      'lib/middlewares.js:536 no-module-state shared-cache info',
    ],
    wrongFindings: [
      'lib/GraphQL/loaders/defaultGraphQLTypes.js:1031 no-module-state module-state error',
      'lib/LiveQuery/QueryTools.js:8 no-module-state module-state error',
      'lib/logger.js:23 no-module-state module-state error',
      'lib/triggers.js:123 no-module-state module-state error',
    ],
    score: 0,
    level: 'failing',
  },
];

describe.each(EXPECTATIONS.map((expectation) => [`${expectation.app.name}@${expectation.app.version}`, expectation] as const))(
  '%s',
  (_label, expectation) => {
    let folder: string;
    let result: ScanResult;

    beforeAll(async () => {
      folder = await installApp(expectation.app);
      result = await scanProject({ cwd: folder, paths: expectation.app.serverPaths });
    }, INSTALL_TIMEOUT_MS);

    it('installs the pinned version', () => {
      const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string };

      expect(manifest.version).toBe(expectation.app.version);
    });

    it('analyses every reached server file', () => {
      expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
      expect(result.coverage.eligible).toBe(expectation.eligibleFiles);
      expect(result.coverage.skipped).toEqual(expectation.unreachedFiles > 0 ? { unreached: expectation.unreachedFiles } : {});
      expect(result.coverage.analyzed).toBe(expectation.eligibleFiles - expectation.unreachedFiles);
    });

    it.each(expectation.findings.map((finding) => [finding]))('reports %s', (finding) => {
      expect(result.findings.map(findingKey)).toContain(finding);
    });

    // NOTE: each of these is a wrong finding that the scan still reports, and docs/real-apps.md explains why.
    it.each(expectation.wrongFindings.map((finding) => [finding]))('still wrongly reports %s', (finding) => {
      expect(result.findings.map(findingKey)).toContain(finding);
    });

    it('reports no other finding', () => {
      const expected = [...expectation.findings, ...expectation.wrongFindings].sort(compareCodeUnits);
      expect(result.findings.map(findingKey).sort(compareCodeUnits)).toEqual(expected);
    });

    it('scores the app', () => {
      expect(result.score).toBe(expectation.score);
      expect(result.level).toBe(expectation.level);
    });
  },
);
