import type { Diagnostic, Finding, SuppressedFinding, Suppression } from '../model.js';

export interface SuppressionOutcome {
  /** Findings no comment silenced: the ones that count. */
  findings: Finding[];
  suppressedFindings: SuppressedFinding[];
  /** Every suppression, with `suppressedCount` filled in. */
  suppressions: Suppression[];
  /** Warnings for suppressions without a reason and for suppressions that silenced nothing. */
  diagnostics: Diagnostic[];
}

function silences(suppression: Suppression, finding: Finding): boolean {
  if (suppression.file !== finding.file || suppression.targetLine !== finding.start.line) return false;
  return suppression.ruleIds.length === 0 || suppression.ruleIds.includes(finding.ruleId);
}

/**
 * Moves the findings that a suppression comment silences out of the scored list. A finding on a
 * line named by several comments is attributed to the first of them in the file.
 */
export function applySuppressions(findings: readonly Finding[], suppressions: readonly Suppression[]): SuppressionOutcome {
  const counted = suppressions.map((suppression) => ({ ...suppression, suppressedCount: 0 }));
  const kept: Finding[] = [];
  const suppressedFindings: SuppressedFinding[] = [];

  for (const finding of findings) {
    const suppression = counted.find((candidate) => silences(candidate, finding));
    if (!suppression) {
      kept.push(finding);
      continue;
    }
    suppression.suppressedCount += 1;
    suppressedFindings.push({ ...finding, suppression });
  }
  const relevant = counted.filter((suppression) => !isForeignBlanket(suppression) || suppression.suppressedCount > 0);
  return { findings: kept, suppressedFindings, suppressions: relevant, diagnostics: relevant.flatMap(diagnosticsFor) };
}

/**
 * An ESLint disable comment that names no rule silences every rule, so it is usually there for
 * another plugin. It concerns statelint only when it actually silenced a statelint finding.
 */
function isForeignBlanket(suppression: Suppression): boolean {
  return suppression.syntax === 'eslint' && suppression.ruleIds.length === 0;
}

function directiveName(suppression: Suppression): string {
  return `${suppression.syntax}-disable-${suppression.scope}`;
}

function diagnosticsFor(suppression: Suppression): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const at = { file: suppression.file, start: suppression.start };
  if (suppression.reason === null) {
    diagnostics.push({
      code: 'suppression-without-reason',
      severity: 'warning',
      ...at,
      message: `The ${directiveName(suppression)} comment gives no reason, so reviewers cannot tell why this state is safe to keep in the worker.`,
      hint: `Add the reason after two dashes, for example \`// ${directiveName(suppression)} ${suppression.syntax === 'eslint' ? 'statelint/' : ''}<rule> -- cleared at the end of each request\`.`,
    });
  }
  if (suppression.suppressedCount === 0) {
    diagnostics.push({
      code: 'unused-suppression',
      severity: 'warning',
      ...at,
      message: `The ${directiveName(suppression)} comment silences nothing: line ${suppression.targetLine} has no statelint finding${suppression.ruleIds.length > 0 ? ` of ${suppression.ruleIds.join(', ')}` : ''}.`,
      hint: 'Remove the comment, or move it to the line before the finding it is meant for.',
    });
  }
  return diagnostics;
}
