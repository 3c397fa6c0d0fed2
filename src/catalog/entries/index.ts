import type { CatalogEntry } from '../types.js';
import { CACHE_ENTRIES } from './cache.js';
import { FILE_ENTRIES } from './files.js';
import { JOB_ENTRIES } from './jobs.js';
import { SESSION_ENTRIES } from './sessions.js';
import { STATE_ENTRIES } from './state.js';

/** Every built-in entry, grouped by criterion. */
export const CATALOG: readonly CatalogEntry[] = [...SESSION_ENTRIES, ...CACHE_ENTRIES, ...FILE_ENTRIES, ...JOB_ENTRIES, ...STATE_ENTRIES];
