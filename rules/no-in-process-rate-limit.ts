import { createFromCatalogDetector } from '../src/catalog/eslint-settings.js';
import { noInProcessRateLimit, type MessageIds } from '../src/detections/no-in-process-rate-limit.js';
import { createRule } from '../src/eslint/create-rule.js';

export type { MessageIds };
export type Options = [];

export default createRule<Options, MessageIds>({
  name: noInProcessRateLimit.id,
  meta: {
    type: 'problem',
    docs: { description: noInProcessRateLimit.description, recommended: true },
    messages: noInProcessRateLimit.messages,
    schema: [],
  },
  defaultOptions: [],
  create: createFromCatalogDetector(noInProcessRateLimit),
});
