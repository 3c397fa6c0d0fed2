import { ruleDocsUrl } from '../eslint/create-rule.js';
import { catalogFor, type Catalog, type DeploymentFactName, type Locale } from '../i18n/index.js';
import { documentMessagesFor, type DocumentMessages } from '../i18n/report-documents.js';
import type { DeploymentFacts, DeploymentNote, Finding, Location, ScanResult, Severity, Suppression } from '../model.js';
import { compareCodeUnits, compareLocations } from './order.js';

/** Options shared by the Markdown and HTML reports. */
export interface DocumentOptions {
  locale?: Locale;
  /**
   * Prefix that turns a repository-relative path into a link to the source, such as
   * `https://github.com/org/repo/blob/<commit>/`. Without it, locations are plain text.
   */
  sourceUrlBase?: string;
}

/** The inputs both document reporters share: the result, its strings and the link builders. */
export interface DocumentContext {
  result: ScanResult;
  catalog: Catalog;
  text: DocumentMessages;
  sourceUrl(file: string, line: number): string | undefined;
  ruleUrl(ruleId: string): string;
}

export function documentContext(result: ScanResult, options: DocumentOptions): DocumentContext {
  const locale = options.locale ?? 'en';
  const base = options.sourceUrlBase;
  return {
    result,
    catalog: catalogFor(locale),
    text: documentMessagesFor(locale),
    sourceUrl: (file, line) => (base === undefined ? undefined : `${base}${file.split('/').map(encodeURIComponent).join('/')}#L${line}`),
    ruleUrl: ruleDocsUrl,
  };
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Findings most severe first, then in file order: the order of the "top findings" lists. */
export function findingsBySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((left, right) => SEVERITY_RANK[left.severity] - SEVERITY_RANK[right.severity] || compareLocations(left, right));
}

export function suppressionsInOrder(result: ScanResult): Suppression[] {
  return [...(result.suppressions ?? [])].sort((left, right) => compareLocations({ ...left, ruleId: '' }, { ...right, ruleId: '' }));
}

export function locationLabel(location: { file: string; start: { line: number; column: number } }): string {
  return `${location.file}:${location.start.line}:${location.start.column}`;
}

export function suppressedRules(suppression: Suppression, text: DocumentMessages): string {
  return suppression.ruleIds.length === 0 ? text.allRules : suppression.ruleIds.join(', ');
}

/**
 * How many related locations a human-readable report lists under one finding or note before it
 * writes "and N more". The JSON report keeps every one; SARIF keeps up to its own limit.
 */
export const MAX_RELATED_SHOWN = 10;

/** Splits related locations into those a report lists and the count it leaves out. */
export function relatedToShow<T>(related: readonly T[]): { shown: readonly T[]; hidden: number } {
  const shown = related.slice(0, MAX_RELATED_SHOWN);
  return { shown, hidden: related.length - shown.length };
}

/** The facts the deployment sections show. Long polling is shown only when present, because it matters only with socket.io. */
export const DEPLOYMENT_FACTS: readonly DeploymentFactName[] = ['autoscaling', 'loadBalancing', 'stickyRouting', 'longPolling'];

/** Tells whether a report shows a fact: long polling only when socket.io allows it. */
export function isFactShown(deployment: DeploymentFacts, name: DeploymentFactName): boolean {
  return name !== 'longPolling' || deployment.longPolling.state === 'yes';
}

function compareNoteLocations(left: Location, right: Location): number {
  return compareCodeUnits(left.file, right.file) || left.start.line - right.start.line || left.start.column - right.start.column;
}

/** Returns the deployment notes, each with its related locations in file order. */
export function notesWithSortedLocations(deployment: DeploymentFacts): DeploymentNote[] {
  return deployment.notes.map((note) => ({ ...note, related: [...note.related].sort(compareNoteLocations) }));
}

/** Returns the gate line: the baseline's verdict in baseline mode, otherwise the score's. */
export function gateLine(result: ScanResult, catalog: Catalog, text: DocumentMessages): string {
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  if (errors > 0) return catalog.messages.report.gateUntrustworthy(errors, result.diagnostics.length);
  if (result.baseline) {
    const { newFindings, fixed } = result.baseline;
    return newFindings.length === 0 && fixed.length === 0 ? text.baselineGatePassed : text.baselineGateFailed(newFindings.length, fixed.length);
  }
  return result.passed ? catalog.messages.report.gatePassed(result.minScore) : catalog.messages.report.gateFailed(result.score, result.minScore);
}
