import rule from '../../rules/no-per-process-realtime.js';
import { createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-per-process-realtime', rule, {
  valid: [
    {
      name: 'socket.io with the Redis adapter option',
      code: `
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
const io = new Server(httpServer, { adapter: createAdapter(pubClient, subClient) });
`,
    },
    {
      name: 'socket.io adapter set after construction',
      filename: 'realtime.js',
      code: `
const { Server } = require('socket.io');
const { createAdapter } = require('@socket.io/redis-adapter');
const io = new Server(httpServer);
io.adapter(createAdapter(pubClient, subClient));
`,
    },
    {
      name: 'socket.io options given first with an adapter',
      code: `
import { Server } from 'socket.io';
import { createShardedAdapter } from '@socket.io/redis-adapter';
const io = new Server({ adapter: createShardedAdapter(pubClient, subClient) });
io.listen(3000);
`,
    },
    {
      name: 'fetchSockets asks every worker',
      code: `
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
const io = new Server(httpServer, { adapter: createAdapter(pubClient, subClient) });
export const online = async () => (await io.fetchSockets()).length;
`,
    },
    {
      name: 'graphql-redis-subscriptions RedisPubSub',
      code: `
import { RedisPubSub } from 'graphql-redis-subscriptions';
export const pubsub = new RedisPubSub({ connection: process.env.REDIS_URL });
`,
    },
    {
      name: 'graphql-yoga pubsub with a Redis event target',
      code: `
import { createPubSub } from 'graphql-yoga';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
export const pubSub = createPubSub({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) });
`,
    },
    {
      name: 'a local PubSub class is not graphql-subscriptions',
      code: `
class PubSub { publish() {} }
export const pubsub = new PubSub();
`,
    },
    {
      name: 'client count set on a prom-client gauge',
      code: `
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Gauge } from 'prom-client';
const io = new Server(httpServer, { adapter: createAdapter(pubClient, subClient) });
const connected = new Gauge({ name: 'websocket_clients', help: 'Connected clients' });
io.on('connection', () => connected.set(io.engine.clientsCount));
`,
    },
    {
      name: 'client count in a prom-client collect callback',
      code: `
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import client from 'prom-client';
const io = new Server(httpServer, { adapter: createAdapter(pubClient, subClient) });
new client.Gauge({
  name: 'websocket_clients',
  help: 'Connected clients',
  collect() {
    this.set(io.engine.clientsCount);
  },
});
`,
    },
    {
      name: 'client count sent as a StatsD gauge',
      code: `
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { StatsD } from 'hot-shots';
const io = new Server(httpServer, { adapter: createAdapter(pubClient, subClient) });
const statsd = new StatsD({ prefix: 'app.' });
io.on('connection', () => statsd.gauge('websockets.count', io.engine.clientsCount));
`,
    },
    {
      name: 'client list size observed by OpenTelemetry',
      code: `
import { WebSocketServer } from 'ws';
import { metrics } from '@opentelemetry/api';
const wss = new WebSocketServer({ port: 8080 });
const meter = metrics.getMeter('realtime');
meter.createObservableGauge('ws.clients').addCallback((result) => result.observe(wss.clients.size));
`,
    },
  ],
  invalid: [
    {
      name: 'client count logged, not a metric',
      code: `
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import pino from 'pino';
const io = new Server(httpServer, { adapter: createAdapter(pubClient, subClient) });
const logger = pino();
io.on('connection', () => logger.info(io.engine.clientsCount));
`,
      errors: [{ messageId: 'realtimeInProcess', line: 7, column: 39, endLine: 7, endColumn: 61 }],
    },
    {
      name: 'socket.io Server without an adapter',
      filename: 'realtime.js',
      code: `
const { Server } = require('socket.io');
const io = new Server(server);
io.on('connection', (socket) => socket.join('lobby'));
`,
      errors: [{ messageId: 'realtimeInProcess', line: 3, column: 12, endLine: 3, endColumn: 30 }],
    },
    {
      name: 'socket.io factory call without an adapter',
      filename: 'realtime.js',
      code: `
const io = require('socket.io')(server, { cors: { origin: '*' } });
`,
      errors: [{ messageId: 'realtimeInProcess', line: 2, column: 12, endLine: 2, endColumn: 67 }],
    },
    {
      name: 'local socket list despite a Redis adapter',
      code: `
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
const io = new Server(httpServer, { adapter: createAdapter(pubClient, subClient) });
export function findSocket(id: string) {
  return io.sockets.sockets.get(id);
}
`,
      errors: [{ messageId: 'realtimeInProcess', line: 6, column: 10, endLine: 6, endColumn: 28 }],
    },
    {
      name: 'ws server clients iterated for a broadcast',
      code: `
import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 8080 });
export function broadcast(data: string) {
  for (const client of wss.clients) client.send(data);
}
`,
      errors: [{ messageId: 'realtimeInProcess', line: 5, column: 24, endLine: 5, endColumn: 35 }],
    },
    {
      name: 'graphql-subscriptions PubSub',
      code: `
import { PubSub } from 'graphql-subscriptions';
export const pubsub = new PubSub();
`,
      errors: [{ messageId: 'realtimeInProcess', line: 3, column: 23, endLine: 3, endColumn: 35 }],
    },
    {
      name: 'graphql-yoga pubsub without an event target',
      code: `
import { createPubSub } from 'graphql-yoga';
export const pubSub = createPubSub();
`,
      errors: [{ messageId: 'realtimeInProcess', line: 3, column: 23, endLine: 3, endColumn: 37 }],
    },
  ],
});
