import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvModule from 'ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { validateConfig } from '../../src/config/validate.js';
import { IN_HOUSE_CACHE_ENTRY as IN_HOUSE_CACHE } from '../support/in-house-catalog.js';

const RULE_IDS = new Set(['no-memory-session-store', 'no-in-process-jobs']);
const schema = JSON.parse(readFileSync(new URL('../../docs/schema/config.schema.json', import.meta.url), 'utf8')) as object;
// ajv is a CommonJS module that exports `default`; a NodeNext default import is the whole module.
const validateWithSchema = new AjvModule.default({ allErrors: true, strict: true }).compile(schema);

const VALID_CONFIG = {
  $schema: './node_modules/eslint-plugin-statelint/docs/schema/config.schema.json',
  include: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  weights: { sessions: 2, jobs: 0.5 },
  thresholds: { minimum: 85, target: 100 },
  rules: { 'no-in-process-jobs': 'warning', 'statelint/no-memory-session-store': 'off' },
  entrypoints: { 'src/worker.ts': 'worker', 'scripts/**': 'script' },
  catalog: [IN_HOUSE_CACHE],
  locale: 'es',
  report: { title: 'order-service', requirement: 'ARCH-7 stateless web tier' },
};

/** Invalid values, the JSON path the loader must name, and whether the shipped schema rejects them too. */
const INVALID_CASES: ReadonlyArray<readonly [name: string, config: unknown, path: string]> = [
  ['not an object', ['src'], '$'],
  ['unknown top-level key', { includes: ['src'] }, '$.includes'],
  ['include not an array', { include: 'src/**' }, '$.include'],
  ['empty include pattern', { include: ['src/**', ' '] }, '$.include[1]'],
  ['unknown criterion weight', { weights: { memory: 1 } }, '$.weights.memory'],
  ['negative weight', { weights: { cache: -1 } }, '$.weights.cache'],
  ['minimum above 100', { thresholds: { minimum: 120 } }, '$.thresholds.minimum'],
  ['threshold as string', { thresholds: { target: '100' } }, '$.thresholds.target'],
  ['unknown threshold', { thresholds: { optimal: 100 } }, '$.thresholds.optimal'],
  ['bad rule level', { rules: { 'no-in-process-jobs': 'warn' } }, '$.rules["no-in-process-jobs"]'],
  ['bad entrypoint role', { entrypoints: { 'src/worker.ts': 'cron' } }, '$.entrypoints["src/worker.ts"]'],
  ['entrypoints as a string', { entrypoints: 'src/worker.ts' }, '$.entrypoints'],
  ['listed entrypoint without file', { entrypoints: [{ role: 'worker' }] }, '$.entrypoints[0].file'],
  ['listed entrypoint with empty file', { entrypoints: [{ file: ' ', role: 'worker' }] }, '$.entrypoints[0].file'],
  ['listed entrypoint with bad role', { entrypoints: [{ file: 'src/worker.ts', role: 'cron' }] }, '$.entrypoints[0].role'],
  ['listed entrypoint with unknown key', { entrypoints: [{ file: 'src/worker.ts', role: 'worker', roles: ['web'] }] }, '$.entrypoints[0].roles'],
  ['listed entrypoint not an object', { entrypoints: ['src/worker.ts'] }, '$.entrypoints[0]'],
  ['catalog not an array', { catalog: IN_HOUSE_CACHE }, '$.catalog'],
  ['catalog entry with bad category', { catalog: [{ ...IN_HOUSE_CACHE, category: 'memory' }] }, '$.catalog[0]'],
  ['catalog entry without remedy', { catalog: [{ ...IN_HOUSE_CACHE, remedy: undefined }] }, '$.catalog[0]'],
  ['unsupported locale', { locale: 'fr' }, '$.locale'],
  ['empty report title', { report: { title: '' } }, '$.report.title'],
  ['unknown report key', { report: { logo: 'x.png' } }, '$.report.logo'],
];

describe('validateConfig', () => {
  it('accepts a full configuration', () => {
    expect(validateConfig(VALID_CONFIG, RULE_IDS)).toEqual([]);
  });

  it('accepts an empty configuration', () => {
    expect(validateConfig({}, RULE_IDS)).toEqual([]);
  });

  it('accepts listed entrypoints', () => {
    expect(validateConfig({ entrypoints: [{ file: 'src/worker.ts', role: 'worker' }, { file: 'app/[id]/route.ts', role: 'web' }] }, RULE_IDS)).toEqual([]);
  });

  it('names the catalog entry and field', () => {
    expect(validateConfig({ catalog: [IN_HOUSE_CACHE, { ...IN_HOUSE_CACHE, id: '@acme/cache/other', severity: 'fatal' }] }, RULE_IDS)).toEqual([
      { path: '$.catalog[1]', message: '"severity" must be one of error, warning, info, got "fatal".' },
    ]);
  });

  it('rejects a built-in catalog id', () => {
    expect(validateConfig({ catalog: [{ ...IN_HOUSE_CACHE, id: 'lru-cache/instance' }] }, RULE_IDS)).toEqual([
      { path: '$.catalog[0]', message: 'id "lru-cache/instance" is already used; choose another id.' },
    ]);
  });

  it('rejects a repeated catalog id', () => {
    expect(validateConfig({ catalog: [IN_HOUSE_CACHE, IN_HOUSE_CACHE] }, RULE_IDS)).toEqual([
      { path: '$.catalog[1]', message: 'id "@acme/cache/local-cache" is already used; choose another id.' },
    ]);
  });

  it.each(INVALID_CASES)('rejects %s at its path', (_name, config, path) => {
    const problems = validateConfig(config, RULE_IDS);
    expect(problems.map((problem) => problem.path)).toEqual([path]);
  });

  it('rejects an unknown rule id', () => {
    const problems = validateConfig({ rules: { 'no-such-rule': 'off' } }, RULE_IDS);
    expect(problems).toEqual([{ path: '$.rules["no-such-rule"]', message: 'unknown rule; expected one of "no-in-process-jobs", "no-memory-session-store".' }]);
  });

  it('rejects a minimum above the target', () => {
    expect(validateConfig({ thresholds: { minimum: 90, target: 85 } }, RULE_IDS).map((problem) => problem.path)).toEqual(['$.thresholds.minimum']);
  });

  it.each([
    ['top level', '{"__proto__": {"polluted": true}}', '$.__proto__'],
    ['nested', '{"weights": {"__proto__": {"sessions": 1}}}', '$.weights.__proto__'],
    ['inside an array', '{"include": [{"constructor": 1}]}', '$.include[0].constructor'],
  ])('rejects a __proto__-style key: %s', (_name, text, path) => {
    const problems = validateConfig(JSON.parse(text), RULE_IDS);
    expect(problems[0]?.path).toBe(path);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports every problem at once', () => {
    expect(validateConfig({ locale: 'fr', weights: { cache: -1 } }, RULE_IDS)).toHaveLength(2);
  });

  it.each([
    ['include', { include: ['src/' + '*a'.repeat(10) + 'b'] }, '$.include[0]'],
    ['exclude', { exclude: ['*x*y*z*w.ts'] }, '$.exclude[0]'],
    ['an entrypoint glob', { entrypoints: [{ file: 'src/*a*b*c*d.ts', role: 'web' }] }, '$.entrypoints[0].file'],
    ['an entrypoint key', { entrypoints: { 'src/*a*b*c*d.ts': 'web' } }, '$.entrypoints["src/*a*b*c*d.ts"]'],
  ])('rejects a glob that backtracks: %s', (_name, config, path) => {
    const problems = validateConfig(config, RULE_IDS);
    expect(problems.map((problem) => problem.path)).toEqual([path]);
    expect(problems[0]?.message).toMatch(/wildcards/);
  });

  it('accepts globs with three wildcards per segment', () => {
    expect(validateConfig({ include: ['**/*.test.*', 'src/**/*-*.ts'], exclude: ['a*b*c*/**'] }, RULE_IDS)).toEqual([]);
  });

  it('rejects a glob longer than 1,000 characters', () => {
    expect(validateConfig({ include: ['a'.repeat(1001)] }, RULE_IDS).map((problem) => problem.path)).toEqual(['$.include[0]']);
  });
});

describe('config.schema.json', () => {
  it('accepts the full configuration', () => {
    expect(validateWithSchema(VALID_CONFIG), JSON.stringify(validateWithSchema.errors)).toBe(true);
  });

  it.each(INVALID_CASES)('rejects %s too', (_name, config) => {
    expect(validateWithSchema(config)).toBe(false);
  });

  it('rejects a __proto__ key too', () => {
    expect(validateWithSchema(JSON.parse('{"__proto__": {}}'))).toBe(false);
  });

  it('describes every property', () => {
    const properties = (schema as { properties: Record<string, { description?: string }> }).properties;
    for (const [key, property] of Object.entries(properties)) expect(property.description, key).toBeTruthy();
  });
});

describe('loadConfig', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'statelint-config-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  function write(name: string, content: unknown): void {
    writeFileSync(join(folder, name), typeof content === 'string' ? content : JSON.stringify(content));
  }

  function loadError(configFile?: string): ConfigError {
    try {
      loadConfig(folder, RULE_IDS, configFile);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('loadConfig did not throw');
  }

  it('returns an empty config without a file', () => {
    expect(loadConfig(folder, RULE_IDS)).toEqual({ config: {}, source: null });
  });

  it('reads statelint.config.json', () => {
    write('statelint.config.json', { locale: 'es', rules: { 'statelint/no-in-process-jobs': 'info' } });
    expect(loadConfig(folder, RULE_IDS)).toEqual({ config: { locale: 'es', rules: { 'no-in-process-jobs': 'info' } }, source: 'statelint.config.json' });
  });

  it('reads the statelint key of package.json', () => {
    write('package.json', { name: 'app', statelint: { thresholds: { minimum: 90 } } });
    expect(loadConfig(folder, RULE_IDS)).toEqual({ config: { thresholds: { minimum: 90 } }, source: 'package.json#statelint' });
  });

  it('names the package.json path of a bad value', () => {
    write('package.json', { name: 'app', statelint: { locale: 'fr' } });
    expect(loadError().problems.map((problem) => problem.path)).toEqual(['$.statelint.locale']);
  });

  it('ignores a package.json without the key', () => {
    write('package.json', { name: 'app' });
    expect(loadConfig(folder, RULE_IDS).source).toBeNull();
  });

  it('rejects two configuration sources', () => {
    write('statelint.config.json', {});
    write('package.json', { statelint: {} });
    expect(loadError().message).toContain('Keep one of them');
  });

  it.each(['statelint.config.js', 'statelint.config.mjs', 'statelint.config.ts'])('rejects executable %s', (name) => {
    write(name, 'throw new Error("statelint ran project code")');
    const error = loadError();
    expect(error.file).toBe(name);
    expect(error.message).toContain('never executes code from the project it scans');
  });

  it('rejects an explicit executable config', () => {
    write('custom.cjs', 'module.exports = {}');
    expect(loadError('custom.cjs').message).toContain('never executes code');
  });

  it('reads an explicit JSON config', () => {
    write('ci.json', { locale: 'en' });
    expect(loadConfig(folder, RULE_IDS, 'ci.json')).toEqual({ config: { locale: 'en' }, source: 'ci.json' });
  });

  it('reports invalid JSON', () => {
    write('statelint.config.json', '{ "locale": "es", }');
    expect(loadError().message).toMatch(/^Configuration statelint\.config\.json is not valid JSON: /);
  });

  it('reports a missing explicit file', () => {
    expect(loadError('missing.json').message).toMatch(/^Configuration missing\.json could not be read: /);
  });

  it('writes object entrypoints as a list', () => {
    write('statelint.config.json', { entrypoints: { 'src/worker.ts': 'worker', 'scripts/**': 'script' } });
    expect(loadConfig(folder, RULE_IDS).config.entrypoints).toEqual([
      { file: 'src/worker.ts', role: 'worker' },
      { file: 'scripts/**', role: 'script' },
    ]);
  });

  it('keeps listed entrypoints', () => {
    write('statelint.config.json', { entrypoints: [{ file: 'src/worker.ts', role: 'worker' }] });
    expect(loadConfig(folder, RULE_IDS).config.entrypoints).toEqual([{ file: 'src/worker.ts', role: 'worker' }]);
  });

  it('converts catalog entries', () => {
    write('statelint.config.json', { catalog: [IN_HOUSE_CACHE] });
    const catalog = loadConfig(folder, RULE_IDS).config.catalog;
    expect(catalog?.map((entry) => [entry.id, entry.source])).toEqual([['@acme/cache/local-cache', '']]);
  });

  it('names the package.json path of a bad catalog entry', () => {
    write('package.json', { name: 'app', statelint: { catalog: [{ ...IN_HOUSE_CACHE, site: { kind: 'new', exports: [] } }] } });
    expect(loadError().problems).toEqual([{ path: '$.statelint.catalog[0]', message: '"site.exports" must be a non-empty array of { "module": string, "path"?: string[] }.' }]);
  });

  it('lists each problem with its path', () => {
    write('statelint.config.json', { weights: { cache: 'high' } });
    expect(loadError().message).toBe('Configuration statelint.config.json is invalid:\n  $.weights.cache: expected a number of 0 or more, got "high".');
  });
});
