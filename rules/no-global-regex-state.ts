import { noGlobalRegexState, type MessageIds } from '../src/detections/no-global-regex-state.js';
import { createRule } from '../src/eslint/create-rule.js';
import { createFromDetector } from '../src/eslint/detector-rule.js';

export type { MessageIds };
export type Options = [];

export default createRule<Options, MessageIds>({
  name: noGlobalRegexState.id,
  meta: {
    type: 'problem',
    docs: { description: noGlobalRegexState.description, recommended: true },
    messages: noGlobalRegexState.messages,
    hasSuggestions: true,
    schema: [],
  },
  defaultOptions: [],
  create: createFromDetector(noGlobalRegexState),
});
