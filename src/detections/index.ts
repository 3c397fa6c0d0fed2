import type { Detector } from '../engine/detector.js';
import { noInProcessJobs } from './no-in-process-jobs.js';
import { noMemorySessionStore } from './no-memory-session-store.js';

/** Every detection, in rule id order. The CLI runs these; the ESLint rules wrap the same objects. */
export const detectors: readonly Detector[] = [noInProcessJobs, noMemorySessionStore];
