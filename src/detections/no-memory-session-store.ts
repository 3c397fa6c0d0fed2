import ts from 'typescript';
import type { Detector, DetectionSink } from '../engine/detector.js';
import type { FileContext } from '../engine/file-context.js';
import { followInitializer, hasSpread, propertyValue } from '../engine/object-literals.js';
import { isModuleMember, NEW_INSTANCE, type ModuleReference } from '../engine/references.js';

export type MessageIds = 'defaultMemoryStore' | 'memoryStore' | 'fileStore' | 'fastifyDefaultStore';

/** Session store packages that keep sessions inside the worker process, by the way they keep them. */
const PROCESS_LOCAL_STORES: ReadonlyMap<string, { messageId: MessageIds; store: string }> = new Map([
  ['memorystore', { messageId: 'memoryStore', store: 'memorystore' }],
  ['session-file-store', { messageId: 'fileStore', store: 'session-file-store' }],
  ['session-memory-store', { messageId: 'memoryStore', store: 'session-memory-store' }],
]);

const FASTIFY_SESSION_PLUGINS = ['@fastify/session', 'fastify-session', '@mgcrea/fastify-session'];

function detect(file: FileContext, sink: DetectionSink<MessageIds>): void {
  const { references } = file;
  for (const call of file.syntax.calls) {
    const callee = references.resolve(call.expression);
    if (isModuleMember(callee, 'express-session')) {
      checkExpressSession(call, file, sink);
    } else if (isRegisterCall(call)) {
      const plugin = call.arguments[0] && references.resolve(call.arguments[0]);
      const pluginName = FASTIFY_SESSION_PLUGINS.find((name) => isModuleMember(plugin, name) || isModuleMember(plugin, name, ['default']));
      if (pluginName) checkFastifySession(call, pluginName, file, sink);
    }
  }
}

function checkExpressSession(call: ts.CallExpression, file: FileContext, sink: DetectionSink<MessageIds>): void {
  const firstArgument = call.arguments[0];
  const options = firstArgument ? followInitializer(firstArgument, file.references) : undefined;
  if (options && !ts.isObjectLiteralExpression(options)) return; // Built elsewhere: nothing can be said from here.

  const store = options && propertyValue(options, 'store');
  if (!store) {
    if (options && hasSpread(options)) return;
    sink.report({ node: call, messageId: 'defaultMemoryStore', category: 'session-store', severity: 'error' });
    return;
  }
  checkStore(call, store, file, sink);
}

function checkFastifySession(call: ts.CallExpression, pluginName: string, file: FileContext, sink: DetectionSink<MessageIds>): void {
  const optionsArgument = call.arguments[1];
  const options = optionsArgument ? followInitializer(optionsArgument, file.references) : undefined;
  if (options && !ts.isObjectLiteralExpression(options)) return;

  const store = options && propertyValue(options, 'store');
  if (!store) {
    if (options && hasSpread(options)) return;
    sink.report({ node: call, messageId: 'fastifyDefaultStore', data: { plugin: pluginName }, category: 'session-store', severity: 'error' });
    return;
  }
  checkStore(call, store, file, sink);
}

function checkStore(call: ts.CallExpression, store: ts.Expression, file: FileContext, sink: DetectionSink<MessageIds>): void {
  const storeValue = followInitializer(store, file.references);
  const reference = file.references.resolve(storeValue);
  if (!reference) return; // A store class of the project's own: not judged.

  if (isExpressMemoryStore(reference)) {
    sink.report({ node: store, messageId: 'memoryStore', data: { store: 'express-session MemoryStore' }, category: 'session-store', severity: 'error' });
    return;
  }
  const local = PROCESS_LOCAL_STORES.get(reference.module);
  if (local) {
    sink.report({ node: store, messageId: local.messageId, data: { store: local.store }, category: 'session-store', severity: 'error' });
    return;
  }
  sink.compliant({ node: call, category: 'session-store', backing: reference.module });
}

function isExpressMemoryStore(reference: ModuleReference): boolean {
  return isModuleMember(reference, 'express-session', ['MemoryStore', NEW_INSTANCE]);
}

/** `fastify.register(plugin, options)` and `app.register(...)`. */
function isRegisterCall(call: ts.CallExpression): boolean {
  return ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'register' && call.arguments.length >= 1;
}

export const noMemorySessionStore: Detector<MessageIds> = {
  id: 'no-memory-session-store',
  description: 'Disallow session stores that keep sessions in the memory or on the disk of one worker',
  categories: ['session-store'],
  messages: {
    defaultMemoryStore:
      'express-session has no `store`, so sessions live in this process\'s MemoryStore and a user signed in on one worker is unknown to the others. Pass a shared store such as `new RedisStore({ client })` from connect-redis.',
    memoryStore:
      '{{store}} keeps sessions in this process\'s memory, so a user signed in on one worker is unknown to the others. Use a shared store such as connect-redis.',
    fileStore:
      '{{store}} keeps sessions in files on this machine\'s disk, which other workers cannot read. Use a shared store such as connect-redis.',
    fastifyDefaultStore:
      '{{plugin}} is registered without a `store`, so sessions live in this process\'s memory and the other workers cannot see them. Pass a shared store, for example one backed by Redis.',
  },
  detect,
};
