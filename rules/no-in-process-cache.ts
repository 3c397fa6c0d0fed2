import { createFromCatalogDetector } from '../src/catalog/eslint-settings.js';
import { noInProcessCache, type MessageIds } from '../src/detections/no-in-process-cache.js';
import { createRule } from '../src/eslint/create-rule.js';

export type { MessageIds };
export type Options = [];

export default createRule<Options, MessageIds>({
  name: noInProcessCache.id,
  meta: {
    type: 'problem',
    docs: { description: noInProcessCache.description, recommended: true },
    messages: noInProcessCache.messages,
    schema: [],
  },
  defaultOptions: [],
  create: createFromCatalogDetector(noInProcessCache),
});
