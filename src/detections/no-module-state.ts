import ts from 'typescript';
import type { Detector, DetectionSink } from '../engine/detector.js';
import type { FileContext } from '../engine/file-context.js';
import { bindingReferences } from '../engine/bindings.js';
import { runsPerRequest } from '../engine/execution-phase.js';
import { findBindingMutations, findModuleStateBindings, STATEFUL_MUTATIONS, type MutationSite, type StateBinding } from '../engine/mutations.js';
import { classifyStateUse, type StateUse } from '../engine/state-usage.js';

export type MessageIds = 'sessionStore' | 'rateLimitStore' | 'cache' | 'connectionRegistry' | 'moduleState';

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
    if (changes.length === 0) continue;

    const use = classifyStateUse(binding.name, usesOf(file, binding));
    sink.report({
      node: binding.nameNode,
      messageId: MESSAGE_ID_BY_USE[use],
      data: { name: displayName(binding) },
      category: use,
      severity: 'error',
      related: changes.map((site) => ({ node: site.node, message: relatedMessage(binding, site) })),
    });
  }
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
  },
  detect,
};
