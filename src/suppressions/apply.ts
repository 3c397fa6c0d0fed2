import { documentMessagesFor, type DocumentMessages } from '../i18n/report-documents.js';
import type { Diagnostic, Finding, SuppressedFinding, Suppression } from '../model.js';

export type SuppressionTexts = DocumentMessages['suppressionDiagnostics'];

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
 * line named by several comments is attributed to the first of them in the file. `text` gives the
 * diagnostics' language, English by default.
 */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  text: SuppressionTexts = documentMessagesFor('en').suppressionDiagnostics,
): SuppressionOutcome {
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
  return { findings: kept, suppressedFindings, suppressions: relevant, diagnostics: relevant.flatMap((suppression) => diagnosticsFor(suppression, text)) };
}

/**
 * Tells whether a suppression is an ESLint disable comment that names no rule. Such a comment
 * silences every rule, so it is usually there for another plugin and concerns statelint only when
 * it actually silenced a statelint finding.
 */
function isForeignBlanket(suppression: Suppression): boolean {
  return suppression.syntax === 'eslint' && suppression.ruleIds.length === 0;
}

function directiveName(suppression: Suppression): string {
  return `${suppression.syntax}-disable-${suppression.scope}`;
}

function diagnosticsFor(suppression: Suppression, text: SuppressionTexts): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const at = { file: suppression.file, start: suppression.start };
  const directive = directiveName(suppression);
  if (suppression.reason === null) {
    const example = `${directive} ${suppression.syntax === 'eslint' ? 'statelint/' : ''}<rule>`;
    diagnostics.push({ code: 'suppression-without-reason', severity: 'warning', ...at, ...text.withoutReason(directive, example) });
  }
  if (suppression.suppressedCount === 0) {
    const rules = suppression.ruleIds.length > 0 ? suppression.ruleIds.join(', ') : null;
    diagnostics.push({ code: 'unused-suppression', severity: 'warning', ...at, ...text.unused(directive, suppression.targetLine, rules) });
  }
  return diagnostics;
}
