import { Chalk, type ChalkInstance } from 'chalk';
import type { Catalog } from '../i18n/index.js';
import type { Diagnostic, Finding, Level, ScanResult, Severity } from '../model.js';
import { ACCEPTABLE_SCORE, TARGET_SCORE } from '../score.js';
import { compareCodeUnits, compareDiagnostics, compareLocations } from './order.js';

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
      const padded = align[column] === 'right' ? cell.text.padStart(width) : isLast ? cell.text : cell.text.padEnd(width);
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
      for (const related of finding.related) {
        const place = related.file === finding.file ? `${related.start.line}:${related.start.column}` : `${related.file}:${related.start.line}:${related.start.column}`;
        lines.push(chalk.dim(`      ↳ ${place}  ${related.message}`));
      }
    });
    lines.push('');
  }

  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const finding of result.findings) {
    if (finding.severity === 'error') counts.errors += 1;
    else if (finding.severity === 'warning') counts.warnings += 1;
    else counts.infos += 1;
  }
  if (result.findings.length === 0) {
    lines.push(chalk.green(`✔ ${messages.report.noProblems}`));
  } else {
    const style = counts.errors > 0 ? chalk.red.bold : counts.warnings > 0 ? chalk.yellow.bold : chalk.blue.bold;
    lines.push(style(`✖ ${messages.report.problemSummary(counts)}`));
  }
  lines.push('');
  return lines;
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

function formatVerdict(result: ScanResult, chalk: ChalkInstance, catalog: Catalog): string[] {
  const { messages } = catalog;
  const lines = [messages.report.coverage(result.coverage.analyzed, result.coverage.eligible)];
  const skipped = Object.entries(result.coverage.skipped).sort(([left], [right]) => compareCodeUnits(left, right));
  if (skipped.length > 0) lines.push(messages.report.skipped(skipped));

  lines.push(levelStyle(chalk, result.level)(messages.report.score(result.score, result.level)));

  const errorCount = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  if (errorCount > 0) lines.push(chalk.red.bold(messages.report.gateUntrustworthy(errorCount)));
  else if (result.passed) lines.push(chalk.green.bold(messages.report.gatePassed(result.minScore)));
  else lines.push(chalk.red.bold(messages.report.gateFailed(result.score, result.minScore)));
  return lines;
}

/**
 * Renders a scan for a terminal: findings grouped by file as ESLint's stylish formatter does,
 * the problems with the scan itself, a table of the criteria, then the score, level and gate.
 */
export function formatTerminalReport(result: ScanResult, options: TerminalReportOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const lines = [
    ...formatFindings(result, chalk, options.catalog),
    ...formatDiagnostics(result.diagnostics, chalk, options.catalog),
    ...formatCriteria(result, chalk, options.catalog),
    ...formatVerdict(result, chalk, options.catalog),
  ];
  return `${lines.join('\n')}\n`;
}
