import type { CatalogEntry } from '../types.js';

const SOCKET_IO_ADAPTER = 'Set a shared adapter, such as `createAdapter(pubClient, subClient)` from @socket.io/redis-adapter, so that broadcasts reach every worker.';

/** Realtime delivery, part of the `state` criterion: events and connections that stay inside one worker. */
export const STATE_ENTRIES: readonly CatalogEntry[] = [
  {
    id: 'socket.io/default-adapter',
    package: 'socket.io',
    category: 'realtime-adapter',
    severity: 'error',
    site: {
      kind: 'new',
      exports: [
        { module: 'socket.io', path: ['Server'] },
        { module: 'socket.io', path: [] },
      ],
      calledWithoutNew: true,
    },
    stateful: {
      when: 'no-shared-store',
      store: { argument: 1, fallbackArgument: 0, options: ['adapter'], configureMethods: ['adapter'] },
    },
    finding: 'This socket.io server has no adapter, and its default in-memory adapter delivers broadcasts only to sockets connected to this process',
    remedy: SOCKET_IO_ADAPTER,
    source: 'https://socket.io/docs/v4/adapter/',
  },
  {
    id: 'socket.io/local-sockets',
    package: 'socket.io',
    category: 'realtime-adapter',
    severity: 'warning',
    site: {
      kind: 'member',
      exports: [
        ['Server', 'new', 'sockets', 'sockets'],
        ['Server', 'new', 'of', '()', 'sockets'],
        ['Server', 'new', 'sockets', 'adapter', 'rooms'],
        ['Server', 'new', 'engine', 'clientsCount'],
        ['()', 'sockets', 'sockets'],
        ['()', 'of', '()', 'sockets'],
        ['()', 'sockets', 'adapter', 'rooms'],
        ['()', 'engine', 'clientsCount'],
      ].map((path) => ({ module: 'socket.io', path })),
    },
    stateful: { when: 'always' },
    finding: 'This reads the sockets, rooms or client count of this process only, even with a Redis adapter',
    remedy: 'Use `io.fetchSockets()` or `io.in(room).fetchSockets()`, which ask every worker through the adapter.',
    source: 'https://socket.io/docs/v4/adapter/',
  },
  {
    id: 'ws/local-clients',
    package: 'ws',
    category: 'realtime-adapter',
    severity: 'warning',
    site: {
      kind: 'member',
      exports: [
        { module: 'ws', path: ['WebSocketServer', 'new', 'clients'] },
        { module: 'ws', path: ['Server', 'new', 'clients'] },
      ],
    },
    stateful: { when: 'always' },
    finding: "`clients` of a ws WebSocketServer lists only the connections of this process",
    remedy: 'Publish messages through a shared broker, such as Redis pub/sub, and let every worker send them to its own clients.',
    source: 'https://github.com/websockets/ws#server-broadcast',
  },
  {
    id: 'graphql-subscriptions/pubsub',
    package: 'graphql-subscriptions',
    category: 'realtime-adapter',
    severity: 'error',
    site: {
      kind: 'new',
      exports: [
        { module: 'graphql-subscriptions', path: ['PubSub'] },
        { module: 'apollo-server', path: ['PubSub'] },
        { module: 'apollo-server-express', path: ['PubSub'] },
      ],
    },
    stateful: { when: 'always' },
    finding: "graphql-subscriptions' PubSub delivers events only to subscribers in this process",
    remedy: 'Use a shared PubSub, such as RedisPubSub from graphql-redis-subscriptions.',
    source: 'https://github.com/apollographql/graphql-subscriptions#pubsub-implementations',
  },
  {
    id: 'graphql-redis-subscriptions/pubsub',
    package: 'graphql-redis-subscriptions',
    category: 'realtime-adapter',
    severity: 'error',
    site: { kind: 'new', exports: [{ module: 'graphql-redis-subscriptions', path: ['RedisPubSub'] }] },
    stateful: { when: 'never', backing: 'redis' },
    finding: 'RedisPubSub delivers events through Redis to subscribers on every worker',
    remedy: 'Nothing to change.',
    source: 'https://github.com/davidyaha/graphql-redis-subscriptions',
  },
  {
    id: 'graphql-yoga/create-pubsub',
    package: 'graphql-yoga',
    category: 'realtime-adapter',
    severity: 'error',
    site: {
      kind: 'call',
      exports: [
        { module: 'graphql-yoga', path: ['createPubSub'] },
        { module: '@graphql-yoga/subscription', path: ['createPubSub'] },
      ],
    },
    stateful: { when: 'no-shared-store', store: { argument: 0, options: ['eventTarget'] } },
    finding: '`createPubSub()` without an `eventTarget` delivers events only to subscribers in this process',
    remedy: 'Pass `eventTarget: createRedisEventTarget({ publishClient, subscribeClient })` from @graphql-yoga/redis-event-target.',
    source: 'https://the-guild.dev/graphql/yoga-server/docs/features/subscriptions#distributed-pubsub-for-production',
  },
];
