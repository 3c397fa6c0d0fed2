import ts from 'typescript';
import type { FileContext } from './file-context.js';
import { isModuleMember, skipOuterExpressions } from './references.js';
import type { Declaration } from './scope.js';

/** The timer function a call starts. A `setTimeout` of `timers/promises` is a sleep, not a callback timer. */
export type TimerFunction = 'setInterval' | 'setTimeout' | 'sleep';

const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window']);
const TIMER_FUNCTIONS = new Set(['setInterval', 'setTimeout']);
const CLEAR_FUNCTIONS = new Set(['clearInterval', 'clearTimeout']);

/**
 * Returns the timer a call starts: the global `setInterval`/`setTimeout` (also through
 * `globalThis`), those of the `timers` module, and the promise forms of `timers/promises`.
 */
export function timerFunctionOf(call: ts.CallExpression, file: FileContext): TimerFunction | undefined {
  const global = globalFunctionName(call.expression, file);
  if (global !== undefined) return TIMER_FUNCTIONS.has(global) ? (global as TimerFunction) : undefined;

  const reference = file.references.resolve(call.expression);
  if (isModuleMember(reference, 'timers', ['setInterval']) || isModuleMember(reference, 'timers', ['promises', 'setInterval'])) return 'setInterval';
  if (isModuleMember(reference, 'timers', ['setTimeout'])) return 'setTimeout';
  if (isModuleMember(reference, 'timers', ['promises', 'setTimeout'])) return 'sleep';
  return undefined;
}

/** Returns true for `clearTimeout(...)` and `clearInterval(...)`, global or from the `timers` module. */
export function isClearTimerCall(call: ts.CallExpression, file: FileContext): boolean {
  const global = globalFunctionName(call.expression, file);
  if (global !== undefined) return CLEAR_FUNCTIONS.has(global);
  const reference = file.references.resolve(call.expression);
  return reference?.module === 'timers' && reference.path.length === 1 && CLEAR_FUNCTIONS.has(reference.path[0]!);
}

/** The name of a global function called as `name(...)` or `globalThis.name(...)`, unless the file declares it. */
function globalFunctionName(callee: ts.Expression, file: FileContext): string | undefined {
  const node = skipOuterExpressions(callee);
  if (ts.isIdentifier(node)) return file.scopes.lookup(node) ? undefined : node.text;
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && GLOBAL_OBJECTS.has(node.expression.text)) {
    return file.scopes.lookup(node.expression) ? undefined : node.name.text;
  }
  return undefined;
}

/** The uses of the handle that a timer function returns, as far as this file shows them. */
export interface TimerHandleUse {
  /** The module-level variable, Map, array or object the handle is stored in, so that it outlives the call. */
  moduleStore?: ts.Identifier;
  /** `clearTimeout`/`clearInterval` is called on the handle. */
  cleared: boolean;
  /** The timer's own callback clears it, as a wait that polls until a condition holds does. */
  clearedByOwnCallback: boolean;
  /** `.unref()` is called on the handle, so the timer does not keep the process alive. */
  unref: boolean;
  /** The handle is returned or passed on, so code this file does not show may clear it. */
  escapes: boolean;
}

/**
 * Follows the handle returned by a timer call: into a variable, a property, a module-level
 * collection, a `clear*` call or out of the function. A handle kept in a `this.` property counts
 * as cleared when a `clear*` call in the same class reads a property of the same name.
 */
export function followTimerHandle(call: ts.CallExpression, file: FileContext): TimerHandleUse {
  const use: TimerHandleUse = { cleared: false, clearedByOwnCallback: false, unref: false, escapes: false };
  const value = skipUnrefCalls(call, use);
  followValue(value, file, use, true, call.arguments[0]);
  return use;
}

/** `setInterval(...).unref()` returns the same timer; returns the outermost such expression. */
function skipUnrefCalls(call: ts.CallExpression, use: TimerHandleUse): ts.Expression {
  let value: ts.Expression = call;
  for (;;) {
    const outer = outerExpression(value);
    const access = outer.parent;
    if (!ts.isPropertyAccessExpression(access) || access.expression !== outer) return outer;
    const method = access.name.text;
    const invocation = access.parent;
    if ((method !== 'unref' && method !== 'ref') || !ts.isCallExpression(invocation) || invocation.expression !== access) return outer;
    if (method === 'unref') use.unref = true;
    value = invocation;
  }
}

/** Records what the code around an expression that contains a handle does with it. `followVariables` stops after one hop. */
function followValue(value: ts.Expression, file: FileContext, use: TimerHandleUse, followVariables: boolean, callback: ts.Node | undefined): void {
  const node = outerExpression(value);
  const parent = node.parent;

  if (ts.isVariableDeclaration(parent) && parent.initializer === node) {
    if (ts.isIdentifier(parent.name) && followVariables) followVariable(parent, file, use, callback);
    return;
  }
  if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    followAssignmentTarget(parent.left, file, use, followVariables, callback);
    return;
  }
  if (ts.isCallExpression(parent) && parent.arguments.includes(node)) {
    if (isClearTimerCall(parent, file)) {
      use.cleared = true;
      if (callback && isInside(parent, callback)) use.clearedByOwnCallback = true;
    }
    else if (isUnrefCall(parent, node)) use.unref = true;
    else recordPassedOn(parent, file, use);
    return;
  }
  if (ts.isPropertyDeclaration(parent) && parent.initializer === node) {
    // A class field, `private timer = setInterval(...)`, kept on the instance like `this.timer = ...`.
    if (ts.isIdentifier(parent.name) && isClearedThroughProperty(parent.name.text, parent, file)) use.cleared = true;
    else use.escapes = true;
    return;
  }
  if (ts.isPropertyAccessExpression(parent) && parent.expression === node) {
    if (parent.name.text === 'unref') use.unref = true;
    return;
  }
  if (ts.isReturnStatement(parent) || ts.isArrowFunction(parent) || ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent)) {
    use.escapes = true;
    return;
  }
  if (ts.isArrayLiteralExpression(parent) || ts.isObjectLiteralExpression(parent) || ts.isNewExpression(parent)) use.escapes = true;
}

function followAssignmentTarget(target: ts.Expression, file: FileContext, use: TimerHandleUse, followVariables: boolean, callback: ts.Node | undefined): void {
  const root = rootIdentifier(target);
  if (root && isModuleLevel(file.scopes.lookup(root))) {
    use.moduleStore = root;
    return;
  }
  if (ts.isIdentifier(target)) {
    const declaration = file.scopes.lookup(target);
    if (declaration && ts.isVariableDeclaration(declaration) && followVariables) followVariable(declaration, file, use, callback);
    return;
  }
  if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) {
    if (isClearedThroughProperty(target.name.text, target, file)) use.cleared = true;
    else use.escapes = true;
    return;
  }
  use.escapes = true;
}

/** `store.set(key, handle)`, `handles.push(handle)`: kept in a module-level collection, or passed on. */
function recordPassedOn(call: ts.CallExpression, file: FileContext, use: TimerHandleUse): void {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isPropertyAccessExpression(callee)) {
    const root = rootIdentifier(callee.expression);
    if (root && isModuleLevel(file.scopes.lookup(root))) {
      use.moduleStore = root;
      return;
    }
  }
  use.escapes = true;
}

function followVariable(declaration: ts.VariableDeclaration, file: FileContext, use: TimerHandleUse, callback: ts.Node | undefined): void {
  const name = declaration.name;
  if (!ts.isIdentifier(name)) return;
  const follow = (identifier: ts.Identifier): void => {
    if (identifier !== name && file.scopes.lookup(identifier) === declaration) followValue(identifier, file, use, false, callback);
  };

  if (isModuleLevel(declaration)) {
    for (const identifier of file.syntax.topLevelNameUses.get(name.text) ?? []) {
      if (!isPropertyName(identifier)) follow(identifier);
    }
    return;
  }
  const scope = ts.findAncestor(declaration, ts.isFunctionLike);
  if (scope) forEachIdentifier(scope, follow);
}

/** Returns true when a `clear*` call in the class around `site` clears a property named `name`. */
function isClearedThroughProperty(name: string, site: ts.Node, file: FileContext): boolean {
  const owner = ts.findAncestor(site, ts.isClassLike);
  return file.syntax.calls.some((call) => {
    const argument = call.arguments[0];
    if (!argument || !isClearTimerCall(call, file)) return false;
    const cleared = skipOuterExpressions(argument);
    return ts.isPropertyAccessExpression(cleared) && cleared.name.text === name && ts.findAncestor(call, ts.isClassLike) === owner;
  });
}

function isUnrefCall(call: ts.CallExpression, argument: ts.Expression): boolean {
  return call.arguments[0] === argument && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'unref';
}

/** Returns the identifier at the root of `a.b[c].d`, or `undefined` when the root is `this` or a call. */
export function rootIdentifier(expression: ts.Expression): ts.Identifier | undefined {
  let node = skipOuterExpressions(expression);
  while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) node = skipOuterExpressions(node.expression);
  return ts.isIdentifier(node) ? node : undefined;
}

/** Returns true for a variable, function or class declared in the file's top-level statements. */
export function isModuleLevel(declaration: Declaration | undefined): boolean {
  if (!declaration) return false;
  let statement: ts.Node = declaration;
  while (ts.isBindingElement(statement) || ts.isObjectBindingPattern(statement) || ts.isArrayBindingPattern(statement)) statement = statement.parent;
  if (ts.isVariableDeclaration(statement)) statement = statement.parent.parent;
  return ts.isSourceFile(statement.parent);
}

function isInside(node: ts.Node, container: ts.Node): boolean {
  return ts.findAncestor(node, (ancestor) => ancestor === container) !== undefined;
}

function outerExpression(node: ts.Expression): ts.Expression {
  let outer: ts.Expression = node;
  while (ts.isParenthesizedExpression(outer.parent) || ts.isAsExpression(outer.parent) || ts.isNonNullExpression(outer.parent) || ts.isAwaitExpression(outer.parent)) {
    outer = outer.parent;
  }
  return outer;
}

function forEachIdentifier(root: ts.Node, visit: (identifier: ts.Identifier) => void): void {
  const walk = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && !isPropertyName(node)) visit(node);
    ts.forEachChild(node, walk);
  };
  walk(root);
}

/** `name` in `x.name` or `{ name: value }` is a property name, not a reference to a variable. */
function isPropertyName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return (ts.isPropertyAccessExpression(parent) && parent.name === identifier) || (ts.isPropertyAssignment(parent) && parent.name === identifier);
}
