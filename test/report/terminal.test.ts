import { describe, expect, it } from 'vitest';
import { catalogFor } from '../../src/i18n/index.js';
import type { DeploymentFacts, FindingRecord, RelatedLocation, ScanResult, SuppressedFinding, Suppression } from '../../src/model.js';
import { MAX_RELATED_SHOWN } from '../../src/report/document-parts.js';
import { formatTerminalReport } from '../../src/report/terminal.js';
import { failingResult, passingResult, untrustworthyResult } from './canned-results.js';
import { expectGolden } from './golden.js';

const english = catalogFor('en');
const spanish = catalogFor('es');

describe('formatTerminalReport', () => {
  it('prints a failing scan', () => {
    expectGolden('terminal-failing.en.txt', formatTerminalReport(failingResult, { catalog: english, color: false }));
  });

  it('prints a failing scan in Spanish', () => {
    expectGolden('terminal-failing.es.txt', formatTerminalReport(failingResult, { catalog: spanish, color: false }));
  });

  it('prints a passing scan', () => {
    expectGolden('terminal-passing.en.txt', formatTerminalReport(passingResult, { catalog: english, color: false }));
  });

  it('prints an untrustworthy scan', () => {
    expectGolden('terminal-untrustworthy.en.txt', formatTerminalReport(untrustworthyResult, { catalog: english, color: false }));
  });

  it('prints an untrustworthy scan in Spanish', () => {
    expectGolden('terminal-untrustworthy.es.txt', formatTerminalReport(untrustworthyResult, { catalog: spanish, color: false }));
  });

  it('colours only when asked', () => {
    const coloured = formatTerminalReport(failingResult, { catalog: english, color: true });
    const plain = formatTerminalReport(failingResult, { catalog: english, color: false });
    expect(coloured).toContain('\u001b[31m');
    expect(plain).not.toContain('\u001b[');
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('does not depend on the input order', () => {
    const shuffled = { ...failingResult, findings: [...failingResult.findings].reverse(), diagnostics: [...failingResult.diagnostics].reverse() };
    expect(formatTerminalReport(shuffled, { catalog: english, color: false })).toBe(formatTerminalReport(failingResult, { catalog: english, color: false }));
  });

  it('groups files in code-unit order', () => {
    const report = formatTerminalReport(failingResult, { catalog: english, color: false });
    const files = report.split('\n').filter((line) => line.startsWith('src/'));
    expect(files).toEqual(['src/Routes/convert.ts', 'src/app.ts', 'src/server.ts']);
  });
});

/** The failing scan gated by a baseline that accepts two of its findings. */
function baselineResult(newCount: number, fixedCount: number): ScanResult {
  const record = (file: string, line: number, ruleId: string): FindingRecord => ({ fingerprint: `${file}:${line}`, ruleId, file, line, message: `${ruleId} at ${file}` });
  return {
    ...failingResult,
    score: 0,
    minScore: 50,
    passed: newCount === 0 && fixedCount === 0,
    baseline: {
      file: 'statelint-baseline.json',
      newFindings: [record('src/app.ts', 8, 'no-memory-session-store')].slice(0, newCount),
      fixed: [record('src/uploads.ts', 12, 'no-local-fs-write')].slice(0, fixedCount),
      baselined: 2,
    },
  };
}

function relatedPlaces(count: number): RelatedLocation[] {
  return Array.from({ length: count }, (_unused, index) => ({
    file: 'src/handlers.ts',
    start: { line: index + 1, column: 3 },
    end: { line: index + 1, column: 20 },
    message: 'userCache is changed here.',
  }));
}

describe('formatTerminalReport with a baseline', () => {
  it('prints the comparison and its gate', () => {
    expectGolden('terminal-baseline.en.txt', formatTerminalReport(baselineResult(1, 1), { catalog: english, color: false }));
  });

  it('prints the comparison in Spanish', () => {
    expectGolden('terminal-baseline.es.txt', formatTerminalReport(baselineResult(1, 1), { catalog: spanish, color: false }));
  });

  it('passes by the baseline at a score of 0', () => {
    const report = formatTerminalReport(baselineResult(0, 0), { catalog: english, color: false });
    expect(report).toContain('Gate passed: no finding outside the baseline, and every baseline entry still exists.');
    expect(report).not.toContain('reaches the minimum');
  });

  it('fails on a fixed entry alone', () => {
    const report = formatTerminalReport(baselineResult(0, 1), { catalog: english, color: false });
    expect(report).toContain('Gate failed: 0 findings are not in the baseline and 1 baseline entry is fixed.');
    expect(report).toContain('  Fixed, still in the baseline: 1\n    src/uploads.ts:12  statelint/no-local-fs-write');
  });

  it('omits the section without a baseline', () => {
    expect(formatTerminalReport(failingResult, { catalog: english, color: false })).not.toContain('Baseline');
  });
});

describe('formatTerminalReport suppressed findings', () => {
  const suppression: Suppression = {
    file: 'src/metrics.ts',
    start: { line: 3, column: 1 },
    end: { line: 3, column: 80 },
    syntax: 'statelint',
    scope: 'next-line',
    ruleIds: ['no-module-state'],
    reason: 'per-worker counters, summed by Prometheus',
    targetLine: 4,
    suppressedCount: 1,
  };
  const silenced: SuppressedFinding = { ...failingResult.findings[2]!, file: 'src/metrics.ts', start: { line: 4, column: 7 }, related: [], suppression };

  it('lists each with its rule and reason', () => {
    const report = formatTerminalReport({ ...failingResult, suppressedFindings: [silenced] }, { catalog: english, color: false });
    expect(report).toContain('Suppressed: 1 finding silenced in the source and not scored\n  src/metrics.ts:4  statelint/no-module-state  per-worker counters, summed by Prometheus\n');
  });

  it('flags a missing reason', () => {
    const unexplained = { ...silenced, suppression: { ...suppression, reason: null } };
    const report = formatTerminalReport({ ...failingResult, suppressedFindings: [unexplained] }, { catalog: spanish, color: false });
    expect(report).toContain('Silenciados: 1 hallazgo silenciado en el código y sin puntuar\n  src/metrics.ts:4  statelint/no-module-state  sin motivo\n');
  });

  it('omits the section when none is silenced', () => {
    expect(formatTerminalReport({ ...failingResult, suppressedFindings: [] }, { catalog: english, color: false })).not.toContain('Suppressed');
  });
});

describe('formatTerminalReport related locations', () => {
  function reportWithRelated(count: number): string {
    const [first, ...rest] = failingResult.findings;
    return formatTerminalReport({ ...failingResult, findings: [{ ...first!, related: relatedPlaces(count) }, ...rest] }, { catalog: english, color: false });
  }

  it(`lists at most ${MAX_RELATED_SHOWN} and counts the rest`, () => {
    const lines = reportWithRelated(20_000).split('\n').filter((line) => /↳ (src\/handlers\.ts|and )/.test(line));
    expect(lines).toHaveLength(MAX_RELATED_SHOWN + 1);
    expect(lines.at(-2)).toBe(`      ↳ src/handlers.ts:${MAX_RELATED_SHOWN}:3  userCache is changed here.`);
    expect(lines.at(-1)).toBe('      ↳ and 19,990 more related locations');
  });

  it(`lists exactly ${MAX_RELATED_SHOWN} without a count`, () => {
    const lines = reportWithRelated(MAX_RELATED_SHOWN).split('\n').filter((line) => /↳ (src\/handlers\.ts|and )/.test(line));
    expect(lines).toHaveLength(MAX_RELATED_SHOWN);
    expect(lines.some((line) => line.includes('more related'))).toBe(false);
  });

  it('caps the locations of a deployment note', () => {
    const related = relatedPlaces(MAX_RELATED_SHOWN + 1);
    const deployment: DeploymentFacts = {
      autoscaling: { state: 'unknown', evidence: [] },
      loadBalancing: { state: 'unknown', evidence: [] },
      stickyRouting: { state: 'yes', evidence: [{ file: 'nginx.conf', line: 5, detail: 'nginx upstream app: ip_hash' }] },
      longPolling: { state: 'no', evidence: [] },
      notes: [{ code: 'state-masked-by-sticky-routing', message: '', related }],
    };
    const report = formatTerminalReport({ ...passingResult, deployment }, { catalog: english, color: false });
    expect(report).toContain(`      ↳ src/handlers.ts:${MAX_RELATED_SHOWN}:3\n      ↳ and 1 more related location\n`);
  });
});

describe('formatTerminalReport untrusted text', () => {
  const hostile = 'src/x\nGate passed: the score reaches the minimum of 50%.\u001b[2J\u202egnp.js';

  it('escapes control characters in file names', () => {
    const [first, ...rest] = failingResult.findings;
    const report = formatTerminalReport({ ...failingResult, findings: [{ ...first!, file: hostile }, ...rest] }, { catalog: english, color: false });
    expect(report).toContain('src/x\\nGate passed: the score reaches the minimum of 50%.\\x1B[2J\\u202Egnp.js\n');
    expect(report.split('\n').some((line) => line.startsWith('Gate passed'))).toBe(false);
    expect(report).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('escapes messages, reasons and diagnostics', () => {
    const diagnostic = { ...failingResult.diagnostics[0]!, file: 'src/\u2028link', message: 'Link to \u0085 nowhere.' };
    const report = formatTerminalReport({ ...failingResult, diagnostics: [diagnostic] }, { catalog: english, color: false });
    expect(report).toContain('src/\\u2028link  warning  Link to \\x85 nowhere.');
  });

  it('keeps its own line breaks and colours', () => {
    const coloured = formatTerminalReport(failingResult, { catalog: english, color: true });
    expect(coloured).toContain('\u001b[31m');
    expect(coloured.split('\n').length).toBe(formatTerminalReport(failingResult, { catalog: english, color: false }).split('\n').length);
  });
});

describe('formatTerminalReport wording', () => {
  it('says no findings above scan problems', () => {
    const report = formatTerminalReport(untrustworthyResult, { catalog: english, color: false });
    expect(report.startsWith('No findings in the files that were analysed, but the scan problems below make the result untrustworthy.\n')).toBe(true);
    expect(report).not.toContain('No problems');
  });

  it('says no findings on a clean scan', () => {
    expect(formatTerminalReport(passingResult, { catalog: english, color: false }).startsWith('✔ No findings.\n')).toBe(true);
  });

  it('counts every listed scan problem', () => {
    const warning = { ...failingResult.diagnostics[0]! };
    const report = formatTerminalReport({ ...untrustworthyResult, diagnostics: [...untrustworthyResult.diagnostics, warning, { ...warning, file: 'src/other' }] }, { catalog: english, color: false });
    expect(report).toContain('Result not trustworthy: 1 of the 3 scan problems listed above is an error. Fix it and run statelint again.');
  });

  it('counts scan problems that are all errors', () => {
    expect(formatTerminalReport(untrustworthyResult, { catalog: english, color: false })).toContain('Result not trustworthy: 1 scan problem listed above. Fix it and run statelint again.');
  });

  it('names skipped files in the plural', () => {
    const report = formatTerminalReport({ ...passingResult, coverage: { eligible: 9, analyzed: 4, skipped: { 'symlink-skipped': 2, 'parse-error': 1, 'file-too-large': 2 } } }, { catalog: english, color: false });
    expect(report).toContain('Not analysed: 2 files too large, 1 file with a syntax error, 2 symbolic links.');
  });
});
