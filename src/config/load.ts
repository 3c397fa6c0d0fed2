import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import createDebug from 'debug';
import { normaliseConfig, validateConfig, type ConfigProblem, type StatelintConfig } from './validate.js';

const debug = createDebug('statelint:config');

export const CONFIG_FILE_NAME = 'statelint.config.json';

/** Config file names that would have to be executed to be read. statelint never runs project code. */
const EXECUTABLE_CONFIG_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

/**
 * A configuration that cannot be used: unreadable, not JSON, executable, or invalid. The CLI
 * reports it and exits with code 2.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    /** The file, relative to the project folder. */
    readonly file: string,
    message: string,
    readonly problems: readonly ConfigProblem[] = [],
  ) {
    super(message);
  }
}

export interface LoadedConfig {
  config: StatelintConfig;
  /** The source, relative to the project folder: `statelint.config.json`, `package.json#statelint`, or `null` for none. */
  source: string | null;
}

function displayPath(projectDir: string, file: string): string {
  return relative(projectDir, file).split(sep).join('/') || basename(file);
}

function readJson(file: string, shown: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(shown, `Configuration ${shown} could not be read: ${(error as Error).message}.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(shown, `Configuration ${shown} is not valid JSON: ${(error as Error).message}. Fix the syntax; comments are not allowed.`);
  }
}

function rejectExecutable(shown: string): never {
  throw new ConfigError(
    shown,
    `Configuration ${shown} is a program, and statelint never executes code from the project it scans. Move the settings to ${CONFIG_FILE_NAME} or to the "statelint" key of package.json.`,
  );
}

function validated(value: unknown, shown: string, ruleIds: ReadonlySet<string>, pathPrefix = ''): StatelintConfig {
  const problems = validateConfig(value, ruleIds).map((problem) => ({ ...problem, path: pathPrefix ? problem.path.replace(/^\$/, pathPrefix) : problem.path }));
  if (problems.length > 0) {
    const listed = problems.map((problem) => `  ${problem.path}: ${problem.message}`).join('\n');
    throw new ConfigError(shown, `Configuration ${shown} is invalid:\n${listed}`, problems);
  }
  return normaliseConfig(value);
}

/**
 * Finds and validates the project's configuration. An explicit `configFile` (absolute, or relative
 * to `projectDir`) must be JSON. Without one, `statelint.config.json` and the `statelint` key of
 * package.json are read, and having both is an error. A `statelint.config.js` or `.ts` is rejected
 * because it would have to be executed. Rule ids in `rules` are checked against `ruleIds`.
 */
export function loadConfig(projectDir: string, ruleIds: ReadonlySet<string>, configFile?: string): LoadedConfig {
  if (configFile !== undefined) {
    const file = resolve(projectDir, configFile);
    const shown = displayPath(projectDir, file);
    if (EXECUTABLE_CONFIG_EXTENSIONS.includes(extname(file).toLowerCase())) rejectExecutable(shown);
    return { config: validated(readJson(file, shown), shown, ruleIds), source: shown };
  }

  for (const extension of EXECUTABLE_CONFIG_EXTENSIONS) {
    const candidate = `statelint.config${extension}`;
    if (existsSync(join(projectDir, candidate))) rejectExecutable(candidate);
  }

  const jsonFile = join(projectDir, CONFIG_FILE_NAME);
  const fromJsonFile = existsSync(jsonFile);
  const manifestFile = join(projectDir, 'package.json');
  const manifest = existsSync(manifestFile) ? readJson(manifestFile, 'package.json') : undefined;
  const fromManifest = typeof manifest === 'object' && manifest !== null && Object.hasOwn(manifest, 'statelint');

  if (fromJsonFile && fromManifest) {
    throw new ConfigError(CONFIG_FILE_NAME, `Both ${CONFIG_FILE_NAME} and the "statelint" key of package.json configure statelint. Keep one of them.`);
  }
  if (fromJsonFile) {
    debug('reading %s', jsonFile);
    return { config: validated(readJson(jsonFile, CONFIG_FILE_NAME), CONFIG_FILE_NAME, ruleIds), source: CONFIG_FILE_NAME };
  }
  if (fromManifest) {
    debug('reading the statelint key of %s', manifestFile);
    const value = (manifest as Record<string, unknown>).statelint;
    return { config: validated(value, 'package.json', ruleIds, '$.statelint'), source: 'package.json#statelint' };
  }
  return { config: {}, source: null };
}
