import { createCatalogDetector } from '../catalog/detector.js';

export type MessageIds = 'rateLimitInProcess';

/**
 * Rate limiters from the catalog, and cache instances used as rate limiters: express-rate-limit,
 * rate-limiter-flexible, @fastify/rate-limit, @nestjs/throttler.
 */
export const noInProcessRateLimit = createCatalogDetector<MessageIds>({
  id: 'no-in-process-rate-limit',
  description: 'Disallow rate limiters that count requests in the memory of one worker',
  categories: ['rate-limit-store'],
  messageId: 'rateLimitInProcess',
  message: '{{finding}}, so every worker counts only the requests it serves and N workers together allow N times the limit. {{remedy}}',
});
