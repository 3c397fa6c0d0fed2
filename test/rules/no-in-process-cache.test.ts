import rule from '../../rules/no-in-process-cache.js';
import { createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-in-process-cache', rule, {
  valid: [
    {
      name: 'Keyv with a Redis adapter',
      code: `
import Keyv from 'keyv';
import KeyvRedis from '@keyv/redis';
export const cache = new Keyv(new KeyvRedis(process.env.REDIS_URL));
`,
    },
    {
      name: 'Keyv with a connection URI',
      code: `
import Keyv from 'keyv';
export const cache = new Keyv('redis://cache.internal:6379');
`,
    },
    {
      name: 'cache-manager createCache with a Redis store',
      code: `
import { createCache } from 'cache-manager';
import { Keyv } from 'keyv';
import KeyvRedis from '@keyv/redis';
export const cache = createCache({ stores: [new Keyv({ store: new KeyvRedis(process.env.REDIS_URL) })] });
`,
    },
    {
      name: 'cache-manager v5 caching with a Redis store',
      code: `
import { caching } from 'cache-manager';
import { redisStore } from 'cache-manager-redis-yet';
export const cache = await caching(redisStore, { url: process.env.REDIS_URL });
`,
    },
    {
      name: 'NestJS CacheModule with a Redis store',
      code: `
import { Module } from '@nestjs/common';
import { CacheModule } from '@nestjs/cache-manager';
import { redisStore } from 'cache-manager-redis-yet';
@Module({ imports: [CacheModule.register({ store: redisStore, url: process.env.REDIS_URL })] })
export class AppModule {}
`,
    },
    {
      name: 'ApolloServer with a shared cache',
      code: `
import { ApolloServer } from '@apollo/server';
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import Keyv from 'keyv';
const server = new ApolloServer({ typeDefs, resolvers, cache: new KeyvAdapter(new Keyv('redis://cache:6379')) });
`,
    },
    {
      name: 'ApolloServer options built elsewhere are not judged',
      code: `
import { ApolloServer } from '@apollo/server';
import { serverOptions } from './options';
const server = new ApolloServer(serverOptions);
`,
    },
    {
      name: 'plain Map is left to no-module-state',
      code: `
const cache = new Map<string, string>();
export const lookup = (key: string) => cache.get(key);
`,
    },
    {
      name: 'a local class named LRUCache is not lru-cache',
      code: `
class LRUCache { get() { return undefined; } }
export const cache = new LRUCache();
`,
    },
    {
      name: 'lru-cache used as a rate limiter belongs to no-in-process-rate-limit',
      code: `
import { LRUCache } from 'lru-cache';
const loginAttempts = new LRUCache<string, number>({ max: 1000, ttl: 60_000 });
export function recordFailure(ip: string) {
  loginAttempts.set(ip, (loginAttempts.get(ip) ?? 0) + 1);
}
`,
    },
    {
      name: 'node-cache in a one-off script',
      filename: 'scripts/warm-cache.ts',
      code: `
import NodeCache from 'node-cache';
const cache = new NodeCache();
`,
    },
  ],
  invalid: [
    {
      name: 'node-cache instance',
      filename: 'cache.js',
      code: `
const NodeCache = require('node-cache');
const productCache = new NodeCache({ stdTTL: 600 });
module.exports = productCache;
`,
      errors: [{ messageId: 'cacheInProcess', line: 3, column: 22, endLine: 3, endColumn: 52 }],
    },
    {
      name: 'lru-cache named export',
      code: `
import { LRUCache } from 'lru-cache';
export const pageCache = new LRUCache<string, string>({ max: 500 });
`,
      errors: [{ messageId: 'cacheInProcess', line: 3, column: 26, endLine: 3, endColumn: 68 }],
    },
    {
      name: 'lru-cache named throttle that only remembers a write',
      code: `
import { LRUCache } from 'lru-cache';
const throttle = new LRUCache<string, boolean>({ max: 10_000, ttl: 500 });
export async function renewSession(token: string, save: () => Promise<void>) {
  if (throttle.get(token)) return;
  throttle.set(token, true);
  await save();
}
`,
      errors: [{ messageId: 'cacheInProcess', line: 3, column: 18, endLine: 3, endColumn: 74 }],
    },
    {
      name: 'lru-cache default export of older versions',
      filename: 'cache.js',
      code: `
const LRU = require('lru-cache');
const cache = new LRU({ max: 100 });
`,
      errors: [{ messageId: 'cacheInProcess', line: 3, column: 15, endLine: 3, endColumn: 36 }],
    },
    {
      name: 'quick-lru instance',
      code: `
import QuickLRU from 'quick-lru';
const lru = new QuickLRU({ maxSize: 1000 });
`,
      errors: [{ messageId: 'cacheInProcess', line: 3, column: 13, endLine: 3, endColumn: 44 }],
    },
    {
      name: 'memory-cache module cache reported once',
      filename: 'cache.js',
      code: `
const cache = require('memory-cache');
cache.put('config', loadConfig(), 60000);
cache.put('flags', loadFlags(), 60000);
`,
      errors: [{ messageId: 'cacheInProcess', line: 3, column: 1, endLine: 3, endColumn: 41 }],
    },
    {
      name: 'cache-manager createCache without stores',
      code: `
import { createCache } from 'cache-manager';
export const cache = createCache({ ttl: 10_000 });
`,
      errors: [{ messageId: 'cacheInProcess', line: 3, column: 22, endLine: 3, endColumn: 50 }],
    },
    {
      name: 'cache-manager v5 memory store',
      code: `
import { caching } from 'cache-manager';
export const cache = await caching('memory', { max: 100, ttl: 10_000 });
`,
      errors: [{ messageId: 'cacheInProcess', line: 3, column: 28, endLine: 3, endColumn: 72 }],
    },
    {
      name: 'Keyv without an adapter',
      code: `
import Keyv from 'keyv';
export const cache = new Keyv({ namespace: 'users' });
`,
      errors: [{ messageId: 'cacheInProcess', line: 3, column: 22, endLine: 3, endColumn: 54 }],
    },
    {
      name: 'NestJS CacheModule without a store',
      code: `
import { Module } from '@nestjs/common';
import { CacheModule } from '@nestjs/cache-manager';
@Module({ imports: [CacheModule.register({ ttl: 5000, isGlobal: true })] })
export class AppModule {}
`,
      errors: [{ messageId: 'cacheInProcess', line: 4, column: 21, endLine: 4, endColumn: 72 }],
    },
    {
      name: 'Apollo InMemoryLRUCache',
      code: `
import { ApolloServer } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
const server = new ApolloServer({ typeDefs, resolvers, cache: new InMemoryLRUCache({ maxSize: 2 ** 20 }) });
`,
      errors: [{ messageId: 'cacheInProcess', line: 4, column: 63, endLine: 4, endColumn: 105 }],
    },
    {
      name: 'ApolloServer with the default cache',
      code: `
import { ApolloServer } from '@apollo/server';
const server = new ApolloServer({ schema });
`,
      errors: [{ messageId: 'cacheInProcess', line: 3, column: 16, endLine: 3, endColumn: 44 }],
    },
  ],
});
