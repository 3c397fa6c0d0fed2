import ts from 'typescript';
import { hasModifier, isGlobal, outermostExpression } from './bindings.js';
import { enclosingFunction } from './execution.js';
import { executionPhasesOf } from './execution-phase.js';
import type { FileContext } from './file-context.js';
import { followInitializer } from './object-literals.js';
import { skipOuterExpressions } from './references.js';
import { findBindingMutations, stateReferences, type MutationSite, type StateBinding } from './mutations.js';
import { someDescendant } from './walk.js';

/**
 * Module state that requests change but that contains nothing another worker would need, so it
 * stays correct with any number of workers:
 * - `in-flight-calls`: a Map of the calls in progress, such as pending promises keyed by cache key.
 *   The function that adds an entry awaits and deletes it in a `finally` block, and reads it
 *   nowhere else, so an entry lives only during one call and only concurrent identical calls in
 *   this process share it. Another worker repeats the call instead, which is slower, not wrong.
 * - `promise-chain`: a promise that each call chains its work onto (`queue = queue.then(task)`) to
 *   run that work one at a time within this process. It contains no data, only ordering.
 * - `read-at-load-or-exit`: state whose value is read only while the module loads or in a
 *   function that ends by calling `process.exit()`, such as shutdown handlers. No request ever
 *   reads it, so no request can see that workers differ.
 * - `timer-handle`: the handle returned by `setInterval`, `setTimeout` or `setImmediate`, kept
 *   only to be passed to the matching `clear*` function. A handle means nothing outside its
 *   process, and the timer itself is what no-in-process-jobs reports.
 */
export type ProcessLocalUse = 'in-flight-calls' | 'promise-chain' | 'read-at-load-or-exit' | 'timer-handle';

const TIMER_FUNCTIONS = new Set(['setInterval', 'setTimeout', 'setImmediate']);
const TIMER_CLEAR_FUNCTIONS = new Set(['clearInterval', 'clearTimeout', 'clearImmediate']);

const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);

/** How many `.then` calls and `const` steps a promise chain is followed through. */
const MAX_CHAIN_DEPTH = 8;

/** Returns why a module-level binding that requests change is only process-local coordination, or `undefined`. */
export function processLocalUseOf(binding: StateBinding, file: FileContext): ProcessLocalUse | undefined {
  const mutations = findBindingMutations(file, binding);
  if (mutations.length === 0 || mayBeReadElsewhere(binding)) return undefined;
  const references = stateReferences(file, binding);
  const reads = references.filter((reference) => !isMutationReference(reference, mutations) && !updatesItself(reference, mutations));

  if (binding.kind === 'map' && isInFlightRegistry(mutations, reads)) return 'in-flight-calls';
  if (isPromiseChain(binding, mutations, reads, file)) return 'promise-chain';
  if (isTimerHandle(mutations, reads, file)) return 'timer-handle';
  if (reads.length > 0 && reads.every((read) => isReadAtLoadOrExit(read, binding, file))) return 'read-at-load-or-exit';
  return undefined;
}

/** Returns true for an exported variable, or a static field other files can reach, which code this file does not show may read. */
function mayBeReadElsewhere(binding: StateBinding): boolean {
  if (binding.owner) {
    const member = binding.declaration as ts.PropertyDeclaration;
    const isPrivate = ts.isPrivateIdentifier(member.name) || hasModifier(member, ts.SyntaxKind.PrivateKeyword);
    return !isPrivate && hasModifier(binding.owner, ts.SyntaxKind.ExportKeyword);
  }
  const statement = binding.declaration.parent.parent;
  if (ts.isVariableStatement(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) return true;
  // `export { name }` and `export default name` hand the binding itself to other modules.
  return binding.declaration.getSourceFile().statements.some(
    (statement) =>
      (ts.isExportDeclaration(statement) &&
        statement.exportClause !== undefined &&
        ts.isNamedExports(statement.exportClause) &&
        statement.exportClause.elements.some((element) => (element.propertyName ?? element.name).text === binding.name)) ||
      (ts.isExportAssignment(statement) && ts.isIdentifier(skipOuterExpressions(statement.expression)) && (skipOuterExpressions(statement.expression) as ts.Identifier).text === binding.name),
  );
}

function isMutationReference(reference: ts.Expression, mutations: readonly MutationSite[]): boolean {
  return mutations.some((site) => site.reference === reference);
}

/** Returns true when the reference is read only to compute the state's own new value: `x = x.filter(...)`, `x = x.then(...)`. */
function updatesItself(reference: ts.Expression, mutations: readonly MutationSite[]): boolean {
  return mutations.some((site) => {
    const write = site.node;
    if (!ts.isBinaryExpression(write) || site.reference !== skipOuterExpressions(write.left)) return false;
    return isWithin(reference, write.right) && enclosingFunction(reference) === enclosingFunction(write);
  });
}

/**
 * Returns true when every change is either `map.set(key, value)` followed by a `try` that awaits
 * and calls `map.delete(key)` in its `finally` block, or that `delete` itself. Every read of the
 * map must sit in a function that makes such a pair.
 */
function isInFlightRegistry(mutations: readonly MutationSite[], reads: readonly ts.Expression[]): boolean {
  const pairedFunctions = new Set<ts.SignatureDeclaration>();
  const deletions = mutations.filter((site) => calledMethod(site) === 'delete');
  for (const site of mutations) {
    const method = calledMethod(site);
    if (method === 'delete') continue;
    const fn = enclosingFunction(site.node);
    if (method !== 'set' || !fn) return false;
    const key = (site.node as ts.CallExpression).arguments[0];
    const release = key && deletions.find((deletion) => releasesAfterAwait(deletion, site.node, key, fn));
    if (!release) return false;
    pairedFunctions.add(fn);
  }
  if (pairedFunctions.size === 0) return false;
  const everyDeletionPaired = deletions.every((deletion) => {
    const fn = enclosingFunction(deletion.node);
    return fn !== undefined && pairedFunctions.has(fn) && finallyBlockAround(deletion.node, fn) !== undefined;
  });
  return everyDeletionPaired && reads.every((read) => {
    const fn = enclosingFunction(read);
    return fn !== undefined && pairedFunctions.has(fn);
  });
}

function calledMethod(site: MutationSite): string | undefined {
  if (site.kind !== 'method-call' || !ts.isCallExpression(site.node)) return undefined;
  const callee = skipOuterExpressions(site.node.expression);
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

/** Returns true for `map.delete(key)` in the `finally` block of a `try` in `fn` that comes after the `set` and awaits. */
function releasesAfterAwait(deletion: MutationSite, set: ts.Node, key: ts.Expression, fn: ts.SignatureDeclaration): boolean {
  const deletedKey = (deletion.node as ts.CallExpression).arguments[0];
  if (!deletedKey || deletedKey.getText() !== key.getText()) return false;
  const statement = finallyBlockAround(deletion.node, fn);
  if (!statement || statement.getStart() < set.getEnd()) return false;
  return someDescendant(statement.tryBlock, (node) => ts.isAwaitExpression(node));
}

/** Finds the `try` statement of `fn` whose `finally` block contains `node`, not counting nested functions. */
function finallyBlockAround(node: ts.Node, fn: ts.SignatureDeclaration): ts.TryStatement | undefined {
  if (enclosingFunction(node) !== fn) return undefined;
  let child: ts.Node = node;
  for (let current = node.parent; current && current !== fn; child = current, current = current.parent) {
    if (ts.isTryStatement(current) && current.finallyBlock === child) return current;
  }
  return undefined;
}

/**
 * Returns true when every change reassigns the binding with a promise chained from its own value
 * (`queue = queue.then(task)`, also through a `const` holding `queue.then(task)`), and every read
 * only chains onto it. The binding then signals when the previous task ends, and carries no data.
 */
function isPromiseChain(binding: StateBinding, mutations: readonly MutationSite[], reads: readonly ts.Expression[], file: FileContext): boolean {
  const references = new Set<ts.Node>(stateReferences(file, binding));
  const chained = (expression: ts.Expression): boolean => {
    let current = skipOuterExpressions(expression);
    let throughPromiseMethod = false;
    for (let depth = 0; depth < MAX_CHAIN_DEPTH; depth++) {
      if (references.has(current)) return throughPromiseMethod;
      if (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression) && PROMISE_METHODS.has(current.expression.name.text)) {
        current = skipOuterExpressions(current.expression.expression);
        throughPromiseMethod = true;
      } else if (ts.isIdentifier(current)) {
        const next = followInitializer(current, file.references, 1);
        if (next === current) return false;
        current = next;
      } else {
        return false;
      }
    }
    return false;
  };
  const everyChangeChains = mutations.every((site) => {
    const write = site.node;
    return ts.isBinaryExpression(write) && write.operatorToken.kind === ts.SyntaxKind.EqualsToken && chained(write.right);
  });
  return everyChangeChains && reads.length > 0 && reads.every((read) => isPromiseReceiver(read));
}

function isPromiseReceiver(reference: ts.Expression): boolean {
  const outer = outermostExpression(reference);
  const access = outer.parent;
  return ts.isPropertyAccessExpression(access) && access.expression === outer && PROMISE_METHODS.has(access.name.text) && ts.isCallExpression(access.parent);
}

/**
 * Returns true when every change assigns the result of a timer function, or clears the binding
 * with `null` or `undefined`, and every read passes the binding to a `clear*` function.
 */
function isTimerHandle(mutations: readonly MutationSite[], reads: readonly ts.Expression[], file: FileContext): boolean {
  const assignsTimer = mutations.some((site) => isTimerAssignment(site, file));
  const everyChangeFits = mutations.every((site) => isTimerAssignment(site, file) || site.kind === 'reset');
  return assignsTimer && everyChangeFits && reads.length > 0 && reads.every((read) => isClearedTimer(read, file));
}

/** `handle = setInterval(...)`. */
function isTimerAssignment(site: MutationSite, file: FileContext): boolean {
  const write = site.node;
  if (!ts.isBinaryExpression(write) || write.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const value = skipOuterExpressions(write.right);
  return ts.isCallExpression(value) && callsTimerFunction(value, TIMER_FUNCTIONS, file);
}

/** `clearInterval(handle)`. */
function isClearedTimer(read: ts.Expression, file: FileContext): boolean {
  const outer = outermostExpression(read);
  const call = outer.parent;
  return ts.isCallExpression(call) && call.arguments[0] === outer && callsTimerFunction(call, TIMER_CLEAR_FUNCTIONS, file);
}

/** Returns true for a call of one of the named functions, as a global or imported from Node's `timers` module. */
function callsTimerFunction(call: ts.CallExpression, names: ReadonlySet<string>, file: FileContext): boolean {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isIdentifier(callee) && isGlobal(callee, file)) return names.has(callee.text);
  const reference = file.references.resolve(callee);
  return reference?.module === 'timers' && reference.path.length === 1 && names.has(reference.path[0]!);
}

/**
 * Returns true for a read that runs only while the module loads, or in a function that ends by
 * calling `process.exit()`. A container read at load must not be passed on as a whole, because
 * the code that receives it could read it later.
 */
function isReadAtLoadOrExit(read: ts.Expression, binding: StateBinding, file: FileContext): boolean {
  const fn = enclosingFunction(read);
  if (fn && endsProcess(fn, file)) return true;
  const phases = executionPhasesOf(read, file);
  if (phases.size === 0 || [...phases].some((phase) => phase !== 'module-load' && phase !== 'test' && phase !== 'browser')) return false;
  if (binding.kind === 'value') return true;
  const outer = outermostExpression(read);
  const parent = outer.parent;
  return (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === outer;
}

/** Returns true for a function whose body ends with a call of the global `process.exit(...)`. */
function endsProcess(fn: ts.SignatureDeclaration, file: FileContext): boolean {
  const body = (fn as { body?: ts.Node }).body;
  if (!body || !ts.isBlock(body)) return false;
  const last = body.statements.at(-1);
  if (!last || !ts.isExpressionStatement(last)) return false;
  const call = skipOuterExpressions(last.expression);
  if (!ts.isCallExpression(call)) return false;
  const callee = skipOuterExpressions(call.expression);
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === 'exit' &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'process' &&
    isGlobal(callee.expression, file)
  );
}

function isWithin(node: ts.Node, container: ts.Node): boolean {
  return ts.findAncestor(node, (ancestor) => ancestor === container) !== undefined;
}
