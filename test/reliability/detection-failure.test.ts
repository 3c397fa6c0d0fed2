import tsParser from '@typescript-eslint/parser';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import { Linter as Linter8 } from 'eslint-v8';
import { Linter as Linter9 } from 'eslint-v9';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/engine/analyze-file.js';
import type { Detector } from '../../src/engine/detector.js';
import { createRule } from '../../src/eslint/create-rule.js';
import { createFromDetector } from '../../src/eslint/detector-rule.js';
import { analyzeProject } from '../../src/project/analyze-project.js';

/**
 * A detection with a real bug: it reads the second argument of every `app.use()` call, which a call
 * with one argument does not have. It reports the first call before it reaches the one that throws.
 */
const brokenDetector: Detector<'middleware'> = {
  id: 'test-broken-detection',
  description: 'Disallow nothing; fails on a one-argument app.use() call',
  categories: ['module-state'],
  messages: { middleware: 'Middleware {{name}} found.' },
  detect(file, sink) {
    for (const call of file.syntax.calls) {
      if (!ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'use') continue;
      const second = call.arguments[1] as ts.Expression;
      sink.report({ node: call, messageId: 'middleware', data: { name: second.getText() }, category: 'module-state', severity: 'error' });
    }
  },
};

/** A detection that works: it reports every `require()` call. */
const requireDetector: Detector<'require'> = {
  id: 'test-require-calls',
  description: 'Disallow nothing; reports each require() call',
  categories: ['module-state'],
  messages: { require: 'require() call.' },
  detect(file, sink) {
    for (const call of file.syntax.calls) {
      if (ts.isIdentifier(call.expression) && call.expression.text === 'require') {
        sink.report({ node: call, messageId: 'require', category: 'module-state', severity: 'error' });
      }
    }
  },
};

function ruleFor<MessageIds extends string>(detector: Detector<MessageIds>) {
  return createRule<[], MessageIds>({
    name: detector.id,
    meta: {
      type: 'problem',
      docs: { description: detector.description, recommended: false },
      messages: detector.messages,
      schema: [],
    },
    defaultOptions: [],
    create: createFromDetector(detector),
  });
}


const CODE = `const session = require('express-session');
app.use('/static', serveStatic);
app.use(session({ secret: 's' }));
`;

const EXPECTED_FAILURE =
  "statelint/test-broken-detection failed on this file and did not check it: TypeError: Cannot read properties of undefined (reading 'getText'). The other rules still ran. Report this error together with the file, because until it is fixed this rule cannot flag anything here.";

const flatConfig = [
  {
    files: ['**/*.js'],
    plugins: { test: { rules: { [brokenDetector.id]: ruleFor(brokenDetector), [requireDetector.id]: ruleFor(requireDetector) } } },
    languageOptions: { parser: tsParser },
    rules: { [`test/${brokenDetector.id}`]: 'error', [`test/${requireDetector.id}`]: 'error' },
  },
];

/** The rule, position and message id of each message; the text for a message given without an id. */
function summarize(messages: readonly Linter.LintMessage[]): unknown[] {
  return messages.map((message) => ({
    ruleId: message.ruleId,
    line: message.line,
    column: message.column,
    message: message.messageId ?? message.message,
  }));
}

const EXPECTED_MESSAGES = [
  { ruleId: 'test/test-broken-detection', line: 1, column: 1, message: EXPECTED_FAILURE },
  { ruleId: 'test/test-require-calls', line: 1, column: 17, message: 'require' },
];

describe('detection that throws', () => {
  it('becomes a failure in the engine', () => {
    const analysis = analyzeText('app.js', CODE, [brokenDetector, requireDetector]);
    expect(analysis.failures).toEqual([{ ruleId: 'test-broken-detection', file: 'app.js', message: "Cannot read properties of undefined (reading 'getText')" }]);
    expect(analysis.findings.map((finding) => [finding.ruleId, finding.start.line, finding.start.column])).toEqual([['test-require-calls', 1, 17]]);
  });

  it('becomes a line 1 message in ESLint 10', () => {
    const messages = new Linter({ configType: 'flat' }).verify(CODE, flatConfig as unknown as Linter.Config[], { filename: 'app.js' });
    expect(summarize(messages)).toEqual(EXPECTED_MESSAGES);
  });

  it('becomes a line 1 message in ESLint 9', () => {
    const messages = new Linter9({ configType: 'flat' }).verify(CODE, flatConfig as never, { filename: 'app.js' });
    expect(summarize(messages as Linter.LintMessage[])).toEqual(EXPECTED_MESSAGES);
  });

  it('becomes a line 1 message in ESLint 8.57', () => {
    const messages = new Linter8({ configType: 'flat' }).verify(CODE, flatConfig as never, { filename: 'app.js' });
    expect(summarize(messages as Linter.LintMessage[])).toEqual(EXPECTED_MESSAGES);
  });

  it('reports normally when it does not throw', () => {
    const twoArguments = "app.use('/static', serveStatic);\n";
    const messages = new Linter({ configType: 'flat' }).verify(twoArguments, flatConfig as unknown as Linter.Config[], { filename: 'app.js' });
    expect(summarize(messages)).toEqual([{ ruleId: 'test/test-broken-detection', line: 1, column: 1, message: 'middleware' }]);
  });
});

describe('detection failure message', () => {
  const periodDetector: Detector<'never'> = {
    id: 'test-period-failure',
    description: 'Disallow nothing; throws an error whose message ends with a period',
    categories: ['module-state'],
    messages: { never: 'Never reported.' },
    detect() {
      throw new RangeError('Index out of range.');
    },
  };

  it('ends with one period in the CLI and in ESLint', async () => {
    const project = mkdtempSync(join(tmpdir(), 'statelint-failure-'));
    writeFileSync(join(project, 'app.js'), CODE);
    const facts = await analyzeProject({ cwd: project, detectors: [periodDetector] }).finally(() => rmSync(project, { recursive: true, force: true }));
    const [diagnostic] = facts.diagnostics;
    expect(diagnostic?.message).toBe('Rule test-period-failure failed on this file: Index out of range.');

    const config = [{ ...flatConfig[0]!, plugins: { test: { rules: { [periodDetector.id]: ruleFor(periodDetector) } } }, rules: { [`test/${periodDetector.id}`]: 'error' } }];
    const [message] = new Linter({ configType: 'flat' }).verify(CODE, config as unknown as Linter.Config[], { filename: 'app.js' });
    expect(message?.message).toMatch(/did not check it: RangeError: Index out of range\. The other rules still ran\./);
    expect(message?.message).not.toContain('..');
  });
});
