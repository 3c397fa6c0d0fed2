import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plugin } from '../../src/plugin.js';

/**
 * Spawned runs of the built CLI, as CI runs it: the output must not depend on the machine, the
 * CLI must never run the scanned project's code, and no report may repeat a string literal.
 */
const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(REPOSITORY, 'dist/src/cli/bin.js');
const FIXTURE = join(REPOSITORY, 'fixtures/express-stateful-app');
const FORMATS = ['terminal', 'json', 'markdown', 'html', 'sarif'] as const;

let base: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'statelint-cli-trust-'));
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}, nodeOptions: readonly string[] = []): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [...nodeOptions, BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
    timeout: 60_000,
  });
}

function listFiles(folder: string, prefix = ''): string[] {
  return readdirSync(join(folder, prefix))
    .sort()
    .flatMap((name) => {
      const path = prefix ? `${prefix}/${name}` : name;
      return statSync(join(folder, path)).isDirectory() ? listFiles(folder, path) : [path];
    });
}

/** Copies a fixture file by file, in the given order, so that folders list their entries differently. */
function copyInOrder(from: string, to: string, reverse: boolean): void {
  const files = listFiles(from);
  for (const path of reverse ? files.reverse() : files) {
    mkdirSync(dirname(join(to, path)), { recursive: true });
    cpSync(join(from, path), join(to, path));
  }
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe.skipIf(!existsSync(BIN))('built CLI', () => {
  describe('determinism', () => {
    it('gives byte-identical reports on every machine setting', () => {
      const shortPath = join(base, 'a');
      const longPath = join(base, 'a much longer checkout path', 'with spaces and ünïcode', 'repo');
      copyInOrder(FIXTURE, shortPath, false);
      copyInOrder(FIXTURE, longPath, true);

      const variants: { name: string; cwd: string; env: NodeJS.ProcessEnv }[] = [
        { name: 'C locale, UTC', cwd: shortPath, env: { LC_ALL: 'C', TZ: 'UTC' } },
        { name: 'Swedish collation', cwd: shortPath, env: { LC_ALL: 'sv_SE.UTF-8', TZ: 'Europe/Stockholm' } },
        { name: 'Turkish dotless i', cwd: longPath, env: { LC_ALL: 'tr_TR.UTF-8', TZ: 'Pacific/Chatham' } },
        { name: 'other path and time zone', cwd: longPath, env: { LANG: 'en_US.UTF-8', TZ: 'Asia/Kathmandu' } },
        { name: 'one libuv thread', cwd: longPath, env: { LC_ALL: 'C', UV_THREADPOOL_SIZE: '1' } },
        { name: 'many libuv threads', cwd: shortPath, env: { LC_ALL: 'C', UV_THREADPOOL_SIZE: '64' } },
      ];

      for (const format of FORMATS) {
        const hashes = new Map<string, string>();
        // Every variant for the machine-read and terminal formats; two distant ones for the rest.
        const formatVariants = format === 'json' || format === 'terminal' ? variants : [variants[1]!, variants[2]!];
        for (const variant of formatVariants) {
          const run = runCli(['--format', format, '--no-color'], variant.cwd, variant.env);
          expect(run.status, `${format}, ${variant.name}: ${run.stderr}`).toBe(1);
          expect(run.stdout, `${format}, ${variant.name} shows an absolute path`).not.toContain(base);
          hashes.set(variant.name, sha256(run.stdout));
        }
        expect(new Set(hashes.values()).size, `${format}: ${JSON.stringify(Object.fromEntries(hashes))}`).toBe(1);
      }
    }, 180_000);
  });

  describe('no execution of scanned code', () => {
    let project: string;
    let markers: string;
    let reports: string;

    beforeAll(() => {
      project = join(base, 'planted');
      markers = join(base, 'markers');
      reports = join(base, 'reports');
      mkdirSync(join(project, 'src'), { recursive: true });
      mkdirSync(markers);
      mkdirSync(reports);

      // Each file leaves a marker file named after itself if anything runs it.
      const leaveMarker = (name: string): string => `require('node:fs').writeFileSync(${JSON.stringify(join(markers, name))}, 'ran');\n`;
      writeFileSync(join(project, 'eslint.config.js'), `${leaveMarker('eslint.config.js')}module.exports = [];\n`);
      writeFileSync(join(project, 'eslint.config.mjs'), `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(join(markers, 'eslint.config.mjs'))}, 'ran');\nexport default [];\n`);
      writeFileSync(join(project, 'webpack.config.js'), leaveMarker('webpack.config.js'));
      writeFileSync(join(project, 'vite.config.ts'), leaveMarker('vite.config.ts'));
      writeFileSync(join(project, 'ts-plugin.js'), `${leaveMarker('ts-plugin.js')}module.exports = () => ({ create: (info) => info.languageService });\n`);
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { plugins: [{ name: './ts-plugin.js' }], allowJs: false }, include: ['src'] }),
      );
      writeFileSync(
        join(project, 'package.json'),
        JSON.stringify({ name: 'planted', main: 'src/app.ts', scripts: { postinstall: `node -e "${leaveMarker('postinstall').replaceAll('"', '\\"')}"`, start: 'node src/app.ts' } }),
      );
      writeFileSync(join(markers, '..', 'statelint.config.js'), `${leaveMarker('statelint.config.js')}module.exports = {};\n`);
      writeFileSync(
        join(project, 'src/app.ts'),
        `${leaveMarker('app.ts')}import session from 'express-session';\nimport express from 'express';\nconst app = express();\napp.use(session({ secret: 's' }));\n`,
      );
    });

    function expectNoMarkers(): void {
      expect(readdirSync(markers)).toEqual([]);
    }

    it('runs nothing from the project', () => {
      const run = runCli(['--format', 'json'], project);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(1);
      const result = JSON.parse(run.stdout) as { findings: { ruleId: string; file: string }[] };
      expect(result.findings.some((finding) => finding.ruleId === 'no-memory-session-store' && finding.file === 'src/app.ts')).toBe(true);
      expectNoMarkers();
    });

    it('rejects a JavaScript configuration unrun', () => {
      const configured = join(base, 'configured');
      cpSync(project, configured, { recursive: true });
      cpSync(join(base, 'statelint.config.js'), join(configured, 'statelint.config.js'));

      const run = runCli(['--format', 'json'], configured);

      expect(run.status).toBe(2);
      expect(run.stderr).toContain('statelint.config.js');
      expect(run.stderr).toContain('never executes code');
      expectNoMarkers();
    });

    it('runs under the permission model', () => {
      // Node 20 spells the flag --experimental-permission; Node 22.13 and later accept --permission.
      const permission = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
      const nodeOptions = [permission, `--allow-fs-read=${project}`, `--allow-fs-read=${REPOSITORY}`, `--allow-fs-write=${reports}`];
      const report = join(reports, 'report.json');

      const run = runCli(['--format', 'json', '--output', report], project, {}, nodeOptions);

      expect(run.stderr.replace(/^.*ExperimentalWarning.*\n.*--trace-warnings.*\n/m, '')).toBe('');
      expect(run.status).toBe(1);
      const result = JSON.parse(readFileSync(report, 'utf8')) as { findings: { ruleId: string; file: string }[] };
      expect(result.findings.some((finding) => finding.ruleId === 'no-memory-session-store' && finding.file === 'src/app.ts')).toBe(true);
      expectNoMarkers();
    });
  });

  describe('secrets', () => {
    const SECRETS = ['sk_live_51HqLyjWDarjtT1zdp7dc', 'hunter2-correct-horse', 'AKIAIOSFODNN7EXAMPLE'];

    let project: string;
    beforeAll(() => {
      project = join(base, 'secrets');
      mkdirSync(join(project, 'src'), { recursive: true });
      writeFileSync(
        join(project, 'src/app.js'),
        [
          "const session = require('express-session');",
          "const express = require('express');",
          'const app = express();',
          `app.use(session({ secret: '${SECRETS[1]}', cookie: { domain: '${SECRETS[0]}' } }));`,
          `const tokens = new Map([['${SECRETS[2]}', '${SECRETS[0]}']]);`,
          `app.get('/login', (req, res) => { tokens.set(req.query.user, '${SECRETS[1]}'); res.send('${SECRETS[2]}'); });`,
          `setInterval(() => tokens.delete('${SECRETS[2]}'), 60_000);`,
          "require('fs').writeFileSync('/tmp/upload-" + SECRETS[0] + "', 'x');",
          '',
        ].join('\n'),
      );
    });

    it.each(FORMATS)('appear in no %s report', (format) => {
      const run = runCli(['--format', format, '--no-color'], project);
      expect(run.status, run.stderr).toBe(1);
      expect(run.stdout.length).toBeGreaterThan(0);
      for (const secret of SECRETS) {
        expect(run.stdout, `${format} report`).not.toContain(secret);
        expect(run.stderr, `${format} errors`).not.toContain(secret);
      }
    });

    it('appear in no ESLint message', () => {
      const linter = new Linter({ configType: 'flat' });
      const text = readFileSync(join(project, 'src/app.js'), 'utf8');
      const messages = linter.verify(text, [plugin.configs.recommended as Linter.Config], { filename: 'src/app.js' });
      expect(messages.length).toBeGreaterThan(0);
      for (const secret of SECRETS) expect(JSON.stringify(messages)).not.toContain(secret);
    });
  });
});
