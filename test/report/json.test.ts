import { readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { ScanResult, Suppression } from '../../src/model.js';
import { formatJsonReport } from '../../src/report/json.js';
import { failingResult, passingResult, untrustworthyResult } from './canned-results.js';
import { expectGolden } from './golden.js';

const schema = JSON.parse(readFileSync(new URL('../../docs/schema/scan-result.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv2020Module.default({ allErrors: true, strict: false }).compile(schema);

describe('formatJsonReport', () => {
  it('prints a failing scan', () => {
    expectGolden('json-failing.json', formatJsonReport(failingResult));
  });

  it('prints a passing scan', () => {
    expectGolden('json-passing.json', formatJsonReport(passingResult));
  });

  it.each([
    ['failing', failingResult],
    ['passing', passingResult],
    ['untrustworthy', untrustworthyResult],
  ])('matches the schema when %s', (_, result) => {
    const valid = validate(JSON.parse(formatJsonReport(result)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects an absolute path in the schema', () => {
    const parsed = JSON.parse(formatJsonReport(failingResult)) as { findings: { file: string }[] };
    parsed.findings[0]!.file = '/home/user/project/src/app.ts';
    expect(validate(parsed)).toBe(false);
  });

  it('keeps a fixed key order whatever the input order', () => {
    const { coverage, diagnostics, compliantSites, findings, criteria, passed, minScore, level, score, tool } = failingResult;
    const reordered = { coverage, diagnostics, compliantSites, findings: [...findings].reverse(), criteria, passed, minScore, level, score, tool };
    expect(formatJsonReport(reordered)).toBe(formatJsonReport(failingResult));
  });

  it('sorts findings by file, line and column', () => {
    const parsed = JSON.parse(formatJsonReport(failingResult)) as { findings: { file: string; start: { line: number } }[] };
    expect(parsed.findings.map((finding) => `${finding.file}:${finding.start.line}`)).toEqual(['src/Routes/convert.ts:4', 'src/app.ts:3', 'src/app.ts:8', 'src/server.ts:12']);
  });

  it('keeps every related location', () => {
    const related = Array.from({ length: 20_000 }, (_unused, index) => ({ file: 'src/handlers.ts', start: { line: index + 1, column: 1 }, end: { line: index + 1, column: 9 }, message: 'changed here' }));
    const [first, ...rest] = failingResult.findings;
    const parsed = JSON.parse(formatJsonReport({ ...failingResult, findings: [{ ...first!, related }, ...rest] })) as ScanResult;
    expect(parsed.findings.find((finding) => finding.ruleId === first!.ruleId)?.related).toHaveLength(20_000);
  });

  it('keeps suppressed findings with their reason', () => {
    const suppression: Suppression = {
      file: 'src/metrics.ts',
      start: { line: 3, column: 1 },
      end: { line: 3, column: 70 },
      syntax: 'statelint',
      scope: 'next-line',
      ruleIds: ['no-module-state'],
      reason: 'per-worker counters',
      targetLine: 4,
      suppressedCount: 1,
    };
    const silenced = { ...failingResult.findings[2]!, file: 'src/metrics.ts', start: { line: 4, column: 7 }, suppression };
    const text = formatJsonReport({ ...failingResult, suppressedFindings: [silenced], suppressions: [suppression] });
    const parsed = JSON.parse(text) as ScanResult;
    expect(parsed.suppressedFindings?.map((finding) => [finding.file, finding.start.line, finding.ruleId, finding.suppression.reason])).toEqual([['src/metrics.ts', 4, 'no-module-state', 'per-worker counters']]);
    expect(validate(parsed)).toBe(true);
  });

  it('leaves out properties the model does not define', () => {
    const withExtra = { ...passingResult, debugTimestamp: '2024-01-01T00:00:00Z' } as typeof passingResult;
    expect(formatJsonReport(withExtra)).not.toContain('debugTimestamp');
  });
});
