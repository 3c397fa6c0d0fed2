import { createCatalogDetector } from '../catalog/detector.js';

export type MessageIds = 'realtimeInProcess';

/** Realtime delivery from the catalog: socket.io without an adapter, in-memory GraphQL PubSub, local socket lists. */
export const noPerProcessRealtime = createCatalogDetector<MessageIds>({
  id: 'no-per-process-realtime',
  description: 'Disallow realtime servers and pub/sub that deliver events only within one worker',
  categories: ['realtime-adapter'],
  messageId: 'realtimeInProcess',
  message: '{{finding}}, so clients connected to other workers are left out. {{remedy}}',
});
