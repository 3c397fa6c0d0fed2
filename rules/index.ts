import type { TSESLint } from '@typescript-eslint/utils';
import noMemorySessionStore from './no-memory-session-store.js';

/** Every rule of the plugin, by id. Kept in id order. */
export const rules: Record<string, TSESLint.RuleModule<string, readonly unknown[]>> = {
  'no-memory-session-store': noMemorySessionStore,
};
