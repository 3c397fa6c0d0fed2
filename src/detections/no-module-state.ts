import ts from 'typescript';
import type { Detector, DetectionSink } from '../engine/detector.js';
import type { FileContext } from '../engine/file-context.js';
import { bindingReferences } from '../engine/bindings.js';
import { runsOncePerProcess, runsPerRequest } from '../engine/execution-phase.js';
import {
  classifyReference,
  containerKindOf,
  findBindingMutations,
  findModuleStateBindings,
  STATEFUL_MUTATIONS,
  type ContainerKind,
  type MutationSite,
  type StateBinding,
} from '../engine/mutations.js';
import { skipOuterExpressions } from '../engine/references.js';
import { processLocalUseOf } from '../engine/process-local-state.js';
import { isPureMemo } from '../engine/pure-memo.js';
import type { Declaration } from '../engine/scope.js';
import { classifyStateUse, type StateUse } from '../engine/state-usage.js';
import { walkDescendants } from '../engine/walk.js';

export type MessageIds = 'sessionStore' | 'rateLimitStore' | 'cache' | 'connectionRegistry' | 'moduleState' | 'decoratedState' | 'memo';

export const MESSAGE_ID_BY_USE: Readonly<Record<StateUse, MessageIds>> = {
  'session-store': 'sessionStore',
  'rate-limit-store': 'rateLimitStore',
  'shared-cache': 'cache',
  'realtime-adapter': 'connectionRegistry',
  'module-state': 'moduleState',
};

function detect(file: FileContext, sink: DetectionSink<MessageIds>): void {
  if (!file.roles.has('web')) return;

  for (const binding of findModuleStateBindings(file)) {
    const changes = findBindingMutations(file, binding).filter((site) => STATEFUL_MUTATIONS.has(site.kind) && runsPerRequest(site.node, file));
    if (changes.length === 0 || processLocalUseOf(binding, file) !== undefined) continue;

    const related = changes.map((site) => ({ node: site.node, message: relatedMessage(binding, site) }));
    if (isPureMemo(binding, file)) {
      sink.report({ node: binding.nameNode, messageId: 'memo', data: { name: displayName(binding) }, category: 'shared-cache', severity: 'info', related });
      continue;
    }

    const use = classifyStateUse(binding.name, usesOf(file, binding));
    sink.report({
      node: binding.nameNode,
      messageId: MESSAGE_ID_BY_USE[use],
      data: { name: displayName(binding) },
      category: use,
      severity: 'error',
      related,
    });
  }
  detectDecoratedState(file, sink);
}

/** A container added to a Fastify instance with `decorate(name, value)` while the server starts. */
interface Decoration {
  name: ts.StringLiteralLike;
  kind: ContainerKind;
  /** The declaration of the instance the value is decorated on: a plugin's parameter or `const app = Fastify()`. */
  instance: Declaration;
}

/**
 * Reports a Map, Set, array or object literal decorated on a Fastify instance at start-up and
 * changed by code that runs per request. The instance lives as long as the worker, so the value is
 * module state reached through `app.name`, `request.server.name` or `this.name` in a handler.
 */
function detectDecoratedState(file: FileContext, sink: DetectionSink<MessageIds>): void {
  const decorations = file.syntax.calls.map((call) => decorationOf(call, file)).filter((decoration) => decoration !== undefined);
  if (decorations.length === 0) return;
  const accesses = propertyAccessesByName(file.sourceFile);
  for (const decoration of decorations) {
    const name = decoration.name.text;
    const changes: MutationSite[] = [];
    for (const access of accesses.get(name) ?? []) {
      if (!readsDecorationFrom(access, decoration.instance, file)) continue;
      const site = classifyReference(access, decoration.kind, file, undefined);
      if (site && STATEFUL_MUTATIONS.has(site.kind) && runsPerRequest(site.node, file)) changes.push(site);
    }
    if (changes.length === 0) continue;
    const use = classifyStateUse(name, changes.map((site) => (site.reference as ts.PropertyAccessExpression).name as ts.Identifier));
    sink.report({
      node: decoration.name,
      messageId: 'decoratedState',
      data: { name },
      category: use,
      severity: 'error',
      related: changes.map((site) => ({ node: site.node, message: `${name} is changed here, in code that runs per request.` })),
    });
  }
}

/** `app.decorate('stats', { hits: 0 })` run once per process, with a container literal or constructor. */
function decorationOf(call: ts.CallExpression, file: FileContext): Decoration | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'decorate') return undefined;
  const [name, value] = call.arguments;
  if (!name || !ts.isStringLiteralLike(name) || !value) return undefined;
  const kind = containerKindOf(value, file);
  // A value of the project's own class is left out: which of its methods change it is not followed here.
  if (kind === undefined || kind === 'instance' || kind === 'value') return undefined;
  const receiver = skipOuterExpressions(callee.expression);
  const instance = ts.isIdentifier(receiver) ? file.references.declarationOf(receiver) : undefined;
  if (!instance || !runsOncePerProcess(call, file)) return undefined;
  return { name, kind, instance };
}

function propertyAccessesByName(sourceFile: ts.SourceFile): Map<string, ts.PropertyAccessExpression[]> {
  const byName = new Map<string, ts.PropertyAccessExpression[]>();
  walkDescendants(sourceFile, (node) => {
    if (!ts.isPropertyAccessExpression(node)) return;
    const list = byName.get(node.name.text) ?? [];
    list.push(node);
    byName.set(node.name.text, list);
  });
  return byName;
}

/**
 * Returns true when `access` reads the decorated property of the instance: through the same
 * variable or parameter, through `request.server` or `reply.server`, or through `this` in a
 * `function` handler that the instance registers, which Fastify calls with the instance as `this`.
 */
function readsDecorationFrom(access: ts.PropertyAccessExpression, instance: Declaration, file: FileContext): boolean {
  const receiver = skipOuterExpressions(access.expression);
  if (ts.isIdentifier(receiver)) return file.references.declarationOf(receiver) === instance;
  if (ts.isPropertyAccessExpression(receiver)) return receiver.name.text === 'server';
  if (receiver.kind !== ts.SyntaxKind.ThisKeyword) return false;
  const handler = ts.findAncestor(access, (node) => ts.isFunctionLike(node) && !ts.isArrowFunction(node));
  const registration = handler?.parent;
  if (!registration || !ts.isCallExpression(registration) || !registration.arguments.includes(handler as ts.Expression)) return false;
  const registrar = skipOuterExpressions(registration.expression);
  if (!ts.isPropertyAccessExpression(registrar)) return false;
  const owner = skipOuterExpressions(registrar.expression);
  return ts.isIdentifier(owner) && file.references.declarationOf(owner) === instance;
}

/** Lists the identifiers that refer to the state, for classification: variable uses or `Class.field` names. */
function usesOf(file: FileContext, binding: StateBinding): ts.Identifier[] {
  if (!binding.owner) return bindingReferences(file, binding.name, binding.declaration);
  const uses: ts.Identifier[] = [];
  for (const site of findBindingMutations(file, binding)) {
    if (ts.isPropertyAccessExpression(site.reference) && ts.isIdentifier(site.reference.name)) uses.push(site.reference.name);
  }
  return uses;
}

function displayName(binding: StateBinding): string {
  return binding.owner?.name ? `${binding.owner.name.text}.${binding.name}` : binding.name;
}

function relatedMessage(binding: StateBinding, site: MutationSite): string {
  const verb = site.kind === 'reassignment' ? 'reassigned' : 'changed';
  return `${displayName(binding)} is ${verb} here, in code that runs per request.`;
}

export const noModuleState: Detector<MessageIds> = {
  id: 'no-module-state',
  description: 'Disallow module-level variables, collections and static fields that request handlers change',
  categories: ['module-state', 'session-store', 'rate-limit-store', 'shared-cache', 'realtime-adapter'],
  messages: {
    sessionStore:
      '`{{name}}` keeps sessions in this worker\'s memory, so a user signed in through one worker is unknown to the others. Keep sessions in a shared store such as Redis, for example express-session with connect-redis.',
    rateLimitStore:
      '`{{name}}` counts requests in this worker\'s memory, so each worker enforces its own limit and N workers let through N times as many requests. Keep the counters in Redis, for example with rate-limiter-flexible and a Redis store.',
    cache:
      '`{{name}}` is a cache in this worker\'s memory, so workers answer from different data and an invalidation reaches only one of them. Use a shared cache such as Redis.',
    connectionRegistry:
      '`{{name}}` tracks the connections of this worker only, so a message sent through it misses the clients connected to other workers. Broadcast through a Redis adapter or pub/sub channel instead.',
    moduleState:
      '`{{name}}` is module-level state that request handlers change, so each worker keeps its own copy and the next request, served by another worker, sees a different value. Keep it in a shared store such as Redis or the database, or in an object created per request.',
    memo:
      '`{{name}}` memoises a synchronous computation per key, so every worker computes the same entries and keeping one copy per worker is harmless. If the computation reads data that changes while the server runs, such as a file that requests write, use a shared cache such as Redis.',
    decoratedState:
      '`{{name}}` is decorated on the Fastify instance while the server starts, so every request to this worker shares one copy that request handlers change, and the next request, served by another worker, sees a different value. Keep the data in a shared store such as Redis or the database, and decorate the instance with a client of that store instead.',
  },
  detect,
};
