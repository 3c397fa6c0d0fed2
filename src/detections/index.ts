import type { Detector } from '../engine/detector.js';
import { noGlobalRegexState } from './no-global-regex-state.js';
import { noInProcessCache } from './no-in-process-cache.js';
import { noInProcessJobs } from './no-in-process-jobs.js';
import { noInProcessRateLimit } from './no-in-process-rate-limit.js';
import { noLocalFsWrite } from './no-local-fs-write.js';
import { noMemorySessionStore } from './no-memory-session-store.js';
import { noModuleState } from './no-module-state.js';
import { noPerProcessRealtime } from './no-per-process-realtime.js';
import { noSingletonProviderState } from './no-singleton-provider-state.js';

/** Every detection, in rule id order. The CLI runs these; the ESLint rules wrap the same objects. */
export const detectors: readonly Detector[] = [noGlobalRegexState, noInProcessCache, noInProcessJobs, noInProcessRateLimit, noLocalFsWrite, noMemorySessionStore, noModuleState, noPerProcessRealtime, noSingletonProviderState];
