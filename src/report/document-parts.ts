import { ruleDocsUrl } from '../eslint/create-rule.js';
import { catalogFor, type Catalog, type Locale } from '../i18n/index.js';
import { documentMessagesFor, type DocumentMessages } from '../i18n/report-documents.js';
import type { Finding, ScanResult, Severity, Suppression } from '../model.js';
import { compareLocations } from './order.js';

/** Options shared by the Markdown and HTML reports. */
export interface DocumentOptions {
  locale?: Locale;
  /**
   * Prefix that turns a repository-relative path into a link to the source, such as
   * `https://github.com/org/repo/blob/<commit>/`. Without it, locations are plain text.
   */
  sourceUrlBase?: string;
}

/** What both document reporters need: the result, its strings and the link builders. */
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

/** The gate line: the baseline's verdict in baseline mode, the score's otherwise. */
export function gateLine(context: DocumentContext): string {
  const { result, catalog, text } = context;
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  if (errors > 0) return catalog.messages.report.gateUntrustworthy(errors);
  if (result.baseline) {
    const { newFindings, fixed } = result.baseline;
    return newFindings.length === 0 && fixed.length === 0 ? text.baselineGatePassed : text.baselineGateFailed(newFindings.length, fixed.length);
  }
  return result.passed ? catalog.messages.report.gatePassed(result.minScore) : catalog.messages.report.gateFailed(result.score, result.minScore);
}
