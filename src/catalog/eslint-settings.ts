import type { TSESLint } from '@typescript-eslint/utils';
import type { Detector } from '../engine/detector.js';
import { createFromDetector } from '../eslint/detector-rule.js';
import type { CatalogDetector } from './detector.js';
import type { CatalogEntry } from './types.js';
import { toCatalogEntries } from './user-entries.js';

const entriesBySetting = new WeakMap<object, CatalogEntry[]>();

/**
 * Reads a project's own entries from ESLint's `settings.statelint.catalog`. Converted once per
 * settings array, not once per linted file; an invalid entry throws an error that names it.
 */
export function catalogEntriesFromSettings(settings: Readonly<Record<string, unknown>>): readonly CatalogEntry[] {
  const statelint = settings.statelint;
  if (typeof statelint !== 'object' || statelint === null) return [];
  const catalog = (statelint as { catalog?: unknown }).catalog;
  if (catalog === undefined) return [];
  if (typeof catalog !== 'object' || catalog === null) return toCatalogEntries(catalog, 'settings.statelint.catalog');

  let entries = entriesBySetting.get(catalog);
  if (!entries) entriesBySetting.set(catalog, (entries = toCatalogEntries(catalog, 'settings.statelint.catalog')));
  return entries;
}

/** Builds a rule's `create` from a catalog detection, adding the entries of `settings.statelint.catalog`. */
export function createFromCatalogDetector<MessageIds extends string>(detector: CatalogDetector<MessageIds>) {
  const createDefault = createFromDetector(detector as Detector<MessageIds>);
  return (context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>): TSESLint.RuleListener => {
    const entries = catalogEntriesFromSettings(context.settings);
    if (entries.length === 0) return createDefault(context);
    return createFromDetector(detector.withEntries(entries))(context);
  };
}
