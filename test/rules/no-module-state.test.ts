import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-module-state.js';
import { noModuleState } from '../../src/detections/no-module-state.js';
import { analyzeText } from '../../src/engine/analyze-file.js';
import { createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-module-state', rule, {
  valid: [
    {
      name: 'map only read by handlers',
      code: `
const REGION_LABELS = new Map([['eu', 'Europe']]);
export function regionLabel(code: string) {
  return REGION_LABELS.get(code) ?? code;
}
`,
    },
    {
      name: 'table filled in a top-level loop',
      code: `
const DECODE = new Uint8Array(128);
for (let i = 0; i < 64; i++) {
  DECODE[i] = i;
}
export const decode = (code: number) => DECODE[code];
`,
    },
    {
      name: 'registry filled by a function called only at load',
      code: `
const handlers = new Map<string, () => void>();
function register(name: string, handler: () => void) {
  handlers.set(name, handler);
}
register('ping', () => {});
register('health', () => {});
export const dispatch = (name: string) => handlers.get(name)?.();
`,
    },
    {
      name: 'lazy client behind an unset check',
      code: `
import { S3Client } from '@aws-sdk/client-s3';
let s3: S3Client | undefined;
export function getS3() {
  if (!s3) {
    s3 = new S3Client({});
  }
  return s3;
}
`,
    },
    {
      name: 'lazy client with nullish assignment',
      code: `
import Stripe from 'stripe';
let stripe: Stripe | null = null;
export function getStripe() {
  stripe ??= new Stripe('key');
  return stripe;
}
`,
    },
    {
      name: 'lazy initialisation after an early return',
      code: `
let connected = false;
export async function connect(db: { open(): Promise<void> }) {
  if (connected) return;
  connected = true;
  await db.open();
}
`,
    },
    {
      name: 'client reset to null on close',
      code: `
import { createClient } from 'redis';
let client: ReturnType<typeof createClient> | undefined;
export function getClient() {
  return client ?? (client = createClient());
}
export async function close() {
  await client?.quit();
  client = undefined;
}
`,
    },
    {
      name: 'one package client per key',
      code: `
import { S3Client } from '@aws-sdk/client-s3';
const clients = new Map<string, S3Client>();
export function clientFor(region: string) {
  if (!clients.has(region)) clients.set(region, new S3Client({ region }));
  return clients.get(region)!;
}
`,
    },
    {
      name: 'flag set by a helper its callers guard',
      code: `
let indexReady = false;
async function createIndex(db: { createIndex(field: string): Promise<void> }) {
  await db.createIndex('title');
  indexReady = true;
}
export async function search(db: { createIndex(field: string): Promise<void>; find(text: string): unknown }, text: string) {
  if (!indexReady) await createIndex(db);
  return db.find(text);
}
`,
    },
    {
      name: 'bindings set by a guarded helper',
      code: `
import pg from 'pg';
let poolOptions: pg.PoolConfig | undefined;
let pool: pg.Pool | undefined;
async function createPool(url: string) {
  poolOptions = { connectionString: url, max: 1 };
  pool = new pg.Pool(poolOptions);
}
export async function handler() {
  if (!pool) await createPool(String(process.env.DATABASE_URL));
  return pool!.query('SELECT now()');
}
`,
    },
    {
      name: 'object filled once behind a loaded flag',
      code: `
const emojiByName: Record<string, string> = {};
let emojiLoaded = false;
export function loadEmoji(list: { name: string; char: string }[]) {
  if (emojiLoaded) return;
  for (const emoji of list) emojiByName[emoji.name] = emoji.char;
  emojiLoaded = true;
}
`,
    },
    {
      name: 'early return nested in a further condition',
      code: `
import { readFile } from 'node:fs/promises';
let indexHtml: Buffer | undefined;
export async function readIndex(cacheable: boolean) {
  if (cacheable) {
    if (indexHtml) return indexHtml;
  }
  return (indexHtml = await readFile('dist/index.html'));
}
`,
    },
    {
      name: 'package client stored through a constant',
      code: `
import { RateLimiterRedis } from 'rate-limiter-flexible';
const limiters = new Map<string, RateLimiterRedis>();
export function registerLimiter(path: string, options: ConstructorParameters<typeof RateLimiterRedis>[0]) {
  const limiter = new RateLimiterRedis(options);
  limiters.set(path, limiter);
}
`,
    },
    {
      name: 'change in a loader of a React hook',
      filename: 'use-country-names.ts',
      code: `
import { useEffect, useState } from 'react';
const namesByLocale: Record<string, Record<string, string>> = {};
export function useCountryNames(locale: string) {
  const [names, setNames] = useState(namesByLocale[locale] ?? {});
  async function load() {
    const response = await fetch('/intl/' + locale + '.json');
    namesByLocale[locale] = await response.json();
    setNames(namesByLocale[locale]);
  }
  useEffect(() => {
    if (!namesByLocale[locale]) void load();
  }, [locale]);
  return names;
}
`,
    },
    {
      name: 'change in a useEffect callback',
      filename: 'visit-counter.tsx',
      code: `
import React from 'react';
let visits = 0;
export function VisitCounter() {
  React.useEffect(() => {
    visits += 1;
  }, []);
  return null;
}
`,
    },
    {
      name: 'memoised server assigned to itself',
      code: `
import { createServer, type Server } from 'node:http';
let cachedServer: Server | undefined;
async function bootstrapServer(): Promise<Server> {
  if (!cachedServer) {
    try {
      cachedServer = createServer();
    } catch (error) {
      return Promise.reject(error);
    }
  }
  return Promise.resolve(cachedServer);
}
export const handler = async () => {
  cachedServer = await bootstrapServer();
  return cachedServer.listening;
};
`,
    },
    {
      name: 'frozen configuration',
      code: `
export const config = Object.freeze({ port: Number(process.env.PORT ?? 3000) });
export function port() {
  return config.port;
}
`,
    },
    {
      name: 'prom-client counter is per process by design',
      code: `
import client from 'prom-client';
const requests = new client.Counter({ name: 'requests_total', help: 'requests' });
export function onRequest() {
  requests.inc();
}
`,
    },
    {
      name: 'package cache instances are left to the library catalog',
      code: `
import { LRUCache } from 'lru-cache';
const hits = new LRUCache<string, number>({ max: 100 });
export function count(key: string) {
  hits.set(key, (hits.get(key) ?? 0) + 1);
}
`,
    },
    {
      name: 'WeakMap keyed by the request',
      code: `
const startedAt = new WeakMap<object, number>();
export function onRequest(req: object) {
  startedAt.set(req, Date.now());
}
`,
    },
    {
      name: 'local variable shadowing the module map',
      code: `
const sessions = new Map();
export function handle(id: string) {
  const sessions = new Map();
  sessions.set(id, {});
  return sessions;
}
`,
    },
    {
      name: 'property with the same name as the module map',
      code: `
const sessions = new Map();
export function handle(req: { sessions: Map<string, object> }) {
  req.sessions.set('id', {});
  return sessions.size;
}
`,
    },
    {
      name: 'change inside main',
      code: `
const routes: string[] = [];
export async function main() {
  routes.push('/health');
}
`,
    },
    {
      name: 'change in an exported startServer',
      code: `
import express from 'express';
import type { Server } from 'node:http';
let server: Server | undefined;
export function startServer(port: number) {
  server = express().listen(port);
}
export function stopServer() {
  server?.close();
}
`,
    },
    {
      name: 'change in test runner hooks',
      code: `
import { beforeEach, it } from 'vitest';
let calls: string[] = [];
beforeEach(() => {
  calls = [];
});
it('records', () => {
  calls.push('a');
});
`,
    },
    {
      name: 'change in a listen callback',
      code: `
import express from 'express';
let startedAt = 0;
const app = express();
app.listen(3000, () => {
  startedAt = Date.now();
});
`,
    },
    {
      name: 'change in a process signal handler',
      code: `
let shuttingDown = false;
process.on('SIGTERM', () => {
  shuttingDown = true;
});
export const isShuttingDown = () => shuttingDown;
`,
    },
    {
      name: 'change in a forEach inside a start-up function',
      code: `
const byCode = new Map<string, string>();
async function start(rows: { code: string; label: string }[]) {
  rows.forEach((row) => byCode.set(row.code, row.label));
}
start([]);
`,
    },
    {
      name: 'file in a scripts folder',
      filename: 'scripts/seed.ts',
      code: `
const seen = new Set<string>();
export function seed(id: string) {
  seen.add(id);
}
`,
    },
    {
      name: 'method call on a property holding a client',
      code: `
import { createClient } from 'redis';
const services = { cache: createClient() };
export async function remember(key: string, value: string) {
  await services.cache.set(key, value);
}
`,
    },
    {
      name: 'method of a local class that does not change the instance',
      code: `
class Formatter {
  prefix = '>';
  format(text: string) {
    return this.prefix + text;
  }
}
const formatter = new Formatter();
export const show = (text: string) => formatter.format(text);
`,
    },
    {
      name: 'static field used as a lazy singleton',
      code: `
export class Database {
  static instance: Database | undefined;
  static get() {
    if (!Database.instance) Database.instance = new Database();
    return Database.instance;
  }
}
`,
    },
    {
      name: 'change in a fastify plugin body',
      code: `
import type { FastifyInstance } from 'fastify';
let routeCount = 0;
export default async function routes(app: FastifyInstance) {
  routeCount += 1;
  app.get('/health', async () => ({ ok: true }));
}
`,
    },
    {
      name: 'change in Next.js instrumentation register',
      filename: 'instrumentation.ts',
      code: `
let tracerName = '';
export async function register() {
  tracerName = process.env.OTEL_SERVICE_NAME ?? 'web';
}
`,
    },
    {
      name: 'change in a NestJS bootstrap hook',
      code: `
import { Injectable } from '@nestjs/common';
const countries: string[] = [];
@Injectable()
export class CountryLoader {
  onApplicationBootstrap() {
    countries.push('NO', 'SE');
  }
}
`,
    },
    {
      name: 'start-up function called only at load',
      code: `
const running = new Set<string>();
function start() {
  running.add('scheduler');
}
start();
`,
    },
    {
      name: 'ready listener at start-up',
      code: `
import { createClient } from 'redis';
const redis = createClient();
let redisReady = false;
redis.once('ready', () => {
  redisReady = true;
});
export const isReady = () => redisReady;
`,
    },
    {
      name: 'connect exported from a plain module',
      code: `
const pools = new Map<string, object>();
export async function connect(url: string) {
  pools.set(url, {});
}
`,
    },
    {
      name: 'change in a test runner callback',
      code: `
import { it } from 'vitest';
const seen: string[] = [];
it('collects', () => {
  seen.push('a');
});
`,
    },
    {
      name: 'fastify decoration only read by handlers',
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.decorate('limits', { maxUploads: 10 });
app.get('/limits', async () => ({ max: app.limits.maxUploads }));
`,
    },
    {
      name: 'fastify decoration filled at start-up',
      code: `
import fp from 'fastify-plugin';
export default fp(async (app) => {
  app.decorate('routeNames', [] as string[]);
  app.routeNames.push('/health');
});
`,
    },
    {
      name: 'fastify request decoration set per request',
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.decorateRequest('user', null);
app.addHook('preHandler', async (request) => {
  request.user = { id: request.headers['x-user-id'] };
});
`,
    },
    {
      name: 'pending promises deleted in finally',
      code: `
const pending = new Map<string, Promise<unknown>>();
export async function loadOnce(key: string, load: () => Promise<unknown>) {
  const existing = pending.get(key);
  if (existing) return existing;
  const promise = load();
  pending.set(key, promise);
  try {
    return await promise;
  } finally {
    pending.delete(key);
  }
}
`,
    },
    {
      name: 'timer handle kept only to clear it',
      code: `
let poll: ReturnType<typeof setInterval> | undefined;
export function schedulePolling(check: () => void, enabled: boolean) {
  clearInterval(poll);
  if (enabled) poll = setInterval(check, 60_000);
}
`,
    },
    {
      name: 'promise chain serialising tasks',
      code: `
export class Renderer {
  private static queue: Promise<void> = Promise.resolve();
  static runExclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = Renderer.queue.then(task, task);
    Renderer.queue = result.then(() => undefined, () => undefined);
    return result;
  }
}
`,
    },
    {
      name: 'handlers read only before process exit',
      code: `
type Handler = () => Promise<void>;
export default class Shutdown {
  private static handlers: Handler[] = [];
  static add(handler: Handler) {
    this.handlers.push(handler);
  }
  static remove(handler: Handler) {
    this.handlers = this.handlers.filter((other) => other !== handler);
  }
  static async run() {
    await Promise.allSettled(this.handlers.map((handler) => handler()));
    process.exit(0);
  }
}
`,
    },
    {
      name: 'flag read only at module load',
      code: `
let supportsPassive = false;
try {
  const options = Object.defineProperty({}, 'passive', {
    get() {
      supportsPassive = true;
    },
  });
  window.addEventListener('test', null, options);
} catch {
  // Not a browser.
}
export const passiveListeners = supportsPassive;
`,
    },
    {
      name: 'cache changed by a ProseMirror plugin',
      code: `
import { Plugin } from 'prosemirror-state';
import { DecorationSet } from 'prosemirror-view';
const seenBlocks: Record<number, string> = {};
const pending = new Set<string>();
function decorate(doc: any) {
  seenBlocks[doc.content.size] = doc.textContent;
  return DecorationSet.empty;
}
export function highlighting() {
  return new Plugin({
    state: {
      init: (_config, { doc }) => decorate(doc),
      apply: (transaction) => decorate(transaction.doc),
    },
    view: () => ({
      update: () => {
        pending.clear();
      },
    }),
  });
}
`,
    },
    {
      name: 'memo of a synchronous computation, a CLI note',
      code: `
const separators = new Map<string, string>();
export function separatorFor(locale: string): string {
  const known = separators.get(locale);
  if (known !== undefined) return known;
  const parts = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).formatToParts(new Date(2000, 0, 1, 13));
  const separator = parts.find((part) => part.type === 'literal')?.value ?? ' ';
  separators.set(locale, separator);
  return separator;
}
`,
    },
    {
      name: 'database handle taken again after reconnect',
      filename: 'handler.js',
      code: `
const { MongoClient } = require('mongodb');
const client = new MongoClient(process.env.MONGO_URL);
let db;
async function connect() {
  await client.connect();
  db = client.db('shop');
}
exports.handler = async () => {
  if (!client.isConnected()) await connect();
  return db.collection('orders').countDocuments();
};
`,
    },
  ],
  invalid: [
    {
      name: 'database handle chosen by the request',
      filename: 'handler.js',
      code: `
const { MongoClient } = require('mongodb');
const client = new MongoClient(process.env.MONGO_URL);
let db;
exports.handler = async (event) => {
  db = client.db(event.tenant);
  return db.collection('orders').countDocuments();
};
`,
      errors: [{ messageId: 'moduleState', line: 4, column: 5, endLine: 4, endColumn: 7 }],
    },
    {
      name: 'change where a ProseMirror plugin is built',
      code: `
import { Plugin } from 'prosemirror-state';
const built: string[] = [];
export function highlighting(name: string) {
  built.push(name);
  return new Plugin({ view: () => ({}) });
}
`,
      errors: [{ messageId: 'moduleState', line: 3, column: 7, endLine: 3, endColumn: 12 }],
    },
    {
      name: 'change in a spec of another Plugin class',
      code: `
import { Plugin } from './plugin-host';
const seenBlocks: Record<number, string> = {};
export const highlighting = () =>
  new Plugin({
    apply: (doc: { size: number; text: string }) => {
      seenBlocks[doc.size] = doc.text;
    },
  });
`,
      errors: [{ messageId: 'moduleState', line: 3, column: 7, endLine: 3, endColumn: 17 }],
    },
    {
      name: 'pending promises kept after settling',
      code: `
const pending = new Map<string, Promise<unknown>>();
export async function loadOnce(key: string, load: () => Promise<unknown>) {
  const existing = pending.get(key);
  if (existing) return existing;
  const promise = load();
  pending.set(key, promise);
  return promise;
}
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 7, endLine: 2, endColumn: 14 }],
    },
    {
      name: 'running jobs read by another handler',
      code: `
const running = new Map<string, Promise<unknown>>();
export async function runJob(id: string, work: () => Promise<unknown>) {
  const promise = work();
  running.set(id, promise);
  try {
    await promise;
  } finally {
    running.delete(id);
  }
}
export function isRunning(id: string) {
  return running.has(id);
}
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 7, endLine: 2, endColumn: 14 }],
    },
    {
      name: 'timer handle read to report a schedule',
      code: `
let reminder: ReturnType<typeof setTimeout> | undefined;
export function remind(send: () => void) {
  clearTimeout(reminder);
  reminder = setTimeout(send, 5_000);
}
export function isReminderPending() {
  return reminder !== undefined;
}
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 5, endLine: 2, endColumn: 13 }],
    },
    {
      name: 'promise chain carrying results',
      code: `
let last: Promise<string> = Promise.resolve('');
export function append(text: string) {
  last = last.then((previous) => previous + text);
  return last;
}
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 5, endLine: 2, endColumn: 9 }],
    },
    {
      name: 'handlers read by a function that returns',
      code: `
type Handler = () => Promise<void>;
export default class Shutdown {
  private static handlers: Handler[] = [];
  static add(handler: Handler) {
    this.handlers.push(handler);
  }
  static async run() {
    await Promise.allSettled(this.handlers.map((handler) => handler()));
  }
}
`,
      errors: [{ messageId: 'moduleState', line: 4, column: 18, endLine: 4, endColumn: 26 }],
    },
    {
      name: 'flag read by a handler',
      code: `
let supportsPassive = false;
export function detect() {
  supportsPassive = true;
}
export const passiveListeners = () => supportsPassive;
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 5, endLine: 2, endColumn: 20 }],
    },
    {
      name: 'session map named for its use',
      code: `
const loginSessions = new Map<string, { accountId: string }>();
export function login(sid: string, accountId: string) {
  loginSessions.set(sid, { accountId });
}
`,
      errors: [{ messageId: 'sessionStore', data: { name: 'loginSessions' }, line: 2, column: 7, endLine: 2, endColumn: 20 }],
    },
    {
      name: 'map keyed by a cookie',
      code: `
const users = new Map<string, string>();
export function me(req: { cookies: { sid: string } }) {
  return users.get(req.cookies.sid);
}
export function forget(req: { cookies: { sid: string } }) {
  users.delete(req.cookies.sid);
}
`,
      errors: [{ messageId: 'sessionStore', line: 2, column: 7, endLine: 2, endColumn: 12 }],
    },
    {
      name: 'map used by a handler that answers 429',
      code: `
const seen = new Map<string, number>();
export function guard(ip: string, res: { status(code: number): void }) {
  if ((seen.get(ip) ?? 0) > 10) return res.status(429);
  seen.set(ip, (seen.get(ip) ?? 0) + 1);
}
`,
      errors: [{ messageId: 'rateLimitStore', line: 2, column: 7, endLine: 2, endColumn: 11 }],
    },
    {
      name: 'object cache written by key',
      code: `
const priceCache: Record<string, number> = {};
export async function price(id: string, load: (id: string) => Promise<number>) {
  priceCache[id] ??= await load(id);
  return priceCache[id];
}
`,
      errors: [{ messageId: 'cache', line: 2, column: 7, endLine: 2, endColumn: 17 }],
    },
    {
      name: 'sockets kept by a connection listener',
      code: `
import { Server } from 'socket.io';
const members = new Map();
const io = new Server();
io.on('connection', (socket) => {
  members.set(socket.id, socket);
});
`,
      errors: [{ messageId: 'connectionRegistry', line: 3, column: 7, endLine: 3, endColumn: 14 }],
    },
    {
      name: 'counter incremented per connection',
      filename: 'presence.js',
      code: `
let onlineCount = 0;
module.exports = function attach(io) {
  io.on('connection', () => {
    onlineCount += 1;
  });
};
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 5, endLine: 2, endColumn: 16 }],
    },
    {
      name: 'variable reassigned by a handler',
      filename: 'skill.js',
      code: `
let lastResults = [];
exports.handler = async (event) => {
  lastResults = event.results;
  return lastResults.length;
};
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 5, endLine: 2, endColumn: 16 }],
    },
    {
      name: 'array pushed by an exported function',
      code: `
const auditLog: string[] = [];
export function record(action: string) {
  auditLog.push(action);
}
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 7, endLine: 2, endColumn: 15 }],
    },
    {
      name: 'property deleted from a module object',
      code: `
const drafts: Record<string, string> = {};
export function discard(id: string) {
  delete drafts[id];
}
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 7, endLine: 2, endColumn: 13 }],
    },
    {
      name: 'object merged with Object.assign',
      code: `
const settings = { theme: 'light' };
export function update(patch: object) {
  Object.assign(settings, patch);
}
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 7, endLine: 2, endColumn: 15 }],
    },
    {
      name: 'value held in a map changed through get',
      code: `
const totals = new Map<string, { count: number }>([['all', { count: 0 }]]);
export function track() {
  totals.get('all')!.count++;
}
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 7, endLine: 2, endColumn: 13 }],
    },
    {
      name: 'static field changed through the class name',
      code: `
export class Registry {
  static readonly entries: string[] = [];
}
export function add(entry: string) {
  Registry.entries.push(entry);
}
`,
      errors: [{ messageId: 'moduleState', data: { name: 'Registry.entries' }, line: 3, column: 19, endLine: 3, endColumn: 26 }],
    },
    {
      name: 'static counter changed through this',
      code: `
export class Jobs {
  static started = 0;
  static start() {
    this.started++;
  }
}
`,
      errors: [{ messageId: 'moduleState', data: { name: 'Jobs.started' }, line: 3, column: 10, endLine: 3, endColumn: 17 }],
    },
    {
      name: 'instance of a local class changed by its method',
      code: `
class Inbox {
  private items: string[] = [];
  add(item: string) {
    this.items.push(item);
  }
}
const inbox = new Inbox();
export const receive = (item: string) => inbox.add(item);
`,
      errors: [{ messageId: 'moduleState', line: 8, column: 7, endLine: 8, endColumn: 12 }],
    },
    {
      name: 'helper called from a handler runs per request',
      code: `
const visitors = new Set<string>();
function remember(id: string) {
  visitors.add(id);
}
export function onVisit(id: string) {
  remember(id);
}
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 7, endLine: 2, endColumn: 15 }],
    },
    {
      name: 'assignment guarded by a presence test is not lazy',
      code: `
let current: object | undefined;
export function swap(next: object) {
  if (current) current = next;
}
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 5, endLine: 2, endColumn: 12 }],
    },
    {
      name: 'flag helper also called without the guard',
      code: `
let indexReady = false;
async function createIndex(db: { createIndex(field: string): Promise<void> }) {
  await db.createIndex('title');
  indexReady = true;
}
export async function search(db: { createIndex(field: string): Promise<void>; find(text: string): unknown }, text: string) {
  if (!indexReady) await createIndex(db);
  return db.find(text);
}
export async function reindex(db: { createIndex(field: string): Promise<void> }) {
  await createIndex(db);
}
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 5, endLine: 2, endColumn: 15 }],
    },
    {
      name: 'object filled behind a flag nobody sets',
      code: `
const emojiByName: Record<string, string> = {};
let emojiLoaded = false;
export function loadEmoji(list: { name: string; char: string }[]) {
  if (emojiLoaded) return;
  for (const emoji of list) emojiByName[emoji.name] = emoji.char;
}
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 7, endLine: 2, endColumn: 18 }],
    },
    {
      name: 'object filled behind a local flag',
      code: `
const emojiByName: Record<string, string> = {};
export function loadEmoji(list: { name: string; char: string }[]) {
  let emojiLoaded = false;
  if (emojiLoaded) return;
  for (const emoji of list) emojiByName[emoji.name] = emoji.char;
  emojiLoaded = true;
}
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 7, endLine: 2, endColumn: 18 }],
    },
    {
      name: 'nested presence test that does not return',
      code: `
import { readFile } from 'node:fs/promises';
let indexHtml: Buffer | undefined;
export async function readIndex(cacheable: boolean, log: (text: string) => void) {
  if (cacheable) {
    if (indexHtml) log('cached');
  }
  return (indexHtml = await readFile('dist/index.html'));
}
`,
      errors: [{ messageId: 'moduleState', line: 3, column: 5, endLine: 3, endColumn: 14 }],
    },
    {
      name: 'map filled through a constant holding a client result',
      code: `
import { createClient } from 'redis';
const redis = createClient();
const counts = new Map<string, number>();
export async function sync(key: string) {
  const count = await redis.incr(key);
  counts.set(key, count);
}
`,
      errors: [{ messageId: 'moduleState', line: 4, column: 7, endLine: 4, endColumn: 13 }],
    },
    {
      name: 'change in the body of a hook',
      filename: 'use-visits.ts',
      code: `
import { useState } from 'react';
let renders = 0;
export function useRenders() {
  renders += 1;
  return useState(renders)[0];
}
`,
      errors: [{ messageId: 'moduleState', line: 3, column: 5, endLine: 3, endColumn: 12 }],
    },
    {
      name: 'change in a useMemo callback of a hook',
      filename: 'use-label.ts',
      code: `
import { useMemo } from 'react';
const labels = new Map<string, string>();
export function useLabel(key: string, text: string) {
  return useMemo(() => {
    labels.set(key, text);
    return text;
  }, [key, text]);
}
`,
      errors: [{ messageId: 'moduleState', line: 3, column: 7, endLine: 3, endColumn: 13 }],
    },
    {
      name: 'hook-like name in a file without react',
      code: `
const namesByLocale: Record<string, string> = {};
export function useLocaleName(locale: string) {
  function remember(name: string) {
    namesByLocale[locale] = name;
  }
  return remember;
}
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 7, endLine: 2, endColumn: 20 }],
    },
    {
      name: 'result of a function returning something else',
      code: `
import { createServer, type Server } from 'node:http';
let cachedServer: Server | undefined;
async function bootstrapServer(): Promise<Server> {
  if (!cachedServer) cachedServer = createServer();
  return createServer();
}
export const handler = async () => {
  cachedServer = await bootstrapServer();
  return cachedServer.listening;
};
`,
      errors: [{ messageId: 'cache', line: 3, column: 5, endLine: 3, endColumn: 17 }],
    },
    {
      name: 'function named like start-up but longer',
      code: `
const sessions = new Map<string, object>();
export function initSession(id: string) {
  sessions.set(id, {});
}
`,
      errors: [{ messageId: 'sessionStore', line: 2, column: 7, endLine: 2, endColumn: 15 }],
    },
    {
      name: 'change in a then callback inside a handler',
      code: `
let latest: unknown;
export function refresh(load: () => Promise<unknown>) {
  return load().then((value) => {
    latest = value;
  });
}
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 5, endLine: 2, endColumn: 11 }],
    },
    {
      name: 'map filled with a result of a client call',
      code: `
import { createClient } from 'redis';
const redis = createClient();
const counts = new Map<string, number>();
export async function sync(key: string) {
  counts.set(key, await redis.incr(key));
}
`,
      errors: [{ messageId: 'moduleState', line: 4, column: 7, endLine: 4, endColumn: 13 }],
    },
    {
      name: 'change in a route inside a fastify plugin',
      code: `
import type { FastifyInstance } from 'fastify';
let lastPing = 0;
export default async function routes(app: FastifyInstance) {
  app.get('/ping', async () => {
    lastPing = Date.now();
    return { ok: true };
  });
}
`,
      errors: [{ messageId: 'moduleState', line: 3, column: 5, endLine: 3, endColumn: 13 }],
    },
    {
      name: 'register exported outside instrumentation',
      filename: 'src/users.ts',
      code: `
let tracerName = '';
export async function register() {
  tracerName = process.env.OTEL_SERVICE_NAME ?? 'web';
}
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 5, endLine: 2, endColumn: 15 }],
    },
    {
      name: 'change in a NestJS route handler',
      code: `
import { Controller, Post } from '@nestjs/common';
const countries: string[] = [];
@Controller('countries')
export class CountryController {
  @Post()
  add() {
    countries.push('DK');
  }
}
`,
      errors: [{ messageId: 'moduleState', line: 3, column: 7, endLine: 3, endColumn: 16 }],
    },
    {
      name: 'route handler named like start-up code',
      code: `
import express from 'express';
const running = new Set<string>();
function start(req: express.Request, res: express.Response) {
  running.add(req.params.id!);
  res.sendStatus(202);
}
express().post('/jobs/:id/start', start);
`,
      errors: [{ messageId: 'moduleState', line: 3, column: 7, endLine: 3, endColumn: 14 }],
    },
    {
      name: 'once listener added per connection',
      code: `
import { Server } from 'socket.io';
const io = new Server();
const authenticated = new Set<string>();
io.on('connection', (socket) => {
  socket.once('auth', () => {
    authenticated.add(socket.id);
  });
});
`,
      errors: [{ messageId: 'moduleState', line: 4, column: 7, endLine: 4, endColumn: 20 }],
    },
    {
      name: 'server action named connect',
      code: `
'use server';
const drafts = new Map<string, string>();
export async function connect(id: string, text: string) {
  drafts.set(id, text);
}
`,
      errors: [{ messageId: 'moduleState', line: 3, column: 7, endLine: 3, endColumn: 13 }],
    },
    {
      name: 'lambda handler in exports',
      filename: 'handler.js',
      code: `
let invocations = 0;
exports.handler = async () => {
  invocations += 1;
  return { statusCode: 200 };
};
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 5, endLine: 2, endColumn: 16 }],
    },
    {
      name: 'graphql resolver named like start-up code',
      code: `
const votes = new Map<string, number>();
function init(_parent: unknown, args: { id: string }) {
  votes.set(args.id, 0);
}
export const resolvers = { Mutation: { init } };
`,
      errors: [{ messageId: 'moduleState', line: 2, column: 7, endLine: 2, endColumn: 12 }],
    },
    {
      name: 'fastify decoration changed by a handler',
      code: `
import fp from 'fastify-plugin';
export default fp(async (app) => {
  app.decorate('stats', { hits: 0 });
  app.get('/hit', async () => {
    app.stats.hits++;
    return { ok: true };
  });
});
`,
      errors: [{ messageId: 'decoratedState', line: 4, column: 16, endLine: 4, endColumn: 23 }],
    },
    {
      name: 'fastify decoration changed through request.server',
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.decorate('seen', new Set<string>());
app.post('/seen', async (request) => {
  request.server.seen.add(request.ip);
});
`,
      errors: [{ messageId: 'decoratedState', line: 4, column: 14, endLine: 4, endColumn: 20 }],
    },
    {
      name: 'fastify decoration changed through this',
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.decorate('counters', new Map<string, number>());
app.get('/count', async function () {
  this.counters.set('visits', (this.counters.get('visits') ?? 0) + 1);
});
`,
      errors: [{ messageId: 'decoratedState', line: 4, column: 14, endLine: 4, endColumn: 24 }],
    },
  ],
});

describe('no-module-state findings', () => {
  it('lists each change as a related location', () => {
    const code = [
      "const loginSessions = new Map<string, string>();",
      'export function login(sid: string) {',
      "  loginSessions.set(sid, 'user');",
      '}',
      'export function logout(sid: string) {',
      '  loginSessions.delete(sid);',
      '}',
    ].join('\n');
    const [finding] = analyzeText('src/auth.ts', code, [noModuleState]).findings;
    expect(finding?.category).toBe('session-store');
    expect(finding?.criterion).toBe('sessions');
    expect(finding?.related.map((related) => related.start.line)).toEqual([3, 6]);
    expect(finding?.related[0]?.message).toBe('loginSessions is changed here, in code that runs per request.');
  });

  it('reports one finding per binding', () => {
    const code = ['let hits = 0;', 'export function a() { hits++; }', 'export function b() { hits = 0 + hits; }'].join('\n');
    const findings = analyzeText('src/hits.ts', code, [noModuleState]).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]?.related).toHaveLength(2);
  });
});

describe('no-module-state memos', () => {
  const severities = (code: string) => analyzeText('src/memo.ts', code, [noModuleState]).findings.map((finding) => [finding.start.line, finding.severity, finding.messageId]);

  it('memo of a file hash is a note', () => {
    const code = [
      "import { createHash } from 'node:crypto';",
      "import { readFileSync } from 'node:fs';",
      'const hashes = new Map<string, string>();',
      'export function hashOf(file: string): string {',
      '  if (hashes.has(file)) return hashes.get(file)!;',
      "  const hash = createHash('sha256').update(readFileSync(file)).digest('hex');",
      '  hashes.set(file, hash);',
      '  return hash;',
      '}',
      'export const clearHashes = () => hashes.clear();',
    ].join('\n');
    expect(severities(code)).toEqual([[3, 'info', 'memo']]);
  });

  it('memo filled by an awaited query', () => {
    const code = [
      'const names = new Map<string, string>();',
      'export async function nameOf(id: string, query: (id: string) => Promise<string>) {',
      '  if (names.has(id)) return names.get(id);',
      '  const name = await query(id);',
      '  names.set(id, name);',
      '  return name;',
      '}',
    ].join('\n');
    expect(severities(code)).toEqual([[1, 'error', 'moduleState']]);
  });

  it('memo of a random value', () => {
    const code = [
      'const tokens = new Map<string, string>();',
      'export function tokenFor(user: string) {',
      '  if (tokens.has(user)) return tokens.get(user);',
      '  const token = crypto.randomUUID();',
      '  tokens.set(user, token);',
      '  return token;',
      '}',
    ].join('\n');
    expect(severities(code)).toEqual([[1, 'error', 'moduleState']]);
  });

  it('memo storing a parameter', () => {
    const code = [
      'const firstNames = new Map<string, string>();',
      'export function remember(user: string, name: string) {',
      '  if (firstNames.has(user)) return firstNames.get(user);',
      '  firstNames.set(user, name);',
      '  return name;',
      '}',
    ].join('\n');
    expect(severities(code)).toEqual([[1, 'error', 'moduleState']]);
  });

  it('store without a lookup first', () => {
    const code = [
      'const lengths = new Map<string, number>();',
      'export function measure(text: string) {',
      '  const length = text.trim().length;',
      '  lengths.set(text, length);',
      '  return length;',
      '}',
    ].join('\n');
    expect(severities(code)).toEqual([[1, 'error', 'moduleState']]);
  });

  it('memo filled when the lookup misses', () => {
    const code = [
      'const patterns = new Map<string, RegExp>();',
      'export function matches(pattern: string, input: string) {',
      '  let compiled = patterns.get(pattern);',
      '  if (!compiled) {',
      '    if (patterns.size > 500) patterns.clear();',
      "    compiled = new RegExp(pattern, 'u');",
      '    patterns.set(pattern, compiled);',
      '  }',
      '  return compiled.test(input);',
      '}',
    ].join('\n');
    expect(severities(code)).toEqual([[1, 'info', 'memo']]);
  });

  it('miss branch storing a parameter', () => {
    const code = [
      'const lastSeen = new Map<string, string>();',
      'export function seen(user: string, page: string) {',
      '  const known = lastSeen.get(user);',
      '  if (!known) {',
      '    lastSeen.set(user, page);',
      '  }',
      '  return known;',
      '}',
    ].join('\n');
    expect(severities(code)).toEqual([[1, 'error', 'moduleState']]);
  });

  it('bucket created when the lookup misses', () => {
    const code = [
      'const rooms = new Map<string, Set<string>>();',
      'export function join(room: string, socketId: string) {',
      '  let members = rooms.get(room);',
      '  if (!members) {',
      '    members = new Set();',
      '    rooms.set(room, members);',
      '  }',
      '  members.add(socketId);',
      '}',
    ].join('\n');
    expect(severities(code)).toEqual([[1, 'error', 'moduleState']]);
  });

  it('object memo keyed by element access', () => {
    const code = [
      'const routeMatchers: Record<string, RegExp> = Object.create(null);',
      'export function isRoute(path: string, route: string) {',
      '  if (!routeMatchers[route]) {',
      "    routeMatchers[route] = new RegExp('^' + route + '/?$', 'i');",
      '  }',
      '  return routeMatchers[route].test(path);',
      '}',
    ].join('\n');
    expect(severities(code)).toEqual([[1, 'info', 'memo']]);
  });

  it('object counter keyed by element access', () => {
    const code = [
      'const visits: Record<string, number> = {};',
      'export function visit(route: string) {',
      '  if (!visits[route]) {',
      '    visits[route] = 0;',
      '  }',
      '  visits[route] += 1;',
      '}',
    ].join('\n');
    expect(severities(code)).toEqual([[1, 'error', 'moduleState']]);
  });

  it('static field memo tested with in', () => {
    const code = [
      "import http from 'node:http';",
      'export class Agents {',
      '  static byOptions: Record<string, http.Agent> = {};',
      '  static agentFor(options: http.AgentOptions) {',
      '    const key = JSON.stringify(options);',
      '    if (!(key in this.byOptions)) {',
      '      this.byOptions[key] = new http.Agent(options);',
      '    }',
      '    return this.byOptions[key];',
      '  }',
      '}',
    ].join('\n');
    expect(severities(code)).toEqual([[3, 'info', 'memo']]);
  });

  it('static field store without a miss test', () => {
    const code = [
      'export class Sessions {',
      '  static byToken: Record<string, string> = {};',
      '  static signIn(token: string, user: string) {',
      '    this.byToken[token] = user.toLowerCase();',
      '  }',
      '}',
    ].join('\n');
    expect(severities(code)).toEqual([[2, 'error', 'moduleState']]);
  });
});
