import { describe, expect, it } from 'vitest';
import type { Diagnostic, ScanResult } from '../../src/model.js';
import { allowUnanalyzed, unanalyzedFiles } from '../../src/project/unanalyzed.js';

const parseError: Diagnostic = { code: 'parse-error', severity: 'error', file: 'src/a.ts', message: 'm', hint: 'h' };
const detectorError: Diagnostic = { code: 'detector-error', severity: 'error', file: 'src/a.ts', message: 'm', hint: 'h' };
const binary: Diagnostic = { code: 'binary-file', severity: 'error', file: 'src/b.js', message: 'm', hint: 'h' };
const link: Diagnostic = { code: 'symlink-skipped', severity: 'warning', file: 'src/c.js', message: 'm', hint: 'h' };
const badOption: Diagnostic = { code: 'config-invalid', severity: 'error', message: 'm', hint: 'h' };

function resultWith(diagnostics: Diagnostic[], score = 90): ScanResult {
  return {
    tool: { name: 'eslint-plugin-statelint', version: '0.0.0' },
    score,
    level: 'acceptable',
    minScore: 80,
    passed: false,
    criteria: [],
    findings: [],
    compliantSites: [],
    diagnostics,
    coverage: { eligible: 3, analyzed: 1, skipped: {} },
  };
}

describe('allowUnanalyzed', () => {
  it('counts files, not diagnostics', () => {
    expect(unanalyzedFiles([parseError, detectorError, binary, link, badOption])).toEqual(['src/a.ts', 'src/b.js']);
  });

  it('downgrades files within the allowance', () => {
    const allowed = allowUnanalyzed(resultWith([parseError, binary, link]), 2);
    expect(allowed.diagnostics.map((diagnostic) => diagnostic.severity)).toEqual(['warning', 'warning', 'warning']);
    expect(allowed.passed).toBe(true);
  });

  it('keeps the score deciding the gate', () => {
    expect(allowUnanalyzed(resultWith([parseError], 70), 1).passed).toBe(false);
  });

  it('changes nothing one file over', () => {
    const result = resultWith([parseError, binary]);
    expect(allowUnanalyzed(result, 1)).toBe(result);
  });

  it('never excuses a problem without a file', () => {
    const allowed = allowUnanalyzed(resultWith([parseError, badOption]), 5);
    expect(allowed.diagnostics.map((diagnostic) => diagnostic.severity)).toEqual(['warning', 'error']);
    expect(allowed.passed).toBe(false);
  });
});
