import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildSyntaxIndex } from '../../../src/engine/syntax-index.js';
import { readModuleSyntax } from '../../../src/project/model/module-syntax.js';

function loadedFolders(code: string): string[] {
  return readModuleSyntax(ts.createSourceFile('app.ts', code, ts.ScriptTarget.Latest, true)).loadedFolders;
}

describe('loadedFolders', () => {
  it.each([
    ["import autoload from '@fastify/autoload';\nimport { join } from 'node:path';\nfastify.register(autoload, { dir: join(import.meta.dirname, 'routes') });", ['routes']],
    ["const autoload = require('@fastify/autoload');\nconst path = require('path');\nfastify.register(autoload, { dir: path.join(__dirname, 'plugins', 'app') });", ['plugins/app']],
    ["import AutoLoad from 'fastify-autoload';\nfastify.register(AutoLoad, { dir: path.resolve(dirname(fileURLToPath(import.meta.url)), '../shared') });", ['../shared']],
  ])('%s', (code, expected) => {
    expect(loadedFolders(code)).toEqual(expected);
  });

  it('ignores a folder built at run time', () => {
    expect(loadedFolders("import autoload from '@fastify/autoload';\nfastify.register(autoload, { dir: process.env.PLUGINS_DIR });")).toEqual([]);
  });

  it('ignores register calls of other plugins', () => {
    expect(loadedFolders("import statics from '@fastify/static';\nfastify.register(statics, { dir: join(__dirname, 'public') });")).toEqual([]);
  });
});

describe('readModuleSyntax', () => {
  function syntaxOf(code: string): ReturnType<typeof readModuleSyntax> {
    return readModuleSyntax(ts.createSourceFile('app.js', code, ts.ScriptTarget.Latest, true));
  }

  it('finds a require nested in a function', () => {
    expect(syntaxOf("function connect() { return require('./db'); }").dependencies).toEqual([{ specifier: './db', kind: 'require' }]);
  });

  it('finds a dynamic import nested in a function', () => {
    expect(syntaxOf("async function load() { return import('./routes.js'); }").dependencies).toEqual([{ specifier: './routes.js', kind: 'dynamic-import' }]);
  });

  it('binds only top-level requires', () => {
    expect(syntaxOf("const db = require('./db');\nfunction f() { const cache = require('./cache'); }").imports).toEqual([{ local: 'db', imported: '*', specifier: './db' }]);
  });

  it('reads CommonJS exports at the top level only', () => {
    const syntax = syntaxOf('exports.a = a;\nmodule.exports.b = 1;\nfunction f() { exports.c = c; }');
    expect(syntax.exports).toHaveLength(2);
    expect(syntax.exports).toContainEqual({ exported: 'a', local: 'a' });
    expect(syntax.exports).toContainEqual({ exported: 'b' });
  });

  it('takes the calls of a syntax index', () => {
    const sourceFile = ts.createSourceFile('app.js', "const db = require('./db');\nimport('./lazy.js');", ts.ScriptTarget.Latest, true);
    const calls = buildSyntaxIndex(sourceFile, new Set()).calls;
    expect(readModuleSyntax(sourceFile, calls)).toEqual(readModuleSyntax(sourceFile));
  });
});
