import type { CompliantSite, Coverage, CriterionResult, Diagnostic, Finding, Location, Position, RelatedLocation, ScanResult } from '../model.js';
import { compareCodeUnits, compareDiagnostics, compareLocations } from './order.js';

/*
 * Each function below copies one model object into a fresh literal, key by key, so the JSON keys
 * come out in the order docs/schema/scan-result.schema.json documents, whatever order the
 * producer of the ScanResult used, and so no extra property leaks into the output.
 */

function position(value: Position): Position {
  return { line: value.line, column: value.column };
}

function location(value: Location): Location {
  return { file: value.file, start: position(value.start), end: position(value.end) };
}

function relatedLocation(value: RelatedLocation): RelatedLocation {
  return { ...location(value), message: value.message };
}

function finding(value: Finding): Finding {
  const copy: Finding = {
    ruleId: value.ruleId,
    criterion: value.criterion,
    category: value.category,
    severity: value.severity,
    messageId: value.messageId,
    message: value.message,
    ...location(value),
    related: value.related.map(relatedLocation),
  };
  if (value.fingerprint !== undefined) copy.fingerprint = value.fingerprint;
  return copy;
}

/** The optional parts other features add to a ScanResult, in the order the schema lists them. */
const OPTIONAL_KEYS = ['suppressedFindings', 'suppressions', 'processMap', 'entrypoints', 'unreachedFiles', 'deployment', 'trend', 'baseline', 'header'] as const;

function compliantSite(value: CompliantSite): CompliantSite {
  return { ruleId: value.ruleId, criterion: value.criterion, category: value.category, backing: value.backing, ...location(value) };
}

function criterionResult(value: CriterionResult): CriterionResult {
  return {
    criterion: value.criterion,
    applicable: value.applicable,
    score: value.score,
    compliantSites: value.compliantSites,
    violations: value.violations,
    weight: value.weight,
  };
}

function diagnostic(value: Diagnostic): Diagnostic {
  return {
    code: value.code,
    severity: value.severity,
    ...(value.file === undefined ? {} : { file: value.file }),
    ...(value.start === undefined ? {} : { start: position(value.start) }),
    message: value.message,
    hint: value.hint,
  };
}

function coverage(value: Coverage): Coverage {
  const skipped: Record<string, number> = {};
  for (const reason of Object.keys(value.skipped).sort(compareCodeUnits)) skipped[reason] = value.skipped[reason]!;
  return { eligible: value.eligible, analyzed: value.analyzed, skipped };
}

/**
 * Renders a scan as JSON that matches docs/schema/scan-result.schema.json: keys in a fixed order,
 * findings and sites sorted by file, line, column and rule id, two-space indentation and a final
 * newline. The same ScanResult always gives the same bytes.
 */
export function formatJsonReport(result: ScanResult): string {
  const ordered: ScanResult = {
    tool: { name: result.tool.name, version: result.tool.version },
    score: result.score,
    level: result.level,
    minScore: result.minScore,
    passed: result.passed,
    criteria: result.criteria.map(criterionResult),
    findings: [...result.findings].sort(compareLocations).map(finding),
    compliantSites: [...result.compliantSites].sort(compareLocations).map(compliantSite),
    diagnostics: [...result.diagnostics].sort(compareDiagnostics).map(diagnostic),
    coverage: coverage(result.coverage),
  };
  // NOTE: these parts are copied as their producers built them, so their inner key order is the
  // producers' own; each producer builds them the same way on every run.
  for (const key of OPTIONAL_KEYS) {
    if (result[key] !== undefined) Object.assign(ordered, { [key]: result[key] });
  }
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
