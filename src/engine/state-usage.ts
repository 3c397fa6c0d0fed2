import ts from 'typescript';
import type { Category } from '../model.js';
import { enclosingFunction } from './execution.js';
import { skipOuterExpressions } from './references.js';
import { mentionsRateLimiting, requestCountingEvidence, storedValue } from './rate-limit-evidence.js';
import { someDescendant } from './walk.js';

/**
 * The purpose of a piece of long-lived state, judged from its name, the names of the functions
 * that use it, and what those functions do with it. The same Map is a session store, a rate
 * limiter or a cache depending on use, and each breaks a different criterion.
 */
export type StateUse = Extract<Category, 'session-store' | 'rate-limit-store' | 'shared-cache' | 'realtime-adapter' | 'module-state'>;

const RATE_LIMIT_NAME = /limit|throttl|ratel|attempt|quota|burst|(^|[^a-z])hits|callsper|requestsper|recent.*(request|call|attempt)/i;
const SESSION_NAME = /session|(^|[^a-z])sids?([^a-z]|$)/i;
const CACHE_NAME = /cache|memo/i;
const REALTIME_NAME = /socket|connection|subscriber|(^|[^a-z])clients?([^a-z]|$)|listener|sse|channel|peers?([^a-z]|$)/i;

/** Events whose listener receives a new socket or connection. */
const CONNECTION_EVENTS = new Set(['connection', 'connect', 'open']);
/** Methods that read or write an entry by key, with the key as first argument. */
const KEYED_METHODS = new Set(['get', 'set', 'has', 'delete']);
const COOKIE_PROPERTIES = new Set(['cookies', 'signedCookies']);
const COOKIE_SETTERS = new Set(['cookie', 'setCookie']);

/**
 * Classifies the state held by `name`, given the identifiers that refer to it: the variable's
 * uses, or the `field` identifiers of `this.field` accesses. Checked in order of consequence: a
 * rate limiter per worker is a security fault, so its evidence wins over the other signals, and a
 * name that says what the state is wins over the names of the functions that use it.
 *
 * A rate limiter needs evidence beyond a name, because "throttle" or "attempts" also names a
 * de-duplication flag or a retry memo. The evidence is a 429 status or rate-limit header in a
 * function that uses the state, or a count or request time kept per key that is either compared
 * with a bound (`count > MAX`, `Date.now() - last < WINDOW_MS`) or kept under a rate-limit name.
 */
export function classifyStateUse(name: string, uses: readonly ts.Identifier[]): StateUse {
  const functions = new Set<ts.Node>();
  for (const use of uses) {
    const fn = enclosingFunction(use);
    if (fn) functions.add(fn);
  }
  const functionNames = [...functions].map(functionName).filter((text): text is string => text !== undefined);
  const references = uses.map(referenceExpressionOf);

  if ([...functions].some(mentionsRateLimiting) || countsRequests(name, functionNames, references)) return 'rate-limit-store';
  if (SESSION_NAME.test(name)) return 'session-store';
  if (CACHE_NAME.test(name)) return 'shared-cache';
  if (REALTIME_NAME.test(name)) return 'realtime-adapter';

  if (references.some(storesConnection)) return 'realtime-adapter';
  if (references.some(isKeyedByCookie) || references.some(isChangedBesideSetCookie)) return 'session-store';
  if (functionNames.some((text) => CACHE_NAME.test(text))) return 'shared-cache';
  return 'module-state';
}

/** The name a function is known by: its own, or that of the variable or property it is assigned to. */
export function functionName(fn: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) {
    return fn.name.text;
  }
  const parent = fn.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) {
    return parent.name.text;
  }
  return undefined;
}

/** True when the state keeps a count or a request time per key and compares it with a bound or is named for rate limiting. */
function countsRequests(name: string, functionNames: readonly string[], references: readonly ts.Expression[]): boolean {
  const evidence = requestCountingEvidence(references);
  if (!evidence.counts && !evidence.storesTime) return false;
  return evidence.compared || RATE_LIMIT_NAME.test(name) || functionNames.some((text) => RATE_LIMIT_NAME.test(text));
}

/** `this.field` for the `field` identifier of a property access on `this`; the identifier itself otherwise. */
function referenceExpressionOf(use: ts.Identifier): ts.Expression {
  const parent = use.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === use && parent.expression.kind === ts.SyntaxKind.ThisKeyword) return parent;
  return use;
}

/** Returns the call `reference.method(...)` around a reference, or `undefined`. */
function methodCallOn(reference: ts.Expression): { method: string; call: ts.CallExpression } | undefined {
  const access = reference.parent;
  if (!ts.isPropertyAccessExpression(access) || access.expression !== reference) return undefined;
  const call = access.parent;
  if (!ts.isCallExpression(call) || call.expression !== access) return undefined;
  return { method: access.name.text, call };
}

/**
 * Returns true when the state receives a socket or a streaming response: `sockets.set(id, socket)`
 * inside an `on('connection', (socket) => ...)` listener, or `clients.add(res)` in a handler that
 * responds with `text/event-stream`.
 */
function storesConnection(reference: ts.Expression): boolean {
  const stored = storedValue(reference);
  if (!stored) return false;
  const value = skipOuterExpressions(stored);
  if (!ts.isIdentifier(value)) return false;

  const owner = parameterOwner(value);
  if (!owner) return false;
  return isConnectionListener(owner) || (sendsEventStream(owner) && owner.parameters.length >= 2);
}

/** The function that declares an identifier as one of its parameters, found by lexical lookup. */
function parameterOwner(identifier: ts.Identifier): ts.SignatureDeclaration | undefined {
  for (let fn = enclosingFunction(identifier); fn; fn = enclosingFunction(fn)) {
    const declares = fn.parameters.some((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === identifier.text);
    if (declares) return fn;
  }
  return undefined;
}

function isConnectionListener(fn: ts.SignatureDeclaration): boolean {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Node as ts.Expression)) return false;
  const callee = call.expression;
  const event = call.arguments[0];
  return (
    ts.isPropertyAccessExpression(callee) &&
    (callee.name.text === 'on' || callee.name.text === 'addListener') &&
    event !== undefined &&
    ts.isStringLiteralLike(event) &&
    CONNECTION_EVENTS.has(event.text)
  );
}

function sendsEventStream(fn: ts.Node): boolean {
  return someDescendant(fn, (node) => ts.isStringLiteralLike(node) && node.text.toLowerCase().startsWith('text/event-stream'));
}

/** `sessions.get(req.cookies.sid)`, `sessions[req.signedCookies.id]`. */
function isKeyedByCookie(reference: ts.Expression): boolean {
  const usage = methodCallOn(reference);
  let key: ts.Expression | undefined;
  if (usage && KEYED_METHODS.has(usage.method)) key = usage.call.arguments[0];
  else if (ts.isElementAccessExpression(reference.parent) && reference.parent.expression === reference) key = reference.parent.argumentExpression;
  return key !== undefined && readsCookie(key);
}

function readsCookie(expression: ts.Node): boolean {
  return someDescendant(expression, (node) => ts.isPropertyAccessExpression(node) && COOKIE_PROPERTIES.has(node.name.text));
}

/** `sessions.set(id, ...)` in a function that also calls `res.cookie(...)` or `reply.setCookie(...)`. */
function isChangedBesideSetCookie(reference: ts.Expression): boolean {
  const usage = methodCallOn(reference);
  if (!usage || usage.method !== 'set') return false;
  const fn = enclosingFunction(reference);
  if (!fn) return false;
  return someDescendant(fn, (node) => ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && COOKIE_SETTERS.has(node.expression.name.text));
}
