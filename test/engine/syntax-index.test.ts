import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildSyntaxIndex } from '../../src/engine/syntax-index.js';

function importedModules(code: string, fileName = 'app.ts'): string[] {
  const sourceFile = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  return [...buildSyntaxIndex(sourceFile, new Set()).importedModules].sort();
}

describe('importedModules', () => {
  it.each([
    ["import session from 'express-session';", ['express-session']],
    ["import type { Request } from 'express';", ['express']],
    ["import fs = require('node:fs');", ['fs']],
    ["const { writeFile } = require('fs/promises');", ['fs']],
    ["function load() { return require('ioredis'); }", ['ioredis']],
    ['const cron = require(`node-cron`);', ['node-cron']],
    ["const { Server } = await import('socket.io');", ['socket.io']],
    ["import { promisify } from 'node:util';\nconst Redis = require('ioredis');", ['ioredis', 'util']],
  ])('%s', (code, expected) => {
    expect(importedModules(code)).toEqual(expected);
  });

  it('ignores specifiers computed at run time', () => {
    expect(importedModules('const plugin = require(name);\nconst other = await import(`./${name}`);')).toEqual([]);
  });

  it('ignores require calls with two arguments', () => {
    expect(importedModules("const x = require('a', 'b');")).toEqual([]);
  });

  it('ignores re-exports, which bind no local name', () => {
    expect(importedModules("export { Router } from 'express';")).toEqual([]);
  });
});
