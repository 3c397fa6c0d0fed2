import ts from 'typescript';
import type { Category } from '../model.js';
import { enclosingFunction } from './execution.js';

/**
 * The use of a piece of long-lived state, judged from its name, the names of the functions
 * that use it, and what those functions do with it. The same Map is a session store, a rate
 * limiter or a cache depending on use, and each breaks a different criterion.
 */
export type StateUse = Extract<Category, 'session-store' | 'rate-limit-store' | 'shared-cache' | 'realtime-adapter' | 'module-state'>;

const RATE_LIMIT_NAME = /limit|throttl|ratel|attempt|quota|burst|(^|[^a-z])hits|callsper|requestsper|recent.*(request|call|attempt)/i;
const SESSION_NAME = /session|(^|[^a-z])sids?([^a-z]|$)/i;
const CACHE_NAME = /cache|memo/i;
const REALTIME_NAME = /socket|connection|subscriber|(^|[^a-z])clients?([^a-z]|$)|listener|sse|channel|peers?([^a-z]|$)/i;

const HTTP_TOO_MANY_REQUESTS = 429;

/**
 * Classifies the state held by `name`, given the identifiers that use it. Checked in order of
 * consequence: a rate limiter per worker is a security fault, so that signal wins over the others.
 */
export function classifyStateUse(name: string, uses: readonly ts.Identifier[]): StateUse {
  const functions = new Set<ts.Node>();
  for (const use of uses) {
    const fn = enclosingFunction(use);
    if (fn) functions.add(fn);
  }
  const functionNames = [...functions].map(functionName).filter((text): text is string => text !== undefined);
  const names = [name, ...functionNames];

  if (names.some((text) => RATE_LIMIT_NAME.test(text)) || [...functions].some(mentionsTooManyRequests)) {
    return 'rate-limit-store';
  }
  if (SESSION_NAME.test(name)) return 'session-store';
  if (CACHE_NAME.test(name)) return 'shared-cache';
  if (REALTIME_NAME.test(name)) return 'realtime-adapter';
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

/** Returns true when a function contains the number 429, the HTTP status for rate limiting. */
function mentionsTooManyRequests(fn: ts.Node): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isNumericLiteral(node) && Number(node.text) === HTTP_TOO_MANY_REQUESTS) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return found;
}
