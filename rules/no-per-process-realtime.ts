import { createFromCatalogDetector } from '../src/catalog/eslint-settings.js';
import { noPerProcessRealtime, type MessageIds } from '../src/detections/no-per-process-realtime.js';
import { createRule } from '../src/eslint/create-rule.js';

export type { MessageIds };
export type Options = [];

export default createRule<Options, MessageIds>({
  name: noPerProcessRealtime.id,
  meta: {
    type: 'problem',
    docs: { description: noPerProcessRealtime.description, recommended: true },
    messages: noPerProcessRealtime.messages,
    schema: [],
  },
  defaultOptions: [],
  create: createFromCatalogDetector(noPerProcessRealtime),
});
