import { createCatalogDetector } from '../catalog/detector.js';

export type MessageIds = 'cacheInProcess';

/** Cache libraries from the catalog: node-cache, lru-cache, cache-manager, Keyv, NestJS and Apollo caches. */
export const noInProcessCache = createCatalogDetector<MessageIds>({
  id: 'no-in-process-cache',
  description: 'Disallow cache libraries that keep their entries in the memory of one worker',
  categories: ['shared-cache'],
  messageId: 'cacheInProcess',
  message:
    '{{finding}}, so every worker caches its own copy and a change or invalidation on one worker leaves the others serving stale entries. {{remedy}}',
});
