import { describe, expect, it } from 'vitest';
import { MAX_RELATED_SHOWN } from '../../src/report/document-parts.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import type { Finding, ScanResult } from '../../src/model.js';
import { cleanResult, exampleResult } from './support/example-results.js';
import { expectGoldenFile } from './golden.js';

const GOLDEN_DIR = new URL('./golden/', import.meta.url);

function manyFindings(count: number): ScanResult {
  const result = exampleResult();
  const template = result.findings[0]!;
  result.findings = Array.from({ length: count }, (_unused, index): Finding => ({
    ...template,
    file: `src/routes/route-${String(index).padStart(5, '0')}.ts`,
    fingerprint: index.toString(16).padStart(32, '0'),
  }));
  return result;
}

describe('formatMarkdown', () => {
  it.each(['en', 'es'] as const)('matches the golden file: %s', (locale) => {
    expectGoldenFile(GOLDEN_DIR, `example.${locale}.md`, formatMarkdown(exampleResult(), { locale, sourceUrlBase: 'https://github.com/acme/order-service/blob/4f2c9e1/' }));
  });

  it.each(['en', 'es'] as const)('matches the golden file for a clean project: %s', (locale) => {
    expectGoldenFile(GOLDEN_DIR, `clean.${locale}.md`, formatMarkdown(cleanResult(), { locale }));
  });

  it('links findings to the rule page', () => {
    const text = formatMarkdown(exampleResult());
    expect(text).toContain('[no-in-process-jobs](https://github.com/statelint/eslint-plugin-statelint/blob/v0.1.0/docs/rules/no-in-process-jobs.md)');
  });

  it('lists errors before warnings and notes', () => {
    const text = formatMarkdown(exampleResult());
    expect(text.indexOf('src/app.ts:14:9')).toBeLessThan(text.indexOf('src/jobs/cleanup.ts:5:1'));
    expect(text.indexOf('src/jobs/cleanup.ts:5:1')).toBeLessThan(text.indexOf('src/pdf/render.ts:8:3'));
  });

  it('escapes pipes inside table cells', () => {
    const text = formatMarkdown(exampleResult());
    expect(text).toContain('per-worker counters are summed by Prometheus \\| not shared state');
  });

  it('flags a suppression without reason', () => {
    expect(formatMarkdown(exampleResult())).toContain('| ⚠️ _no reason given_ | 0 |');
  });

  it('stays below the byte limit', () => {
    const text = formatMarkdown(manyFindings(20_000));
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(1024 * 1024);
    expect(Buffer.byteLength(text, 'utf8')).toBeGreaterThan(900 * 1024);
    expect(text).toMatch(/\n> \d+ more rows are left out to keep this summary under the size limit\./);
  });

  it('cuts whole rows only', () => {
    const text = formatMarkdown(manyFindings(500), { maxBytes: 20_000 });
    const rows = text.split('\n').filter((line) => line.startsWith('| error |'));
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(20_000);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/ \|$/);
    const hidden = Number(/> (\d+) more rows/.exec(text)?.[1]);
    expect(rows.length + hidden).toBe(500);
  });

  it('keeps everything under the limit', () => {
    expect(formatMarkdown(manyFindings(3))).not.toContain('more rows are left out');
  });

  it('escapes control characters in file names', () => {
    const result = exampleResult();
    result.findings[0] = { ...result.findings[0]!, file: 'src/x\nGate passed.\u001b[2J\u202e.js' };
    const text = formatMarkdown(result);
    expect(text).toContain('src/x\\\\nGate passed.\\\\x1B\\[2J\\\\u202E.js:14:9');
    expect(text.split('\n').some((line) => line.startsWith('Gate passed'))).toBe(false);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('escapes pipes, backticks and HTML in file names', () => {
    const result = exampleResult();
    result.findings[0] = { ...result.findings[0]!, file: 'src/a|b`c<script>.ts' };
    expect(formatMarkdown(result)).toContain('| error | src/a\\|b\\`c\\<script\\>.ts:14:9 |');
  });

  it('keeps code spans in messages unescaped', () => {
    const result = exampleResult();
    result.findings[0] = { ...result.findings[0]!, message: '`user_cache` is changed by requests; `a|b` too, and a stray ` here.' };
    expect(formatMarkdown(result)).toContain('| `user_cache` is changed by requests; `a\\|b` too, and a stray \\` here. |');
  });

  it('shows the deployment facts and notes', () => {
    const text = formatMarkdown(exampleResult());
    expect(text).toContain('## Deployment\n\n| Fact | State | Evidence |\n| --- | --- | --- |\n| Auto-scaling | unknown |  |\n');
    expect(text).toContain('| Sticky routing | yes | deploy/nginx.conf:5 nginx upstream orders: ip\\_hash |');
    expect(text).toContain('\nOptimal needs a score of 100% and auto-scaling configured.\n');
    expect(text).toContain('> ⚠️ Sticky routing sends each client back to the same worker');
    expect(text).toContain('- src/metrics.ts:4:7\n');
  });

  it.each([
    ['target', 'unknown', 'The score is 100%, but the level is target, not optimal: no deployment file shows auto-scaling for the web workers.'],
    ['target', 'no', 'The score is 100%, but the level is target, not optimal: the deployment files show no auto-scaling for the web workers.'],
    ['optimal', 'yes', 'Optimal: the score is 100% and auto-scaling is configured.'],
  ] as const)('explains the %s level with auto-scaling %s', (level, autoscaling, explanation) => {
    const result = { ...exampleResult(), score: 100, level };
    result.deployment = { ...result.deployment!, autoscaling: { state: autoscaling, evidence: [] } };
    expect(formatMarkdown(result)).toContain(`\n${explanation}\n`);
  });

  it(`caps a note at ${MAX_RELATED_SHOWN} locations`, () => {
    const result = exampleResult();
    const related = Array.from({ length: 20_000 }, (_unused, index) => ({ file: 'src/handlers.ts', start: { line: index + 1, column: 3 }, end: { line: index + 1, column: 9 } }));
    result.deployment!.notes = [{ ...result.deployment!.notes[0]!, related }];
    const text = formatMarkdown(result);
    expect(text.split('\n').filter((line) => line.startsWith('- src/handlers.ts:'))).toHaveLength(MAX_RELATED_SHOWN);
    expect(text).toContain('- and 19,990 more related locations\n');
  });

  it('limits the top findings on request', () => {
    const text = formatMarkdown(manyFindings(50), { maxFindings: 10 });
    expect(text).toContain('The 10 most severe of 50 findings.');
    expect(text).not.toContain('more rows are left out');
  });
});
