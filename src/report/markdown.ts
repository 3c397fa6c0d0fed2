import type { ScanResult } from '../model.js';
import {
  DEPLOYMENT_FACTS,
  documentContext,
  isFactShown,
  findingsBySeverity,
  gateLine,
  locationLabel,
  notesWithSortedLocations,
  relatedToShow,
  suppressedRules,
  suppressionsInOrder,
  type DocumentContext,
  type DocumentOptions,
} from './document-parts.js';
import { escapeControlCharacters } from './printable.js';

/** GitHub Actions accepts at most 1 MiB of job summary per step (its "Adding a job summary" docs); 16 KiB stays free. */
export const DEFAULT_MARKDOWN_MAX_BYTES = 1024 * 1024 - 16 * 1024;

export interface MarkdownOptions extends DocumentOptions {
  /** How many findings the top-findings table lists before the size limit is considered. */
  maxFindings?: number;
  /** Upper bound of the output in UTF-8 bytes; rows are left out, never cut in half, to stay below it. */
  maxBytes?: number;
}

/**
 * Escapes text for a Markdown table cell or list item: control characters become visible escapes
 * (so a line break in a file name cannot start a new line), then backslashes, pipes, backticks,
 * emphasis, links and HTML are escaped.
 */
function cell(text: string): string {
  return escapeControlCharacters(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/([*_[\]<>`~])/g, '\\$1');
}

/**
 * Escapes a message that marks code with backticks, keeping each matched pair as a code span.
 * Markdown reads no backslash escapes inside a code span, so only pipes (which GitHub's tables
 * split on first) and control characters are escaped there. An unmatched backtick is escaped.
 */
function messageCell(text: string): string {
  const parts = text.split('`');
  const spanCount = parts.length % 2 === 1 ? parts.length : parts.length - 1;
  return parts
    .map((part, index) => {
      if (index >= spanCount) return `\\\`${cell(part)}`;
      if (index % 2 === 0) return cell(part);
      return `\`${escapeControlCharacters(part).replace(/\|/g, '\\|')}\``;
    })
    .join('');
}

function link(label: string, url: string | undefined): string {
  return url === undefined ? cell(label) : `[${cell(label)}](${url})`;
}

function table(header: readonly string[], rows: readonly string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- |').join('')}`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

function headerSection(context: DocumentContext): string[] {
  const { result, catalog, text } = context;
  const lines = [`# ${cell(result.header?.title ?? text.defaultTitle)}`, ''];
  if (result.header?.requirement) lines.push(`**${text.requirement}:** ${cell(result.header.requirement)}`, '');
  const percent = catalog.format.percent;
  lines.push(
    `**${text.scoreHeading}: ${percent(result.score)} (${catalog.messages.level[result.level]})** · ${text.minimum} ${percent(result.minScore)} · ${text.target} ${percent(100)}`,
    '',
    `${result.passed ? '✅' : '❌'} ${gateLine(context.result, context.catalog, context.text)}`,
    '',
  );
  return lines;
}

function criteriaSection(context: DocumentContext): string[] {
  const { result, catalog, text } = context;
  const columns = catalog.messages.report.criteriaColumns;
  const rows = result.criteria.map((criterion) => [
    catalog.messages.criterion[criterion.criterion],
    criterion.score === null ? catalog.messages.report.notApplicable : catalog.format.percent(criterion.score),
    catalog.format.number(criterion.compliantSites),
    catalog.format.number(criterion.violations),
    catalog.format.number(criterion.weight),
  ]);
  return [`## ${text.criteriaHeading}`, '', ...table([columns.criterion, columns.score, columns.compliant, columns.violations, columns.weight], rows), ''];
}

function trendSection(context: DocumentContext): string[] {
  const { result, catalog, text } = context;
  const trend = result.trend;
  if (!trend || trend.releases.length === 0) return [];
  const rows = trend.releases.map((release) => [cell(release.release), catalog.format.percent(release.score), catalog.messages.level[release.level]]);
  const lines = [`## ${text.trendHeading}`, '', ...table([text.columns.release, text.columns.score, text.columns.level], rows), ''];
  if (trend.previousRelease === null) return [...lines, text.firstRelease, ''];

  const previous = cell(trend.previousRelease);
  lines.push(`**${text.newSince(previous, trend.newSincePrevious.length)}**`, '');
  for (const record of trend.newSincePrevious) lines.push(`- ${link(`${record.file}:${record.line}`, context.sourceUrl(record.file, record.line))} ${link(record.ruleId, context.ruleUrl(record.ruleId))}`);
  if (trend.newSincePrevious.length > 0) lines.push('');
  lines.push(`**${text.fixedSince(previous, trend.fixedSincePrevious.length)}**`, '');
  for (const record of trend.fixedSincePrevious) lines.push(`- ${cell(`${record.file}:${record.line}`)} ${link(record.ruleId, context.ruleUrl(record.ruleId))}`);
  if (trend.fixedSincePrevious.length > 0) lines.push('');
  return lines;
}

function baselineSection(context: DocumentContext): string[] {
  const { result, text } = context;
  const baseline = result.baseline;
  if (!baseline) return [];
  const lines = [`## ${text.baselineHeading}`, '', text.baselineSummary(cell(baseline.file), baseline.baselined), ''];
  lines.push(`**${text.baselineNew(baseline.newFindings.length)}**`, '');
  for (const record of baseline.newFindings) lines.push(`- ${link(`${record.file}:${record.line}`, context.sourceUrl(record.file, record.line))} ${link(record.ruleId, context.ruleUrl(record.ruleId))}: ${messageCell(record.message)}`);
  if (baseline.newFindings.length > 0) lines.push('');
  lines.push(`**${text.baselineFixed(baseline.fixed.length)}**`, '');
  for (const record of baseline.fixed) lines.push(`- ${cell(`${record.file}:${record.line}`)} ${link(record.ruleId, context.ruleUrl(record.ruleId))}`);
  if (baseline.fixed.length > 0) lines.push('');
  return lines;
}

function findingsSection(context: DocumentContext, findingLimit: number): string[] {
  const { result, catalog, text } = context;
  const ordered = findingsBySeverity(result.findings);
  const shown = ordered.slice(0, findingLimit);
  const lines = [`## ${text.findingsHeading}`, ''];
  if (ordered.length === 0) return [...lines, text.noFindings, ''];

  lines.push(text.topFindings(shown.length, ordered.length), '');
  const rows = shown.map((finding) => [
    catalog.messages.severity[finding.severity],
    link(locationLabel(finding), context.sourceUrl(finding.file, finding.start.line)),
    link(finding.ruleId, context.ruleUrl(finding.ruleId)),
    messageCell(finding.message),
  ]);
  lines.push(...table([text.columns.severity, text.columns.location, text.columns.rule, text.columns.message], rows), '');
  return lines;
}

function suppressionsSection(context: DocumentContext, rowLimit: number): string[] {
  const { result, catalog, text } = context;
  const suppressions = suppressionsInOrder(result);
  if (result.suppressions === undefined) return [];
  const lines = [`## ${text.suppressionsHeading}`, ''];
  if (suppressions.length === 0) return [...lines, text.noSuppressions, ''];

  const silenced = result.suppressedFindings?.length ?? 0;
  if (silenced > 0) lines.push(text.suppressedFindings(silenced), '');
  const rows = suppressions.slice(0, rowLimit).map((suppression) => [
    link(locationLabel(suppression), context.sourceUrl(suppression.file, suppression.start.line)),
    cell(suppressedRules(suppression, text)),
    suppression.reason === null ? `⚠️ _${text.noReason}_` : cell(suppression.reason),
    catalog.format.number(suppression.suppressedCount),
  ]);
  lines.push(...table([text.columns.location, text.columns.rules, text.columns.reason, text.columns.silenced], rows), '');
  return lines;
}

/**
 * Lists the deployment facts with their evidence, explains why the level is or is not optimal, and
 * adds the notes that combine the facts with the findings, each with its first related locations.
 */
function deploymentSection(context: DocumentContext): string[] {
  const { result, catalog, text } = context;
  const deployment = result.deployment;
  if (!deployment) return [];
  const labels = catalog.messages.deployment;
  const rows = DEPLOYMENT_FACTS.filter((name) => isFactShown(deployment, name)).map((name) => {
    const fact = deployment[name];
    const evidence = fact.evidence.map((item) => `${link(`${item.file}:${item.line}`, context.sourceUrl(item.file, item.line))} ${cell(item.detail)}`);
    return [labels.fact[name], labels.state[fact.state], evidence.join(' · ')];
  });
  const lines = [`## ${labels.heading}`, '', ...table([text.columns.fact, text.columns.state, text.columns.evidence], rows), '', text.optimalExplanation(result.level, deployment.autoscaling.state), ''];
  for (const note of notesWithSortedLocations(deployment)) {
    lines.push(`> ⚠️ ${cell(labels.note(note))}`, '');
    const { shown, hidden } = relatedToShow(note.related);
    for (const related of shown) lines.push(`- ${link(locationLabel(related), context.sourceUrl(related.file, related.start.line))}`);
    if (hidden > 0) lines.push(`- ${cell(catalog.messages.report.moreRelated(hidden))}`);
    if (shown.length > 0) lines.push('');
  }
  return lines;
}

function diagnosticsSection(context: DocumentContext): string[] {
  const { result, catalog } = context;
  if (result.diagnostics.length === 0) return [];
  const lines = [`## ${catalog.messages.report.diagnosticsHeading}`, ''];
  for (const diagnostic of result.diagnostics) {
    const where = diagnostic.file === undefined ? '' : `${cell(diagnostic.start ? `${diagnostic.file}:${diagnostic.start.line}` : diagnostic.file)}: `;
    lines.push(`- **${catalog.messages.severity[diagnostic.severity]}** \`${diagnostic.code}\` ${where}${messageCell(diagnostic.message)} ${messageCell(diagnostic.hint)}`);
  }
  return [...lines, ''];
}

/** Renders the document with at most `rowLimit` rows per table, noting the rows cut below `requestedRows` for size. */
function render(context: DocumentContext, rowLimit: number, requestedRows: number): string {
  const suppressionCount = context.result.suppressions?.length ?? 0;
  const rowsAt = (limit: number): number => Math.min(context.result.findings.length, limit) + Math.min(suppressionCount, limit);
  const hidden = rowsAt(requestedRows) - rowsAt(rowLimit);
  const lines = [
    ...headerSection(context),
    ...criteriaSection(context),
    ...baselineSection(context),
    ...trendSection(context),
    ...findingsSection(context, rowLimit),
    ...suppressionsSection(context, rowLimit),
    ...deploymentSection(context),
    ...diagnosticsSection(context),
  ];
  if (hidden > 0) lines.push(`> ${context.text.truncated(hidden)}`, '');
  lines.push(`<sub>${context.text.generatedBy(context.result.tool.name, context.result.tool.version)}</sub>`, '');
  return lines.join('\n');
}

/**
 * Renders a summary for a GitHub job summary or pull-request comment: score and level, the gate,
 * the criteria table, baseline and release changes, the most severe findings with links to their
 * rule pages, the suppression inventory and the deployment facts. When the text would exceed
 * `maxBytes`, table rows are left out from the end, and a note gives how many.
 */
export function formatMarkdown(result: ScanResult, options: MarkdownOptions = {}): string {
  const context = documentContext(result, options);
  const maxBytes = options.maxBytes ?? DEFAULT_MARKDOWN_MAX_BYTES;
  const total = Math.max(result.findings.length, result.suppressions?.length ?? 0);
  const requestedRows = Math.min(options.maxFindings ?? total, total);
  const fits = (rows: number): boolean => Buffer.byteLength(render(context, rows, requestedRows), 'utf8') <= maxBytes;
  if (fits(requestedRows)) return render(context, requestedRows, requestedRows);
  if (!fits(0)) return cutAtLine(render(context, 0, requestedRows), maxBytes);

  // Binary search for the largest row count that fits; `low` always fits because it is 0 or was tested.
  let low = 0;
  let high = requestedRows;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return render(context, low, requestedRows);
}

/**
 * Cuts text at the last line break that keeps it within `maxBytes`, for the rare document whose
 * fixed sections alone (diagnostics, release changes) exceed the limit.
 */
function cutAtLine(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  const lastBreak = bytes.lastIndexOf(0x0a, maxBytes - 1);
  return bytes.subarray(0, lastBreak + 1).toString('utf8');
}
