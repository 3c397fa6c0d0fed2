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
  return catalogBackedDetector((catalog) => ({
    id: spec.id,
    description: spec.description,
    categories: spec.categories,
    messages: { [spec.messageId]: spec.message } as Record<MessageIds, string>,
    detect(file, sink) {
      detectCatalogEntries(file, sink, spec.categories, spec.messageId, catalog);
    },
  }));
}

/**
 * Makes a catalog detection from `detectorOver`, which builds the detection over a given catalog.
 * The result runs over the built-in catalog, and `withEntries` builds it once per array of user
 * entries over the extended catalog, so every rule given the same entries shares one catalog
 * array and with it the per-file site cache.
 */
export function catalogBackedDetector<MessageIds extends string>(detectorOver: (catalog: readonly CatalogEntry[]) => Detector<MessageIds>): CatalogDetector<MessageIds> {
  const builtIn = detectorOver(CATALOG);
  const byEntries = new WeakMap<readonly CatalogEntry[], Detector<MessageIds>>();
  return {
    ...builtIn,
    withEntries(entries) {
      if (entries.length === 0) return builtIn;
      let detector = byEntries.get(entries);
      if (!detector) byEntries.set(entries, (detector = detectorOver(extendedCatalog(entries))));
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
