import ts from 'typescript';
import { isGlobal } from './bindings.js';
import { enclosingFunction } from './execution.js';
import type { FileContext } from './file-context.js';
import { findBindingMutations, type MutationSite, type StateBinding } from './mutations.js';
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

/**
 * Returns true when a Map is a read-through memo of a synchronous computation: every function
 * that adds an entry first returns the entry it finds for the key (`if (memo.has(key)) return
 * memo.get(key);`), computes the value without awaiting, and stores it under that key. Other
 * changes only delete entries. Every worker then computes the same entry for a key, as long as
 * the computation reads nothing that changes while the server runs.
 *
 * A computation that awaits (a database query, an HTTP call), reads the clock or a random
 * source, or stores a parameter as it is, is not a memo here: its entries can differ between
 * workers.
 */
export function isPureMemo(binding: StateBinding, file: FileContext): boolean {
  // NOTE: only variables are followed; a memo in a static field is judged as any other Map.
  if (binding.kind !== 'map' || binding.owner) return false;
  let stores = 0;
  for (const site of findBindingMutations(file, binding)) {
    const method = calledMethod(site);
    if (method !== undefined && INVALIDATING_METHODS.has(method)) continue;
    if (method !== 'set' || !isMemoStore(site.node as ts.CallExpression, binding.name, file)) return false;
    stores += 1;
  }
  return stores > 0;
}

function calledMethod(site: MutationSite): string | undefined {
  if (site.kind !== 'method-call' || !ts.isCallExpression(site.node)) return undefined;
  const callee = skipOuterExpressions(site.node.expression);
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

/** Returns true for `memo.set(key, value)` in a synchronous function that returns the entry for `key` before it computes `value`. */
function isMemoStore(set: ts.CallExpression, name: string, file: FileContext): boolean {
  const [key, value] = set.arguments;
  const fn = enclosingFunction(set);
  if (!key || !value || !fn || !('body' in fn) || !fn.body || !ts.isBlock(fn.body)) return false;
  if (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async || (fn as ts.FunctionLikeDeclaration).asteriskToken) return false;
  if (storesParameter(value, fn, file) || mentions(value, name)) return false;
  return returnsHitFirst(fn.body, set, name, key.getText()) && computesSynchronously(fn.body, file);
}

/** Returns true when the value reads the map itself, as the counter `count.get(key) + 1` does. */
function mentions(value: ts.Expression, name: string): boolean {
  let found = false;
  walkDescendants(value, (node) => {
    found = ts.isIdentifier(node) && node.text === name;
    return found;
  });
  return found;
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

/**
 * Returns true when a statement of the body before the store returns the entry when the memo has
 * the key: `if (memo.has(key)) return memo.get(key);`, or `if (hit !== undefined) return hit;`
 * after `const hit = memo.get(key)`.
 */
function returnsHitFirst(body: ts.Block, set: ts.CallExpression, name: string, key: string): boolean {
  let hit: string | undefined;
  for (const statement of body.statements) {
    if (statement.getStart() >= set.getStart()) return false;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer && isLookup(declaration.initializer, name, key, 'get')) hit = declaration.name.text;
      }
      continue;
    }
    if (!ts.isIfStatement(statement) || statement.elseStatement) continue;
    const returned = returnedExpression(statement.thenStatement);
    if (!returned) continue;
    const isHit = (expression: ts.Expression): boolean => {
      const node = skipOuterExpressions(expression);
      return isLookup(node, name, key, 'get') || (hit !== undefined && ts.isIdentifier(node) && node.text === hit);
    };
    const condition = skipOuterExpressions(statement.expression);
    const testsPresence =
      isLookup(condition, name, key, 'has') ||
      isHit(condition) ||
      (ts.isBinaryExpression(condition) && isAbsenceComparison(condition.operatorToken.kind) && (isHit(condition.left) || isHit(condition.right)));
    if (testsPresence && isHit(returned)) return true;
  }
  return false;
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

/** Returns true for `name.method(key)` with the same key text. */
function isLookup(expression: ts.Expression, name: string, key: string, method: 'get' | 'has'): boolean {
  const node = skipOuterExpressions(expression);
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== method) return false;
  const receiver = skipOuterExpressions(node.expression.expression);
  const argument = node.arguments[0];
  return ts.isIdentifier(receiver) && receiver.text === name && argument !== undefined && argument.getText() === key;
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
