import { createFromCatalogDetector } from '../src/catalog/eslint-settings.js';
import { noInProcessJobs, type MessageIds } from '../src/detections/no-in-process-jobs.js';
import { createRule } from '../src/eslint/create-rule.js';

export type { MessageIds };
export type Options = [];

export default createRule<Options, MessageIds>({
  name: noInProcessJobs.id,
  meta: {
    type: 'problem',
    docs: { description: noInProcessJobs.description, recommended: true },
    messages: noInProcessJobs.messages,
    schema: [],
  },
  defaultOptions: [],
  create: createFromCatalogDetector(noInProcessJobs),
});
