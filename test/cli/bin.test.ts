import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from './run-cli.js';

const BIN = join(REPOSITORY_ROOT, 'dist/src/cli/bin.js');

/**
 * One run of the built program as a user types it. `npm test` builds first; run `npm run build`
 * before running this file on its own, or it tests a stale build.
 */
describe('built statelint bin', () => {
  it('exists', () => {
    expect(existsSync(BIN), `${BIN} is missing: run npm run build`).toBe(true);
  });

  it('scans the stateful example and exits 1', () => {
    const run = spawnSync(process.execPath, [BIN, 'fixtures/express-stateful-app'], {
      cwd: REPOSITORY_ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', LANG: 'C' },
    });
    expect(run.error).toBeUndefined();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('fixtures/express-stateful-app/src/app.js\n');
    expect(run.stdout).toContain('Gate failed: the score 0% is below the minimum of 80%.\n');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('prints the process map with roles', () => {
    const run = spawnSync(process.execPath, [BIN, 'roles'], {
      cwd: join(REPOSITORY_ROOT, 'test/cli/fixtures/sticky-shop'),
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', LANG: 'es_ES.UTF-8' },
    });
    expect(run.error).toBeUndefined();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('  worker  src/worker.js    package.json  scripts.worker: node src/worker.js\n');
    expect(run.stdout).toContain('Sin cargar por ningún punto de entrada, así que sin puntuar (1 archivo)\n  src/legacy/export-csv.js\n');
  });
});
