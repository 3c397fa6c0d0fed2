import rule from '../../rules/no-memory-session-store.js';
import { createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-memory-session-store', rule, {
  valid: [
    {
      name: 'connect-redis store',
      code: `
import session from 'express-session';
import { RedisStore } from 'connect-redis';
app.use(session({ store: new RedisStore({ client }), secret: 's' }));
`,
    },
    {
      name: 'store held in a variable',
      code: `
const session = require('express-session');
const MongoStore = require('connect-mongo');
const store = MongoStore.create({ mongoUrl: process.env.MONGO_URL });
app.use(session({ store, secret: 's' }));
`,
    },
    {
      name: 'options built in another module are not judged',
      code: `
import session from 'express-session';
import { buildSessionOptions } from './session-options';
app.use(session(buildSessionOptions()));
`,
    },
    {
      name: 'options with a spread may carry the store',
      code: `
import session from 'express-session';
app.use(session({ ...sharedOptions, secret: 's' }));
`,
    },
    {
      name: 'store class of the project is not judged',
      code: `
import session from 'express-session';
import { DatabaseStore } from './database-store';
app.use(session({ store: new DatabaseStore(), secret: 's' }));
`,
    },
    {
      name: 'a local function named session is not express-session',
      code: `
function session(options) { return options; }
app.use(session({ secret: 's' }));
`,
    },
    {
      name: 'cookie-session keeps the session in the cookie',
      filename: 'app.js',
      code: `
const cookieSession = require('cookie-session');
app.use(cookieSession({ name: 'sid', keys: ['k'] }));
`,
    },
    {
      name: 'fastify session with a store',
      code: `
import fastifySession from '@fastify/session';
import RedisStore from 'connect-redis';
fastify.register(fastifySession, { secret: 's', store: new RedisStore({ client }) });
`,
    },
    {
      name: 'fastify secure-session keeps the session in an encrypted cookie',
      code: `
import secureSession from '@fastify/secure-session';
fastify.register(secureSession, { key: process.env.SESSION_KEY, cookie: { path: '/' } });
`,
    },
    {
      name: 'mgcrea fastify-session with a Redis store',
      code: `
import fastifySession from '@mgcrea/fastify-session';
import { RedisStore } from '@mgcrea/fastify-session-redis-store';
fastify.register(fastifySession, { secret: 's', store: new RedisStore({ client: redis, ttl: 3600 }) });
`,
    },
    {
      name: 'koa-session keeps the session in the cookie by default',
      code: `
import session from 'koa-session';
app.use(session({ key: 'sid', maxAge: 86400000 }, app));
`,
    },
    {
      name: 'iron-session keeps the session in an encrypted cookie',
      code: `
import { getIronSession } from 'iron-session';
export async function GET(request: Request) {
  const session = await getIronSession(cookies(), { password: process.env.SECRET!, cookieName: 'sid' });
  return Response.json(session);
}
`,
    },
    {
      name: 'express-session in a one-off script',
      filename: 'scripts/seed.ts',
      code: `
import session from 'express-session';
app.use(session({ secret: 's' }));
`,
    },
  ],
  invalid: [
    {
      name: 'express-session without a store',
      filename: 'app.js',
      code: `
const session = require('express-session');
app.use(session({ secret: 's', resave: false }));
`,
      errors: [{ messageId: 'sessionStoreInProcess', line: 3, column: 9, endLine: 3, endColumn: 48 }],
    },
    {
      name: 'express-session called with no options',
      code: `
import session from 'express-session';
app.use(session());
`,
      errors: [{ messageId: 'sessionStoreInProcess', line: 3, column: 9, endLine: 3, endColumn: 18 }],
    },
    {
      name: 'options object in a variable',
      code: `
import session from 'express-session';
const options = { secret: 's' };
app.use(session(options));
`,
      errors: [{ messageId: 'sessionStoreInProcess', line: 4, column: 9, endLine: 4, endColumn: 25 }],
    },
    {
      name: 'explicit express-session MemoryStore',
      code: `
import session, { MemoryStore } from 'express-session';
app.use(session({ store: new MemoryStore(), secret: 's' }));
`,
      errors: [{ messageId: 'sessionStoreInProcess', line: 3, column: 26, endLine: 3, endColumn: 43 }],
    },
    {
      name: 'MemoryStore created in a variable',
      code: `
import session from 'express-session';
const store = new session.MemoryStore();
app.use(session({ store, secret: 's' }));
`,
      errors: [{ messageId: 'sessionStoreInProcess', line: 3, column: 15, endLine: 3, endColumn: 40 }],
    },
    {
      name: 'memorystore package',
      filename: 'app.js',
      code: `
const session = require('express-session');
const MemoryStore = require('memorystore')(session);
app.use(session({ store: new MemoryStore({ checkPeriod: 86400000 }), secret: 's' }));
`,
      errors: [{ messageId: 'sessionStoreInProcess', line: 4, column: 26, endLine: 4, endColumn: 68 }],
    },
    {
      name: 'session-file-store package',
      filename: 'app.js',
      code: `
const session = require('express-session');
const FileStore = require('session-file-store')(session);
app.use(session({ store: new FileStore({}), secret: 's' }));
`,
      errors: [{ messageId: 'sessionStoreInProcess', line: 4, column: 26, endLine: 4, endColumn: 43 }],
    },
    {
      name: 'fastify session without a store',
      code: `
import fastifySession from '@fastify/session';
fastify.register(fastifySession, { secret: 'a secret with minimum length of 32 characters' });
`,
      errors: [{ messageId: 'sessionStoreInProcess', line: 3, column: 1, endLine: 3, endColumn: 94 }],
    },
    {
      name: 'mgcrea fastify-session without a store',
      code: `
import fastifySession from '@mgcrea/fastify-session';
fastify.register(fastifySession, { secret: 's', cookie: { maxAge: 3600 } });
`,
      errors: [{ messageId: 'sessionStoreInProcess', line: 3, column: 1, endLine: 3, endColumn: 76 }],
    },
    {
      name: 'koa-session given an in-memory Map as store',
      code: `
import session from 'koa-session';
app.use(session({ key: 'sid', store: new Map() }, app));
`,
      errors: [{ messageId: 'sessionStoreInProcess', line: 3, column: 9, endLine: 3, endColumn: 55 }],
    },
    {
      name: 'lru-cache instance named as a session store',
      code: `
import { LRUCache } from 'lru-cache';
const sessions = new LRUCache<string, object>({ max: 10_000 });
export const load = (id: string) => sessions.get(id);
`,
      errors: [{ messageId: 'sessionStoreInProcess', line: 3, column: 18, endLine: 3, endColumn: 63 }],
    },
  ],
});
