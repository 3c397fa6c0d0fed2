import { describe, expect, it } from 'vitest';
import { findingLines, fixturePath, roleLines, runProject } from './project-fixtures.js';

describe('cron job and process roles', () => {
  it('cron imported only by the worker entry is not a finding', () => {
    const { model, analysis } = runProject(fixturePath('project-cron-worker-only'));
    expect(model.entrypoints).toEqual([
      { file: 'src/server.ts', role: 'web', source: 'package-script', declaredIn: 'package.json', detail: 'scripts.start: node dist/server.js' },
      { file: 'src/worker.ts', role: 'worker', source: 'package-script', declaredIn: 'package.json', detail: 'scripts.start:worker: node dist/worker.js' },
    ]);
    expect(roleLines(model)).toEqual([
      'src/jobs/format.ts: web,worker',
      'src/jobs/nightly-report.ts: worker',
      'src/routes/reports.ts: web',
      'src/server.ts: web',
      'src/worker.ts: worker',
    ]);
    expect(model.unreached).toEqual([]);
    expect(findingLines(analysis.findings)).toEqual([]);
  });

  it('same cron imported by the server is a finding', () => {
    const { model, analysis } = runProject(fixturePath('project-cron-imported-by-server'));
    expect(roleLines(model)).toContain('src/jobs/nightly-report.ts: web,worker');
    expect(findingLines(analysis.findings)).toEqual(['src/jobs/nightly-report.ts:4 timer-job error']);
  });
});

describe('NestJS application contexts', () => {
  it('createApplicationContext bootstraps a worker', () => {
    const { model, analysis } = runProject(fixturePath('project-nest-worker-context'));
    expect(model.entrypoints).toEqual([
      { file: 'src/main.ts', role: 'web', source: 'package-script', declaredIn: 'package.json', detail: 'scripts.start: nest start' },
      { file: 'src/main.ts', role: 'web', source: 'package-script', declaredIn: 'package.json', detail: 'scripts.start:prod: node dist/main.js' },
      { file: 'src/worker.ts', role: 'worker', source: 'nestjs-bootstrap', declaredIn: 'src/worker.ts', detail: 'NestFactory.createApplicationContext()' },
    ]);
    expect(roleLines(model)).toEqual([
      'src/app.module.ts: web',
      'src/jobs/cleanup.job.ts: worker',
      'src/main.ts: web',
      'src/orders/orders.controller.ts: web',
      'src/orders/orders.service.ts: web,worker',
      'src/worker.module.ts: worker',
      'src/worker.ts: worker',
    ]);
    expect(findingLines(analysis.findings)).toEqual([]);
  });
});

describe('one-off steps in a start command', () => {
  it('a program followed by && or run-s is a script', () => {
    const { model, analysis } = runProject(fixturePath('project-one-off-steps-before-server'));
    expect(roleLines(model)).toEqual([
      'src/migrate.ts: script',
      'src/routes/notes.ts: web',
      'src/server.ts: web',
      'tools/configure.ts: script',
      'tools/write-config.js: script',
    ]);
    expect(findingLines(analysis.findings)).toEqual([]);
  });

  it('the last program of the command keeps its role', () => {
    const { model } = runProject(fixturePath('project-one-off-steps-before-server'));
    const fromDockerfile = model.entrypoints.filter((entrypoint) => entrypoint.source === 'dockerfile');
    expect(fromDockerfile.map((entrypoint) => `${entrypoint.file}: ${entrypoint.role}`)).toEqual([
      'src/migrate.ts: script',
      'src/server.ts: web',
      'tools/write-config.js: script',
    ]);
  });
});

describe('fastify autoload folders', () => {
  it('loads every plugin and route module', () => {
    const { model, analysis } = runProject(fixturePath('project-fastify-autoload'));
    expect(roleLines(model)).toEqual([
      'src/app.ts: web',
      'src/plugins/mailer/index.ts: web',
      'src/plugins/mailer/templates.ts: web',
      'src/plugins/session.ts: web',
      'src/routes/avatars/index.ts: web',
    ]);
    expect(findingLines(analysis.findings)).toEqual(['src/plugins/session.ts:7 session-store error', 'src/routes/avatars/index.ts:6 local-fs error']);
  });

  it('skips siblings of an index file and tests', () => {
    const { model } = runProject(fixturePath('project-fastify-autoload'));
    expect(model.unreached).toEqual(['src/plugins/mailer/preview.ts', 'src/routes/avatars/avatars.test.ts']);
  });
});

describe('servers started by tests', () => {
  it('test helper that listens is no entrypoint', () => {
    const { model, analysis } = runProject(fixturePath('project-test-server-helper'));
    expect(model.entrypoints.map((entrypoint) => `${entrypoint.file}: ${entrypoint.role} (${entrypoint.source})`)).toEqual([
      'src/metrics-server.ts: web (listen-call)',
      'src/server.ts: web (package-script)',
    ]);
    expect(model.unreached).toEqual(['test/helpers/recording-server.ts']);
    expect(findingLines(analysis.findings)).toEqual([]);
  });
});

describe('package bins', () => {
  it('bin that starts a server is web', () => {
    const { model } = runProject(fixturePath('project-bin-starts-server'));
    expect(model.entrypoints.map((entrypoint) => `${entrypoint.file}: ${entrypoint.role} (${entrypoint.source})`)).toEqual([
      'bin/export.js: script (package-bin)',
      'bin/mock-api.js: web (package-bin)',
      'lib/server/index.js: web (package-main)',
    ]);
  });

  it('gives the server bin modules the web role', () => {
    const { model } = runProject(fixturePath('project-bin-starts-server'));
    expect(roleLines(model)).toEqual([
      'bin/export.js: script',
      'bin/mock-api.js: web',
      'lib/cli/export.js: script',
      'lib/cli/index.js: web',
      'lib/cli/snapshot.js: web',
      'lib/server/index.js: web',
      'lib/server/records.js: script,web',
    ]);
  });

  it('reports writes of the server bin only', () => {
    const { analysis } = runProject(fixturePath('project-bin-starts-server'));
    expect(findingLines(analysis.findings)).toEqual(['lib/cli/snapshot.js:4 local-fs error']);
  });
});

describe('module resolution', () => {
  it('follows a JavaScript file beside its declaration file', () => {
    const { model } = runProject(fixturePath('project-js-beside-declaration'));
    expect(roleLines(model)).toEqual(['src/plugins/time-zone.js: web', 'src/server.js: web']);
    expect(model.unreached).toEqual([]);
  });
});

describe('registries filled at module load', () => {
  it('drops state only start-up callers change', () => {
    const { analysis } = runProject(fixturePath('project-registry-filled-at-load'));
    expect(findingLines(analysis.findings)).toEqual(['src/feature-flags.ts:1 module-state error', 'src/recent-logins.ts:1 module-state error']);
  });

  it('drops a registry filled by constructors at load', () => {
    const { analysis } = runProject(fixturePath('project-registry-filled-by-constructor'));
    expect(findingLines(analysis.findings)).not.toContain('src/config/public-settings.ts:5 module-state error');
  });

  it('keeps a registry filled by constructors per request', () => {
    const { analysis } = runProject(fixturePath('project-registry-filled-by-constructor'));
    expect(findingLines(analysis.findings)).toEqual(['src/config/audit-trail.ts:5 module-state error']);
  });

  it('drops a CommonJS class configured at start-up', () => {
    const { analysis } = runProject(fixturePath('project-commonjs-class-configured-at-start'));
    expect(findingLines(analysis.findings)).not.toContain('src/storage.js:5 module-state error');
  });

  it('follows static methods calling each other', () => {
    const { analysis } = runProject(fixturePath('project-commonjs-class-configured-at-start'));
    expect(findingLines(analysis.findings)).not.toContain('src/storage.js:9 module-state error');
  });

  it('drops a singleton built while modules load', () => {
    const { analysis } = runProject(fixturePath('project-lazy-singleton-server'));
    expect(findingLines(analysis.findings)).not.toContain('src/app-server.ts:7 module-state error');
  });

  it('keeps a singleton first built per request', () => {
    const { analysis } = runProject(fixturePath('project-lazy-singleton-server'));
    expect(findingLines(analysis.findings)).toEqual(['src/report-builder.ts:5 module-state error']);
  });

  it('keeps a CommonJS class field changed per request', () => {
    const { analysis } = runProject(fixturePath('project-commonjs-class-configured-at-start'));
    expect(findingLines(analysis.findings)).toEqual(['src/storage.js:7 module-state error']);
  });
});

describe('state across modules', () => {
  it('reports a Set changed by a route in another file', () => {
    const { analysis } = runProject(fixturePath('project-state-across-modules'));
    expect(findingLines(analysis.findings)).toEqual(['src/state/online-users.ts:1 module-state error']);
    const [finding] = analysis.findings;
    expect(finding?.ruleId).toBe('no-module-state');
    expect(finding?.start).toEqual({ line: 1, column: 14 });
    expect(finding?.related.map((related) => `${related.file}:${related.start.line}:${related.start.column}`)).toEqual(['src/routes/presence.ts:7:3']);
  });

  it('lists a file no entrypoint loads as unreached', () => {
    const { model, analysis } = runProject(fixturePath('project-state-across-modules'));
    expect(model.unreached).toEqual(['src/seed-countries.test.ts']);
    expect(analysis.findings.filter((finding) => finding.file === 'src/state/countries.ts')).toEqual([]);
  });
});

describe('monorepo workspaces', () => {
  it('follows path aliases and workspace packages', () => {
    const { model, analysis } = runProject(fixturePath('project-monorepo-workspaces'));
    expect(model.entrypoints).toEqual([
      { file: 'packages/api/src/main.ts', role: 'web', source: 'procfile', declaredIn: 'Procfile', detail: 'web: node packages/api/dist/main.js' },
      { file: 'packages/worker/src/index.ts', role: 'worker', source: 'procfile', declaredIn: 'Procfile', detail: 'worker: node packages/worker/dist/index.js' },
    ]);
    expect(roleLines(model)).toEqual([
      'packages/api/src/main.ts: web',
      'packages/api/src/routes/orders.ts: web',
      'packages/shared/src/format.ts: web,worker',
      'packages/shared/src/index.ts: web,worker',
      'packages/shared/src/prices.ts: web',
      'packages/worker/src/index.ts: worker',
    ]);
    expect(model.unreached).toEqual(['packages/shared/src/legacy-currency.ts']);
    expect(findingLines(analysis.findings)).toEqual([]);
  });
});

describe('deployment facts', () => {
  it('HPA and nginx upstream reach the optimal level', () => {
    const { analysis, level } = runProject(fixturePath('project-deploy-autoscaled'));
    expect(findingLines(analysis.findings)).toEqual([]);
    expect(analysis.deployment.autoscaling).toEqual({
      state: 'yes',
      evidence: [{ file: 'k8s/hpa.yaml', line: 10, detail: 'HorizontalPodAutoscaler portal-web scales portal-web from 2 replicas' }],
    });
    expect(analysis.deployment.loadBalancing.state).toBe('yes');
    expect(analysis.deployment.loadBalancing.evidence).toContainEqual({ file: 'nginx/nginx.conf', line: 4, detail: 'nginx upstream portal has 2 servers' });
    expect(analysis.deployment.stickyRouting).toEqual({ state: 'no', evidence: [] });
    expect(analysis.deployment.notes).toEqual([]);
    expect(level).toBe('optimal');
  });

  it('ip_hash with an in-memory session is masked state', () => {
    const { analysis, level } = runProject(fixturePath('project-deploy-sticky-memory-session'));
    expect(findingLines(analysis.findings)).toEqual(['src/server.ts:5 session-store error']);
    expect(analysis.deployment.stickyRouting).toEqual({ state: 'yes', evidence: [{ file: 'nginx/nginx.conf', line: 5, detail: 'nginx upstream portal: ip_hash' }] });
    expect(analysis.deployment.autoscaling.state).toBe('unknown');
    expect(analysis.deployment.notes.map((note) => note.code)).toEqual(['state-masked-by-sticky-routing']);
    expect(analysis.deployment.notes[0]?.related).toEqual([{ file: 'src/server.ts', start: { line: 5, column: 9 }, end: { line: 5, column: 103 } }]);
    expect(level).toBe('failing');
  });

  it('without deployment files every fact is unknown', () => {
    const { analysis, level } = runProject(fixturePath('project-cron-worker-only'));
    expect(analysis.deployment.autoscaling.state).toBe('unknown');
    expect(analysis.deployment.loadBalancing.state).toBe('unknown');
    expect(analysis.deployment.stickyRouting.state).toBe('unknown');
    expect(level).toBe('target');
  });
});
