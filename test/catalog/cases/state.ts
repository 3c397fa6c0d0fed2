import type { EntryCase } from './types.js';

export const STATE_CASES: readonly EntryCase[] = [
  {
    entry: 'socket.io/default-adapter',
    kind: 'positive',
    name: 'options without adapter',
    code: `import { Server } from 'socket.io';
export const io = new Server(httpServer, { cors: { origin: '*' } });`,
    line: 2,
  },
  {
    entry: 'socket.io/default-adapter',
    kind: 'negative',
    name: 'adapter set on the instance',
    code: `import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
export const io = new Server(httpServer);
io.adapter(createAdapter(pool));`,
  },
  {
    entry: 'socket.io/local-sockets',
    kind: 'positive',
    name: 'sockets of a namespace',
    code: `import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
const io = new Server(httpServer, { adapter: createAdapter(pub, sub) });
export const count = () => io.of('/chat').sockets.size;`,
    line: 4,
  },
  {
    entry: 'socket.io/local-sockets',
    kind: 'negative',
    name: 'fetchSockets on a room',
    code: `import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
const io = new Server(httpServer, { adapter: createAdapter(pub, sub) });
export const inRoom = async (room: string) => (await io.in(room).fetchSockets()).length;`,
  },
  {
    entry: 'ws/local-clients',
    kind: 'positive',
    name: 'clients of a default-import server',
    filename: 'src/ws.js',
    code: `const WebSocket = require('ws');
const wss = new WebSocket.Server({ port: 8080 });
wss.clients.forEach((client) => client.send('hello'));`,
    line: 3,
  },
  {
    entry: 'ws/local-clients',
    kind: 'negative',
    name: 'clients property of another object',
    code: `import { registry } from './registry';
registry.clients.forEach((client) => client.notify());`,
  },
  {
    entry: 'graphql-subscriptions/pubsub',
    kind: 'positive',
    name: 'PubSub from graphql-subscriptions',
    code: `import { PubSub } from 'graphql-subscriptions';
export const pubsub = new PubSub();`,
    line: 2,
  },
  {
    entry: 'graphql-subscriptions/pubsub',
    kind: 'negative',
    name: 'PubSub from Google Cloud',
    code: `import { PubSub } from '@google-cloud/pubsub';
export const pubsub = new PubSub({ projectId: 'p' });`,
  },
  {
    entry: 'graphql-redis-subscriptions/pubsub',
    kind: 'negative',
    name: 'RedisPubSub',
    code: `import { RedisPubSub } from 'graphql-redis-subscriptions';
export const pubsub = new RedisPubSub();`,
  },
  {
    entry: 'graphql-yoga/create-pubsub',
    kind: 'positive',
    name: 'no event target',
    code: `import { createPubSub } from 'graphql-yoga';
export const pubSub = createPubSub<{ orderUpdated: [order: unknown] }>();`,
    line: 2,
  },
  {
    entry: 'graphql-yoga/create-pubsub',
    kind: 'negative',
    name: 'Redis event target',
    code: `import { createPubSub } from 'graphql-yoga';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
export const pubSub = createPubSub({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) });`,
  },
];
