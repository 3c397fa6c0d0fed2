import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Linter as Linter9 } from 'eslint-v9';
import { LegacyESLint } from 'eslint-v9/use-at-your-own-risk';
import { ESLint as ESLint8, Linter as Linter8 } from 'eslint-v8';
import { plugin } from '../../src/plugin.js';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

const STATEFUL_SESSION = `const session = require('express-session');
app.use(session({ secret: 's' }));
`;

describe('ESLint 9', () => {
  it('runs the flat recommended config', () => {
    const linter = new Linter9({ configType: 'flat' });
    const messages = linter.verify(STATEFUL_SESSION, [plugin.configs.recommended as never], { filename: 'app.js' });
    expect(messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([['statelint/no-memory-session-store', 2, 9]]);
  });
});

describe('ESLint 8.57', () => {
  it('runs the flat recommended config', () => {
    const linter = new Linter8({ configType: 'flat' });
    const messages = linter.verify(STATEFUL_SESSION, [plugin.configs.recommended as never], { filename: 'app.js' });
    expect(messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([['statelint/no-memory-session-store', 2, 9]]);
  });
});

// The legacy eslintrc loader finds plugins by package name, so this test lays out a project whose
// node_modules links to this package as a user's install would.
describe.skipIf(!existsSync(join(repositoryRoot, 'dist/src/index.js')))('eslintrc configs', () => {
  const project = mkdtempSync(join(tmpdir(), 'statelint-eslintrc-'));
  beforeAll(() => {
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(repositoryRoot, join(project, 'node_modules', 'eslint-plugin-statelint'), 'dir');
    symlinkSync(join(repositoryRoot, 'node_modules', '@typescript-eslint'), join(project, 'node_modules', '@typescript-eslint'), 'dir');
    writeFileSync(join(project, '.eslintrc.json'), JSON.stringify({ root: true, extends: ['plugin:statelint/legacy-recommended'] }));
    writeFileSync(join(project, 'app.js'), STATEFUL_SESSION);
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('loads legacy-recommended on ESLint 9', async () => {
    const eslint = new LegacyESLint({ cwd: project });
    const [result] = await eslint.lintFiles(['app.js']);
    expect(result?.messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([['statelint/no-memory-session-store', 2, 9]]);
  });

  it('loads legacy-recommended on ESLint 8.57', async () => {
    // ESLint 8 reads eslintrc files by default.
    const eslint = new ESLint8({ cwd: project });
    const [result] = await eslint.lintFiles(['app.js']);
    expect(result?.messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([['statelint/no-memory-session-store', 2, 9]]);
  });
});
