import { CACHE_CASES } from './cache.js';
import { FILE_CASES } from './files.js';
import { JOB_CASES } from './jobs.js';
import { SESSION_CASES } from './sessions.js';
import { STATE_CASES } from './state.js';
import type { EntryCase } from './types.js';

export type { EntryCase };

/** Positive and negative inputs for every catalog entry, keyed by entry id. */
export const ENTRY_CASES: readonly EntryCase[] = [...SESSION_CASES, ...CACHE_CASES, ...FILE_CASES, ...JOB_CASES, ...STATE_CASES];
