import type { Detector } from '../engine/detector.js';
import { noGlobalRegexState } from './no-global-regex-state.js';
import { noInProcessJobs } from './no-in-process-jobs.js';
import { noLocalFsWrite } from './no-local-fs-write.js';
import { noMemorySessionStore } from './no-memory-session-store.js';
import { noModuleState } from './no-module-state.js';
import { noSingletonProviderState } from './no-singleton-provider-state.js';

/** Every detection, in rule id order. The CLI runs these; the ESLint rules wrap the same objects. */
export const detectors: readonly Detector[] = [noGlobalRegexState, noInProcessJobs, noLocalFsWrite, noMemorySessionStore, noModuleState, noSingletonProviderState];
