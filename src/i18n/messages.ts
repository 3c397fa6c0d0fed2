import type { Criterion, Level, Severity } from '../model.js';
import type { SkipDetail } from '../project/read-source.js';

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
    noProblems: string;
    criteriaColumns: { criterion: string; score: string; compliant: string; violations: string; weight: string };
    notApplicable: string;
    score(score: number, level: Level): string;
    gatePassed(minScore: number): string;
    gateFailed(score: number, minScore: number): string;
    gateUntrustworthy(errorCount: number): string;
    coverage(analyzed: number, eligible: number): string;
    skipped(counts: ReadonlyArray<readonly [reason: string, count: number]>): string;
    diagnosticsHeading: string;
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
    internalError(reason: string): string;
  };
}
      maxUnanalyzed: string;
    invalidMaxUnanalyzed(value: string): string;
