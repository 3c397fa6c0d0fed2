import type { TSESLint } from '@typescript-eslint/utils';
import noGlobalRegexState from './no-global-regex-state.js';
import noInProcessJobs from './no-in-process-jobs.js';
import noLocalFsWrite from './no-local-fs-write.js';
import noMemorySessionStore from './no-memory-session-store.js';
import noModuleState from './no-module-state.js';
import noSingletonProviderState from './no-singleton-provider-state.js';

/** Every rule of the plugin, by id. Kept in id order. */
export const rules: Record<string, TSESLint.RuleModule<string, readonly unknown[]>> = {
  'no-global-regex-state': noGlobalRegexState,
  'no-in-process-jobs': noInProcessJobs,
  'no-local-fs-write': noLocalFsWrite,
  'no-memory-session-store': noMemorySessionStore,
  'no-module-state': noModuleState,
  'no-singleton-provider-state': noSingletonProviderState,
};
