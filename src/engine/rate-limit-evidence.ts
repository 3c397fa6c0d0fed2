import ts from 'typescript';
import { enclosingFunction } from './execution.js';
import { skipOuterExpressions } from './references.js';
import { someDescendant, walkDescendants } from './walk.js';

const HTTP_TOO_MANY_REQUESTS = 429;
/** Header names and texts that only a rate limiter sends. */
const RATE_LIMIT_TEXT = /^(retry-after|x-ratelimit-[a-z-]+|ratelimit(-[a-z]+)?)$|too many requests/i;

const RELATIONAL_OPERATORS = new Set([
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
]);
const COUNTING_OPERATORS = new Set([ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken]);
/** Methods that read an entry by key, with the key as first argument. */
const KEYED_READ_METHODS = new Set(['get', 'peek']);
/** Methods that put a value into a collection, with the index of the value argument. */
const VALUE_ARGUMENT_OF: Readonly<Record<string, number>> = { set: 1, add: 0, push: 0, unshift: 0 };
const LIST_APPEND_METHODS = new Set(['push', 'unshift']);

/**
 * Returns true when a function responds with status 429 or sends a rate-limit header or text:
 * `res.status(429)`, `err.status = 429`, `res.set('Retry-After', ...)`, 'Too many requests'.
 */
export function mentionsRateLimiting(fn: ts.Node): boolean {
  return someDescendant(
    fn,
    (node) =>
      (ts.isNumericLiteral(node) && Number(node.text) === HTTP_TOO_MANY_REQUESTS) || (ts.isStringLiteralLike(node) && RATE_LIMIT_TEXT.test(node.text)),
  );
}

/** Signs of request counting in the functions that use a piece of state. */
export interface RequestCountingEvidence {
  /** A value kept per key is incremented: `hits.set(ip, count + 1)`, `entry.count++`, `bucket[0] += 1`. */
  counts: boolean;
  /** The value stored is the current time: `last.set(email, Date.now())`, `times.push(now)`. */
  storesTime: boolean;
  /** A value read by key is compared with a bound: `count > MAX`, `Date.now() - last < WINDOW_MS`. */
  compared: boolean;
}

/**
 * Reads how the state behind `references` is used. `references` are the expressions that denote
 * the state: the variable's identifiers, or the `this.field` accesses of a class field. A rate
 * limiter keeps a count or the time of each request per key and compares it with a limit or a
 * time window. A cache keeps computed values instead, even when it compares their expiry time.
 */
export function requestCountingEvidence(references: readonly ts.Expression[]): RequestCountingEvidence {
  const evidence: RequestCountingEvidence = { counts: false, storesTime: false, compared: false };
  const keyedReads = references.flatMap((reference) => keyedAccessOf(reference) ?? []);
  const functions = new Set<ts.SignatureDeclaration>();
  for (const reference of references) {
    const fn = enclosingFunction(reference);
    if (fn) functions.add(fn);
  }

  for (const reference of references) {
    const stored = storedValue(reference);
    if (!stored) continue;
    const fn = enclosingFunction(reference);
    if (isIncrement(stored, fn)) evidence.counts = true;
    if (isCurrentTime(stored, fn) || (ts.isArrayLiteralExpression(skipOuterExpressions(stored)) && containsCurrentTime(stored, fn))) evidence.storesTime = true;
  }

  for (const fn of functions) {
    const derived = new Set(keyedReads.filter((read) => enclosingFunction(read) === fn).flatMap((read) => localNameOf(read) ?? []));
    const readsEntry = (node: ts.Node): boolean =>
      someDescendant(node, (inner) => keyedReads.includes(inner as ts.Expression) || (ts.isIdentifier(inner) && derived.has(inner.text)));

    walkDescendants(fn, (node) => {
      if (ts.isBinaryExpression(node) && RELATIONAL_OPERATORS.has(node.operatorToken.kind) && (readsEntry(node.left) || readsEntry(node.right))) {
        evidence.compared = true;
      } else if (isCountingUpdate(node) && readsEntry(updatedOperand(node))) {
        evidence.counts = true;
      } else if (isTimeAppendedTo(node, readsEntry, fn)) {
        evidence.storesTime = true;
      }
    });
  }
  return evidence;
}

/** `state.get(key)`, `state.peek(key)` or `state[key]` around a reference to the state. */
function keyedAccessOf(reference: ts.Expression): ts.Expression | undefined {
  const parent = reference.parent;
  if (ts.isElementAccessExpression(parent) && parent.expression === reference) return parent;
  if (!ts.isPropertyAccessExpression(parent) || parent.expression !== reference || !KEYED_READ_METHODS.has(parent.name.text)) return undefined;
  const call = parent.parent;
  return ts.isCallExpression(call) && call.expression === parent ? call : undefined;
}

/** Returns the value put into the state by `state.set(key, value)`, `state.add(value)`, `state.push(value)` or `state[key] = value`. */
export function storedValue(reference: ts.Expression): ts.Expression | undefined {
  const access = reference.parent;
  if (ts.isPropertyAccessExpression(access) && access.expression === reference) {
    const call = access.parent;
    if (!ts.isCallExpression(call) || call.expression !== access) return undefined;
    const index = VALUE_ARGUMENT_OF[access.name.text];
    return index === undefined ? undefined : call.arguments[index];
  }
  if (!ts.isElementAccessExpression(access) || access.expression !== reference) return undefined;
  const assignment = access.parent;
  const isAssignment = ts.isBinaryExpression(assignment) && assignment.left === access && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken;
  return isAssignment ? assignment.right : undefined;
}

/**
 * The local variable that a keyed read initialises, through defaults, arithmetic and method calls
 * on the value: `const last = seen.get(email)`, `const bucket = calls.get(key) ?? [0]`,
 * `const count = (hits.get(ip) ?? 0) + 1`, `const recent = (times.get(ip) ?? []).filter(...)`.
 */
function localNameOf(read: ts.Expression): string | undefined {
  let current: ts.Node = read;
  for (;;) {
    const parent = current.parent;
    const passes =
      ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      ts.isAwaitExpression(parent) ||
      (ts.isBinaryExpression(parent) && parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken) ||
      (ts.isPropertyAccessExpression(parent) && parent.expression === current) ||
      (ts.isCallExpression(parent) && parent.expression === current);
    if (!passes) break;
    current = parent;
  }
  const declaration = current.parent;
  return ts.isVariableDeclaration(declaration) && declaration.initializer === current && ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
}

/** Returns the initializer of the variable or the default of the parameter `name` declared inside `fn`, or `undefined`. */
function localInitializer(fn: ts.Node | undefined, name: string): ts.Expression | undefined {
  if (!fn) return undefined;
  let initializer: ts.Expression | undefined;
  someDescendant(fn, (node) => {
    const declares = (ts.isVariableDeclaration(node) || ts.isParameter(node)) && ts.isIdentifier(node.name) && node.name.text === name;
    if (declares && node.initializer) initializer = node.initializer;
    return initializer !== undefined;
  });
  return initializer;
}

/** `count + 1`, `(hits.get(ip) ?? 0) + 1`, or a local initialised with one of them. */
function isIncrement(value: ts.Expression, fn: ts.Node | undefined): boolean {
  const expression = skipOuterExpressions(value);
  if (ts.isIdentifier(expression)) {
    const initializer = localInitializer(fn, expression.text);
    return initializer !== undefined && isIncrement(initializer, undefined);
  }
  if (!ts.isBinaryExpression(expression)) return false;
  const kind = expression.operatorToken.kind;
  const adds = kind === ts.SyntaxKind.PlusToken || kind === ts.SyntaxKind.MinusToken;
  return adds && (ts.isNumericLiteral(skipOuterExpressions(expression.left)) || ts.isNumericLiteral(skipOuterExpressions(expression.right)));
}

/** `Date.now()`, `new Date()`, `performance.now()`, or a local initialised with one of them. */
function isCurrentTime(value: ts.Expression, fn: ts.Node | undefined): boolean {
  const expression = skipOuterExpressions(value);
  if (ts.isIdentifier(expression)) {
    const initializer = localInitializer(fn, expression.text);
    return initializer !== undefined && isCurrentTime(initializer, undefined);
  }
  if (ts.isNewExpression(expression)) {
    return ts.isIdentifier(expression.expression) && expression.expression.text === 'Date' && (expression.arguments?.length ?? 0) === 0;
  }
  if (!ts.isCallExpression(expression) || expression.arguments.length > 0 || !ts.isPropertyAccessExpression(expression.expression)) return false;
  const callee = expression.expression;
  const receiver = callee.expression;
  return callee.name.text === 'now' && ts.isIdentifier(receiver) && (receiver.text === 'Date' || receiver.text === 'performance');
}

function containsCurrentTime(value: ts.Expression, fn: ts.Node | undefined): boolean {
  return someDescendant(value, (node) => ts.isExpression(node) && isCurrentTime(node, fn));
}

/** `x++`, `--x`, `x += n`, `x -= n`. */
function isCountingUpdate(node: ts.Node): node is ts.PrefixUnaryExpression | ts.PostfixUnaryExpression | ts.BinaryExpression {
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
    return node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken;
  }
  return ts.isBinaryExpression(node) && COUNTING_OPERATORS.has(node.operatorToken.kind);
}

function updatedOperand(node: ts.PrefixUnaryExpression | ts.PostfixUnaryExpression | ts.BinaryExpression): ts.Node {
  return ts.isBinaryExpression(node) ? node.left : node.operand;
}

/** `times.push(Date.now())` on a list read from the state by key. */
function isTimeAppendedTo(node: ts.Node, readsEntry: (node: ts.Node) => boolean, fn: ts.Node): boolean {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || !LIST_APPEND_METHODS.has(node.expression.name.text)) return false;
  const [value] = node.arguments;
  return value !== undefined && readsEntry(node.expression.expression) && isCurrentTime(value, fn);
}
