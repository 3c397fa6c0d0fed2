import type { TSESLint } from '@typescript-eslint/utils';
import noInProcessJobs from './no-in-process-jobs.js';
import noMemorySessionStore from './no-memory-session-store.js';

/** Every rule of the plugin, by id. Kept in id order. */
export const rules: Record<string, TSESLint.RuleModule<string, readonly unknown[]>> = {
  'no-in-process-jobs': noInProcessJobs,
  'no-memory-session-store': noMemorySessionStore,
};
