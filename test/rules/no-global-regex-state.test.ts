import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-global-regex-state.js';
import { noGlobalRegexState } from '../../src/detections/no-global-regex-state.js';
import { analyzeText } from '../../src/engine/analyze-file.js';
import { createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-global-regex-state', rule, {
  valid: [
    {
      name: 'expression without g or y',
      code: `
const SKU = /^[A-Z]{3}-\\d{4}$/i;
export const isSku = (code: string) => SKU.test(code);
`,
    },
    {
      name: 'global expression with matchAll',
      code: `
const TAG = /#(\\w+)/g;
export const tags = (text: string) => [...text.matchAll(TAG)].map((match) => match[1]);
`,
    },
    {
      name: 'global expression with replace',
      code: `
const SPACES = /\\s+/g;
export const squash = (text: string) => text.replace(SPACES, ' ');
`,
    },
    {
      name: 'test at module load',
      code: `
const FLAG = /on/g;
export const enabled = FLAG.test(process.env.FEATURE ?? '');
`,
    },
    {
      name: 'lastIndex reset before test',
      code: `
const WORD = /\\w+/g;
export function hasWord(text: string) {
  WORD.lastIndex = 0;
  return WORD.test(text);
}
`,
    },
    {
      name: 'exec loop that runs until null',
      code: `
const PAIR = /(\\w+)=(\\w+)/g;
export function parse(text: string) {
  const pairs: string[][] = [];
  let match: RegExpExecArray | null;
  while ((match = PAIR.exec(text)) !== null) {
    pairs.push([match[1]!, match[2]!]);
  }
  return pairs;
}
`,
    },
    {
      name: 'expression created inside the function',
      code: `
export function isSku(code: string) {
  const sku = /^[A-Z]{3}$/g;
  return sku.test(code);
}
`,
    },
    {
      name: 'sticky expression with search',
      code: `
const HEAD = /abc/y;
export const at = (text: string) => text.search(HEAD);
`,
    },
    {
      name: 'file in a scripts folder',
      filename: 'scripts/check.ts',
      code: `
const SKU = /^[A-Z]{3}$/g;
export const isSku = (code: string) => SKU.test(code);
`,
    },
    {
      name: 'RegExp with flags built elsewhere',
      code: `
const pattern = new RegExp('a+', process.env.FLAGS);
export const hasA = (text: string) => pattern.test(text);
`,
    },
    {
      name: 'test in Next.js instrumentation register',
      filename: 'instrumentation.ts',
      code: `
const ENABLED = /^(1|true)$/g;
export async function register() {
  if (ENABLED.exec(process.env.TRACING ?? '') !== null) await import('./tracing');
}
`,
    },
  ],
  invalid: [
    {
      name: 'global expression tested in a handler',
      code: `
const SKU = /^[A-Z]{3}-\\d{4}$/g;
export const isSku = (code: string) => SKU.test(code);
`,
      errors: [
        {
          messageId: 'sharedLastIndex',
          data: { name: 'SKU', flags: 'g' },
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 10,
          suggestions: [
            {
              messageId: 'removeGlobalFlag',
              data: { name: 'SKU' },
              output: `
const SKU = /^[A-Z]{3}-\\d{4}$/;
export const isSku = (code: string) => SKU.test(code);
`,
            },
          ],
        },
      ],
    },
    {
      name: 'sticky expression with exec',
      code: `
const TOKEN = /[a-z]+/y;
export function next(text: string) {
  return TOKEN.exec(text);
}
`,
      errors: [{ messageId: 'sharedLastIndex', data: { name: 'TOKEN', flags: 'y' }, line: 2, column: 7, endLine: 2, endColumn: 12 }],
    },
    {
      name: 'RegExp constructor with the g flag',
      filename: 'match.js',
      code: `
const WORD = new RegExp('\\\\w+', 'gi');
exports.hasWord = (text) => WORD.test(text);
`,
      errors: [
        {
          messageId: 'sharedLastIndex',
          data: { name: 'WORD', flags: 'g' },
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 11,
          suggestions: [
            {
              messageId: 'removeGlobalFlag',
              data: { name: 'WORD' },
              output: `
const WORD = new RegExp('\\\\w+', 'i');
exports.hasWord = (text) => WORD.test(text);
`,
            },
          ],
        },
      ],
    },
    {
      name: 'sticky expression with match',
      code: `
const HEAD = /abc/y;
export const head = (text: string) => text.match(HEAD);
`,
      errors: [{ messageId: 'sharedLastIndex', data: { name: 'HEAD', flags: 'y' }, line: 2, column: 7, endLine: 2, endColumn: 11 }],
    },
    {
      name: 'exec loop that can stop early',
      code: `
const PAIR = /(\\w+)=(\\w+)/g;
export function first(text: string) {
  let match: RegExpExecArray | null;
  while ((match = PAIR.exec(text)) !== null) {
    if (match[1] === 'id') break;
  }
  return match;
}
`,
      errors: [{ messageId: 'sharedLastIndex', line: 2, column: 7, endLine: 2, endColumn: 11 }],
    },
    {
      name: 'test in a Next.js route handler',
      filename: 'app/api/check/route.ts',
      code: `
const ENABLED = /^(1|true)$/g;
export async function GET(request: Request) {
  return Response.json({ on: ENABLED.exec(new URL(request.url).searchParams.get('flag') ?? '') !== null });
}
`,
      errors: [{ messageId: 'sharedLastIndex', line: 2, column: 7, endLine: 2, endColumn: 14 }],
    },
    {
      name: 'test in a route inside a fastify plugin',
      code: `
import fp from 'fastify-plugin';
const SLUG = /^[a-z-]+$/g;
export default fp(async (app) => {
  app.get('/pages/:slug', async (request) => ({ valid: SLUG.exec((request.params as { slug: string }).slug) !== null }));
});
`,
      errors: [{ messageId: 'sharedLastIndex', line: 3, column: 7, endLine: 3, endColumn: 11 }],
    },
    {
      name: 'no flag removal when replace also uses the expression',
      code: `
const SPACE = /\\s/g;
export const hasSpace = (text: string) => SPACE.test(text);
export const squash = (text: string) => text.replace(SPACE, ' ');
`,
      errors: [{ messageId: 'sharedLastIndex', line: 2, column: 7, endLine: 2, endColumn: 12, suggestions: [] }],
    },
    {
      name: 'no flag removal for an exported expression',
      code: `
const SKU = /^[A-Z]{3}$/g;
export const isSku = (code: string) => SKU.test(code);
export { SKU };
`,
      errors: [{ messageId: 'sharedLastIndex', line: 2, column: 7, endLine: 2, endColumn: 10, suggestions: [] }],
    },
    {
      name: 'no flag removal with the sticky flag',
      code: `
const HEAD = /abc/gy;
export const startsWithAbc = (text: string) => HEAD.test(text);
`,
      errors: [{ messageId: 'sharedLastIndex', line: 2, column: 7, endLine: 2, endColumn: 11, suggestions: [] }],
    },
  ],
});

describe('no-global-regex-state findings', () => {
  it('points related locations at each call', () => {
    const code = ['const SKU = /^[A-Z]{3}$/g;', 'export function a(code: string) {', '  return SKU.test(code);', '}'].join('\n');
    const [finding] = analyzeText('src/sku.ts', code, [noGlobalRegexState]).findings;
    expect(finding?.category).toBe('module-state');
    expect(finding?.related.map((related) => related.start)).toEqual([{ line: 3, column: 10 }]);
  });
});
