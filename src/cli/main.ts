import createDebug from 'debug';
import { statSync, type Stats } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { applyBaselineFile, writeBaselineFile } from '../baseline/apply.js';
import { BaselineError, DEFAULT_BASELINE_FILE } from '../baseline/baseline.js';
import { CONFIG_FILE_NAME, ConfigError, loadConfig } from '../config/load.js';
import type { StatelintConfig } from '../config/validate.js';
import { isCatalogDetector } from '../catalog/detector.js';
import { detectors } from '../detections/index.js';
import type { Detector } from '../engine/detector.js';
import { recordRelease } from '../history/apply.js';
import { HistoryError } from '../history/history.js';
import { catalogFor, localeFromEnvironment, parseLocale, type Catalog, type Locale } from '../i18n/index.js';
import { documentMessagesFor, type DocumentMessages } from '../i18n/report-documents.js';
import { CRITERIA, type Criterion, type ScanResult } from '../model.js';
import { PACKAGE_VERSION } from '../package-info.js';
import { scanProject, type ProjectScanOptions } from '../project/analyze-project.js';
import { isSourceFileName } from '../project/discover.js';
import { allowUnanalyzed } from '../project/unanalyzed.js';
import { formatHtml } from '../report/html.js';
import { formatJsonReport } from '../report/json.js';
import { formatMarkdown } from '../report/markdown.js';
import { pairOutputTargets, type OutputTarget } from '../report/outputs.js';
import { createProgress } from '../report/progress.js';
import { formatSarif } from '../report/sarif.js';
import { formatRolesReport, formatTerminalReport } from '../report/terminal.js';
import { DEFAULT_MIN_SCORE, EQUAL_WEIGHTS, type CriterionWeights } from '../score.js';
import { formatRolesJson, ROLES_FORMATS, withoutSuppressionChecks } from './roles.js';

const debug = createDebug('statelint:cli');

/** A stream the CLI writes to: `process.stdout` in the bin, a string buffer in tests. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Everything the CLI core reads from its surroundings. Only `bin.ts` fills it from `process`. */
export interface CliEnvironment {
  stdout: OutputStream;
  stderr: OutputStream;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

export const EXIT_PASSED = 0;
export const EXIT_GATE_FAILED = 1;
export const EXIT_UNTRUSTWORTHY = 2;

export const FORMATS = ['terminal', 'json', 'markdown', 'html', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

/** Width the help is wrapped at, fixed so that the help reads the same in every terminal. */
const HELP_WIDTH = 100;

/** An error in the CLI's input that the user can fix: bad arguments or configuration. Exit code 2. */
class UsageError extends Error {
  override readonly name = 'UsageError';
}

interface RawOptions {
  format?: string;
  output?: string;
  color: boolean;
  locale?: string;
  minScore?: string;
  maxUnanalyzed?: string;
  weight?: string[];
  config?: string;
  baseline?: string;
  history?: string;
  release?: string;
}

interface Settings {
  paths: string[];
  /** The reports to write, each a format with its file; see `pairOutputTargets`. */
  targets: Array<OutputTarget & { format: Format }>;
  /**
   * `scan` reports and gates. `baseline` records the findings instead of gating on them, and
   * `roles` prints the process map.
   */
  command: 'scan' | 'baseline' | 'roles';
  /** True for `statelint baseline`, which records the findings instead of gating on them. */
  recordBaseline: boolean;
  baselineFile: string | undefined;
  historyFile: string | undefined;
  release: string | undefined;
  documents: DocumentMessages;
  color: boolean;
  catalog: Catalog;
  minScore: number;
  /** Files that may fail to be analysed before the result is untrustworthy; see `allowUnanalyzed`. */
  maxUnanalyzed: number;
  weights: CriterionWeights;
  config: StatelintConfig;
}

/**
 * Finds `--locale` before commander parses anything, so that the help and the parse errors are
 * already in the requested language. An invalid value is reported after parsing.
 */
function requestedLocale(argv: readonly string[]): string | undefined {
  let requested: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--') break;
    if (argument === '--locale') requested = argv[index + 1];
    else if (argument.startsWith('--locale=')) requested = argument.slice('--locale='.length);
  }
  return requested;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function buildProgram(catalog: Catalog, environment: CliEnvironment): Command {
  const { cli } = catalog.messages;
  const documents = documentMessagesFor(catalog.locale);
  const titles: Readonly<Record<string, string>> = { 'Usage:': cli.titles.usage, 'Arguments:': cli.titles.arguments };
  const program = new Command('statelint');
  program
    .description(cli.description)
    .usage(cli.usage)
    .argument('[paths...]', cli.pathsArgument)
    .addOption(new Option('-f, --format <format>', cli.options.format).helpGroup(cli.groups.output))
    .addOption(new Option('-o, --output <file>', cli.options.output).helpGroup(cli.groups.output))
    .addOption(new Option('--no-color', cli.options.noColor).helpGroup(cli.groups.output))
    .addOption(new Option('--locale <locale>', cli.options.locale).helpGroup(cli.groups.output))
    .addOption(new Option('--min-score <score>', cli.options.minScore(DEFAULT_MIN_SCORE)).helpGroup(cli.groups.gate))
    .addOption(new Option('--max-unanalyzed <count>', cli.options.maxUnanalyzed).helpGroup(cli.groups.gate))
    .addOption(new Option('--weight <criterion=number>', cli.options.weight).argParser(collect).helpGroup(cli.groups.gate))
    .addOption(new Option('--baseline <file>', documents.cli.baseline(DEFAULT_BASELINE_FILE)).helpGroup(cli.groups.gate))
    .addOption(new Option('--history <file>', documents.cli.history).helpGroup(cli.groups.output))
    .addOption(new Option('--release <id>', documents.cli.release).helpGroup(cli.groups.output))
    .addOption(new Option('-c, --config <file>', cli.options.config(CONFIG_FILE_NAME)).helpGroup(cli.groups.project))
    .optionsGroup(cli.groups.other)
    .version(PACKAGE_VERSION, '-v, --version', cli.options.version)
    .helpOption('-h, --help', cli.options.help)
    .addHelpText('after', `\n${cli.commands}\n\n${cli.exitCodes}`)
    .showSuggestionAfterError(false)
    .exitOverride()
    .configureHelp({ helpWidth: HELP_WIDTH, styleTitle: (title) => titles[title] ?? title })
    .configureOutput({
      writeOut: (text) => environment.stdout.write(text),
      writeErr: (text) => environment.stderr.write(text),
      // Parse errors are printed by `run`, in the chosen language.
      outputError: () => undefined,
      getOutHelpWidth: () => HELP_WIDTH,
      getErrHelpWidth: () => HELP_WIDTH,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
  return program;
}

/**
 * Turns a commander parse error into a message in the chosen language. Commander 14 quotes the
 * offending option in its English message; the quoted part is reused, and any other error keeps
 * commander's own text.
 */
function describeParseError(error: CommanderError, catalog: Catalog): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1];
  if (error.code === 'commander.unknownOption' && quoted) return catalog.messages.cli.unknownOption(quoted);
  if (error.code === 'commander.optionMissingArgument' && quoted) return catalog.messages.cli.missingOptionValue(quoted);
  return error.message.replace(/^error: /, '');
}

function parseMinScore(value: string, catalog: Catalog): number {
  const score = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(score) || score < 0 || score > 100) throw new UsageError(catalog.messages.cli.invalidMinScore(value));
  return score;
}

function parseMaxUnanalyzed(value: string, catalog: Catalog): number {
  if (!/^\s*\d+\s*$/.test(value)) throw new UsageError(catalog.messages.cli.invalidMaxUnanalyzed(value));
  return Number(value);
}

/** Parses `--weight criterion=number` values over the weights from defaults and configuration. */
function parseWeights(values: readonly string[], base: CriterionWeights, catalog: Catalog): CriterionWeights {
  const weights: Record<Criterion, number> = { ...base };
  for (const value of values) {
    const match = /^([a-z]+)=(.+)$/.exec(value.trim());
    const criterion = match?.[1] as Criterion | undefined;
    const weight = match ? Number(match[2]) : Number.NaN;
    if (!criterion || !CRITERIA.includes(criterion) || !Number.isFinite(weight) || weight < 0) {
      throw new UsageError(catalog.messages.cli.invalidWeight(value, CRITERIA.join(', ')));
    }
    weights[criterion] = weight;
  }
  return weights;
}

function useColor(options: RawOptions, environment: CliEnvironment): boolean {
  if (!options.color || options.output !== undefined) return false;
  const { env } = environment;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return environment.stdout.isTTY === true && env.TERM !== 'dumb';
}

function settingsFrom(program: Command, environment: CliEnvironment, catalog: Catalog, argv: readonly string[]): Settings {
  const options = program.opts<RawOptions>();

  const documents = documentMessagesFor(catalog.locale);
  const { targets, problem } = pairOutputTargets(argv, 'terminal');
  for (const target of targets) {
    if (!(FORMATS as readonly string[]).includes(target.format)) throw new UsageError(catalog.messages.cli.invalidFormat(target.format));
  }
  if (problem?.kind === 'several-to-stdout') throw new UsageError(documents.cli.severalToStdout(problem.formats.join(', ')));
  if (problem?.kind === 'same-file') throw new UsageError(documents.cli.sameOutputFile(problem.output));
  const paths = program.processedArgs[0] as string[];
  // `statelint baseline [paths...]` records the baseline. NOTE: a folder named `baseline` must be
  // written as `./baseline` to be scanned, since the bare word selects this command.
  // `statelint roles [paths...]` prints the process map, with the same NOTE for a folder named `roles`.
  const command = paths[0] === 'baseline' || paths[0] === 'roles' ? paths[0] : 'scan';
  const recordBaseline = command === 'baseline';
  if (command === 'roles') {
    const unsupported = targets.find((target) => !(ROLES_FORMATS as readonly string[]).includes(target.format));
    if (unsupported) throw new UsageError(catalog.messages.cli.invalidRolesFormat(unsupported.format));
  }
  if (options.locale !== undefined && !parseLocale(options.locale)) throw new UsageError(catalog.messages.cli.invalidLocale(options.locale));

  let config: StatelintConfig;
  try {
    config = loadConfig(environment.cwd, new Set(detectors.map((detector) => detector.id)), options.config).config;
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }

  // The language: --locale, then the configuration, then the environment.
  const locale: Locale = (options.locale && parseLocale(options.locale)) || config.locale || localeFromEnvironment(environment.env);
  const finalCatalog = catalogFor(locale);

  return {
    paths: command === 'scan' ? paths : paths.slice(1),
    command,
    targets: targets as Settings['targets'],
    recordBaseline,
    baselineFile: options.baseline ?? (recordBaseline ? DEFAULT_BASELINE_FILE : undefined),
    historyFile: options.history,
    release: options.release,
    documents: documentMessagesFor(locale),
    color: useColor(options, environment),
    catalog: finalCatalog,
    minScore: options.minScore === undefined ? (config.thresholds?.minimum ?? DEFAULT_MIN_SCORE) : parseMinScore(options.minScore, finalCatalog),
    maxUnanalyzed: options.maxUnanalyzed === undefined ? 0 : parseMaxUnanalyzed(options.maxUnanalyzed, finalCatalog),
    weights: parseWeights(options.weight ?? [], { ...EQUAL_WEIGHTS, ...config.weights }, finalCatalog),
    config,
  };
}

function render(result: ScanResult, settings: Settings, target: Settings['targets'][number], environment: CliEnvironment): string {
  const locale = settings.catalog.locale;
  switch (target.format) {
    case 'json':
      return formatJsonReport(result);
    case 'sarif':
      return formatSarif(result);
    case 'markdown':
      return formatMarkdown(result, { locale, ...sourceUrlBase(environment) });
    case 'html':
      return formatHtml(result, { locale, ...sourceUrlBase(environment) });
    case 'terminal':
      return formatTerminalReport(result, { catalog: settings.catalog, color: target.output === undefined && settings.color });
  }
}

/** Returns the detections, with the configuration's catalog entries added to every catalog-backed one. */
function configuredDetectors(config: StatelintConfig): readonly Detector[] {
  const entries = config.catalog ?? [];
  if (entries.length === 0) return detectors;
  return detectors.map((detector) => (isCatalogDetector(detector) ? detector.withEntries(entries) : detector));
}

/** Returns the scan options that the configuration and the command line set, shared by every command. */
function projectOptions(settings: Settings, environment: CliEnvironment): ProjectScanOptions {
  const { config } = settings;
  return {
    cwd: environment.cwd,
    paths: settings.paths,
    ...(config.include ? { include: config.include } : {}),
    ...(config.exclude ? { exclude: config.exclude } : {}),
    ...(config.rules ? { ruleLevels: config.rules } : {}),
    ...(config.entrypoints ? { entrypoints: config.entrypoints } : {}),
    detectors: configuredDetectors(config),
    messages: settings.catalog.messages,
    weights: settings.weights,
    minScore: settings.minScore,
  };
}

/** Writes each report to its file or to standard output. Returns false when a file could not be written. */
async function writeReports(settings: Settings, environment: CliEnvironment, renderTarget: (target: Settings['targets'][number]) => string): Promise<boolean> {
  for (const target of settings.targets) {
    const report = renderTarget(target);
    if (target.output === undefined) {
      environment.stdout.write(report);
      continue;
    }
    try {
      await writeFile(resolve(environment.cwd, target.output), report, 'utf8');
    } catch (error) {
      const { messages } = settings.catalog;
      const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
      const message = code === 'EISDIR' ? messages.cli.outputIsFolder(target.output) : messages.cli.outputWriteFailed(target.output, messages.systemError(code));
      environment.stderr.write(`statelint: ${message}\n`);
      return false;
    }
  }
  return true;
}

function isInsideFolder(folder: string, candidate: string): boolean {
  const path = relative(folder, candidate);
  return path === '' || (path !== '..' && !path.startsWith('../') && !path.startsWith('..\\') && !isAbsolute(path));
}

/**
 * Returns the file's stats, or undefined when it does not exist or may not be examined (as under
 * Node's permission model with no read access to the report folder): such a path is no scanned file.
 */
function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    debug('could not examine --output %s: %O', path, error);
    return undefined;
  }
}

/**
 * Rejects an `--output` that names a folder, or an existing source file under the scanned paths:
 * writing the report there would replace code the run has just read. Checked before the scan, so
 * that a long scan does not end in this error.
 */
function checkOutputTargets(settings: Settings, environment: CliEnvironment): void {
  const { messages } = settings.catalog;
  const scannedFolders = (settings.paths.length > 0 ? settings.paths : ['.']).map((path) => resolve(environment.cwd, path));
  for (const target of settings.targets) {
    if (target.output === undefined) continue;
    const output = resolve(environment.cwd, target.output);
    const stats = statOrUndefined(output);
    if (stats?.isDirectory()) throw new UsageError(messages.cli.outputIsFolder(target.output));
    if (stats?.isFile() && isSourceFileName(output) && isInsideFolder(environment.cwd, output) && scannedFolders.some((folder) => isInsideFolder(folder, output))) {
      throw new UsageError(messages.cli.outputIsScannedFile(target.output));
    }
  }
}

/**
 * Runs `statelint roles`: builds the project model without running the detections and prints
 * the process map. Exits with 0, or 2 when a file could not be read or parsed, since the
 * module graph then misses its imports.
 */
async function printRoles(settings: Settings, environment: CliEnvironment): Promise<number> {
  const progress = createProgress(environment.stderr, environment.env, settings.documents.cli.progress);
  const scanned = await scanProject({ ...projectOptions(settings, environment), detectors: [], onProgress: (analyzed, total) => progress.update(analyzed, total) });
  progress.finish();
  // No rule ran, so every suppression comment would look unused.
  const result = withoutSuppressionChecks(scanned);
  const written = await writeReports(settings, environment, (target) =>
    target.format === 'json' ? formatRolesJson(result) : formatRolesReport(result, { catalog: settings.catalog, color: target.output === undefined && settings.color }),
  );
  if (!written) return EXIT_UNTRUSTWORTHY;
  return result.diagnostics.some((diagnostic) => diagnostic.severity === 'error') ? EXIT_UNTRUSTWORTHY : EXIT_PASSED;
}

/**
 * Links report locations to the commit being checked when running in GitHub Actions, from the
 * variables that Actions sets on every job.
 */
function sourceUrlBase(environment: CliEnvironment): { sourceUrlBase?: string } {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: commit } = environment.env;
  return server && repository && commit ? { sourceUrlBase: `${server}/${repository}/blob/${commit}/` } : {};
}

function exitCodeOf(result: ScanResult): number {
  if (result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return EXIT_UNTRUSTWORTHY;
  return result.passed ? EXIT_PASSED : EXIT_GATE_FAILED;
}

async function scanAndReport(settings: Settings, environment: CliEnvironment): Promise<number> {
  const { config } = settings;
  const progress = createProgress(environment.stderr, environment.env, settings.documents.cli.progress);
  let result: ScanResult = await scanProject({
    ...projectOptions(settings, environment),
    suppressionTexts: settings.documents.suppressionDiagnostics,
    onProgress: (analyzed, total) => progress.update(analyzed, total),
  });
  progress.finish();
  result = allowUnanalyzed(result, settings.maxUnanalyzed);
  if (config.report) result.header = { ...config.report };

  try {
    // An untrustworthy scan may have missed findings, so it never becomes the baseline.
    if (settings.recordBaseline && settings.baselineFile !== undefined && exitCodeOf(result) !== EXIT_UNTRUSTWORTHY) {
      const count = writeBaselineFile(result, { cwd: environment.cwd, baselineFile: settings.baselineFile });
      environment.stderr.write(`${settings.documents.cli.baselineRecorded(count, settings.baselineFile)}\n`);
    } else if (!settings.recordBaseline && settings.baselineFile !== undefined) {
      result = applyBaselineFile(result, { cwd: environment.cwd, baselineFile: settings.baselineFile });
    }
  } catch (error) {
    if (error instanceof BaselineError) throw new UsageError(error.message);
    throw error;
  }

  // A history that cannot be read or written costs the trend, not the reports: they are written
  // without it, and the error follows them on standard error with exit code 2.
  let historyProblem: string | undefined;
  if (settings.historyFile !== undefined) {
    try {
      result = recordRelease(result, {
        cwd: environment.cwd,
        historyFile: settings.historyFile,
        describeSystemError: settings.catalog.messages.systemError,
        ...(settings.release === undefined ? {} : { release: settings.release }),
      });
    } catch (error) {
      if (!(error instanceof HistoryError)) throw error;
      historyProblem = error.message;
    }
  }

  const scanned = result;
  if (!(await writeReports(settings, environment, (target) => render(scanned, settings, target, environment)))) return EXIT_UNTRUSTWORTHY;
  if (historyProblem !== undefined) {
    environment.stderr.write(`statelint: ${historyProblem} ${settings.documents.cli.reportsWithoutTrend}\n`);
    return EXIT_UNTRUSTWORTHY;
  }
  // Recording a baseline accepts today's findings, so only an untrustworthy scan fails it.
  if (settings.recordBaseline && exitCodeOf(result) !== EXIT_UNTRUSTWORTHY) return EXIT_PASSED;
  return exitCodeOf(result);
}

/**
 * Runs the statelint command line: parses `argv` (the arguments after the program name), scans,
 * reports and returns the exit code: 0 gate passed, 1 gate failed, 2 no trustworthy result.
 * Never touches `process`, so tests run it in process with their own streams.
 */
export async function run(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  const earlyLocale = parseLocale(requestedLocale(argv) ?? '') ?? localeFromEnvironment(environment.env);
  let catalog = catalogFor(earlyLocale);
  const program = buildProgram(catalog, environment);

  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_PASSED;
      environment.stderr.write(`statelint: ${describeParseError(error, catalog)}\n${catalog.messages.cli.seeHelp}\n`);
      return EXIT_UNTRUSTWORTHY;
    }
    throw error;
  }

  try {
    const settings = settingsFrom(program, environment, catalog, argv);
    catalog = settings.catalog;
    checkOutputTargets(settings, environment);
    if (settings.command === 'roles') return await printRoles(settings, environment);
    return await scanAndReport(settings, environment);
  } catch (error) {
    if (error instanceof UsageError) {
      environment.stderr.write(`statelint: ${error.message}\n`);
      return EXIT_UNTRUSTWORTHY;
    }
    debug('unexpected failure: %O', error);
    environment.stderr.write(`statelint: ${catalog.messages.cli.internalError(error instanceof Error ? error.message : String(error))}\n`);
    return EXIT_UNTRUSTWORTHY;
  }
}
