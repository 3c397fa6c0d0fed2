import { describe, expect, it } from 'vitest';
import { detectors } from '../../src/detections/index.js';
import { analyzeText } from '../../src/engine/analyze-file.js';
import type { Finding } from '../../src/model.js';
import { hasSharedCases, loadLabelledCases, readCase, type ExpectedLine } from '../support/shared-cases.js';

/** The cases label regular-expression `lastIndex` state "other"; statelint files it under module state. */
function matchesCategory(finding: Finding, category: string): boolean {
  if (category === 'other') return finding.criterion === 'state';
  return finding.category === category;
}

function describeFindings(findings: readonly Finding[]): string {
  return findings.map((finding) => `L${finding.start.line} ${finding.category} ${finding.severity} (${finding.ruleId})`).join('\n') || '(none)';
}

describe.skipIf(!hasSharedCases)('labelled cases', () => {
  const cases = hasSharedCases ? loadLabelledCases() : [];

  it.each(cases.map((labelled) => [labelled.path, labelled] as const))('%s', (path, labelled) => {
    const analysis = analyzeText(path, readCase(path), detectors);
    expect(analysis.failures).toEqual([]);
    const findings = analysis.findings;

    const mustReport = labelled.expected.filter((line) => line.severity === 'error');
    for (const expected of mustReport) {
      const found = findings.some((finding) => finding.start.line === expected.line && finding.severity !== 'info' && matchesCategory(finding, expected.category));
      expect(found, `expected ${expected.category} at L${expected.line}; got:\n${describeFindings(findings)}`).toBe(true);
    }

    const allowed = (finding: Finding, lines: readonly ExpectedLine[]): boolean =>
      lines.some((line) => line.line === finding.start.line && matchesCategory(finding, line.category) && (finding.severity === 'info' || line.severity !== 'info'));
    for (const finding of findings) {
      expect(allowed(finding, labelled.expected), `unexpected finding:\n${describeFindings([finding])}`).toBe(true);
    }
  });
});
