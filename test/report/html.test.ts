import { describe, expect, it } from 'vitest';
import { formatHtml } from '../../src/report/html.js';
import { cleanResult, exampleResult } from './support/example-results.js';
import { expectGoldenFile } from './golden.js';

const GOLDEN_DIR = new URL('./golden/', import.meta.url);

describe('formatHtml', () => {
  it.each(['en', 'es'] as const)('matches the golden file: %s', (locale) => {
    expectGoldenFile(GOLDEN_DIR, `example.${locale}.html`, formatHtml(exampleResult(), { locale, sourceUrlBase: 'https://github.com/acme/order-service/blob/4f2c9e1/' }));
  });

  it.each(['en', 'es'] as const)('matches the golden file for a clean project: %s', (locale) => {
    expectGoldenFile(GOLDEN_DIR, `clean.${locale}.html`, formatHtml(cleanResult(), { locale }));
  });

  it('loads nothing from outside the file', () => {
    const html = formatHtml(exampleResult());
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/);
    expect(html).not.toMatch(/<script[^>]*\bsrc=/);
    expect(html).not.toMatch(/url\(/);
    expect(html).toContain(`content="default-src 'none';`);
  });

  it('escapes text from the project', () => {
    const result = exampleResult();
    result.header = { title: '<script>alert(1)</script>', requirement: 'a & "b"' };
    result.findings[0] = { ...result.findings[0]!, message: '<img src=x onerror=alert(1)>' };
    const html = formatHtml(result);
    expect(html).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(html).toContain('a &amp; &quot;b&quot;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });

  it('shows sections only with their data', () => {
    const html = formatHtml(cleanResult());
    expect(html).not.toContain('id="trend"');
    expect(html).not.toContain('id="processes"');
    expect(html).not.toContain('id="baseline"');
    expect(html).toContain('id="suppressions"');
  });

  it('shows the process map', () => {
    expect(formatHtml(exampleResult())).toContain('<tr><td>Background worker</td><td class="location">src/worker.ts</td><td>3</td></tr>');
  });

  it('is deterministic', () => {
    expect(formatHtml(exampleResult())).toBe(formatHtml(exampleResult()));
  });
});
