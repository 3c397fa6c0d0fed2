import { noModuleState, type MessageIds } from '../src/detections/no-module-state.js';
import { createRule } from '../src/eslint/create-rule.js';
import { createFromDetector } from '../src/eslint/detector-rule.js';

export type { MessageIds };
export type Options = [];

export default createRule<Options, MessageIds>({
  name: noModuleState.id,
  meta: {
    type: 'problem',
    docs: { description: noModuleState.description, recommended: true },
    messages: noModuleState.messages,
    schema: [],
  },
  defaultOptions: [],
  create: createFromDetector(noModuleState),
});
