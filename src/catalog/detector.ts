import type { Detector } from '../engine/detector.js';
import type { Category } from '../model.js';
import { detectCatalogEntries } from './detect.js';
import { CATALOG } from './entries/index.js';
import type { CatalogEntry } from './types.js';

/** The declaration of a rule built on the catalog. Its message takes `{{finding}}` and `{{remedy}}` from the entry. */
export interface CatalogDetectorSpec<MessageIds extends string> {
  id: string;
  description: string;
  categories: readonly Category[];
  messageId: MessageIds;
  message: string;
}

/** A detection that reports the catalog's sites of its categories. */
export interface CatalogDetector<MessageIds extends string> extends Detector<MessageIds> {
  /** Returns the same detection over the built-in catalog followed by `entries`, such as a project's in-house libraries. */
  withEntries(entries: readonly CatalogEntry[]): Detector<MessageIds>;
}

export function createCatalogDetector<MessageIds extends string>(spec: CatalogDetectorSpec<MessageIds>): CatalogDetector<MessageIds> {
  const build = (entries: readonly CatalogEntry[]): Detector<MessageIds> => ({
    id: spec.id,
    description: spec.description,
    categories: spec.categories,
    messages: { [spec.messageId]: spec.message } as Record<MessageIds, string>,
    detect(file, sink) {
      detectCatalogEntries(file, sink, spec.categories, spec.messageId, entries);
    },
  });

  // The same extended catalog array for the same user entries, so that the per-file site cache is shared by the rules.
  const extended = new WeakMap<readonly CatalogEntry[], Detector<MessageIds>>();
  return {
    ...build(CATALOG),
    withEntries(entries) {
      if (entries.length === 0) return build(CATALOG);
      let detector = extended.get(entries);
      if (!detector) extended.set(entries, (detector = build(extendedCatalog(entries))));
      return detector;
    },
  };
}

const catalogs = new WeakMap<readonly CatalogEntry[], readonly CatalogEntry[]>();

/** Returns the built-in catalog followed by `entries`, the same array each time for the same `entries`. */
export function extendedCatalog(entries: readonly CatalogEntry[]): readonly CatalogEntry[] {
  let catalog = catalogs.get(entries);
  if (!catalog) catalogs.set(entries, (catalog = [...CATALOG, ...entries]));
  return catalog;
}

export function isCatalogDetector(detector: Detector): detector is CatalogDetector<string> {
  return typeof (detector as Partial<CatalogDetector<string>>).withEntries === 'function';
}
