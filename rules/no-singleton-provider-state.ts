import { noSingletonProviderState, type MessageIds } from '../src/detections/no-singleton-provider-state.js';
import { createRule } from '../src/eslint/create-rule.js';
import { createFromDetector } from '../src/eslint/detector-rule.js';

export type { MessageIds };
export type Options = [];

export default createRule<Options, MessageIds>({
  name: noSingletonProviderState.id,
  meta: {
    type: 'problem',
    docs: { description: noSingletonProviderState.description, recommended: true },
    messages: noSingletonProviderState.messages,
    schema: [],
  },
  defaultOptions: [],
  create: createFromDetector(noSingletonProviderState),
});
