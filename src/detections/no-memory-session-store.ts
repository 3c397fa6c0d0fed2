import { createCatalogDetector } from '../catalog/detector.js';

export type MessageIds = 'sessionStoreInProcess';

/** Session middleware and stores from the catalog: express-session, @fastify/session, koa-session and others. */
export const noMemorySessionStore = createCatalogDetector<MessageIds>({
  id: 'no-memory-session-store',
  description: 'Disallow session stores that keep sessions in the memory or on the disk of one worker',
  categories: ['session-store'],
  messageId: 'sessionStoreInProcess',
  message: '{{finding}}, so a user signed in on one worker is unknown to the others. {{remedy}}',
});
