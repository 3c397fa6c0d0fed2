import rule from '../../rules/no-in-process-rate-limit.js';
import { createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-in-process-rate-limit', rule, {
  valid: [
    {
      name: 'express-rate-limit with rate-limit-redis',
      code: `
import { rateLimit } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
export const limiter = rateLimit({ windowMs: 60_000, limit: 10, store: new RedisStore({ sendCommand: (...args: string[]) => redis.sendCommand(args) }) });
`,
    },
    {
      name: 'custom store that declares shared keys',
      code: `
import { rateLimit } from 'express-rate-limit';
class DatabaseStore { localKeys = false; async increment(key: string) { return db.increment(key); } }
export const limiter = rateLimit({ limit: 10, store: new DatabaseStore() });
`,
    },
    {
      name: 'RateLimiterMemory as insurance of a Redis limiter',
      code: `
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
const insuranceLimiter = new RateLimiterMemory({ points: 5, duration: 1 });
export const limiter = new RateLimiterRedis({ storeClient: redis, points: 10, duration: 1, insuranceLimiter });
`,
    },
    {
      name: 'RateLimiterMemory in a static field as insurance',
      code: `
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
export class Limits {
  static readonly fallback = new RateLimiterMemory({ points: 5, duration: 1 });
  static readonly api = new RateLimiterRedis({ storeClient: redis, points: 10, duration: 1, insuranceLimiter: this.fallback });
}
`,
    },
    {
      name: 'rate limit plugin exported for autoload with redis',
      code: `
import rateLimit from '@fastify/rate-limit';
import Redis from 'ioredis';
export const autoConfig = () => ({ max: 100, timeWindow: '1 minute', redis: new Redis({ host: 'redis' }) });
export default rateLimit;
`,
    },
    {
      name: 'autoload options built elsewhere are not judged',
      code: `
import rateLimit from '@fastify/rate-limit';
import { limits } from './limits';
export const autoConfig = limits;
export default rateLimit;
`,
    },
    {
      name: 'fastify rate limit with redis',
      code: `
import rateLimit from '@fastify/rate-limit';
import Redis from 'ioredis';
await fastify.register(rateLimit, { max: 100, timeWindow: '1 minute', redis: new Redis({ host: 'redis' }) });
`,
    },
    {
      name: 'NestJS throttler with Redis storage',
      code: `
import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
@Module({ imports: [ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: 10 }], storage: new ThrottlerStorageRedisService(redis) })] })
export class AppModule {}
`,
    },
    {
      name: 'options built elsewhere are not judged',
      code: `
import { rateLimit } from 'express-rate-limit';
import { limiterOptions } from './limits';
export const limiter = rateLimit(limiterOptions);
`,
    },
    {
      name: 'lru-cache named throttle without a count or a window belongs to no-in-process-cache',
      code: `
import { LRUCache } from 'lru-cache';
const throttle = new LRUCache<string, boolean>({ max: 10_000, ttl: 500 });
export async function renewSession(token: string, save: () => Promise<void>) {
  if (throttle.get(token)) return;
  throttle.set(token, true);
  await save();
}
`,
    },
    {
      name: 'cache named as a cache belongs to no-in-process-cache',
      code: `
import { LRUCache } from 'lru-cache';
export const pageCache = new LRUCache<string, string>({ max: 500 });
`,
    },
  ],
  invalid: [
    {
      name: 'express-rate-limit without a store',
      filename: 'limits.js',
      code: `
const { rateLimit } = require('express-rate-limit');
const signInLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 5 });
`,
      errors: [{ messageId: 'rateLimitInProcess', line: 3, column: 23, endLine: 3, endColumn: 72 }],
    },
    {
      name: 'express-rate-limit default export',
      code: `
import rateLimit from 'express-rate-limit';
app.use(rateLimit({ windowMs: 60_000, max: 100 }));
`,
      errors: [{ messageId: 'rateLimitInProcess', line: 3, column: 9, endLine: 3, endColumn: 50 }],
    },
    {
      name: 'express-rate-limit MemoryStore',
      code: `
import { rateLimit, MemoryStore } from 'express-rate-limit';
export const limiter = rateLimit({ limit: 10, store: new MemoryStore() });
`,
      errors: [{ messageId: 'rateLimitInProcess', line: 3, column: 54, endLine: 3, endColumn: 71 }],
    },
    {
      name: 'custom store that declares local keys',
      code: `
import { rateLimit } from 'express-rate-limit';
class CountingStore { localKeys = true; hits = new Map<string, number>(); }
export const limiter = rateLimit({ limit: 10, store: new CountingStore() });
`,
      errors: [{ messageId: 'rateLimitInProcess', line: 4, column: 24, endLine: 4, endColumn: 76 }],
    },
    {
      name: 'express-slow-down without a store',
      code: `
import { slowDown } from 'express-slow-down';
app.use(slowDown({ windowMs: 60_000, delayAfter: 5, delayMs: () => 500 }));
`,
      errors: [{ messageId: 'rateLimitInProcess', line: 3, column: 9, endLine: 3, endColumn: 74 }],
    },
    {
      name: 'RateLimiterMemory in a static field used alone',
      code: `
import { RateLimiterMemory } from 'rate-limiter-flexible';
export class Limits {
  static readonly fallback = new RateLimiterMemory({ points: 5, duration: 1 });
  static check(ip: string) {
    return this.fallback.consume(ip);
  }
}
`,
      errors: [{ messageId: 'rateLimitInProcess', line: 4, column: 30, endLine: 4, endColumn: 79 }],
    },
    {
      name: 'rate limit plugin exported for autoload',
      code: `
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
export const autoConfig = (fastify: FastifyInstance) => {
  return { max: fastify.config.RATE_LIMIT_MAX, timeWindow: '1 minute' };
};
export default rateLimit;
`,
      errors: [{ messageId: 'rateLimitInProcess', line: 7, column: 1, endLine: 7, endColumn: 26 }],
    },
    {
      name: 'rate limit plugin exported for autoload without options',
      code: `
import rateLimit from '@fastify/rate-limit';
export default rateLimit;
`,
      errors: [{ messageId: 'rateLimitInProcess', line: 3, column: 1, endLine: 3, endColumn: 26 }],
    },
    {
      name: 'RateLimiterMemory on its own',
      code: `
import { RateLimiterMemory } from 'rate-limiter-flexible';
export const limiter = new RateLimiterMemory({ points: 10, duration: 1 });
`,
      errors: [{ messageId: 'rateLimitInProcess', line: 3, column: 24, endLine: 3, endColumn: 74 }],
    },
    {
      name: 'fastify rate limit without redis',
      filename: 'server.js',
      code: `
fastify.register(require('@fastify/rate-limit'), { max: 100, timeWindow: '1 minute' });
`,
      errors: [{ messageId: 'rateLimitInProcess', line: 2, column: 1, endLine: 2, endColumn: 87 }],
    },
    {
      name: 'NestJS throttler with the default storage',
      code: `
import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
@Module({ imports: [ThrottlerModule.forRoot([{ ttl: 60_000, limit: 10 }])] })
export class AppModule {}
`,
      errors: [{ messageId: 'rateLimitInProcess', line: 4, column: 21, endLine: 4, endColumn: 74 }],
    },
    {
      name: 'lru-cache used as a rate limiter',
      code: `
import { LRUCache } from 'lru-cache';
const hits = new LRUCache<string, number>({ max: 5000, ttl: 60_000 });
export function tooMany(ip: string) {
  const count = (hits.get(ip) ?? 0) + 1;
  hits.set(ip, count);
  return count > 100;
}
`,
      errors: [{ messageId: 'rateLimitInProcess', line: 3, column: 14, endLine: 3, endColumn: 70 }],
    },
    {
      name: 'lru-cache that keeps the time of the last request',
      code: `
import { LRUCache } from 'lru-cache';
const lastReset = new LRUCache<string, number>({ max: 10_000 });
export function mayResetPassword(email: string) {
  const last = lastReset.get(email);
  if (last !== undefined && Date.now() - last < 60_000) return false;
  lastReset.set(email, Date.now());
  return true;
}
`,
      errors: [{ messageId: 'rateLimitInProcess', line: 3, column: 19, endLine: 3, endColumn: 64 }],
    },
    {
      name: 'node-cache class field used by a limiter method',
      code: `
import NodeCache from 'node-cache';
export class Guard {
  private counters = new NodeCache({ stdTTL: 60 });
  checkRateLimit(ip: string) {
    const used = (this.counters.get<number>(ip) ?? 0) + 1;
    this.counters.set(ip, used);
    return used <= 10;
  }
}
`,
      errors: [{ messageId: 'rateLimitInProcess', line: 4, column: 22, endLine: 4, endColumn: 51 }],
    },
  ],
});
