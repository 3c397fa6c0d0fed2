import type { EntryCase } from './types.js';

export const CACHE_CASES: readonly EntryCase[] = [
  {
    entry: 'node-cache/instance',
    kind: 'positive',
    name: 'default import',
    code: `import NodeCache from 'node-cache';
export const cache = new NodeCache({ stdTTL: 60 });`,
    line: 2,
  },
  {
    entry: 'node-cache/instance',
    kind: 'negative',
    name: 'local class with the same name',
    code: `class NodeCache {}
export const cache = new NodeCache();`,
  },
  {
    entry: 'lru-cache/instance',
    kind: 'positive',
    name: 'named export of version 10',
    code: `import { LRUCache } from 'lru-cache';
export const cache = new LRUCache<string, string>({ max: 100 });`,
    line: 2,
  },
  {
    entry: 'lru-cache/instance',
    kind: 'negative',
    name: 'type import only',
    code: `import type { LRUCache } from 'lru-cache';
export function size(cache: LRUCache<string, string>) { return cache.size; }`,
  },
  {
    entry: 'quick-lru/instance',
    kind: 'positive',
    name: 'default import',
    code: `import QuickLRU from 'quick-lru';
export const cache = new QuickLRU({ maxSize: 100 });`,
    line: 2,
  },
  {
    entry: 'quick-lru/instance',
    kind: 'negative',
    name: 'in a one-off script',
    filename: 'scripts/report.ts',
    code: `import QuickLRU from 'quick-lru';
const cache = new QuickLRU({ maxSize: 100 });`,
  },
  {
    entry: 'memory-cache/module-cache',
    kind: 'positive',
    name: 'module cache written twice',
    filename: 'src/cache.js',
    code: `const cache = require('memory-cache');
cache.put('a', 1);
cache.put('b', 2);`,
    line: 2,
  },
  {
    entry: 'memory-cache/module-cache',
    kind: 'negative',
    name: 'put on an object that is not memory-cache',
    code: `import { bucket } from './bucket';
bucket.put('a', 1);`,
  },
  {
    entry: 'memory-cache/instance',
    kind: 'positive',
    name: 'own Cache instance',
    filename: 'src/cache.js',
    code: `const memoryCache = require('memory-cache');
const cache = new memoryCache.Cache();`,
    line: 2,
  },
  {
    entry: 'memory-cache/instance',
    kind: 'negative',
    name: 'Cache of another package',
    code: `import { Cache } from 'cache-manager';
export let cache: Cache;`,
  },
  {
    entry: 'cache-manager/caching-memory',
    kind: 'positive',
    name: 'memory store of version 5',
    code: `import { caching } from 'cache-manager';
export const cache = await caching('memory', { max: 100 });`,
    line: 2,
  },
  {
    entry: 'cache-manager/caching-memory',
    kind: 'positive',
    name: 'default store of version 4',
    code: `import cacheManager from 'cache-manager';
export const cache = cacheManager.caching({ ttl: 60 });`,
    line: 2,
  },
  {
    entry: 'cache-manager/caching-memory',
    kind: 'negative',
    name: 'Redis store awaited first',
    code: `import { caching } from 'cache-manager';
import { redisStore } from 'cache-manager-redis-yet';
const store = await redisStore({ url: process.env.REDIS_URL });
export const cache = await caching(store);`,
  },
  {
    entry: 'cache-manager/memory-store',
    kind: 'positive',
    name: 'memoryStore passed to createCache',
    code: `import { createCache, memoryStore } from 'cache-manager';
export const cache = createCache(memoryStore({ max: 100 }));`,
    line: 2,
  },
  {
    entry: 'cache-manager/memory-store',
    kind: 'negative',
    name: 'redisStore passed to createCache',
    code: `import { createCache } from 'cache-manager';
import { redisStore } from 'cache-manager-redis-yet';
export const cache = createCache(await redisStore({ url: process.env.REDIS_URL }));`,
  },
  {
    entry: 'cache-manager/create-cache',
    kind: 'positive',
    name: 'no stores',
    code: `import { createCache } from 'cache-manager';
export const cache = createCache();`,
    line: 2,
  },
  {
    entry: 'cache-manager/create-cache',
    kind: 'negative',
    name: 'Redis-backed Keyv store',
    code: `import { createCache } from 'cache-manager';
import { createKeyv } from '@keyv/redis';
export const cache = createCache({ stores: [createKeyv(process.env.REDIS_URL)] });`,
  },
  {
    entry: 'keyv/default-store',
    kind: 'positive',
    name: 'Map given as store',
    code: `import Keyv from 'keyv';
export const cache = new Keyv({ store: new Map() });`,
    line: 2,
  },
  {
    entry: 'keyv/default-store',
    kind: 'negative',
    name: 'Redis adapter as store option',
    code: `import Keyv from 'keyv';
import KeyvRedis from '@keyv/redis';
export const cache = new Keyv({ store: new KeyvRedis(process.env.REDIS_URL) });`,
  },
  {
    entry: '@nestjs/cache-manager/default-store',
    kind: 'positive',
    name: 'register without options',
    code: `import { Module } from '@nestjs/common';
import { CacheModule } from '@nestjs/cache-manager';
@Module({ imports: [CacheModule.register()] })
export class AppModule {}`,
    line: 3,
  },
  {
    entry: '@nestjs/cache-manager/default-store',
    kind: 'negative',
    name: 'register with Keyv Redis stores',
    code: `import { Module } from '@nestjs/common';
import { CacheModule } from '@nestjs/cache-manager';
import KeyvRedis from '@keyv/redis';
@Module({ imports: [CacheModule.register({ stores: [new KeyvRedis(process.env.REDIS_URL)] })] })
export class AppModule {}`,
  },
  {
    entry: '@apollo/utils.keyvaluecache/in-memory-lru-cache',
    kind: 'positive',
    name: 'cache given to ApolloServer',
    code: `import { ApolloServer } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
const cache = new InMemoryLRUCache();
export const server = new ApolloServer({ typeDefs, resolvers, cache });`,
    line: 3,
  },
  {
    entry: '@apollo/utils.keyvaluecache/in-memory-lru-cache',
    kind: 'negative',
    name: 'PrefixingKeyValueCache is not the in-memory cache',
    code: `import { PrefixingKeyValueCache } from '@apollo/utils.keyvaluecache';
export const cache = new PrefixingKeyValueCache(sharedCache, 'app:');`,
  },
  {
    entry: '@apollo/server/default-cache',
    kind: 'positive',
    name: 'no cache option',
    code: `import { ApolloServer } from '@apollo/server';
export const server = new ApolloServer({ typeDefs, resolvers });`,
    line: 2,
  },
  {
    entry: '@apollo/server/default-cache',
    kind: 'negative',
    name: 'Redis cache through KeyvAdapter',
    code: `import { ApolloServer } from '@apollo/server';
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import Keyv from 'keyv';
export const server = new ApolloServer({ typeDefs, resolvers, cache: new KeyvAdapter(new Keyv('redis://cache:6379')) });`,
  },
  {
    entry: 'express-rate-limit/default-store',
    kind: 'positive',
    name: 'no store',
    code: `import { rateLimit } from 'express-rate-limit';
export const limiter = rateLimit({ limit: 10 });`,
    line: 2,
  },
  {
    entry: 'express-rate-limit/default-store',
    kind: 'negative',
    name: 'rate-limit-redis store',
    code: `import { rateLimit } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
export const limiter = rateLimit({ limit: 10, store: new RedisStore({ sendCommand }) });`,
  },
  {
    entry: 'express-rate-limit/memory-store',
    kind: 'positive',
    name: 'explicit MemoryStore',
    code: `import { rateLimit, MemoryStore } from 'express-rate-limit';
const store = new MemoryStore();
export const limiter = rateLimit({ limit: 10, store });`,
    line: 2,
  },
  {
    entry: 'express-rate-limit/memory-store',
    kind: 'negative',
    name: 'MemcachedStore',
    code: `import { rateLimit } from 'express-rate-limit';
import { MemcachedStore } from 'rate-limit-memcached';
export const limiter = rateLimit({ limit: 10, store: new MemcachedStore({ locations: ['memcached:11211'] }) });`,
  },
  {
    entry: 'express-slow-down/default-store',
    kind: 'positive',
    name: 'no store',
    filename: 'src/app.js',
    code: `const slowDown = require('express-slow-down');
app.use(slowDown({ delayAfter: 5 }));`,
    line: 2,
  },
  {
    entry: 'express-slow-down/default-store',
    kind: 'negative',
    name: 'rate-limit-redis store',
    code: `import { slowDown } from 'express-slow-down';
import { RedisStore } from 'rate-limit-redis';
app.use(slowDown({ delayAfter: 5, store: new RedisStore({ sendCommand }) }));`,
  },
  {
    entry: 'rate-limiter-flexible/memory',
    kind: 'positive',
    name: 'memory limiter on its own',
    filename: 'src/limits.js',
    code: `const { RateLimiterMemory } = require('rate-limiter-flexible');
module.exports = new RateLimiterMemory({ points: 5, duration: 1 });`,
    line: 2,
  },
  {
    entry: 'rate-limiter-flexible/memory',
    kind: 'negative',
    name: 'insurance limiter written inline',
    code: `import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
export const limiter = new RateLimiterRedis({ storeClient: redis, insuranceLimiter: new RateLimiterMemory({ points: 1 }) });`,
  },
  {
    entry: 'limiter/rate-limiter',
    kind: 'positive',
    name: 'RateLimiter of a login route',
    filename: 'src/rate-limiter.js',
    code: `const { RateLimiter } = require('limiter');
const loginLimiter = new RateLimiter({ tokensPerInterval: 20, interval: 'minute' });
module.exports = { loginLimiter };`,
    line: 2,
  },
  {
    entry: 'limiter/rate-limiter',
    kind: 'positive',
    name: 'TokenBucket',
    code: `import { TokenBucket } from 'limiter';
export const uploads = new TokenBucket({ bucketSize: 10, tokensPerInterval: 1, interval: 'second' });`,
    line: 2,
  },
  {
    entry: 'limiter/rate-limiter',
    kind: 'negative',
    name: 'RateLimiter of another package',
    code: `import { RateLimiter } from './shared-limiter';
export const loginLimiter = new RateLimiter({ tokensPerInterval: 20, interval: 'minute' });`,
  },
  {
    entry: 'rate-limiter-flexible/shared-store',
    kind: 'negative',
    name: 'Redis limiter',
    code: `import { RateLimiterRedis } from 'rate-limiter-flexible';
export const limiter = new RateLimiterRedis({ storeClient: redis, points: 5, duration: 1 });`,
  },
  {
    entry: '@fastify/rate-limit/default-store',
    kind: 'positive',
    name: 'no redis',
    code: `import rateLimit from '@fastify/rate-limit';
await fastify.register(rateLimit, { max: 100, timeWindow: '1 minute' });`,
    line: 2,
  },
  {
    entry: '@fastify/rate-limit/default-store',
    kind: 'negative',
    name: 'redis given by shorthand',
    code: `import rateLimit from '@fastify/rate-limit';
import Redis from 'ioredis';
const redis = new Redis(process.env.REDIS_URL ?? '');
await fastify.register(rateLimit, { max: 100, redis });`,
  },
  {
    entry: '@nestjs/throttler/default-storage',
    kind: 'positive',
    name: 'options object without storage',
    code: `import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
@Module({ imports: [ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: 10 }] })] })
export class AppModule {}`,
    line: 3,
  },
  {
    entry: '@nestjs/throttler/default-storage',
    kind: 'negative',
    name: 'Redis storage',
    code: `import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
@Module({ imports: [ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: 10 }], storage: new ThrottlerStorageRedisService() })] })
export class AppModule {}`,
  },
];
