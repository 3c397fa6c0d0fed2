import { CRITERIA, type FactState, type Finding, type ScanResult, type Severity } from '../model.js';
import {
  DEPLOYMENT_FACTS,
  documentContext,
  isFactShown,
  notesWithSortedLocations,
  relatedToShow,
  findingsBySeverity,
  gateLine,
  locationLabel,
  suppressedRules,
  suppressionsInOrder,
  type DocumentContext,
  type DocumentOptions,
} from './document-parts.js';
import { escapeHtml, gaugeSvg, trendSvg } from './html-charts.js';

export type HtmlOptions = DocumentOptions;

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Blocks every request the page could make; inline styles, scripts and SVG still work. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
:root { color-scheme: light; --failing: #c62828; --acceptable: #2e7d32; --muted: #5f6368; --border: #dadce0; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1100px; padding: 24px; color: #202124; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--border); padding-bottom: 4px; }
.requirement, .generated { color: var(--muted); margin: 0; }
.summary { display: flex; gap: 32px; align-items: center; flex-wrap: wrap; }
.gauge { width: 320px; height: auto; }
.gauge path { fill: none; stroke-width: 18; }
.zone-failing { stroke: #f4c7c3; } .zone-acceptable { stroke: #c8e6c9; }
.gauge .value { stroke: #1a73e8; stroke-width: 8; }
.tick { stroke: #202124; stroke-width: 2; } .tick-label { font-size: 9px; text-anchor: middle; fill: var(--muted); }
.gauge-value { font-size: 30px; font-weight: 600; text-anchor: middle; }
.gate { font-size: 16px; font-weight: 600; padding: 8px 12px; border-radius: 6px; }
.gate.passed { background: #e6f4ea; color: var(--acceptable); } .gate.failed { background: #fce8e6; color: var(--failing); }
.bars { display: grid; grid-template-columns: 180px 1fr 90px; gap: 6px 12px; align-items: center; }
.bar { background: #f1f3f4; border-radius: 4px; height: 14px; position: relative; }
.bar span { display: block; height: 100%; border-radius: 4px; }
.bar .minimum-mark { position: absolute; top: -3px; bottom: -3px; width: 2px; background: #202124; }
.fill-failing { background: var(--failing); } .fill-acceptable { background: var(--acceptable); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--border); vertical-align: top; }
th { background: #f8f9fa; font-weight: 600; }
td.location { font-family: ui-monospace, Menlo, Consolas, monospace; white-space: nowrap; }
.severity-error { color: var(--failing); font-weight: 600; } .severity-warning { color: #b06000; font-weight: 600; } .severity-info { color: var(--muted); }
.filters { display: flex; gap: 16px; align-items: center; margin-bottom: 8px; }
.no-reason { color: var(--failing); font-style: italic; }
.trend { width: 100%; max-width: 640px; height: auto; }
.grid { stroke: #e8eaed; } .minimum-line { stroke: var(--failing); stroke-dasharray: 6 4; }
.trend-line { fill: none; stroke: #1a73e8; stroke-width: 2.5; }
.dot { fill: #1a73e8; } .dot.level-failing { fill: var(--failing); }
.axis-label { font-size: 11px; fill: var(--muted); } .axis-y { text-anchor: end; } .axis-x { text-anchor: middle; }
ul.changes { margin: 4px 0 12px; }
ul.related { margin: 4px 0 0; padding-left: 18px; color: var(--muted); }
ul.related .location { font-family: ui-monospace, Menlo, Consolas, monospace; }
.fact-yes { color: var(--acceptable); font-weight: 600; } .fact-no { color: #b06000; font-weight: 600; } .fact-unknown { color: var(--muted); }
.note { background: #fef7e0; border-left: 4px solid #f9ab00; padding: 8px 12px; margin: 12px 0 4px; }
`;

/** Shows only the findings rows that match both filters, and the count of rows shown. */
const SCRIPT = `
(function () {
  var criterion = document.getElementById('filter-criterion');
  var severity = document.getElementById('filter-severity');
  var count = document.getElementById('filter-count');
  if (!criterion || !severity || !count) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (criterion.value === '' || row.getAttribute('data-criterion') === criterion.value) &&
        (severity.value === '' || row.getAttribute('data-severity') === severity.value);
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = count.getAttribute('data-template').replace('{shown}', String(shown));
  }
  criterion.addEventListener('change', apply);
  severity.addEventListener('change', apply);
  apply();
})();
`;

function link(label: string, url: string | undefined): string {
  return url === undefined ? escapeHtml(label) : `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
}

function headerSection(context: DocumentContext): string {
  const { result, text } = context;
  const title = result.header?.title ?? text.defaultTitle;
  const requirement = result.header?.requirement ? `<p class="requirement">${escapeHtml(text.requirement)}: ${escapeHtml(result.header.requirement)}</p>` : '';
  return `<header><h1>${escapeHtml(title)}</h1>${requirement}<p class="generated">${escapeHtml(text.generatedBy(result.tool.name, result.tool.version))}</p></header>`;
}

function summarySection(context: DocumentContext): string {
  const { result, catalog, text } = context;
  const gauge = gaugeSvg(result.score, result.minScore, catalog.format, { title: text.scoreHeading, minimum: text.minimum, target: text.target });
  const level = `<p>${escapeHtml(text.scoreHeading)}: <strong>${escapeHtml(catalog.format.percent(result.score))}</strong> (${escapeHtml(catalog.messages.level[result.level])})</p>`;
  const gate = `<p class="gate ${result.passed ? 'passed' : 'failed'}">${escapeHtml(gateLine(context.result, context.catalog, context.text))}</p>`;
  return `<section class="summary" id="summary">${gauge}<div>${level}${gate}</div></section>`;
}

function criteriaSection(context: DocumentContext): string {
  const { result, catalog, text } = context;
  const minimumMark = `<i class="minimum-mark" style="left: ${result.minScore}%"></i>`;
  const rows = result.criteria
    .map((criterion) => {
      const name = escapeHtml(catalog.messages.criterion[criterion.criterion]);
      if (criterion.score === null) return `<span>${name}</span><div class="bar">${minimumMark}</div><span>${escapeHtml(catalog.messages.report.notApplicable)}</span>`;
      const fill = criterion.score < result.minScore ? 'fill-failing' : 'fill-acceptable';
      const counts = `${catalog.format.number(criterion.compliantSites)} / ${catalog.format.number(criterion.compliantSites + criterion.violations)}`;
      return `<span>${name}</span><div class="bar" title="${escapeHtml(counts)}"><span class="${fill}" style="width: ${criterion.score}%"></span>${minimumMark}</div><span>${escapeHtml(catalog.format.percent(criterion.score))}</span>`;
    })
    .join('');
  return `<section id="criteria"><h2>${escapeHtml(text.criteriaHeading)}</h2><div class="bars">${rows}</div></section>`;
}

function options(values: readonly string[], label: (value: string) => string, allLabel: string): string {
  return [`<option value="">${escapeHtml(allLabel)}</option>`, ...values.map((value) => `<option value="${escapeHtml(value)}">${escapeHtml(label(value))}</option>`)].join('');
}

/** Lists the related locations, each linked, and ends with "and N more" past `MAX_RELATED_SHOWN`. */
function relatedList(context: DocumentContext, finding: Pick<Finding, 'related'>): string {
  const { shown, hidden } = relatedToShow(finding.related);
  if (shown.length === 0) return '';
  const items = shown.map((related) => {
    const message = related.message === '' ? '' : ` ${escapeHtml(related.message)}`;
    return `<li><span class="location">${link(locationLabel(related), context.sourceUrl(related.file, related.start.line))}</span>${message}</li>`;
  });
  if (hidden > 0) items.push(`<li>${escapeHtml(context.catalog.messages.report.moreRelated(hidden))}</li>`);
  return `<ul class="related">${items.join('')}</ul>`;
}

function findingsSection(context: DocumentContext): string {
  const { result, catalog, text } = context;
  const heading = `<h2>${escapeHtml(text.findingsHeading)}</h2>`;
  const findings = findingsBySeverity(result.findings);
  if (findings.length === 0) return `<section id="findings">${heading}<p>${escapeHtml(text.noFindings)}</p></section>`;

  const template = text.filters.shown(-1, findings.length).replace('-1', '{shown}');
  const filters =
    `<div class="filters"><label>${escapeHtml(text.filters.criterion)} <select id="filter-criterion">${options(CRITERIA, (value) => catalog.messages.criterion[value as keyof typeof catalog.messages.criterion], text.filters.all)}</select></label>` +
    `<label>${escapeHtml(text.filters.severity)} <select id="filter-severity">${options(SEVERITIES, (value) => catalog.messages.severity[value as Severity], text.filters.all)}</select></label>` +
    `<span id="filter-count" data-template="${escapeHtml(template)}">${escapeHtml(text.filters.shown(findings.length, findings.length))}</span></div>`;
  const rows = findings
    .map(
      (finding) =>
        `<tr data-criterion="${finding.criterion}" data-severity="${finding.severity}"><td class="severity-${finding.severity}">${escapeHtml(catalog.messages.severity[finding.severity])}</td>` +
        `<td class="location">${link(locationLabel(finding), context.sourceUrl(finding.file, finding.start.line))}</td>` +
        `<td>${escapeHtml(catalog.messages.criterion[finding.criterion])}</td><td>${link(finding.ruleId, context.ruleUrl(finding.ruleId))}</td><td>${escapeHtml(finding.message)}${relatedList(context, finding)}</td></tr>`,
    )
    .join('');
  const head = [text.columns.severity, text.columns.location, text.columns.criterion, text.columns.rule, text.columns.message].map((column) => `<th>${escapeHtml(column)}</th>`).join('');
  return `<section id="findings">${heading}${filters}<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></section>`;
}

function suppressionsSection(context: DocumentContext): string {
  const { result, catalog, text } = context;
  if (result.suppressions === undefined) return '';
  const heading = `<h2>${escapeHtml(text.suppressionsHeading)}</h2>`;
  const suppressions = suppressionsInOrder(result);
  if (suppressions.length === 0) return `<section id="suppressions">${heading}<p>${escapeHtml(text.noSuppressions)}</p></section>`;

  const silenced = result.suppressedFindings?.length ?? 0;
  const note = silenced > 0 ? `<p>${escapeHtml(text.suppressedFindings(silenced))}</p>` : '';
  const rows = suppressions
    .map(
      (suppression) =>
        `<tr><td class="location">${link(locationLabel(suppression), context.sourceUrl(suppression.file, suppression.start.line))}</td><td>${escapeHtml(suppressedRules(suppression, text))}</td>` +
        `<td>${suppression.reason === null ? `<span class="no-reason">${escapeHtml(text.noReason)}</span>` : escapeHtml(suppression.reason)}</td><td>${escapeHtml(catalog.format.number(suppression.suppressedCount))}</td></tr>`,
    )
    .join('');
  const head = [text.columns.location, text.columns.rules, text.columns.reason, text.columns.silenced].map((column) => `<th>${escapeHtml(column)}</th>`).join('');
  return `<section id="suppressions">${heading}${note}<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></section>`;
}

function processSection(context: DocumentContext): string {
  const { result, catalog, text } = context;
  if (!result.processMap || result.processMap.length === 0) return '';
  const rows = result.processMap
    .map((entry) => `<tr><td>${escapeHtml(text.roles[entry.role])}</td><td class="location">${entry.entrypoints.map(escapeHtml).join('<br>')}</td><td>${escapeHtml(catalog.format.number(entry.files))}</td></tr>`)
    .join('');
  const head = [text.columns.role, text.columns.entrypoints, text.columns.files].map((column) => `<th>${escapeHtml(column)}</th>`).join('');
  return `<section id="processes"><h2>${escapeHtml(text.processHeading)}</h2><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></section>`;
}

function factState(state: FactState, label: string): string {
  return `<span class="fact-${state}">${escapeHtml(label)}</span>`;
}

/**
 * Lists the deployment facts with their evidence, explains why the level is or is not optimal, and
 * adds the notes that combine the facts with the findings, each with its first related locations.
 */
function deploymentSection(context: DocumentContext): string {
  const { result, catalog, text } = context;
  const deployment = result.deployment;
  if (!deployment) return '';
  const labels = catalog.messages.deployment;
  const rows = DEPLOYMENT_FACTS.filter((name) => isFactShown(deployment, name))
    .map((name) => {
      const fact = deployment[name];
      const evidence = fact.evidence.map((item) => `<li><span class="location">${link(`${item.file}:${item.line}`, context.sourceUrl(item.file, item.line))}</span> ${escapeHtml(item.detail)}</li>`);
      const evidenceCell = evidence.length === 0 ? '' : `<ul class="related">${evidence.join('')}</ul>`;
      return `<tr><td>${escapeHtml(labels.fact[name])}</td><td>${factState(fact.state, labels.state[fact.state])}</td><td>${evidenceCell}</td></tr>`;
    })
    .join('');
  const head = [text.columns.fact, text.columns.state, text.columns.evidence].map((column) => `<th>${escapeHtml(column)}</th>`).join('');
  const notes = notesWithSortedLocations(deployment)
    .map((note) => `<div class="note"><p>${escapeHtml(labels.note(note))}</p>${relatedList(context, { related: note.related.map((location) => ({ ...location, message: '' })) })}</div>`)
    .join('');
  const explanation = `<p>${escapeHtml(text.optimalExplanation(result.level, deployment.autoscaling.state))}</p>`;
  return `<section id="deployment"><h2>${escapeHtml(labels.heading)}</h2><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>${explanation}${notes}</section>`;
}

function recordList(context: DocumentContext, records: ReadonlyArray<{ file: string; line: number; ruleId: string; message: string }>): string {
  if (records.length === 0) return '';
  const items = records.map((record) => `<li><code>${link(`${record.file}:${record.line}`, context.sourceUrl(record.file, record.line))}</code> ${link(record.ruleId, context.ruleUrl(record.ruleId))}: ${escapeHtml(record.message)}</li>`);
  return `<ul class="changes">${items.join('')}</ul>`;
}

function trendSection(context: DocumentContext): string {
  const { result, catalog, text } = context;
  const trend = result.trend;
  if (!trend || trend.releases.length === 0) return '';
  const chart = trendSvg(trend.releases, result.minScore, catalog.format, text.trendHeading);
  if (trend.previousRelease === null) return `<section id="trend"><h2>${escapeHtml(text.trendHeading)}</h2>${chart}<p>${escapeHtml(text.firstRelease)}</p></section>`;
  const changes =
    `<h3>${escapeHtml(text.newSince(trend.previousRelease, trend.newSincePrevious.length))}</h3>${recordList(context, trend.newSincePrevious)}` +
    `<h3>${escapeHtml(text.fixedSince(trend.previousRelease, trend.fixedSincePrevious.length))}</h3>${recordList(context, trend.fixedSincePrevious)}`;
  return `<section id="trend"><h2>${escapeHtml(text.trendHeading)}</h2>${chart}${changes}</section>`;
}

function baselineSection(context: DocumentContext): string {
  const { result, text } = context;
  const baseline = result.baseline;
  if (!baseline) return '';
  return (
    `<section id="baseline"><h2>${escapeHtml(text.baselineHeading)}</h2><p>${escapeHtml(text.baselineSummary(baseline.file, baseline.baselined))}</p>` +
    `<h3>${escapeHtml(text.baselineNew(baseline.newFindings.length))}</h3>${recordList(context, baseline.newFindings)}` +
    `<h3>${escapeHtml(text.baselineFixed(baseline.fixed.length))}</h3>${recordList(context, baseline.fixed)}</section>`
  );
}

function diagnosticsSection(context: DocumentContext): string {
  const { result, catalog } = context;
  if (result.diagnostics.length === 0) return '';
  const items = result.diagnostics.map((diagnostic) => {
    const where = diagnostic.file === undefined ? '' : `<code>${escapeHtml(diagnostic.start ? `${diagnostic.file}:${diagnostic.start.line}` : diagnostic.file)}</code> `;
    return `<li><span class="severity-${diagnostic.severity}">${escapeHtml(catalog.messages.severity[diagnostic.severity])}</span> <code>${escapeHtml(diagnostic.code)}</code> ${where}${escapeHtml(diagnostic.message)} ${escapeHtml(diagnostic.hint)}</li>`;
  });
  return `<section id="diagnostics"><h2>${escapeHtml(catalog.messages.report.diagnosticsHeading)}</h2><ul>${items.join('')}</ul></section>`;
}

/**
 * Renders one self-contained HTML page: inline CSS, script and SVG, and a content security policy
 * that blocks every network request. It shows the score gauge, a bar per criterion, and the
 * findings with filters by criterion and severity and with their first related locations. The
 * suppression inventory follows, then the process map, the deployment facts and the score trend
 * when the result carries them. Control characters in text from the project are shown as escapes.
 */
export function formatHtml(result: ScanResult, options: HtmlOptions = {}): string {
  const context = documentContext(result, options);
  const title = result.header?.title ?? context.text.defaultTitle;
  return [
    '<!DOCTYPE html>',
    `<html lang="${context.catalog.locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    headerSection(context),
    summarySection(context),
    criteriaSection(context),
    baselineSection(context),
    trendSection(context),
    findingsSection(context),
    suppressionsSection(context),
    processSection(context),
    deploymentSection(context),
    diagnosticsSection(context),
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ]
    .filter((part) => part !== '')
    .join('\n');
}
