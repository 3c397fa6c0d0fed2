import type { CatalogEntry } from '../catalog/types.js';
import { parseUserCatalog } from '../catalog/user-entries.js';
import { CRITERIA, type Criterion } from '../model.js';

export type RuleLevel = 'off' | 'info' | 'warning' | 'error';
export type EntrypointRole = 'web' | 'worker' | 'script';
export type Locale = 'en' | 'es';

/** A file that starts a process, declared in the configuration. */
export interface EntrypointSetting {
  /** Repository-relative path of the source file, or a glob of several. */
  file: string;
  role: EntrypointRole;
}

/** The settings of `statelint.config.json` or `package.json#statelint`, after validation. */
export interface StatelintConfig {
  include?: string[];
  exclude?: string[];
  weights?: Partial<Record<Criterion, number>>;
  thresholds?: { minimum?: number; target?: number };
  /** Severity per rule id, without the `statelint/` prefix. */
  rules?: Record<string, RuleLevel>;
  /**
   * Entrypoints declared by hand, each replacing what statelint finds for the same file. The file
   * may write them as a list of `{ file, role }` or as an object from path or glob to role.
   */
  entrypoints?: EntrypointSetting[];
  /** Catalog entries for the project's own libraries, added to the built-in catalog. */
  catalog?: CatalogEntry[];
  locale?: Locale;
  report?: { title?: string; requirement?: string };
}

/** A configuration value that is invalid. `path` is a JSON path such as `$.weights.sessions`. */
export interface ConfigProblem {
  path: string;
  message: string;
}

const TOP_LEVEL_KEYS = ['$schema', 'include', 'exclude', 'weights', 'thresholds', 'rules', 'entrypoints', 'catalog', 'locale', 'report'] as const;
const RULE_LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];
const ROLES: readonly EntrypointRole[] = ['web', 'worker', 'script'];
const LOCALES: readonly Locale[] = ['en', 'es'];
/** Keys that would reach Object.prototype if a later step copied the object carelessly. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : `${typeof value} ${JSON.stringify(value)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf(list: readonly string[]): string {
  return list.map((item) => JSON.stringify(item)).join(', ');
}

class Validator {
  readonly problems: ConfigProblem[] = [];

  constructor(private readonly ruleIds: ReadonlySet<string>) {}

  fail(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** Rejects prototype-polluting keys anywhere in the value, before any other check reads it. */
  forbidDangerousKeys(value: unknown, path: string): void {
    if (Array.isArray(value)) {
      value.forEach((item, index) => this.forbidDangerousKeys(item, childPath(path, index)));
      return;
    }
    if (!isPlainObject(value)) return;
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) this.fail(childPath(path, key), `the key "${key}" is not allowed in a configuration file.`);
      else this.forbidDangerousKeys(value[key], childPath(path, key));
    }
  }

  object(value: unknown, path: string): value is Record<string, unknown> {
    if (isPlainObject(value)) return true;
    this.fail(path, `expected an object, got ${describe(value)}.`);
    return false;
  }

  stringList(value: unknown, path: string): void {
    if (!Array.isArray(value)) {
      this.fail(path, `expected an array of glob patterns, got ${describe(value)}.`);
      return;
    }
    value.forEach((item, index) => {
      if (typeof item !== 'string' || item.trim() === '') this.fail(childPath(path, index), `expected a non-empty glob pattern, got ${describe(item)}.`);
      else this.glob(item, childPath(path, index));
    });
  }

  /** Rejects a glob whose regular expression would take exponential-looking time on long paths. */
  glob(pattern: string, path: string): void {
    const problem = globComplexityProblem(pattern);
    if (problem) this.fail(path, problem);
  }

  percentage(value: unknown, path: string): void {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
      this.fail(path, `expected a number from 0 to 100, got ${describe(value)}.`);
    }
  }

  text(value: unknown, path: string, maxLength: number): void {
    if (typeof value !== 'string' || value.trim() === '' || value.length > maxLength) {
      this.fail(path, `expected a non-empty string of at most ${maxLength} characters, got ${describe(value)}.`);
    }
  }

  enumValue(value: unknown, path: string, allowed: readonly string[]): void {
    if (typeof value !== 'string' || !allowed.includes(value)) this.fail(path, `expected one of ${oneOf(allowed)}, got ${describe(value)}.`);
  }

  config(value: unknown): void {
    const root = '$';
    this.forbidDangerousKeys(value, root);
    if (this.problems.length > 0 || !this.object(value, root)) return;

    for (const key of Object.keys(value)) {
      if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) this.fail(childPath(root, key), `unknown setting; expected one of ${oneOf(TOP_LEVEL_KEYS)}.`);
    }
    if (value.$schema !== undefined && typeof value.$schema !== 'string') this.fail('$.$schema', `expected a string, got ${describe(value.$schema)}.`);
    if (value.include !== undefined) this.stringList(value.include, '$.include');
    if (value.exclude !== undefined) this.stringList(value.exclude, '$.exclude');
    if (value.weights !== undefined) this.weights(value.weights);
    if (value.thresholds !== undefined) this.thresholds(value.thresholds);
    if (value.rules !== undefined) this.rules(value.rules);
    if (value.entrypoints !== undefined) this.entrypoints(value.entrypoints);
    if (value.catalog !== undefined) this.catalog(value.catalog);
    if (value.locale !== undefined) this.enumValue(value.locale, '$.locale', LOCALES);
    if (value.report !== undefined) this.report(value.report);
  }

  weights(value: unknown): void {
    if (!this.object(value, '$.weights')) return;
    for (const [key, weight] of Object.entries(value)) {
      const path = childPath('$.weights', key);
      if (!(CRITERIA as readonly string[]).includes(key)) this.fail(path, `unknown criterion; expected one of ${oneOf(CRITERIA)}.`);
      else if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) this.fail(path, `expected a number of 0 or more, got ${describe(weight)}.`);
    }
  }

  thresholds(value: unknown): void {
    if (!this.object(value, '$.thresholds')) return;
    for (const key of Object.keys(value)) {
      if (key !== 'minimum' && key !== 'target') this.fail(childPath('$.thresholds', key), 'unknown threshold; expected "minimum" or "target".');
    }
    if (value.minimum !== undefined) this.percentage(value.minimum, '$.thresholds.minimum');
    if (value.target !== undefined) this.percentage(value.target, '$.thresholds.target');
    if (typeof value.minimum === 'number' && typeof value.target === 'number' && value.minimum > value.target) {
      this.fail('$.thresholds.minimum', `the minimum (${value.minimum}) is above the target (${value.target}).`);
    }
  }

  rules(value: unknown): void {
    if (!this.object(value, '$.rules')) return;
    for (const [key, level] of Object.entries(value)) {
      const path = childPath('$.rules', key);
      const id = key.startsWith('statelint/') ? key.slice('statelint/'.length) : key;
      if (!this.ruleIds.has(id)) this.fail(path, `unknown rule; expected one of ${oneOf([...this.ruleIds].sort())}.`);
      else this.enumValue(level, path, RULE_LEVELS);
    }
  }

  entrypoints(value: unknown): void {
    if (Array.isArray(value)) {
      value.forEach((entry, index) => this.entrypoint(entry, childPath('$.entrypoints', index)));
      return;
    }
    if (!isPlainObject(value)) {
      this.fail('$.entrypoints', `expected a list of { "file", "role" } objects, or an object from path to role, got ${describe(value)}.`);
      return;
    }
    for (const [key, role] of Object.entries(value)) {
      const path = childPath('$.entrypoints', key);
      if (key.trim() === '') this.fail(path, 'expected a non-empty path or glob pattern as the key.');
      else if (globComplexityProblem(key)) this.glob(key, path);
      else this.enumValue(role, path, ROLES);
    }
  }

  entrypoint(value: unknown, path: string): void {
    if (!this.object(value, path)) return;
    for (const key of Object.keys(value)) {
      if (key !== 'file' && key !== 'role') this.fail(childPath(path, key), 'unknown setting; expected "file" or "role".');
    }
    if (typeof value.file !== 'string' || value.file.trim() === '') this.fail(childPath(path, 'file'), `expected a non-empty path or glob pattern, got ${describe(value.file)}.`);
    else this.glob(value.file, childPath(path, 'file'));
    this.enumValue(value.role, childPath(path, 'role'), ROLES);
  }

  /** Checks the project's own catalog entries with the same parser that ESLint's settings use. */
  catalog(value: unknown): void {
    for (const problem of parseUserCatalog(value).problemsByEntry) {
      this.fail(problem.index === undefined ? '$.catalog' : childPath('$.catalog', problem.index), `${problem.message}.`);
    }
  }

  report(value: unknown): void {
    if (!this.object(value, '$.report')) return;
    for (const key of Object.keys(value)) {
      if (key !== 'title' && key !== 'requirement') this.fail(childPath('$.report', key), 'unknown setting; expected "title" or "requirement".');
    }
    if (value.title !== undefined) this.text(value.title, '$.report.title', 200);
    if (value.requirement !== undefined) this.text(value.requirement, '$.report.requirement', 200);
  }
}

/**
 * Checks a parsed configuration. Returns every problem found, each with the JSON path of the bad
 * value; an empty list means `value` is a valid StatelintConfig. Rule ids are checked against
 * `ruleIds`, which the caller takes from the registered detections.
 */
export function validateConfig(value: unknown, ruleIds: ReadonlySet<string>): ConfigProblem[] {
  const validator = new Validator(ruleIds);
  validator.config(value);
  return validator.problems;
}

/** The `entrypoints` setting as the file may write it: a list, or an object from path to role. */
type RawEntrypoints = EntrypointSetting[] | Record<string, EntrypointRole>;

/**
 * Turns a configuration that `validateConfig` accepted into a StatelintConfig: strips the
 * `statelint/` prefix from the keys of `rules`, which the file may use or omit, writes
 * `entrypoints` as a list, and converts `catalog` to catalog entries.
 */
export function normaliseConfig(value: unknown): StatelintConfig {
  const raw = value as Omit<StatelintConfig, 'entrypoints' | 'catalog'> & { entrypoints?: RawEntrypoints; catalog?: unknown };
  const { entrypoints, catalog, ...config } = raw;
  const result: StatelintConfig = { ...config };
  if (config.rules) {
    const rules: Record<string, RuleLevel> = {};
    for (const [key, level] of Object.entries(config.rules)) rules[key.startsWith('statelint/') ? key.slice('statelint/'.length) : key] = level;
    result.rules = rules;
  }
  if (entrypoints !== undefined) {
    result.entrypoints = Array.isArray(entrypoints)
      ? entrypoints.map(({ file, role }) => ({ file, role }))
      : Object.entries(entrypoints).map(([file, role]) => ({ file, role }));
  }
  if (catalog !== undefined) result.catalog = parseUserCatalog(catalog).entries;
  return result;
}

/** Longest glob accepted; real include and exclude patterns are a few dozen characters. */
const MAX_GLOB_LENGTH = 1000;

/**
 * Most `*` and `?` wildcards accepted in one path segment. Globs become regular expressions with
 * one lazy quantifier per wildcard, so matching a segment of n characters can take about n^k steps
 * for k wildcards: `*a*a*a*a*a*a*a*a*a*ab` took 10 s on a 40-character name (picomatch 4, Node 20).
 */
const MAX_WILDCARDS_PER_SEGMENT = 3;

/** Returns why a glob pattern is rejected, or `undefined` when it is safe to compile. */
export function globComplexityProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_GLOB_LENGTH) {
    return `the glob pattern is ${pattern.length} characters long; the maximum is ${MAX_GLOB_LENGTH}.`;
  }
  for (const segment of pattern.split('/')) {
    if (segment === '**') continue;
    const wildcards = segment.match(/[*?]/g)?.length ?? 0;
    if (wildcards > MAX_WILDCARDS_PER_SEGMENT) {
      return `the segment "${segment}" has ${wildcards} wildcards; at most ${MAX_WILDCARDS_PER_SEGMENT} per segment are allowed, because more make matching slow enough to stall the scan. Split it into several patterns.`;
    }
  }
  return undefined;
}
