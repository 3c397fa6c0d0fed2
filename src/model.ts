/**
 * The typed result model. Detections produce it, scoring reads it, and every reporter is a pure
 * function of it.
 */

/** A requirement criterion: one part of "the web workers keep no state of their own". */
export type Criterion = 'sessions' | 'cache' | 'files' | 'jobs' | 'state';

export const CRITERIA: readonly Criterion[] = ['sessions', 'cache', 'files', 'jobs', 'state'];

/** The kind of per-process state a site keeps. */
export type Category =
  | 'session-store'
  | 'shared-cache'
  | 'rate-limit-store'
  | 'local-fs'
  | 'timer-job'
  | 'module-state'
  | 'realtime-adapter';

export const CATEGORY_CRITERION: Readonly<Record<Category, Criterion>> = {
  'session-store': 'sessions',
  'shared-cache': 'cache',
  'rate-limit-store': 'cache',
  'local-fs': 'files',
  'timer-job': 'jobs',
  'module-state': 'state',
  'realtime-adapter': 'state',
};

/**
 * The weight of a finding. `error` and `warning` count against the score; `info` is a note that
 * does not, such as a temporary file created and deleted within one request.
 */
export type Severity = 'error' | 'warning' | 'info';

/** A 1-based line and column, as editors and ESLint's output show them. */
export interface Position {
  line: number;
  column: number;
}

export interface Location {
  /** Repository-relative POSIX path. */
  file: string;
  start: Position;
  end: Position;
}

/** Another place that explains a finding, such as where module state is changed. */
export interface RelatedLocation extends Location {
  message: string;
}

export interface Finding extends Location {
  ruleId: string;
  criterion: Criterion;
  category: Category;
  severity: Severity;
  messageId: string;
  /** The rule message with its placeholders filled. */
  message: string;
  related: RelatedLocation[];
  /**
   * Key that survives unrelated edits: rule id, file and a hash of the flagged code with its
   * whitespace collapsed, never a line number. Set by `fingerprintFindings` once the file texts are
   * known; the baseline, the release history and SARIF `partialFingerprints` use it.
   */
  fingerprint?: string;
}

/**
 * A place where the project keeps state that would be per process if done wrong: a session
 * middleware, a cache, a rate limiter. Compliant sites keep it outside the worker (Redis, S3);
 * each finding of severity error or warning is a non-compliant site.
 */
export interface CompliantSite extends Location {
  ruleId: string;
  criterion: Criterion;
  category: Category;
  /** The store that keeps the state outside the worker, for example `connect-redis`. */
  backing: string;
}

/** The project's level against the requirement's 80 and 100 thresholds. */
export type Level = 'failing' | 'acceptable' | 'target' | 'optimal';

export interface CriterionResult {
  criterion: Criterion;
  /** False when the project has no state site of this criterion; such a criterion is not scored. */
  applicable: boolean;
  /** Share of compliant sites, 0 to 100; `null` when not applicable. */
  score: number | null;
  compliantSites: number;
  /** Findings of severity error or warning. Info notes are not counted. */
  violations: number;
  weight: number;
}

/**
 * A problem with the input or the run, not with the project's design: a file that could not be
 * read or parsed, a detection that failed, an invalid option. Any diagnostic of severity error
 * makes the result untrustworthy (exit code 2).
 */
export interface Diagnostic {
  /** Stable identifier, for example `parse-error` or `read-error`. */
  code: string;
  severity: 'error' | 'warning';
  /** Repository-relative POSIX path, when the problem is about one file. */
  file?: string;
  start?: Position;
  /** The problem, in plain words. */
  message: string;
  /** The next step for the user. */
  hint: string;
}

/** The origin of an entrypoint: the file or convention that names it. */
export type EntrypointSource =
  | 'config'
  | 'package-main'
  | 'package-bin'
  | 'package-script'
  | 'procfile'
  | 'dockerfile'
  | 'docker-compose'
  | 'pm2'
  | 'kubernetes'
  | 'serverless-config'
  | 'nestjs-bootstrap'
  | 'listen-call'
  | 'nextjs-route'
  | 'serverless-handler';

/** A file that starts a process, found by the project model. */
export interface Entrypoint {
  /** Repository-relative POSIX path of the source file. */
  file: string;
  role: 'web' | 'worker' | 'script';
  source: EntrypointSource;
  /** Repository-relative path of the file that names the entrypoint; the entrypoint itself for a call such as `listen`. */
  declaredIn: string;
  /** The line or key that names it, such as `scripts.start: node dist/server.js`. */
  detail: string;
}

/** The state of a deployment fact: `unknown` when no file that could settle it is present. */
export type FactState = 'yes' | 'no' | 'unknown';

/** A line in a deployment file that supports a fact. */
export interface DeploymentEvidence {
  /** Repository-relative POSIX path. */
  file: string;
  line: number;
  detail: string;
}

export interface DeploymentFact {
  state: FactState;
  evidence: DeploymentEvidence[];
}

/** A remark that combines deployment facts with the findings, such as state hidden by sticky routing. */
export interface DeploymentNote {
  code: 'state-masked-by-sticky-routing' | 'sticky-routing-required-by-socket-io';
  message: string;
  /** The findings the note is about. */
  related: Location[];
}

/** The facts the deployment files state about running several web workers. */
export interface DeploymentFacts {
  /** An autoscaler or a replica count of at least two for the web workload. Required for the optimal level. */
  autoscaling: DeploymentFact;
  /** A load balancer that spreads requests over several web workers. */
  loadBalancing: DeploymentFact;
  /** Routing that sends each client to the same worker every time. */
  stickyRouting: DeploymentFact;
  /** A socket.io server that allows the long-polling transport, which needs sticky routing. */
  longPolling: DeploymentFact;
  notes: DeploymentNote[];
}

/** The comment form of an in-source suppression. */
export type SuppressionSyntax = 'statelint' | 'eslint';

/** An in-source comment that silences statelint findings on one line. */
export interface Suppression extends Location {
  syntax: SuppressionSyntax;
  /** `next-line` silences the line after the comment; `line` the comment's own line. */
  scope: 'next-line' | 'line';
  /** Rule ids without the `statelint/` prefix; empty when the comment names no rule, which silences every rule. */
  ruleIds: string[];
  /** The text after ` -- `, trimmed; `null` when the comment gives none, which is itself reported. */
  reason: string | null;
  /** The line whose findings the comment silences. */
  targetLine: number;
  /** How many findings the comment silenced. Zero means the comment is unused. */
  suppressedCount: number;
}

/** A finding silenced by an in-source suppression. It is listed in reports but never scored. */
export interface SuppressedFinding extends Finding {
  suppression: Suppression;
}

/** The process that runs a group of files, when the project model has found it. */
export interface ProcessMapEntry {
  role: 'web' | 'worker' | 'script';
  /** Repository-relative POSIX paths of the files that start this process. */
  entrypoints: string[];
  /** How many analysed files this process loads. */
  files: number;
}

/** One finding as stored in the release history and the baseline: enough to name it, no more. */
export interface FindingRecord {
  fingerprint: string;
  ruleId: string;
  file: string;
  /** The line when recorded; shown to people but never used to match. */
  line: number;
  message: string;
}

/** The scores of one release, oldest first in `ScanResult.trend.releases`. */
export interface ReleaseScore {
  release: string;
  score: number;
  level: Level;
  /** Score per criterion; `null` for a criterion that did not apply. */
  criteria: Partial<Record<Criterion, number | null>>;
}

/** The score across releases and what changed since the release before this run. */
export interface Trend {
  /** Oldest first; the last entry is this run. */
  releases: ReleaseScore[];
  /** The release this run is compared with; `null` when the history has no earlier release. */
  previousRelease: string | null;
  newSincePrevious: FindingRecord[];
  fixedSincePrevious: FindingRecord[];
}

/** The outcome of comparing this run with a committed baseline file. */
export interface BaselineComparison {
  /** Repository-relative path of the baseline file. */
  file: string;
  /** Findings not in the baseline: the only ones that fail the gate in baseline mode. */
  newFindings: FindingRecord[];
  /** Baseline entries whose finding is gone. Fixed, but the gate fails until the file is updated. */
  fixed: FindingRecord[];
  /** How many current findings the baseline accepts. */
  baselined: number;
}

/** Text the project's configuration puts in the report header. */
export interface ReportHeader {
  title?: string;
  /** A label for the requirement being checked, such as an internal policy id. */
  requirement?: string;
}

export interface Coverage {
  /** Files that matched the scan's patterns. */
  eligible: number;
  analyzed: number;
  /** Files not analysed, counted by reason. */
  skipped: Record<string, number>;
}

/** Everything one scan produced. Reporters are pure functions of this object. */
export interface ScanResult {
  tool: { name: string; version: string };
  /** Weighted mean of the applicable criteria's scores, 0 to 100; 100 when none applies. */
  score: number;
  level: Level;
  /** The score the gate requires. */
  minScore: number;
  /** True when the score reaches `minScore` and no diagnostic of severity error was raised. */
  passed: boolean;
  criteria: CriterionResult[];
  findings: Finding[];
  compliantSites: CompliantSite[];
  diagnostics: Diagnostic[];
  coverage: Coverage;
  /** Findings silenced in the source. Kept out of `findings` so that they never count against the score. */
  suppressedFindings?: SuppressedFinding[];
  /** Every suppression comment found in the analysed files, used or not. */
  suppressions?: Suppression[];
  processMap?: ProcessMapEntry[];
  /** The files that start each process and how each was found. */
  entrypoints?: Entrypoint[];
  /** Analysed files that no entrypoint loads; listed, not scored. */
  unreachedFiles?: string[];
  deployment?: DeploymentFacts;
  trend?: Trend;
  baseline?: BaselineComparison;
  header?: ReportHeader;
}
