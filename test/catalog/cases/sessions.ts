import type { EntryCase } from './types.js';

export const SESSION_CASES: readonly EntryCase[] = [
  {
    entry: 'express-session/default-store',
    kind: 'positive',
    name: 'options without store',
    code: `import session from 'express-session';
app.use(session({ secret: 's' }));`,
    line: 2,
  },
  {
    entry: 'express-session/default-store',
    kind: 'negative',
    name: 'connect-redis store',
    code: `import session from 'express-session';
import { RedisStore } from 'connect-redis';
app.use(session({ secret: 's', store: new RedisStore({ client }) }));`,
  },
  {
    entry: 'express-session/memory-store',
    kind: 'positive',
    name: 'MemoryStore from a default import',
    filename: 'src/app.js',
    code: `const session = require('express-session');
const store = new session.MemoryStore();
app.use(session({ store, secret: 's' }));`,
    line: 2,
  },
  {
    entry: 'express-session/memory-store',
    kind: 'negative',
    name: 'MemoryStore class of the project',
    code: `import { MemoryStore } from './memory-store';
export const store = new MemoryStore();`,
  },
  {
    entry: 'memorystore/store',
    kind: 'positive',
    name: 'memorystore bound to express-session',
    filename: 'src/app.js',
    code: `const session = require('express-session');
const MemoryStore = require('memorystore')(session);
app.use(session({ store: new MemoryStore({ checkPeriod: 86400000 }), secret: 's' }));`,
    line: 3,
  },
  {
    entry: 'memorystore/store',
    kind: 'negative',
    name: 'memorystore imported but not constructed',
    code: `import createMemoryStore from 'memorystore';
export { createMemoryStore };`,
  },
  {
    entry: 'session-memory-store/store',
    kind: 'positive',
    name: 'session-memory-store bound to express-session',
    filename: 'src/app.js',
    code: `const session = require('express-session');
const MemoryStore = require('session-memory-store')(session);
app.use(session({ store: new MemoryStore({ expires: 3600 }), secret: 's' }));`,
    line: 3,
  },
  {
    entry: 'session-memory-store/store',
    kind: 'negative',
    name: 'session-memory-store in a one-off script',
    filename: 'scripts/demo.js',
    code: `const session = require('express-session');
const MemoryStore = require('session-memory-store')(session);
app.use(session({ store: new MemoryStore(), secret: 's' }));`,
  },
  {
    entry: 'session-file-store/store',
    kind: 'positive',
    name: 'file store from an ES import',
    code: `import session from 'express-session';
import createFileStore from 'session-file-store';
const FileStore = createFileStore(session);
app.use(session({ store: new FileStore({ path: './sessions' }), secret: 's' }));`,
    line: 4,
  },
  {
    entry: 'session-file-store/store',
    kind: 'negative',
    name: 'connect-pg-simple store',
    code: `import session from 'express-session';
import createPgStore from 'connect-pg-simple';
const PgStore = createPgStore(session);
app.use(session({ store: new PgStore({ pool }), secret: 's' }));`,
  },
  {
    entry: '@fastify/session/default-store',
    kind: 'positive',
    name: 'plugin without store',
    code: `import fastifySession from '@fastify/session';
await fastify.register(fastifySession, { secret: 'a secret with minimum length of 32 characters' });`,
    line: 2,
  },
  {
    entry: '@fastify/session/default-store',
    kind: 'negative',
    name: 'plugin with a Redis store',
    code: `import fastifySession from '@fastify/session';
import { RedisStore } from 'connect-redis';
await fastify.register(fastifySession, { secret: 's', store: new RedisStore({ client }) });`,
  },
  {
    entry: '@fastify/session/memory-store',
    kind: 'positive',
    name: 'explicit MemoryStore',
    code: `import fastifySession from '@fastify/session';
await fastify.register(fastifySession, { secret: 's', store: new fastifySession.MemoryStore() });`,
    line: 2,
  },
  {
    entry: '@fastify/session/memory-store',
    kind: 'negative',
    name: 'Store base class is not the MemoryStore',
    code: `import { Store } from '@fastify/session';
export class DatabaseStore extends Store {}`,
  },
  {
    entry: '@mgcrea/fastify-session/default-store',
    kind: 'positive',
    name: 'plugin without store',
    code: `import fastifySession from '@mgcrea/fastify-session';
fastify.register(fastifySession, { secret: 's' });`,
    line: 2,
  },
  {
    entry: '@mgcrea/fastify-session/default-store',
    kind: 'negative',
    name: 'plugin with the Redis store',
    code: `import fastifySession from '@mgcrea/fastify-session';
import { RedisStore } from '@mgcrea/fastify-session-redis-store';
fastify.register(fastifySession, { secret: 's', store: new RedisStore({ client }) });`,
  },
  {
    entry: '@mgcrea/fastify-session/memory-store',
    kind: 'positive',
    name: 'explicit MemoryStore',
    code: `import fastifySession, { MemoryStore } from '@mgcrea/fastify-session';
fastify.register(fastifySession, { secret: 's', store: new MemoryStore() });`,
    line: 2,
  },
  {
    entry: '@mgcrea/fastify-session/memory-store',
    kind: 'negative',
    name: 'MemoryStore of another package',
    code: `import { MemoryStore } from 'express-rate-limit';
export const store = new MemoryStore();`,
  },
  {
    entry: 'koa-session/cookie',
    kind: 'positive',
    name: 'in-memory Map as store',
    code: `import session from 'koa-session';
app.use(session({ store: new Map() }, app));`,
    line: 2,
  },
  {
    entry: 'koa-session/cookie',
    kind: 'negative',
    name: 'default cookie session',
    code: `import session from 'koa-session';
app.use(session({ key: 'sid' }, app));`,
  },
  {
    entry: 'cookie-session/cookie',
    kind: 'negative',
    name: 'signed cookie',
    filename: 'src/app.js',
    code: `const cookieSession = require('cookie-session');
app.use(cookieSession({ name: 'session', keys: ['k1'] }));`,
  },
  {
    entry: 'iron-session/cookie',
    kind: 'negative',
    name: 'encrypted cookie',
    code: `import { getIronSession } from 'iron-session';
export const load = (req: Request, res: Response) => getIronSession(req, res, { password: 'p', cookieName: 'sid' });`,
  },
  {
    entry: '@fastify/secure-session/cookie',
    kind: 'negative',
    name: 'encrypted cookie',
    code: `import secureSession from '@fastify/secure-session';
fastify.register(secureSession, { key: process.env.SESSION_KEY });`,
  },
];
