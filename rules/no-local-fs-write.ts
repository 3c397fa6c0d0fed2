import { createFromCatalogDetector } from '../src/catalog/eslint-settings.js';
import { noLocalFsWrite, type MessageIds } from '../src/detections/no-local-fs-write.js';
import { createRule } from '../src/eslint/create-rule.js';

export type { MessageIds };
export type Options = [];

export default createRule<Options, MessageIds>({
  name: noLocalFsWrite.id,
  meta: {
    type: 'problem',
    docs: { description: noLocalFsWrite.description, recommended: true },
    messages: noLocalFsWrite.messages,
    schema: [],
  },
  defaultOptions: [],
  create: createFromCatalogDetector(noLocalFsWrite),
});
