import type { CatalogEntry } from '../types.js';
import { CACHE_ENTRIES } from './cache.js';
import { SESSION_ENTRIES } from './sessions.js';
import { STATE_ENTRIES } from './state.js';

/** Every built-in entry, grouped by criterion. */
export const CATALOG: readonly CatalogEntry[] = [...SESSION_ENTRIES, ...CACHE_ENTRIES, ...STATE_ENTRIES];
