/** A catalog entry for an in-house library, as a project writes it in its configuration. */
export const IN_HOUSE_CACHE_ENTRY = {
  id: '@acme/cache/local-cache',
  package: '@acme/cache',
  category: 'shared-cache',
  severity: 'warning',
  site: { kind: 'new', exports: [{ module: '@acme/cache', path: ['LocalCache'] }] },
  stateful: { when: 'always' },
  finding: "@acme/cache's LocalCache keeps its entries in this process's memory",
  remedy: 'Use SharedCache from @acme/cache, which is backed by Redis.',
} as const;
