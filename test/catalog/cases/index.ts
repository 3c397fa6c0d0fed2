import { CACHE_CASES } from './cache.js';
import { SESSION_CASES } from './sessions.js';
import { STATE_CASES } from './state.js';
import type { EntryCase } from './types.js';

export type { EntryCase };

/** Positive and negative inputs for every catalog entry, keyed by entry id. */
export const ENTRY_CASES: readonly EntryCase[] = [...SESSION_CASES, ...CACHE_CASES, ...STATE_CASES];
