import type { Criterion, DeploymentFacts, DeploymentNote, FactState, Level, Severity } from '../model.js';
import type { SkipDetail, SkipReason } from '../project/read-source.js';

/** Every reason `Coverage.skipped` counts a file under: the source reader's, a parse error, and a file no entrypoint loads. */
export type CoverageSkipReason = SkipReason | 'parse-error' | 'unreached';

const SKIP_REASON_KEYS: Readonly<Record<CoverageSkipReason, true>> = {
  'binary-file': true,
  'file-too-large': true,
  'invalid-encoding': true,
  'parse-error': true,
  'read-error': true,
  'special-file': true,
  'symlink-skipped': true,
  'unreached': true,
};

/** The keys of `Coverage.skipped`, sorted. Each locale labels every one of them. */
export const COVERAGE_SKIP_REASONS = Object.keys(SKIP_REASON_KEYS) as CoverageSkipReason[];

/** A deployment fact the reports show, in the order they show them. */
export type DeploymentFactName = Exclude<keyof DeploymentFacts, 'notes'>;

/** Counts of findings by severity, for the summary line under the findings. */
export interface SeverityCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** The two texts of a diagnostic: what happened, and what to do about it. */
export interface DiagnosticText {
  message: string;
  hint: string;
}

/** Number formatting bound to one locale's explicit BCP 47 tag. */
export interface NumberFormats {
  /** Formats a count or weight: `1,234.5` in English, `1234,5` in Spanish. */
  number(value: number): string;
  /** Formats a score from 0 to 100 as a percentage: `66.6%`, `66,6 %`. */
  percent(score: number): string;
}

/**
 * Every string the CLI and its reports print, in one language. Functions take raw numbers and
 * format them with the locale's NumberFormats. Rule messages are not here: they stay English in
 * every locale, as do rule ids, criterion keys and file paths.
 */
export interface Messages {
  severity: Readonly<Record<Severity, string>>;
  criterion: Readonly<Record<Criterion, string>>;
  level: Readonly<Record<Level, string>>;
  /** Reasons a file was not analysed, keyed as in `Coverage.skipped`. */
  skipReason(reason: string): string;
  /** Describes a Node.js system error code such as `EACCES`, without the absolute path Node adds. */
  systemError(code: string): string;

  report: {
    problemSummary(counts: SeverityCounts): string;
    /** The line under the findings when there are none and the scan was trustworthy. */
    noFindings: string;
    /** The same line when scan problems, listed next, make the result untrustworthy. */
    noFindingsWithScanErrors: string;
    /** Ends a list of related locations shortened to `MAX_RELATED_SHOWN`. */
    moreRelated(count: number): string;
    /** Heading of the findings silenced by suppression comments. */
    suppressedHeading(count: number): string;
    criteriaColumns: { criterion: string; score: string; compliant: string; violations: string; weight: string };
    notApplicable: string;
    score(score: number, level: Level): string;
    gatePassed(minScore: number): string;
    gateFailed(score: number, minScore: number): string;
    /** `problemCount` is every listed scan problem, `errorCount` the ones of severity error among them. */
    gateUntrustworthy(errorCount: number, problemCount: number): string;
    coverage(analyzed: number, eligible: number): string;
    skipped(counts: ReadonlyArray<readonly [reason: string, count: number]>): string;
    diagnosticsHeading: string;
  };

  /** The processes that load the files, in the scan report and in `statelint roles`. */
  processMap: {
    heading: string;
    entrypointCount(count: number): string;
    fileCount(count: number): string;
    /** Ends a shortened list of entrypoints. */
    more(count: number): string;
    noEntrypoints: string;
    /** The line under the short process map of the scan report. */
    unreachedSummary(count: number): string;
    entrypointsHeading: string;
    processesHeading: string;
    columns: { role: string; file: string; declaredIn: string; detail: string; entrypoints: string; files: string };
    unreachedHeading(count: number): string;
    noUnreached: string;
  };

  /** NOTE: each fact's evidence `detail` is written by the project model in English in every locale, as rule messages are. */
  deployment: {
    heading: string;
    fact: Readonly<Record<DeploymentFactName, string>>;
    state: Readonly<Record<FactState, string>>;
    /** A note's text in this language, from its code and its related locations. */
    note(note: DeploymentNote): string;
  };

  diagnostics: {
    pathNotFound(path: string): DiagnosticText;
    pathUnreadable(path: string, reason: string): DiagnosticText;
    notASourceFile(path: string): DiagnosticText;
    folderReadFailed(reason: string): DiagnosticText;
    noSourceFiles(paths: string, ignoredCount: number): DiagnosticText;
    outsideWorkingFolder(path: string): DiagnosticText;
    /** Why one file or link was not analysed, from what the source reader found. */
    skipped(detail: SkipDetail): DiagnosticText;
    parseFailed(reason: string): DiagnosticText;
    detectorFailed(ruleId: string, reason: string): DiagnosticText;
    /** An entrypoint of the configuration whose `file` matches no analysed file. */
    entrypointNotFound(file: string): DiagnosticText;
    /** A tsconfig.json that is not valid JSON (`partial` false) or was read only in part. */
    tsconfigInvalid(file: string, reason: string, partial: boolean): DiagnosticText;
  };

  cli: {
    description: string;
    /** The usage line after the program name. */
    usage: string;
    pathsArgument: string;
    groups: { output: string; gate: string; project: string; other: string };
    options: {
      format: string;
      output: string;
      noColor: string;
      locale: string;
      minScore(defaultScore: number): string;
      maxUnanalyzed: string;
      weight: string;
      config(fileName: string): string;
      version: string;
      help: string;
    };
    titles: { usage: string; arguments: string };
    exitCodes: string;
    seeHelp: string;
    unknownOption(option: string): string;
    missingOptionValue(option: string): string;
    invalidFormat(value: string): string;
    invalidLocale(value: string): string;
    invalidMinScore(value: string): string;
    invalidMaxUnanalyzed(value: string): string;
    invalidWeight(value: string, criteria: string): string;
    configReadFailed(file: string, reason: string): string;
    configInvalidJson(file: string, reason: string): string;
    configInvalid(file: string, problems: readonly string[]): string;
    config: {
      notAnObject(key: string): string;
      unknownKey(key: string, allowed: string): string;
      notAScore(key: string): string;
      notAWeight(key: string): string;
      unknownCriterion(key: string, criteria: string): string;
      notARoleList(key: string, roles: string): string;
    };
    outputWriteFailed(file: string, reason: string): string;
    outputIsFolder(file: string): string;
    /** An `--output` file that is one of the source files the scan reads. */
    outputIsScannedFile(file: string): string;
    internalError(reason: string): string;
    /** The commands, printed in the help before the exit codes. */
    commands: string;
    invalidRolesFormat(value: string): string;
  };
}
