import createDebug from 'debug';
import picomatch from 'picomatch';
import { fingerprintFindings } from '../baseline/fingerprint.js';
import { matchEntrypoints } from '../config/entrypoints.js';
import type { EntrypointSetting, RuleLevel } from '../config/validate.js';
import { detectors as allDetectors } from '../detections/index.js';
import { analyzeSourceFile, type FileAnalysis } from '../engine/analyze-file.js';
import type { Detector } from '../engine/detector.js';
import { defaultRolesFor, fileContextFor, type FileContext, type ProcessRole } from '../engine/file-context.js';
import { findModuleStateBindings } from '../engine/mutations.js';
import { parseForAnalysis, parseSource } from '../engine/parse.js';
import { catalogFor, type DiagnosticText, type Messages } from '../i18n/index.js';
import type { CompliantSite, Coverage, Diagnostic, Finding, Position, ScanResult, Suppression } from '../model.js';
import { buildScanResult, type ScanFacts, type ScoringOptions } from '../score.js';
import { applySuppressions, findSuppressions, type SuppressionTexts } from '../suppressions/index.js';
import { discoverSourceFiles, type Discovery } from './discover.js';
import { isUnreached, processMapOf, rolesFor } from './model/analyze-with-model.js';
import { findCrossFileState, mergeCrossFileFindings } from './model/cross-file-state.js';
import { withoutMetricsWrapperReads } from './model/metrics-wrappers.js';
import { withoutStartUpOnlyChanges } from './model/start-up-callers.js';
import { withDeploymentNotes } from './model/deployment.js';
import { projectFolderOf } from './model/project-files.js';
import { summarizeModule, type ModuleSummary } from './model/module-summary.js';
import { buildProjectModel, type ProjectModel } from './model/project-model.js';
import { SourceStore } from './model/source-store.js';
import { SKIP_SEVERITY, SourceReader, type SkipDetail } from './read-source.js';

const debug = createDebug('statelint:project');

/** The process roles of files by repository-relative path; a `Map` is one. */
export interface RoleLookup {
  get(path: string): ReadonlySet<ProcessRole> | undefined;
}

export interface ProjectAnalysisOptions {
  /** The folder paths are resolved against and reported relative to. Nothing outside it is read. */
  cwd: string;
  /** Files and folders to scan, relative to `cwd`; the default is `cwd` itself. */
  paths?: readonly string[];
  /** Glob patterns relative to `cwd`: when given, only matching files are analysed. */
  include?: readonly string[];
  /** Glob patterns relative to `cwd` of files left out, applied after `include`. */
  exclude?: readonly string[];
  /**
   * The process roles of each file. A file the lookup does not know gets the default roles: a
   * script by its `#!` line or folder, otherwise the web workers.
   */
  roles?: RoleLookup;
  /**
   * Entrypoints declared in the configuration, each replacing what the project model finds for
   * the files it names. One that names no analysed file raises a warning diagnostic.
   */
  entrypoints?: readonly EntrypointSetting[];
  /** Severity per rule id: `off` skips the rule, any other level replaces the severity of its findings. */
  ruleLevels?: Readonly<Record<string, RuleLevel>>;
  detectors?: readonly Detector[];
  /** The language of diagnostics; English when absent. */
  messages?: Messages;
  /** The language of the diagnostics about suppression comments; English when absent. */
  suppressionTexts?: SuppressionTexts;
  /** Called after each file is read and analysed, with the count of files done so far and the count of files to read. */
  onProgress?: (analyzed: number, total: number) => void;
}

export type ProjectScanOptions = ProjectAnalysisOptions & ScoringOptions;

function diagnostic(code: string, severity: Diagnostic['severity'], text: DiagnosticText, file?: string, start?: Position): Diagnostic {
  const result: Diagnostic = { code, severity, message: text.message, hint: text.hint };
  if (file !== undefined) result.file = file;
  if (start !== undefined) result.start = start;
  return result;
}

function pathDiagnostics(discovery: Discovery, messages: Messages): Diagnostic[] {
  return discovery.problems.map((problem) => {
    switch (problem.kind) {
      case 'not-found':
        return diagnostic(
          'path-not-found',
          'error',
          problem.errorCode ? messages.diagnostics.pathUnreadable(problem.path, messages.systemError(problem.errorCode)) : messages.diagnostics.pathNotFound(problem.path),
        );
      case 'outside-cwd':
        return diagnostic('path-outside-cwd', 'error', messages.diagnostics.outsideWorkingFolder(problem.path));
      case 'unreadable-folder':
        return diagnostic('read-error', 'error', messages.diagnostics.folderReadFailed(messages.systemError(problem.errorCode ?? 'EIO')), problem.path);
      case 'not-a-source-file':
        return diagnostic('not-a-source-file', 'warning', messages.diagnostics.notASourceFile(problem.path));
    }
  });
}

function selectFiles(files: readonly string[], include: readonly string[] | undefined, exclude: readonly string[] | undefined): string[] {
  const isIncluded = include && include.length > 0 ? picomatch([...include], { dot: true }) : () => true;
  const isExcluded = exclude && exclude.length > 0 ? picomatch([...exclude], { dot: true }) : () => false;
  return files.filter((file) => isIncluded(file) && !isExcluded(file));
}

/** Applies the configured rule levels: findings of a rule set to another level take that severity. */
function withRuleLevels(findings: readonly Finding[], ruleLevels: Readonly<Record<string, RuleLevel>> | undefined): Finding[] {
  if (!ruleLevels) return [...findings];
  return findings.map((finding) => {
    const level = ruleLevels[finding.ruleId];
    return level === undefined || level === 'off' ? finding : { ...finding, severity: level };
  });
}

/** One file's analysis, kept after its syntax tree is dropped. */
interface FileScan {
  /** The roles the file was analysed with: the caller's, else the default ones of `defaultRolesFor`. */
  roles: ReadonlySet<ProcessRole>;
  analysis: FileAnalysis;
}

function sameRoles(left: ReadonlySet<ProcessRole>, right: ReadonlySet<ProcessRole>): boolean {
  return left.size === right.size && [...left].every((role) => right.has(role));
}

/**
 * Returns the names of the file's module-level variables that may hold state, which the passes
 * across files look up. `undefined` when they could not be listed; those passes then parse the
 * file again to find out.
 */
function stateBindingNames(context: FileContext): ReadonlySet<string> | undefined {
  try {
    return new Set(findModuleStateBindings(context).filter((binding) => !binding.owner).map((binding) => binding.name));
  } catch (error) {
    debug('listing the module state of %s failed: %O', context.path, error);
    return undefined;
  }
}

/** Counts one more file under a reason in `Coverage.skipped`. */
function countSkipped(coverage: Coverage, reason: string): void {
  coverage.skipped[reason] = (coverage.skipped[reason] ?? 0) + 1;
}

/**
 * Scans a project: finds its source files, reads and parses each once, and runs every detection
 * on it. Problems with the input become diagnostics; a file that cannot be read or parsed loses
 * its own findings, and every other file is still analysed.
 *
 * Each file is analysed right after it is parsed, and only its text and a summary are kept, so
 * that the syntax trees of a large project never sit in memory together. The project model
 * decides the roles once every file is summarised. A file whose roles it sets to other than
 * those it was analysed with is parsed and analysed again, and so are the few files that the
 * passes across files read.
 */
export async function analyzeProject(options: ProjectAnalysisOptions): Promise<ScanFacts & Pick<ScanResult, 'suppressedFindings' | 'suppressions'> & { projectModel: ProjectModel }> {
  const messages = options.messages ?? catalogFor('en').messages;
  const ruleLevels = options.ruleLevels;
  const detectors = (options.detectors ?? allDetectors).filter((detector) => ruleLevels?.[detector.id] !== 'off');
  const discovery = await discoverSourceFiles(options.paths ?? [], options.cwd);
  const files = selectFiles(discovery.files, options.include, options.exclude);
  const skippedEntries = discovery.skipped.filter((entry) => selectFiles([entry.path], options.include, options.exclude).length > 0);

  const findings: Finding[] = [];
  const compliantSites: CompliantSite[] = [];
  const sources = new SourceStore();
  const summaries = new Map<string, ModuleSummary>();
  const scans = new Map<string, FileScan>();
  const suppressionComments: Suppression[] = [];
  const tracksModuleState = detectors.some((detector) => detector.id === 'no-module-state');
  const diagnostics = pathDiagnostics(discovery, messages);
  const coverage: Coverage = { eligible: files.length + skippedEntries.length, analyzed: 0, skipped: {} };
  const reader = new SourceReader(options.cwd);
  const reportSkip = (path: string, detail: SkipDetail): void => {
    countSkipped(coverage, detail.reason);
    diagnostics.push(diagnostic(detail.reason, SKIP_SEVERITY[detail.reason], messages.diagnostics.skipped(detail), path, 'start' in detail ? detail.start : undefined));
  };

  // The reader classifies links and special files without following or opening them.
  for (const entry of skippedEntries) {
    const read = reader.read(entry.path);
    reportSkip(entry.path, read.ok ? { reason: 'symlink-skipped', link: 'swapped' } : read.skip);
  }

  const scanFile = (path: string): void => {
    const read = reader.read(path);
    if (!read.ok) {
      reportSkip(path, read.skip);
      return;
    }

    const parsed = parseForAnalysis(path, read.text);
    if (!parsed.ok && read.nulByteOffset !== undefined) {
      reportSkip(path, { reason: 'binary-file', byteOffset: read.nulByteOffset });
      return;
    }
    if (!parsed.ok) {
      countSkipped(coverage, 'parse-error');
      diagnostics.push(diagnostic('parse-error', 'error', messages.diagnostics.parseFailed(parsed.failure.reason), path, parsed.failure.start));
      return;
    }

    const { sourceFile } = parsed;
    const roles = options.roles?.get(path) ?? defaultRolesFor(sourceFile.text, path);
    const analysis = analyzeSourceFile(sourceFile, path, detectors, roles);
    const context = fileContextFor(sourceFile, path, roles);
    summaries.set(path, summarizeModule(path, sourceFile, context.syntax.calls));
    sources.add(path, sourceFile.text, tracksModuleState ? stateBindingNames(context) : undefined);
    suppressionComments.push(...findSuppressions(sourceFile, path));
    scans.set(path, { roles, analysis });
  };
  for (const [index, path] of files.entries()) {
    scanFile(path);
    options.onProgress?.(index + 1, files.length);
  }

  const declared = matchEntrypoints(options.entrypoints ?? [], [...summaries.keys()]);
  for (const setting of declared.unmatched) {
    diagnostics.push(diagnostic('entrypoint-not-found', 'warning', messages.diagnostics.entrypointNotFound(setting.file)));
  }
  const scannedPaths = options.paths && options.paths.length > 0 ? options.paths : ['.'];
  const configRoots = scannedPaths.map((path) => projectFolderOf(options.cwd, path));
  const projectModel = buildProjectModel(options.cwd, [...summaries.keys()], { sourceFiles: sources, summaries, entrypoints: declared.overrides, configRoots });
  for (const problem of projectModel.tsconfigProblems) {
    const start = problem.line === undefined ? undefined : { line: problem.line, column: problem.column ?? 1 };
    const text = messages.diagnostics.tsconfigInvalid(problem.file, problem.reason, problem.severity === 'warning');
    diagnostics.push(diagnostic('tsconfig-invalid', problem.severity, text, problem.file, start));
  }
  const rolesOf = (path: string): ReadonlySet<ProcessRole> | undefined => options.roles?.get(path) ?? rolesFor(projectModel, path);
  for (const [path, scan] of scans) {
    if (isUnreached(projectModel, path) && !options.roles?.get(path)) {
      countSkipped(coverage, 'unreached');
      continue;
    }
    const roles = rolesOf(path) ?? summaries.get(path)!.defaultRoles;
    const analysis = sameRoles(roles, scan.roles) ? scan.analysis : analyzeSourceFile(parseSource(path, sources.textOf(path)!), path, detectors, roles);
    coverage.analyzed += 1;
    findings.push(...withRuleLevels(analysis.findings, ruleLevels));
    compliantSites.push(...analysis.compliantSites);
    for (const failure of analysis.failures) {
      diagnostics.push(diagnostic('detector-error', 'error', messages.diagnostics.detectorFailed(failure.ruleId, failure.message), path));
    }
  }
  if (tracksModuleState) {
    const modelRoles = (path: string): ReadonlySet<ProcessRole> | undefined => (isUnreached(projectModel, path) ? undefined : rolesOf(path));
    const crossFile = findCrossFileState(projectModel.graph, projectModel.sourceFiles, modelRoles);
    const merged = mergeCrossFileFindings(findings, withRuleLevels(crossFile, ruleLevels));
    findings.splice(0, findings.length, ...withoutStartUpOnlyChanges(merged, projectModel.graph, projectModel.sourceFiles, modelRoles));
  }
  findings.splice(0, findings.length, ...withoutMetricsWrapperReads(findings, projectModel.graph, projectModel.sourceFiles, rolesOf));

  // Suppression comments are applied before scoring, so that silenced findings never count.
  const suppression = applySuppressions(findings, suppressionComments, options.suppressionTexts);
  diagnostics.push(...suppression.diagnostics);
  const textOf = (path: string): string | undefined => sources.textOf(path);

  // An empty scan would score 100 and pass the gate, so finding nothing to analyse is an error.
  if (files.length === 0 && !diagnostics.some((entry) => entry.severity === 'error')) {
    const shown = (options.paths && options.paths.length > 0 ? options.paths : ['.']).join(', ');
    diagnostics.push(diagnostic('no-source-files', 'error', messages.diagnostics.noSourceFiles(shown, discovery.ignoredCount)));
  }

  debug('analysed %d of %d files: %d findings, %d compliant sites, %d diagnostics', coverage.analyzed, coverage.eligible, findings.length, compliantSites.length, diagnostics.length);
  return {
    findings: fingerprintFindings(suppression.findings, textOf),
    compliantSites,
    diagnostics,
    coverage,
    projectModel,
    suppressedFindings: fingerprintFindings(suppression.suppressedFindings, textOf),
    suppressions: suppression.suppressions,
  };
}

/** Scans a project and scores it: the ScanResult the reporters and the release gate read. */
export async function scanProject(options: ProjectScanOptions): Promise<ScanResult> {
  const facts = await analyzeProject(options);
  const deployment = withDeploymentNotes(facts.projectModel.deployment, facts.findings);
  const autoScalingConfigured = options.autoScalingConfigured ?? deployment.autoscaling.state === 'yes';
  return {
    ...buildScanResult(facts, { ...options, autoScalingConfigured }),
    suppressedFindings: facts.suppressedFindings,
    suppressions: facts.suppressions,
    ...processMapOf(facts.projectModel),
    deployment,
  };
}
