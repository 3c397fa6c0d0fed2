import { detectors as allDetectors } from '../detections/index.js';
import type { Detector } from '../engine/detector.js';
import { ruleDocsUrl } from '../eslint/create-rule.js';
import { CATEGORY_CRITERION, type Criterion, type Diagnostic, type Finding, type Location, type ScanResult, type Severity, type SuppressedFinding } from '../model.js';
import { compareCodeUnits, compareLocations } from './order.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The base every result URI is relative to; GitHub code scanning resolves it to the checkout root. */
export const SOURCE_ROOT = '%SRCROOT%';

/** Key of the statelint fingerprint in `partialFingerprints`; the suffix is bumped if its recipe ever changes. */
export const FINGERPRINT_KEY = 'statelint/v1';

/**
 * GitHub code scanning ignores related locations past this count, so a result lists at most this
 * many and gives the full count in `properties.relatedLocationCount`.
 */
const MAX_RELATED_LOCATIONS = 1000;

const LEVELS: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  /** The detections whose rules the log describes; every registered one by default. */
  detectors?: readonly Detector[];
}

/** Percent-encodes each segment of a repository-relative POSIX path, keeping the slashes. */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function physicalLocation(location: Location): Record<string, unknown> {
  return {
    artifactLocation: { uri: relativeUri(location.file), uriBaseId: SOURCE_ROOT },
    region: {
      startLine: location.start.line,
      startColumn: location.start.column,
      endLine: location.end.line,
      endColumn: location.end.column,
    },
  };
}

/** Why each criterion matters when the backend runs as several identical workers. */
const CRITERION_RATIONALE: Readonly<Record<Criterion, string>> = {
  sessions: 'Sessions must live in a shared store such as Redis: a session kept in one worker is unknown to the worker that serves the next request.',
  cache: 'Caches and rate limiters must be shared: a per-worker copy goes stale or lets each client through once per worker.',
  files: 'Files must go to object storage such as S3: a file written to one machine\'s disk or /tmp is missing on the others and lost when the worker is replaced.',
  jobs: 'Background jobs must run in a separate process: a timer or scheduler in the web workers runs once per worker and stops when a worker does.',
  state: 'Other data that outlives a request must not stay in worker memory: each worker would hold a different copy.',
};

function ruleDescriptor(detector: Detector): Record<string, unknown> {
  const criteria = [...new Set(detector.categories.map((category) => CATEGORY_CRITERION[category]))];
  const url = ruleDocsUrl(detector.id);
  const rationale = criteria.map((criterion) => CRITERION_RATIONALE[criterion]).join(' ');
  return {
    id: detector.id,
    name: detector.id,
    shortDescription: { text: detector.description },
    fullDescription: { text: `${detector.description}. ${rationale}` },
    help: {
      text: `${detector.description}.\n\n${rationale}\n\nSee ${url} for examples and options.`,
      markdown: `**${detector.description}.**\n\n${rationale}\n\nSee the [rule documentation](${url}) for examples and options.`,
    },
    helpUri: url,
    defaultConfiguration: { level: 'error' },
    properties: {
      tags: ['statelint', 'scalability', ...criteria.map((criterion) => `criterion:${criterion}`)],
      precision: 'high',
      'problem.severity': 'error',
    },
  };
}

function resultFor(finding: Finding, ruleIndex: ReadonlyMap<string, number>, baselineState: string | undefined): Record<string, unknown> {
  const result: Record<string, unknown> = {
    ruleId: finding.ruleId,
    level: LEVELS[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: physicalLocation(finding) }],
  };
  const index = ruleIndex.get(finding.ruleId);
  if (index !== undefined) result.ruleIndex = index;
  if (finding.related.length > 0) {
    result.relatedLocations = finding.related.slice(0, MAX_RELATED_LOCATIONS).map((related, id) => ({
      id,
      physicalLocation: physicalLocation(related),
      message: { text: related.message },
    }));
  }
  if (finding.fingerprint !== undefined) result.partialFingerprints = { [FINGERPRINT_KEY]: finding.fingerprint };
  if (baselineState !== undefined) result.baselineState = baselineState;
  result.properties = { criterion: finding.criterion, category: finding.category };
  // The count tells a reader of a shortened list how many locations the finding has in all.
  if (finding.related.length > MAX_RELATED_LOCATIONS) (result.properties as Record<string, unknown>).relatedLocationCount = finding.related.length;
  return result;
}

function suppressedResultFor(finding: SuppressedFinding, ruleIndex: ReadonlyMap<string, number>): Record<string, unknown> {
  const { suppression } = finding;
  const entry: Record<string, unknown> = { kind: 'inSource', status: 'accepted', location: { physicalLocation: physicalLocation(suppression) } };
  if (suppression.reason !== null) entry.justification = suppression.reason;
  return { ...resultFor(finding, ruleIndex, undefined), suppressions: [entry] };
}

function notificationFor(diagnostic: Diagnostic): Record<string, unknown> {
  const notification: Record<string, unknown> = {
    descriptor: { id: diagnostic.code },
    level: diagnostic.severity,
    message: { text: `${diagnostic.message} ${diagnostic.hint}` },
  };
  if (diagnostic.file !== undefined) {
    const physical: Record<string, unknown> = { artifactLocation: { uri: relativeUri(diagnostic.file), uriBaseId: SOURCE_ROOT } };
    if (diagnostic.start) physical.region = { startLine: diagnostic.start.line, startColumn: diagnostic.start.column };
    notification.locations = [{ physicalLocation: physical }];
  }
  return notification;
}

/** `new` or `unchanged` against the committed baseline, when the run was compared with one. */
function baselineStates(result: ScanResult): Map<string, string> | undefined {
  if (!result.baseline) return undefined;
  // Fingerprints are unique within a run, because identical code is numbered by its order in the file.
  const added = new Set(result.baseline.newFindings.map((record) => record.fingerprint));
  const states = new Map<string, string>();
  for (const finding of result.findings) {
    if (finding.fingerprint !== undefined) states.set(finding.fingerprint, added.has(finding.fingerprint) ? 'new' : 'unchanged');
  }
  return states;
}

/**
 * Renders a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers. URIs are relative to
 * `%SRCROOT%`; suppressed findings appear with an in-source suppression and its justification;
 * scan problems appear as tool execution notifications.
 */
export function formatSarif(result: ScanResult, options: SarifOptions = {}): string {
  const detectors = [...(options.detectors ?? allDetectors)].sort((left, right) => compareCodeUnits(left.id, right.id));
  const ruleIndex = new Map(detectors.map((detector, index) => [detector.id, index]));
  const states = baselineStates(result);

  const findings = [...result.findings].sort(compareLocations).map((finding) => resultFor(finding, ruleIndex, finding.fingerprint === undefined ? undefined : states?.get(finding.fingerprint)));
  const suppressed = [...(result.suppressedFindings ?? [])].sort(compareLocations).map((finding) => suppressedResultFor(finding, ruleIndex));
  const trustworthy = !result.diagnostics.some((diagnostic) => diagnostic.severity === 'error');

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'statelint',
            semanticVersion: result.tool.version,
            version: result.tool.version,
            informationUri: 'https://github.com/statelint/eslint-plugin-statelint',
            rules: detectors.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { description: { text: 'The root of the scanned repository.' } } },
        invocations: [{ executionSuccessful: trustworthy, toolExecutionNotifications: result.diagnostics.map(notificationFor) }],
        results: [...findings, ...suppressed],
        columnKind: 'utf16CodeUnits',
        properties: { score: result.score, level: result.level, minScore: result.minScore, passed: result.passed },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
