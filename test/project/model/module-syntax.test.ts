import ts from 'typescript';
import { describe, expect, it } from 'vitest';
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
