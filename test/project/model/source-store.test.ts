import { describe, expect, it } from 'vitest';
import { parseSource } from '../../../src/engine/parse.js';
import { mayDeclareState, SourceStore, sourceTextOf } from '../../../src/project/model/source-store.js';

describe('SourceStore', () => {
  it('parses a file once, on the first request', () => {
    const store = new SourceStore();
    store.add('src/app.ts', 'export const a = 1;\n');
    const first = store.get('src/app.ts');
    expect(first?.statements).toHaveLength(1);
    expect(store.get('src/app.ts')).toBe(first);
  });

  it('returns undefined for a file it does not contain', () => {
    const store = new SourceStore();
    expect(store.get('src/missing.ts')).toBeUndefined();
    expect(store.has('src/missing.ts')).toBe(false);
  });

  it('lists paths in the order they were added', () => {
    const store = new SourceStore();
    store.add('src/b.ts', '');
    store.add('src/a.ts', '');
    expect([...store.keys()]).toEqual(['src/b.ts', 'src/a.ts']);
    expect([...store].map(([path]) => path)).toEqual(['src/b.ts', 'src/a.ts']);
    expect(store.size).toBe(2);
  });

  it('gives the text of a file without a syntax tree', () => {
    const store = new SourceStore();
    store.add('src/app.ts', 'let count = 0;\n');
    expect(sourceTextOf(store, 'src/app.ts')).toBe('let count = 0;\n');
  });

  it('reads the text of a parsed file from a map', () => {
    const files = new Map([['src/app.ts', parseSource('src/app.ts', 'let count = 0;\n')]]);
    expect(sourceTextOf(files, 'src/app.ts')).toBe('let count = 0;\n');
  });

  it('rules out state only by recorded names', () => {
    const store = new SourceStore();
    store.add('src/state.ts', 'export const presence = new Map();\n', new Set(['presence']));
    store.add('src/unknown.ts', 'export const cache = new Map();\n');
    expect(mayDeclareState(store, 'src/state.ts', 'presence')).toBe(true);
    expect(mayDeclareState(store, 'src/state.ts', 'sessions')).toBe(false);
    expect(mayDeclareState(store, 'src/unknown.ts', 'cache')).toBe(true);
  });

  it('never rules out state for a map of parsed files', () => {
    const files = new Map([['src/state.ts', parseSource('src/state.ts', 'export const presence = new Map();\n')]]);
    expect(mayDeclareState(files, 'src/state.ts', 'sessions')).toBe(true);
  });
});
