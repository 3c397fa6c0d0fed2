import type { ScanResult } from '../model.js';
import { compareCodeUnits, compareDiagnostics } from '../report/order.js';

/** Codes of the diagnostics that judge suppression comments; see src/suppressions/apply.ts. */
const SUPPRESSION_DIAGNOSTIC_CODES: ReadonlySet<string> = new Set(['suppression-without-reason', 'unused-suppression']);

/**
 * Removes the suppression inventory and its diagnostics from a scan that ran no rule, as
 * `statelint roles` does: with no findings, every suppression comment would be reported unused.
 */
export function withoutSuppressionChecks(result: ScanResult): ScanResult {
  const rest: ScanResult = { ...result };
  delete rest.suppressions;
  delete rest.suppressedFindings;
  return { ...rest, diagnostics: result.diagnostics.filter((diagnostic) => !SUPPRESSION_DIAGNOSTIC_CODES.has(diagnostic.code)) };
}

/** The formats `statelint roles` writes. */
export const ROLES_FORMATS = ['terminal', 'json'] as const;

/**
 * Renders the process map of a scan as JSON for `statelint roles --format json`. It contains the
 * entrypoints and how each was found, each role with its entrypoints and file count, the files no
 * entrypoint loads, the deployment facts, the coverage and the problems with the scan. Keys come
 * in a fixed order and lists sorted, so the same project always gives the same bytes.
 */
export function formatRolesJson(result: ScanResult): string {
  const skipped: Record<string, number> = {};
  for (const reason of Object.keys(result.coverage.skipped).sort(compareCodeUnits)) skipped[reason] = result.coverage.skipped[reason]!;
  const document = {
    tool: result.tool,
    entrypoints: result.entrypoints ?? [],
    processMap: result.processMap ?? [],
    unreachedFiles: result.unreachedFiles ?? [],
    deployment: result.deployment ?? null,
    coverage: { eligible: result.coverage.eligible, analyzed: result.coverage.analyzed, skipped },
    diagnostics: [...result.diagnostics].sort(compareDiagnostics),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
