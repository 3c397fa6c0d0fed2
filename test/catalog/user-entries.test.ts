import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { findCatalogSites } from '../../src/catalog/detect.js';
import { extendedCatalog } from '../../src/catalog/detector.js';
import { InvalidCatalogEntryError, parseUserCatalog, toCatalogEntries } from '../../src/catalog/user-entries.js';
import { fileContextFor } from '../../src/engine/file-context.js';
import { parseSource } from '../../src/engine/parse.js';
import { plugin } from '../../src/plugin.js';

const LOCAL_CACHE_ENTRY = {
  id: '@acme/cache/local-cache',
  package: '@acme/cache',
  category: 'shared-cache',
  severity: 'warning',
  site: { kind: 'new', exports: [{ module: '@acme/cache', path: ['LocalCache'] }] },
  stateful: { when: 'always' },
  finding: "@acme/cache's LocalCache keeps its entries in this process's memory",
  remedy: 'Use SharedCache from @acme/cache.',
};

const MEMOIZE_DECORATOR_ENTRY = {
  id: '@acme/memo/memoize',
  package: '@acme/memo',
  category: 'shared-cache',
  severity: 'warning',
  site: { kind: 'decorator', exports: [{ module: '@acme/memo', path: ['Memoize'] }] },
  stateful: { when: 'no-shared-store', store: { argument: 0, options: ['redis'] } },
  finding: '@Memoize without `redis` keeps results in this process',
  remedy: 'Pass `redis`.',
};

function statefulLines(code: string, userEntries: unknown): number[] {
  const sourceFile = parseSource('src/service.ts', code);
  const catalog = extendedCatalog(toCatalogEntries(userEntries, 'test'));
  return findCatalogSites(fileContextFor(sourceFile, 'src/service.ts'), catalog)
    .filter((site) => site.status === 'stateful')
    .map((site) => sourceFile.getLineAndCharacterOfPosition(site.node.getStart(sourceFile)).line + 1);
}

describe('user catalog entries', () => {
  it('accept a JSON entry', () => {
    const { entries, problems } = parseUserCatalog([LOCAL_CACHE_ENTRY]);
    expect(problems).toEqual([]);
    expect(entries).toEqual([{ ...LOCAL_CACHE_ENTRY, source: '' }]);
  });

  it('detect a construction', () => {
    const code = `import { LocalCache } from '@acme/cache';\nexport const cache = new LocalCache();\n`;
    expect(statefulLines(code, [LOCAL_CACHE_ENTRY])).toEqual([2]);
  });

  it('detect a decorator without its option', () => {
    const code = `import { Memoize } from '@acme/memo';\nclass Rates {\n  @Memoize({ ttl: 60 })\n  load() {}\n}\n`;
    expect(statefulLines(code, [MEMOIZE_DECORATOR_ENTRY])).toEqual([3]);
  });

  it('leave a decorator with its option', () => {
    const code = `import { Memoize } from '@acme/memo';\nimport Redis from 'ioredis';\nclass Rates {\n  @Memoize({ redis: new Redis() })\n  load() {}\n}\n`;
    expect(statefulLines(code, [MEMOIZE_DECORATOR_ENTRY])).toEqual([]);
  });

  it('reject a non-array', () => {
    expect(parseUserCatalog({ id: 'x' }).problems).toEqual(['expected an array of entries, got object']);
  });

  it('reject an unknown category', () => {
    expect(parseUserCatalog([{ ...LOCAL_CACHE_ENTRY, category: 'memory' }]).problems).toEqual([
      'entry 0 (@acme/cache/local-cache): "category" must be one of session-store, shared-cache, rate-limit-store, local-fs, timer-job, module-state, realtime-adapter, got "memory"',
    ]);
  });

  it('reject a missing store location', () => {
    const entry = { ...MEMOIZE_DECORATOR_ENTRY, stateful: { when: 'no-shared-store' } };
    expect(parseUserCatalog([entry]).problems).toEqual([
      'entry 0 (@acme/memo/memoize): "stateful.store" must be an object with "argument" and "options", got undefined',
    ]);
  });

  it('reject an export without a module', () => {
    const entry = { ...LOCAL_CACHE_ENTRY, site: { kind: 'new', exports: [{ path: ['LocalCache'] }] } };
    expect(parseUserCatalog([entry]).problems).toEqual(['entry 0 (@acme/cache/local-cache): "site.exports[0]" must be an object with a non-empty "module" string']);
  });

  it('reject an id of the built-in catalog', () => {
    expect(parseUserCatalog([{ ...LOCAL_CACHE_ENTRY, id: 'lru-cache/instance' }]).problems).toEqual([
      'entry 0 (lru-cache/instance): id "lru-cache/instance" is already used; choose another id',
    ]);
  });

  it('reject two entries with one id', () => {
    expect(parseUserCatalog([LOCAL_CACHE_ENTRY, LOCAL_CACHE_ENTRY]).problems).toEqual([
      'entry 1 (@acme/cache/local-cache): id "@acme/cache/local-cache" is already used; choose another id',
    ]);
  });

  it('throw naming the origin', () => {
    expect(() => toCatalogEntries([{}], 'statelint.config.json')).toThrow(InvalidCatalogEntryError);
    expect(() => toCatalogEntries([{}], 'statelint.config.json')).toThrow(/^Invalid catalog entries in statelint\.config\.json:\n {2}- entry 0: "id" must be a non-empty string/);
  });
});

describe('settings.statelint.catalog', () => {
  const code = `import { LocalCache } from '@acme/cache';\nexport const cache = new LocalCache();\n`;

  function lint(settings: Record<string, unknown>): Linter.LintMessage[] {
    const linter = new Linter({ configType: 'flat' });
    return linter.verify(code, [plugin.configs.recommended as Linter.Config, { settings }], { filename: 'src/cache.ts' });
  }

  it('adds entries to the rules', () => {
    const messages = lint({ statelint: { catalog: [LOCAL_CACHE_ENTRY] } });
    expect(messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([['statelint/no-in-process-cache', 2, 22]]);
    expect(messages[0]?.message).toBe(
      "@acme/cache's LocalCache keeps its entries in this process's memory, so every worker caches its own copy and a change or invalidation on one worker leaves the others serving stale entries. Use SharedCache from @acme/cache.",
    );
  });

  it('without entries reports nothing for the library', () => {
    expect(lint({})).toEqual([]);
  });

  it('with an invalid entry fails naming it', () => {
    expect(() => lint({ statelint: { catalog: [{ ...LOCAL_CACHE_ENTRY, severity: 'fatal' }] } })).toThrow(
      /settings\.statelint\.catalog:\n {2}- entry 0 \(@acme\/cache\/local-cache\): "severity" must be one of error, warning, info, got "fatal"/,
    );
  });
});
