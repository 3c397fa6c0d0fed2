import { describe, expect, it } from 'vitest';
import { detectors } from '../../src/detections/index.js';
import { analyzeSourceFile } from '../../src/engine/analyze-file.js';
import { parseForAnalysis } from '../../src/engine/parse.js';

/** A session middleware with no store: every case below must still find it on its last line. */
const MEMORY_SESSION = "import session from 'express-session';\napp.use(session({ secret: 's' }));";

const cases: [name: string, fileName: string, code: string][] = [
  ['standard decorators', 'a.ts', '@Controller()\nclass A { @Get() @Inject(X) handle(@Body() body: unknown) {} }'],
  ['legacy decorators with arguments', 'a.ts', '@Module({ imports: [] })\nexport class AppModule {}'],
  ['accessor fields', 'a.ts', 'class A { accessor count = 0; static accessor shared = 1; }'],
  ['satisfies', 'a.ts', "const config = { port: 80 } satisfies Record<string, number>;"],
  ['using and await using', 'a.ts', 'async function f() { using lock = take(); await using file = open(); }'],
  ['static blocks', 'a.ts', 'class A { static #cache = new Map(); static { A.#cache.clear(); } }'],
  ['import attributes', 'a.ts', "import data from './data.json' with { type: 'json' };"],
  ['import type and inline type specifiers', 'a.ts', "import type { A } from './a.js';\nimport { type B, C } from './b.js';"],
  ['const type parameters', 'a.ts', 'function f<const T extends readonly unknown[]>(value: T): T { return value; }'],
  ['enums and namespaces', 'a.ts', 'enum Color { Red }\nnamespace N { export const x = 1; }\ndeclare module "m" {}'],
  ['explicit resource types and assertion functions', 'a.ts', 'function assert(value: unknown): asserts value is string {}'],
  ['ES module TypeScript', 'a.mts', 'export const x: number = 1;\nexport default x;'],
  ['CommonJS TypeScript', 'a.cts', "import fs = require('node:fs');\nexport = fs;"],
  ['TSX with a generic arrow', 'a.tsx', 'const f = <T,>(value: T) => <div>{String(value)}</div>;'],
  ['TSX generic component', 'a.tsx', 'const list = <List<string> items={[]} />;'],
  ['JSX in a .js file', 'a.js', 'const view = () => <main className="x">{1}</main>;'],
  ['private methods and #x in obj', 'a.js', 'class A { #secret() {} static is(o) { return #secret in o; } }'],
  ['regular expression v flag', 'a.js', 'const letters = /[\\p{L}--[a-z]]/v;'],
  ['top-level await and optional chaining', 'a.mjs', 'const value = await load?.()?.data ?? 0;'],
  ['logical assignment and numeric separators', 'a.js', 'let limit = 1_000_000n; options.retries ||= 3; cache ??= new Map();'],
];

describe('modern syntax', () => {
  it.each(cases)('parses and analyses %s', (_name, fileName, code) => {
    const text = `${code}\n${MEMORY_SESSION}\n`;
    const parsed = parseForAnalysis(fileName, text);
    if (!parsed.ok) throw new Error(`${fileName}: ${JSON.stringify(parsed.failure)}`);

    const analysis = analyzeSourceFile(parsed.sourceFile, fileName, detectors);

    expect(analysis.failures).toEqual([]);
    const sessionLine = text.split('\n').length - 1;
    expect(analysis.findings.some((finding) => finding.ruleId === 'no-memory-session-store' && finding.start.line === sessionLine)).toBe(true);
  });

  it('parses a hashbang line', () => {
    // A file with a hashbang is a one-off script, so it is parsed and analysed but the session rule stays quiet.
    const parsed = parseForAnalysis('server.js', `#!/usr/bin/env node\n${MEMORY_SESSION}\n`);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.failure));
    expect(analyzeSourceFile(parsed.sourceFile, 'server.js', detectors).failures).toEqual([]);
  });
});
