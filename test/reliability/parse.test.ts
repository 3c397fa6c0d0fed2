import { describe, expect, it } from 'vitest';
import { detectors } from '../../src/detections/index.js';
import { analyzeSourceFile } from '../../src/engine/analyze-file.js';
import { blankHtmlComments, parseErrorDiagnostic, parseForAnalysis, type ParseResult } from '../../src/engine/parse.js';

function failureOf(result: ParseResult): unknown {
  return result.ok ? undefined : result.failure;
}

const MEMORY_SESSION = "const session = require('express-session');\napp.use(session({ secret: 's' }));\n";

describe('sloppy-mode JavaScript', () => {
  const sloppy: [name: string, code: string][] = [
    ['with statement', 'with (config) { port = 80; }'],
    ['legacy octal literal', 'var mode = 0755;'],
    ['decimal with leading zero', 'var day = 08;'],
    ['octal escape in a string', 'var bell = "\\07";'],
    ['\\8 escape in a string', 'var eight = "\\8";'],
    ['duplicate parameter names', 'function f(a, a) { return a; }'],
    ['delete of a plain name', 'var x = 1; delete x;'],
    ['eval and arguments as names', 'var eval = 1; var arguments = 2;'],
    ['function in an if without braces', 'if (ready) function start() {}'],
    ['HTML open comment at line start', '<!-- hidden from old browsers\nvar a = 1;'],
    ['HTML open comment after code', 'var a = 1; <!-- the rest is a comment `'],
    ['HTML close comment at line start', 'var a = 1;\n--> end of script'],
    ['HTML close comment after white space', 'var a = 1;\n \t --> end'],
    ['HTML close comment after a block comment', 'var a = 1;\n/* note */ --> end'],
    ['HTML close comment after a multi-line comment', 'var a = 1; /*\n*/--> end'],
  ];

  it.each(sloppy)('parses %s', (_name, code) => {
    expect(failureOf(parseForAnalysis('legacy.js', code))).toBeUndefined();
  });

  it('analyses a sloppy file like a strict one', () => {
    const sloppyText = `${MEMORY_SESSION}with (options) { var mode = 0755; }\n<!-- legacy\n`;
    const parsed = parseForAnalysis('legacy.js', sloppyText);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.failure));
    const findings = analyzeSourceFile(parsed.sourceFile, 'legacy.js', detectors).findings;
    expect(findings.map((finding) => [finding.ruleId, finding.start.line])).toEqual([['no-memory-session-store', 2]]);
  });

  it('keeps positions after HTML comments', () => {
    const parsed = parseForAnalysis('legacy.js', `<!-- a\n--> b\n${MEMORY_SESSION}`);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.failure));
    const [finding] = analyzeSourceFile(parsed.sourceFile, 'legacy.js', detectors).findings;
    expect(finding?.start).toEqual({ line: 4, column: 9 });
    expect(finding?.end).toEqual({ line: 4, column: 33 });
  });
});

describe('HTML-like comments', () => {
  it('blanks only the comment markers', () => {
    expect(blankHtmlComments('a = 1; <!-- x\n--> y\n')).toBe('a = 1; //-- x\n//> y\n');
  });

  it('leaves markers in strings and templates', () => {
    const text = 'a = "<!--"; b = `<!-- ${c} -->`; d = \'-->\';\n';
    expect(blankHtmlComments(text)).toBe(text);
  });

  it('leaves markers in regular expressions', () => {
    const text = 'var open = /<!--/; var close = /-->/g;\n';
    expect(blankHtmlComments(text)).toBe(text);
  });

  it('leaves a decrement followed by greater-than mid-line', () => {
    const text = 'while (n --> 0) step();\n';
    expect(blankHtmlComments(text)).toBe(text);
  });

  it('ignores HTML comments in ES modules', () => {
    expect(failureOf(parseForAnalysis('page.mjs', '<!-- x\nexport {};'))).toEqual({
      reason: 'syntax error: Expression expected.',
      start: { line: 1, column: 1 },
    });
  });

  it('ignores HTML comments in TypeScript', () => {
    expect(parseForAnalysis('page.ts', '<!-- x\nexport {};').ok).toBe(false);
  });
});

describe('syntax errors', () => {
  const broken: [name: string, fileName: string, code: string, reason: string, line: number, column: number][] = [
    ['missing expression', 'a.js', 'let x = ;', "syntax error: Expression expected.", 1, 9],
    ['unterminated string', 'a.ts', "const a = 1;\nconst b = 'open;\n", 'syntax error: Unterminated string literal.', 2, 17],
    ['unclosed block', 'a.ts', 'function f() {\n  return 1;\n', "syntax error: '}' expected.", 3, 1],
    ['let as a name in a for head', 'a.js', 'for (let();;);', 'syntax error: Variable declaration expected. (4 syntax errors in all; this is the first)', 1, 9],
  ];

  it.each(broken)('reports %s', (_name, fileName, code, reason, line, column) => {
    expect(failureOf(parseForAnalysis(fileName, code))).toEqual({ reason, start: { line, column } });
  });

  it('builds a parse-error diagnostic', () => {
    const parsed = parseForAnalysis('src/a.js', 'let x = ;');
    if (parsed.ok) throw new Error('expected a syntax error');
    expect(parseErrorDiagnostic('src/a.js', parsed.failure)).toEqual({
      code: 'parse-error',
      severity: 'error',
      file: 'src/a.js',
      start: { line: 1, column: 9 },
      message: 'src/a.js could not be analysed: syntax error: Expression expected.',
      hint: 'Fix the syntax so that the file compiles, or exclude the file from the scan if it is not source code.',
    });
  });
});

describe('deep nesting', () => {
  const tooDeep: [name: string, code: string][] = [
    ['1,000 nested arrays', `x = ${'['.repeat(1000)}${']'.repeat(1000)};`],
    ['10,000 nested parentheses', `x = ${'('.repeat(10_000)}1${')'.repeat(10_000)};`],
    ['5,000 nested blocks', `${'{'.repeat(5000)}${'}'.repeat(5000)}`],
    ['5,000 else-if branches', `if (a) {}${' else if (a) {}'.repeat(5000)}`],
    ['5,000 nested arrow functions', `x = ${'() => '.repeat(5000)}1;`],
  ];

  it.each(tooDeep)('reports %s as a parse error', (_name, code) => {
    expect(failureOf(parseForAnalysis('deep.js', code))).toEqual({
      reason: 'the code is nested too deeply for the parser: parsing it exceeded the maximum call stack size',
    });
  });

  it('parses 500 nested arrays', () => {
    expect(parseForAnalysis('deep.js', `x = ${'['.repeat(500)}${']'.repeat(500)};`).ok).toBe(true);
  });

  // The parser builds these chains without recursion, so the tree is 5,000 levels deep: every
  // detection must walk it without recursion, and in time about linear in its size.
  const n = 5000;
  const deepButParsed: [name: string, expression: string][] = [
    ['binary chain', `${'hits + '.repeat(n)}429`],
    ['logical chain', `${'hits && '.repeat(n)}429`],
    ['comma chain', `(${'hits, '.repeat(n)}429)`],
    ['member chain', `hits${'.next'.repeat(n)}`],
    ['call chain', `hits${'()'.repeat(n)}`],
    ['method chain', `hits${'.get(429)'.repeat(n)}`],
    ['string concatenation', `${"'a' + ".repeat(n)}'b'`],
  ];

  it.each(deepButParsed)('runs every detection over a %s', (_name, expression) => {
    const code = [
      "import session from 'express-session';",
      'const hits = new Map();',
      'let counter = 0;',
      `export function limitRequests(request, response) { counter++; hits.set(request.ip, ${expression}); }`,
      `export const handler = () => ${expression};`,
      'app.use(session({}));',
    ].join('\n');
    const parsed = parseForAnalysis('src/deep.ts', code);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.failure));

    const analysis = analyzeSourceFile(parsed.sourceFile, 'src/deep.ts', detectors);

    expect(analysis.failures).toEqual([]);
    expect(analysis.findings.some((finding) => finding.ruleId === 'no-memory-session-store' && finding.start.line === 6)).toBe(true);
  }, 30_000);
});
