import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fileContextFor, type FileContext } from '../../src/engine/file-context.js';
import {
  containerKindOf,
  findImportedBindingMutations,
  findModuleStateBindings,
  isLazyInitialization,
  type ContainerKind,
} from '../../src/engine/mutations.js';
import { parseSource } from '../../src/engine/parse.js';
import { isAssignmentOperator } from '../../src/engine/syntax-index.js';

function contextOf(code: string, path = 'src/example.ts'): FileContext {
  return fileContextFor(parseSource(path, code), path);
}

function lineOf(file: FileContext, node: ts.Node): number {
  return file.sourceFile.getLineAndCharacterOfPosition(node.getStart(file.sourceFile)).line + 1;
}

describe('findImportedBindingMutations', () => {
  const route = [
    "import { Router } from 'express';",
    "import { presenceByUser, isOnline } from '../state/presence.js';",
    'export const router = Router();',
    "presenceByUser.set('boot', { lastSeen: 0 });",
    "router.post('/heartbeat', (req, res) => {",
    "  presenceByUser.set(String(req.header('x-user-id')), { lastSeen: Date.now() });",
    '  res.status(204).end();',
    '});',
    "router.get('/online/:id', (req, res) => {",
    '  res.json({ online: isOnline(req.params.id), known: presenceByUser.has(req.params.id) });',
    '});',
  ].join('\n');

  it('finds a per-request change of an imported map', () => {
    const file = contextOf(route, 'src/routes/heartbeat.ts');
    const sites = findImportedBindingMutations(file, 'presenceByUser', 'map');
    expect(sites.map((site) => lineOf(file, site.node))).toEqual([6]);
    expect(sites[0]?.kind).toBe('method-call');
  });

  it('finds changes through a destructured require', () => {
    const code = ["const { seen } = require('./state');", 'exports.visit = (id) => {', '  seen.add(id);', '};'].join('\n');
    const file = contextOf(code, 'src/visit.js');
    expect(findImportedBindingMutations(file, 'seen', 'set').map((site) => lineOf(file, site.node))).toEqual([3]);
  });

  it('returns nothing for a name the file does not declare', () => {
    const file = contextOf(route, 'src/routes/heartbeat.ts');
    expect(findImportedBindingMutations(file, 'REGION_LABELS', 'map')).toEqual([]);
  });

  it('ignores reads of the imported map', () => {
    const code = ["import { REGION_LABELS } from './regions.js';", 'export const label = (code: string) => REGION_LABELS.get(code);'].join('\n');
    expect(findImportedBindingMutations(contextOf(code), 'REGION_LABELS', 'map')).toEqual([]);
  });
});

describe('findModuleStateBindings', () => {
  it('lists mutable bindings and static fields', () => {
    const code = [
      'let count = 0;',
      'var legacy;',
      'const sessions = new Map();',
      'const items: string[] = [];',
      'const totals = {};',
      'export class Registry { static entries = new Set(); static readonly NAME = "r"; }',
    ].join('\n');
    const bindings = findModuleStateBindings(contextOf(code));
    expect(bindings.map((binding) => [binding.name, binding.kind])).toEqual([
      ['count', 'value'],
      ['legacy', 'value'],
      ['sessions', 'map'],
      ['items', 'array'],
      ['totals', 'object'],
      ['entries', 'set'],
    ]);
  });

  it('skips constants, frozen objects, weak collections and destructuring', () => {
    const code = [
      'const LIMIT = 10;',
      'const config = Object.freeze({ a: 1 });',
      'const byRequest = new WeakMap();',
      'const { a, b } = { a: [], b: [] };',
      "import { LRUCache } from 'lru-cache';",
      'const lru = new LRUCache({ max: 1 });',
    ].join('\n');
    expect(findModuleStateBindings(contextOf(code))).toEqual([]);
  });
});

describe('containerKindOf', () => {
  const cases: [string, ContainerKind | undefined][] = [
    ['new Map()', 'map'],
    ['new Set<string>()', 'set'],
    ['[] as string[]', 'array'],
    ['Array.from({ length: 3 })', 'array'],
    ['new Uint8Array(4)', 'typed-array'],
    ['Object.create(null)', 'object'],
    ['new Local()', 'instance'],
    ["new (require('./store').Store)()", 'instance'],
    ['new WeakMap()', undefined],
    ['Object.freeze({})', undefined],
    ['makeStore()', undefined],
  ];
  it.each(cases)('%s is %s', (initializer, kind) => {
    const file = contextOf(`class Local {}\nconst value = ${initializer};`);
    const declaration = file.sourceFile.statements[1] as ts.VariableStatement;
    expect(containerKindOf(declaration.declarationList.declarations[0]!.initializer!, file)).toBe(kind);
  });

  it('treats a shadowed Map as unknown', () => {
    const file = contextOf("import { Map } from 'immutable';\nconst value = new Map();");
    const declaration = file.sourceFile.statements[1] as ts.VariableStatement;
    expect(containerKindOf(declaration.declarationList.declarations[0]!.initializer!, file)).toBeUndefined();
  });
});

describe('isLazyInitialization', () => {
  const lazy = [
    'function f() { x ??= make(); }',
    'function f() { x ||= make(); }',
    'function f() { x = x ?? make(); }',
    'function f() { return x || (x = make()); }',
    'function f() { if (!x) x = make(); }',
    'function f() { if (x == null) { x = make(); } }',
    'function f() { if (x === undefined) x = make(); }',
    "function f() { if (typeof x === 'undefined') x = make(); }",
    'function f() { if (x) { use(x); } else { x = make(); } }',
    'function f() { if (x) return x; x = make(); return x; }',
    'function f() { return x ? x : (x = make()); }',
    'function f() { if (x) { x = false; warmUp(); } }',
  ];
  const notLazy = [
    'function f() { x = make(); }',
    'function f() { if (x) x = make(); }',
    'function f() { if (!y) x = make(); }',
    'function f() { x += 1; }',
    'function f() { if (x) use(x); x = make(); }',
    'function f() { if (x) { x = true; } }',
  ];
  function assignmentIn(code: string): ts.BinaryExpression {
    const file = contextOf(`let x, y;\n${code}`);
    let found: ts.BinaryExpression | undefined;
    const visit = (node: ts.Node): void => {
      if (!found && ts.isBinaryExpression(node) && node.getText(file.sourceFile).startsWith('x ') && isAssignmentOperator(node.operatorToken.kind)) {
        found = node;
      }
      ts.forEachChild(node, visit);
    };
    visit(file.sourceFile);
    return found!;
  }
  it.each(lazy)('lazy: %s', (code) => {
    expect(isLazyInitialization(assignmentIn(code))).toBe(true);
  });
  it.each(notLazy)('not lazy: %s', (code) => {
    expect(isLazyInitialization(assignmentIn(code))).toBe(false);
  });
});
