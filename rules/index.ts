import type { TSESLint } from '@typescript-eslint/utils';
import noGlobalRegexState from './no-global-regex-state.js';
import noInProcessCache from './no-in-process-cache.js';
import noInProcessJobs from './no-in-process-jobs.js';
import noInProcessRateLimit from './no-in-process-rate-limit.js';
import noLocalFsWrite from './no-local-fs-write.js';
import noMemorySessionStore from './no-memory-session-store.js';
import noModuleState from './no-module-state.js';
import noPerProcessRealtime from './no-per-process-realtime.js';
import noSingletonProviderState from './no-singleton-provider-state.js';

/** Every rule of the plugin, by id. Kept in id order. */
export const rules: Record<string, TSESLint.RuleModule<string, readonly unknown[]>> = {
  'no-global-regex-state': noGlobalRegexState,
  'no-in-process-cache': noInProcessCache,
  'no-in-process-jobs': noInProcessJobs,
  'no-in-process-rate-limit': noInProcessRateLimit,
  'no-local-fs-write': noLocalFsWrite,
  'no-memory-session-store': noMemorySessionStore,
  'no-module-state': noModuleState,
  'no-per-process-realtime': noPerProcessRealtime,
  'no-singleton-provider-state': noSingletonProviderState,
};
