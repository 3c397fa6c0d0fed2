import ts from 'typescript';
import { isGlobal } from './bindings.js';
import { enclosingFunction } from './execution.js';
import type { FileContext } from './file-context.js';
import { containerKindOf, findBindingMutations, type MutationSite, type StateBinding } from './mutations.js';
import { skipOuterExpressions } from './references.js';
import { SKIP_CHILDREN, walkDescendants } from './walk.js';

/** Methods that drop memoised entries. Dropping one only makes the next call compute the same value again. */
const INVALIDATING_METHODS = new Set(['delete', 'clear']);

/** Calls whose result changes from call to call, so a value memoised from them differs between workers. */
const VARYING_GLOBAL_CALLS: Readonly<Record<string, ReadonlySet<string>>> = {
  Date: new Set(['now']),
  Math: new Set(['random']),
  crypto: new Set(['randomUUID', 'getRandomValues']),
  performance: new Set(['now']),
};

/** One store into a memo: `memo.set(key, value)` for a Map, `memo[key] = value` for an object. */
interface MemoStore {
  node: ts.Expression;
  /** The memo as this store names it: `cache`, `this.cache` or `Class.cache`. */
  container: string;
  key: ts.Expression;
  value: ts.Expression;
}

/**
 * Returns true when a Map or an object is a read-through memo of a synchronous computation. Every
 * function that adds an entry either first returns the entry it finds for the key (`if
 * (memo.has(key)) return memo.get(key);`) or adds it only in a branch taken when the lookup misses
 * (`if (!memo[key]) memo[key] = compute(key);`). It computes the value without awaiting and stores
 * it under that key, and other changes only delete entries. Every worker then computes the same
 * entry for a key, as long as the computation reads nothing that changes while the server runs.
 *
 * A computation that awaits (a database query, an HTTP call), reads the clock or a random
 * source, or stores a parameter as it is, is not a memo here: its entries can differ between
 * workers.
 */
export function isPureMemo(binding: StateBinding, file: FileContext): boolean {
  if (binding.kind !== 'map' && binding.kind !== 'object') return false;
  let stores = 0;
  for (const site of findBindingMutations(file, binding)) {
    if (isInvalidation(site, binding.kind)) continue;
    const store = binding.kind === 'map' ? mapStoreOf(site) : objectStoreOf(site);
    if (!store || !isMemoStore(store, file)) return false;
    stores += 1;
  }
  return stores > 0;
}

/** `memo.delete(key)` and `memo.clear()` for a Map, `delete memo[key]` for an object. */
function isInvalidation(site: MutationSite, kind: 'map' | 'object'): boolean {
  if (kind === 'object') return ts.isDeleteExpression(site.node);
  const method = calledMethod(site);
  return method !== undefined && INVALIDATING_METHODS.has(method);
}

function mapStoreOf(site: MutationSite): MemoStore | undefined {
  if (calledMethod(site) !== 'set') return undefined;
  const [key, value] = (site.node as ts.CallExpression).arguments;
  return key && value ? { node: site.node, container: site.reference.getText(), key, value } : undefined;
}

/** Reads `memo[key] = value`. A compound assignment such as `memo[key] += 1` is a counter, not a store. */
function objectStoreOf(site: MutationSite): MemoStore | undefined {
  const write = site.node;
  if (!ts.isBinaryExpression(write) || write.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const target = skipOuterExpressions(write.left);
  if (!ts.isElementAccessExpression(target) || skipOuterExpressions(target.expression) !== site.reference) return undefined;
  return { node: write, container: site.reference.getText(), key: target.argumentExpression, value: write.right };
}

function calledMethod(site: MutationSite): string | undefined {
  if (site.kind !== 'method-call' || !ts.isCallExpression(site.node)) return undefined;
  const callee = skipOuterExpressions(site.node.expression);
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

/**
 * Returns true for a store in a synchronous function that returns the entry for the key before it
 * computes the value, or that stores only when the lookup of the key misses.
 */
function isMemoStore(store: MemoStore, file: FileContext): boolean {
  const fn = enclosingFunction(store.node);
  if (!fn || !('body' in fn) || !fn.body || !ts.isBlock(fn.body)) return false;
  if (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async || (fn as ts.FunctionLikeDeclaration).asteriskToken) return false;
  if (storesParameter(store.value, fn, file) || mentions(store.value, store.container) || storesFreshContainer(store.value, fn, file)) return false;
  const lookup = { container: store.container, key: store.key.getText() };
  const guarded = returnsHitFirst(fn.body, store.node, lookup, file) || storesOnMiss(store.node, fn.body, lookup, file);
  return guarded && computesSynchronously(fn.body, file);
}

/** Returns true when the value reads the memo itself, as the counter `count.get(key) + 1` does. */
function mentions(value: ts.Expression, container: string): boolean {
  let found = false;
  walkDescendants(value, (node) => {
    found = (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) && node.getText() === container;
    return found;
  });
  return found;
}

/**
 * Returns true when the value is a new Map, Set, array, object or instance of the project's own
 * class, directly or through a local variable assigned one. Such a get-or-create entry, as in
 * `if (!rooms.has(id)) rooms.set(id, new Set())`, is a bucket that the caller fills afterwards.
 */
function storesFreshContainer(value: ts.Expression, fn: ts.SignatureDeclaration, file: FileContext): boolean {
  const node = skipOuterExpressions(value);
  const declaration = ts.isIdentifier(node) ? file.scopes.lookup(node) : undefined;
  if (!declaration || !ts.isVariableDeclaration(declaration) || enclosingFunction(declaration) !== fn) return isFreshContainer(node, file);

  const assigned: ts.Expression[] = declaration.initializer ? [declaration.initializer] : [];
  walkDescendants(fn, (child) => {
    if (!ts.isBinaryExpression(child) || child.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
    const target = skipOuterExpressions(child.left);
    if (ts.isIdentifier(target) && file.scopes.lookup(target) === declaration) assigned.push(child.right);
  });
  return assigned.some((expression) => isFreshContainer(expression, file));
}

function isFreshContainer(expression: ts.Expression, file: FileContext): boolean {
  const kind = containerKindOf(expression, file);
  return kind !== undefined && kind !== 'value';
}

/** Returns true when the value is a parameter as it was passed, or an object or array literal that contains one. */
function storesParameter(value: ts.Expression, fn: ts.SignatureDeclaration, file: FileContext): boolean {
  const node = skipOuterExpressions(value);
  const isParameter = (expression: ts.Node): boolean => {
    if (!ts.isIdentifier(expression)) return false;
    const declaration = file.scopes.lookup(expression);
    return declaration !== undefined && ts.isParameter(declaration) && declaration.parent === fn;
  };
  if (isParameter(node)) return true;
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.some((property) => (ts.isShorthandPropertyAssignment(property) ? isParameter(property.name) : ts.isPropertyAssignment(property) && isParameter(skipOuterExpressions(property.initializer))));
  }
  return ts.isArrayLiteralExpression(node) && node.elements.some((element) => isParameter(skipOuterExpressions(element)));
}

/** The memo and the text of the key that one store uses. */
interface Lookup {
  container: string;
  key: string;
}

/**
 * Returns true when a statement of the body before the store returns the entry when the memo has
 * the key: `if (memo.has(key)) return memo.get(key);`, or `if (hit !== undefined) return hit;`
 * after `const hit = memo.get(key)`.
 */
function returnsHitFirst(body: ts.Block, store: ts.Node, lookup: Lookup, file: FileContext): boolean {
  for (const statement of body.statements) {
    if (statement.getStart() >= store.getStart()) return false;
    if (!ts.isIfStatement(statement) || statement.elseStatement) continue;
    const returned = returnedExpression(statement.thenStatement);
    if (returned && testsPresence(statement.expression, lookup, file) && isHit(returned, lookup, file)) return true;
  }
  return false;
}

/**
 * Returns true when the store sits in the `then` branch of an `if` whose condition is true only
 * when the memo has no entry for the key: `if (!memo.has(key))`, `if (!(key in memo))`,
 * `if (!memo[key])`, or `if (!hit)` and `if (hit === undefined)` after `let hit = memo.get(key)`.
 */
function storesOnMiss(store: ts.Node, body: ts.Block, lookup: Lookup, file: FileContext): boolean {
  for (let node: ts.Node = store; node !== body; node = node.parent) {
    const parent = node.parent;
    if (ts.isIfStatement(parent) && parent.thenStatement === node && testsAbsence(parent.expression, lookup, file)) return true;
  }
  return false;
}

function testsPresence(expression: ts.Expression, lookup: Lookup, file: FileContext): boolean {
  const condition = skipOuterExpressions(expression);
  if (isLookup(condition, lookup, 'has') || isHit(condition, lookup, file)) return true;
  return ts.isBinaryExpression(condition) && isAbsenceComparison(condition.operatorToken.kind) && (isHit(condition.left, lookup, file) || isHit(condition.right, lookup, file));
}

function testsAbsence(expression: ts.Expression, lookup: Lookup, file: FileContext): boolean {
  const condition = skipOuterExpressions(expression);
  if (ts.isPrefixUnaryExpression(condition) && condition.operator === ts.SyntaxKind.ExclamationToken) return testsPresence(condition.operand, lookup, file);
  if (!ts.isBinaryExpression(condition)) return false;
  const operator = condition.operatorToken.kind;
  const isEquality = operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken;
  return isEquality && (isHit(condition.left, lookup, file) || isHit(condition.right, lookup, file));
}

/** Returns true for `!==` or `!=`, as in `hit !== undefined`. */
function isAbsenceComparison(operator: ts.SyntaxKind): boolean {
  return operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
}

function returnedExpression(statement: ts.Statement): ts.Expression | undefined {
  if (ts.isReturnStatement(statement)) return statement.expression;
  if (ts.isBlock(statement) && statement.statements.length === 1) return returnedExpression(statement.statements[0]!);
  return undefined;
}

/** Returns true for the entry read from the memo, or for a local variable initialised with it. */
function isHit(expression: ts.Expression, lookup: Lookup, file: FileContext): boolean {
  const node = skipOuterExpressions(expression);
  if (isLookup(node, lookup, 'get')) return true;
  if (!ts.isIdentifier(node)) return false;
  const declaration = file.scopes.lookup(node);
  return declaration !== undefined && ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined && isLookup(declaration.initializer, lookup, 'get');
}

/**
 * Returns true for a lookup of the key text in the memo: `memo.get(key)` and `memo[key]` read the
 * entry, `memo.has(key)` and `key in memo` test for it.
 */
function isLookup(expression: ts.Expression, lookup: Lookup, method: 'get' | 'has'): boolean {
  const node = skipOuterExpressions(expression);
  if (method === 'get' && ts.isElementAccessExpression(node)) {
    return node.expression.getText() === lookup.container && node.argumentExpression.getText() === lookup.key;
  }
  if (method === 'has' && ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword) {
    return node.right.getText() === lookup.container && node.left.getText() === lookup.key;
  }
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== method) return false;
  const argument = node.arguments[0];
  return node.expression.expression.getText() === lookup.container && argument !== undefined && argument.getText() === lookup.key;
}

/** Returns true when the function body has no `await` or `yield`, reads no clock or random source, and builds no `new Date()` without arguments. */
function computesSynchronously(body: ts.Block, file: FileContext): boolean {
  let varying = false;
  walkDescendants(body, (node) => {
    if (node !== body && ts.isFunctionLike(node)) return SKIP_CHILDREN;
    if (ts.isAwaitExpression(node) || ts.isYieldExpression(node)) varying = true;
    else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Date' && isGlobal(node.expression, file)) varying = (node.arguments?.length ?? 0) === 0;
    else if (ts.isCallExpression(node)) varying = callsVaryingGlobal(node, file);
    return varying;
  });
  return !varying;
}

function callsVaryingGlobal(call: ts.CallExpression, file: FileContext): boolean {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && isGlobal(callee.expression, file)) {
    return VARYING_GLOBAL_CALLS[callee.expression.text]?.has(callee.name.text) ?? false;
  }
  const reference = file.references.resolve(callee);
  return reference?.module === 'crypto' && /^random/.test(reference.path.at(-1) ?? '');
}
