import { createFromCatalogDetector } from '../src/catalog/eslint-settings.js';
import { noMemorySessionStore, type MessageIds } from '../src/detections/no-memory-session-store.js';
import { createRule } from '../src/eslint/create-rule.js';

export type { MessageIds };
export type Options = [];

export default createRule<Options, MessageIds>({
  name: noMemorySessionStore.id,
  meta: {
    type: 'problem',
    docs: { description: noMemorySessionStore.description, recommended: true },
    messages: noMemorySessionStore.messages,
    schema: [],
  },
  defaultOptions: [],
  create: createFromCatalogDetector(noMemorySessionStore),
});
