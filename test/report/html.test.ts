import { describe, expect, it } from 'vitest';
import { MAX_RELATED_SHOWN } from '../../src/report/document-parts.js';
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

  it('escapes control characters from the project', () => {
    const result = exampleResult();
    result.findings[0] = { ...result.findings[0]!, file: 'src/x\nfake.\u001b[2J\u202e.js' };
    const html = formatHtml(result);
    expect(html).toContain('src/x\\nfake.\\x1B[2J\\u202E.js:14:9');
    expect(html).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('shows the deployment facts and notes', () => {
    const html = formatHtml(exampleResult(), { locale: 'es' });
    expect(html).toContain('<section id="deployment"><h2>Despliegue</h2>');
    expect(html).toContain('<tr><td>Enrutamiento con afinidad</td><td><span class="fact-yes">sí</span></td><td><ul class="related"><li><span class="location">deploy/nginx.conf:5</span> nginx upstream orders: ip_hash</li></ul></td></tr>');
    expect(html).toContain('<p>El nivel óptimo exige una puntuación del 100\u00a0% y autoescalado configurado.</p>');
    expect(html).toContain('<div class="note"><p>El enrutamiento con afinidad (sticky) devuelve');
  });

  it(`caps related locations at ${MAX_RELATED_SHOWN}`, () => {
    const result = exampleResult();
    const related = Array.from({ length: 20_000 }, (_unused, index) => ({ file: 'src/handlers.ts', start: { line: index + 1, column: 3 }, end: { line: index + 1, column: 9 }, message: 'changed here' }));
    result.findings[0] = { ...result.findings[0]!, related };
    const html = formatHtml(result);
    expect(html.match(/src\/handlers\.ts:\d+:3/g)).toHaveLength(MAX_RELATED_SHOWN);
    expect(html).toContain('<li>and 19,990 more related locations</li></ul>');
  });

  it('shows sections only with their data', () => {
    const html = formatHtml(cleanResult());
    expect(html).not.toContain('id="trend"');
    expect(html).not.toContain('id="processes"');
    expect(html).not.toContain('id="baseline"');
    expect(html).not.toContain('id="deployment"');
    expect(html).toContain('id="suppressions"');
  });

  it('shows the process map', () => {
    expect(formatHtml(exampleResult())).toContain('<tr><td>Background worker</td><td class="location">src/worker.ts</td><td>3</td></tr>');
  });

  it('is deterministic', () => {
    expect(formatHtml(exampleResult())).toBe(formatHtml(exampleResult()));
  });
});
