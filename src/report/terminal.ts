import { Chalk, type ChalkInstance } from 'chalk';
import type { Catalog } from '../i18n/index.js';
import { documentMessagesFor, type DocumentMessages } from '../i18n/report-documents.js';
import type { DeploymentFacts, Diagnostic, Entrypoint, FactState, Finding, FindingRecord, Level, ProcessMapEntry, ScanResult, Severity } from '../model.js';
import { ACCEPTABLE_SCORE, TARGET_SCORE } from '../score.js';
import { DEPLOYMENT_FACTS, gateLine, isFactShown, notesWithSortedLocations, relatedToShow } from './document-parts.js';
import { compareCodeUnits, compareDiagnostics, compareLocations } from './order.js';
import { withPrintableText } from './printable.js';

export interface TerminalReportOptions {
  catalog: Catalog;
  /** Whether to colour the output with ANSI escapes. */
  color: boolean;
}

type Align = 'left' | 'right';

/** A table cell: its plain text, which sets the column width, and how to colour it once padded. */
interface Cell {
  text: string;
  style?: (text: string) => string;
}

/** Lays out rows in columns separated by two spaces, padding by plain text so colours never skew the widths. */
function formatTable(rows: readonly (readonly Cell[])[], align: readonly Align[], indent: string): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, cell.text.length);
    });
  }
  return rows.map((row) => {
    const cells = row.map((cell, column) => {
      const isLast = column === row.length - 1;
      const width = widths[column] ?? 0;
      let padded = cell.text;
      if (align[column] === 'right') padded = cell.text.padStart(width);
      else if (!isLast) padded = cell.text.padEnd(width);
      return cell.style ? cell.style(padded) : padded;
    });
    return indent + cells.join('  ');
  });
}

function severityStyle(chalk: ChalkInstance, severity: Severity | Diagnostic['severity']): (text: string) => string {
  if (severity === 'error') return chalk.red;
  if (severity === 'warning') return chalk.yellow;
  return chalk.blue;
}

function levelStyle(chalk: ChalkInstance, level: Level): (text: string) => string {
  if (level === 'failing') return chalk.red.bold;
  if (level === 'acceptable') return chalk.yellow.bold;
  return chalk.green.bold;
}

/** Groups findings by file, keeping the files in code-unit order. */
function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of [...findings].sort(compareLocations)) {
    const group = groups.get(finding.file);
    if (group) group.push(finding);
    else groups.set(finding.file, [finding]);
  }
  return groups;
}

/** Findings by file, as ESLint's stylish formatter prints them, with related places under each. */
function formatFindings(result: ScanResult, chalk: ChalkInstance, catalog: Catalog): string[] {
  const { messages } = catalog;
  const lines: string[] = [];
  for (const [file, findings] of groupByFile(result.findings)) {
    lines.push(chalk.underline(file));
    const rows = findings.map((finding) => [
      { text: `${finding.start.line}:${finding.start.column}`, style: chalk.dim },
      { text: messages.severity[finding.severity], style: severityStyle(chalk, finding.severity) },
      { text: finding.message },
      { text: `statelint/${finding.ruleId}`, style: chalk.dim },
    ]);
    const formatted = formatTable(rows, ['right', 'left', 'left', 'left'], '  ');
    findings.forEach((finding, index) => {
      lines.push(formatted[index]!);
      const { shown, hidden } = relatedToShow(finding.related);
      for (const related of shown) {
        const place = related.file === finding.file ? `${related.start.line}:${related.start.column}` : `${related.file}:${related.start.line}:${related.start.column}`;
        lines.push(chalk.dim(`      ↳ ${place}  ${related.message}`));
      }
      if (hidden > 0) lines.push(chalk.dim(`      ↳ ${messages.report.moreRelated(hidden)}`));
    });
    lines.push('');
  }

  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const finding of result.findings) {
    if (finding.severity === 'error') counts.errors += 1;
    else if (finding.severity === 'warning') counts.warnings += 1;
    else counts.infos += 1;
  }
  if (result.findings.length === 0 && hasErrorDiagnostics(result)) {
    lines.push(chalk.yellow.bold(messages.report.noFindingsWithScanErrors));
  } else if (result.findings.length === 0) {
    lines.push(chalk.green(`✔ ${messages.report.noFindings}`));
  } else {
    let style = chalk.blue.bold;
    if (counts.errors > 0) style = chalk.red.bold;
    else if (counts.warnings > 0) style = chalk.yellow.bold;
    lines.push(style(`✖ ${messages.report.problemSummary(counts)}`));
  }
  lines.push('');
  return lines;
}

function hasErrorDiagnostics(result: ScanResult): boolean {
  return result.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}

/** Lists the findings that suppression comments silenced, each with its rule and the comment's reason. */
function formatSuppressed(result: ScanResult, chalk: ChalkInstance, catalog: Catalog, text: DocumentMessages): string[] {
  const suppressed = [...(result.suppressedFindings ?? [])].sort(compareLocations);
  if (suppressed.length === 0) return [];
  const rows = suppressed.map((finding) => [
    { text: `${finding.file}:${finding.start.line}`, style: chalk.dim },
    { text: `statelint/${finding.ruleId}`, style: chalk.dim },
    finding.suppression.reason === null ? { text: text.noReason, style: chalk.yellow } : { text: finding.suppression.reason },
  ]);
  return [chalk.bold(catalog.messages.report.suppressedHeading(suppressed.length)), ...formatTable(rows, ['left', 'left', 'left'], '  '), ''];
}

function formatRecords(records: readonly FindingRecord[], chalk: ChalkInstance): string[] {
  const rows = records.map((record) => [{ text: `${record.file}:${record.line}`, style: chalk.dim }, { text: `statelint/${record.ruleId}`, style: chalk.dim }, { text: record.message }]);
  return formatTable(rows, ['left', 'left', 'left'], '    ');
}

/** Formats the comparison with the baseline file: how many findings it accepts, the new ones, and the fixed ones it still lists. */
function formatBaseline(result: ScanResult, chalk: ChalkInstance, text: DocumentMessages): string[] {
  const baseline = result.baseline;
  if (!baseline) return [];
  return [
    chalk.bold(text.baselineHeading),
    `  ${text.baselineSummary(baseline.file, baseline.baselined)}`,
    `  ${text.baselineNew(baseline.newFindings.length)}`,
    ...formatRecords(baseline.newFindings, chalk),
    `  ${text.baselineFixed(baseline.fixed.length)}`,
    ...formatRecords(baseline.fixed, chalk),
    '',
  ];
}

function formatDiagnostics(diagnostics: readonly Diagnostic[], chalk: ChalkInstance, catalog: Catalog): string[] {
  if (diagnostics.length === 0) return [];
  const lines = [chalk.bold(catalog.messages.report.diagnosticsHeading)];
  for (const diagnostic of [...diagnostics].sort(compareDiagnostics)) {
    const place = diagnostic.file === undefined ? '' : `${diagnostic.file}${diagnostic.start ? `:${diagnostic.start.line}:${diagnostic.start.column}` : ''}  `;
    const severity = severityStyle(chalk, diagnostic.severity)(catalog.messages.severity[diagnostic.severity]);
    lines.push(`  ${place}${severity}  ${diagnostic.message}  ${chalk.dim(diagnostic.code)}`);
    lines.push(chalk.dim(`    → ${diagnostic.hint}`));
  }
  lines.push('');
  return lines;
}

/** Maximum number of entrypoints the scan report names per role; `statelint roles` lists them all. */
const MAX_NAMED_ENTRYPOINTS = 3;


function factStyle(chalk: ChalkInstance, state: FactState): (text: string) => string {
  if (state === 'yes') return chalk.green;
  if (state === 'no') return chalk.yellow;
  return chalk.dim;
}

/**
 * The short process map of the scan report: each role with its entrypoint and file counts and
 * its first entrypoints, then how many files no entrypoint loads.
 */
function formatProcessSummary(result: ScanResult, chalk: ChalkInstance, catalog: Catalog): string[] {
  if (!result.processMap) return [];
  const text = catalog.messages.processMap;
  const lines = [chalk.bold(text.heading)];
  if (!result.entrypoints || result.entrypoints.length === 0) lines.push(`  ${text.noEntrypoints}`);
  const rows = result.processMap.map((entry) => {
    const named = entry.entrypoints.slice(0, MAX_NAMED_ENTRYPOINTS);
    const hidden = entry.entrypoints.length - named.length;
    const list = hidden > 0 ? `${named.join(', ')} ${text.more(hidden)}` : named.join(', ');
    return [{ text: entry.role, style: chalk.bold }, { text: text.entrypointCount(entry.entrypoints.length) }, { text: text.fileCount(entry.files) }, { text: list, style: chalk.dim }];
  });
  lines.push(...formatTable(rows, ['left', 'left', 'left', 'left'], '  '));
  const unreached = result.unreachedFiles?.length ?? 0;
  if (unreached > 0) lines.push(`  ${text.unreachedSummary(unreached)}`);
  lines.push('');
  return lines;
}

/** Formats each deployment fact with its evidence, then the notes that combine the facts with the findings. */
function formatDeployment(deployment: DeploymentFacts | undefined, chalk: ChalkInstance, catalog: Catalog): string[] {
  if (!deployment) return [];
  const text = catalog.messages.deployment;
  const rows: Cell[][] = [];
  for (const name of DEPLOYMENT_FACTS) {
    const fact = deployment[name];
    if (!isFactShown(deployment, name)) continue;
    const label = { text: text.fact[name] };
    const state = { text: text.state[fact.state], style: factStyle(chalk, fact.state) };
    if (fact.evidence.length === 0) rows.push([label, state]);
    fact.evidence.forEach((evidence, index) => {
      const place = { text: `${evidence.file}:${evidence.line}`, style: chalk.dim };
      rows.push(index === 0 ? [label, state, place, { text: evidence.detail }] : [{ text: '' }, { text: '' }, place, { text: evidence.detail }]);
    });
  }
  const lines = [chalk.bold(text.heading), ...formatTable(rows, ['left', 'left', 'left', 'left'], '  ')];
  for (const note of notesWithSortedLocations(deployment)) {
    lines.push(chalk.yellow(`  ! ${text.note(note)}`));
    const { shown, hidden } = relatedToShow(note.related);
    for (const related of shown) lines.push(chalk.dim(`      ↳ ${related.file}:${related.start.line}:${related.start.column}`));
    if (hidden > 0) lines.push(chalk.dim(`      ↳ ${catalog.messages.report.moreRelated(hidden)}`));
  }
  lines.push('');
  return lines;
}

function formatCriteria(result: ScanResult, chalk: ChalkInstance, catalog: Catalog): string[] {
  const { messages, format } = catalog;
  const columns = messages.report.criteriaColumns;
  const header: Cell[] = [columns.criterion, columns.score, columns.compliant, columns.violations, columns.weight].map((text) => ({ text, style: chalk.bold }));
  const rows: Cell[][] = result.criteria.map((criterion) => {
    const score: Cell =
      criterion.score === null
        ? { text: messages.report.notApplicable, style: chalk.dim }
        : { text: format.percent(criterion.score), style: criterion.score < ACCEPTABLE_SCORE ? chalk.red : criterion.score < TARGET_SCORE ? chalk.yellow : chalk.green };
    return [
      { text: messages.criterion[criterion.criterion] },
      score,
      { text: format.number(criterion.compliantSites) },
      { text: format.number(criterion.violations) },
      { text: format.number(criterion.weight) },
    ];
  });
  return [...formatTable([header, ...rows], ['left', 'right', 'right', 'right', 'right'], ''), ''];
}

/** Formats how many files were analysed and, by reason, how many were not. */
function formatCoverage(result: ScanResult, catalog: Catalog): string[] {
  const { messages } = catalog;
  const lines = [messages.report.coverage(result.coverage.analyzed, result.coverage.eligible)];
  const skipped = Object.entries(result.coverage.skipped).sort(([left], [right]) => compareCodeUnits(left, right));
  if (skipped.length > 0) lines.push(messages.report.skipped(skipped));
  return lines;
}

function formatVerdict(result: ScanResult, chalk: ChalkInstance, catalog: Catalog, text: DocumentMessages): string[] {
  const { messages } = catalog;
  const lines = formatCoverage(result, catalog);

  lines.push(levelStyle(chalk, result.level)(messages.report.score(result.score, result.level)));
  const gateStyle = result.passed && !hasErrorDiagnostics(result) ? chalk.green.bold : chalk.red.bold;
  lines.push(gateStyle(gateLine(result, catalog, text)));
  return lines;
}

/**
 * Renders a scan for a terminal. It prints the findings grouped by file as ESLint's stylish
 * formatter does, the findings silenced in the source, the problems with the scan itself, the
 * process map and the deployment facts. A table of the criteria and the baseline comparison
 * follow, then the score, level and gate. Control characters in text from the project are
 * printed as escapes.
 */
export function formatTerminalReport(scanned: ScanResult, options: TerminalReportOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const { catalog } = options;
  const text = documentMessagesFor(catalog.locale);
  const result = withPrintableText(scanned);
  const lines = [
    ...formatFindings(result, chalk, catalog),
    ...formatSuppressed(result, chalk, catalog, text),
    ...formatDiagnostics(result.diagnostics, chalk, catalog),
    ...formatProcessSummary(result, chalk, catalog),
    ...formatDeployment(result.deployment, chalk, catalog),
    ...formatCriteria(result, chalk, catalog),
    ...formatBaseline(result, chalk, text),
    ...formatVerdict(result, chalk, catalog, text),
  ];
  return `${lines.join('\n')}\n`;
}

function formatEntrypoints(entrypoints: readonly Entrypoint[], chalk: ChalkInstance, catalog: Catalog): string[] {
  const text = catalog.messages.processMap;
  const lines = [chalk.bold(text.entrypointsHeading)];
  if (entrypoints.length === 0) return [...lines, `  ${text.noEntrypoints}`, ''];
  const columns = text.columns;
  const header = [columns.role, columns.file, columns.declaredIn, columns.detail].map((title) => ({ text: title, style: chalk.bold }));
  const rows = entrypoints.map((entrypoint) => [{ text: entrypoint.role }, { text: entrypoint.file }, { text: entrypoint.declaredIn, style: chalk.dim }, { text: entrypoint.detail }]);
  return [...lines, ...formatTable([header, ...rows], ['left', 'left', 'left', 'left'], '  '), ''];
}

function formatProcesses(processMap: readonly ProcessMapEntry[], chalk: ChalkInstance, catalog: Catalog): string[] {
  const { messages, format } = catalog;
  const columns = messages.processMap.columns;
  const header = [columns.role, columns.entrypoints, columns.files].map((title) => ({ text: title, style: chalk.bold }));
  const rows = processMap.map((entry) => [{ text: entry.role }, { text: format.number(entry.entrypoints.length) }, { text: format.number(entry.files) }]);
  return [chalk.bold(messages.processMap.processesHeading), ...formatTable([header, ...rows], ['left', 'right', 'right'], '  '), ''];
}

function formatUnreached(files: readonly string[], chalk: ChalkInstance, catalog: Catalog): string[] {
  const text = catalog.messages.processMap;
  if (files.length === 0) return [chalk.bold(text.noUnreached), ''];
  return [chalk.bold(text.unreachedHeading(files.length)), ...files.map((file) => `  ${file}`), ''];
}

/**
 * Renders the process map for `statelint roles`: every entrypoint with the file and key that
 * declare it, the files each role loads, the files no entrypoint loads, the deployment facts,
 * the problems with the scan, and the coverage.
 */
export function formatRolesReport(scanned: ScanResult, options: TerminalReportOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const result = withPrintableText(scanned);
  const { catalog } = options;
  const { messages } = catalog;
  const lines = [
    ...formatEntrypoints(result.entrypoints ?? [], chalk, catalog),
    ...formatProcesses(result.processMap ?? [], chalk, catalog),
    ...formatUnreached(result.unreachedFiles ?? [], chalk, catalog),
    ...formatDeployment(result.deployment, chalk, catalog),
    ...formatDiagnostics(result.diagnostics, chalk, catalog),
    ...formatCoverage(result, catalog),
  ];
  const errorCount = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  if (errorCount > 0) lines.push(chalk.red.bold(messages.report.gateUntrustworthy(errorCount, result.diagnostics.length)));
  return `${lines.join('\n')}\n`;
}
