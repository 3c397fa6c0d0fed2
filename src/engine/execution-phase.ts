import ts from 'typescript';
import { isImmediatelyInvoked } from './execution.js';
import type { FileContext } from './file-context.js';
import { propertyValue } from './object-literals.js';
import { isModuleMember, skipOuterExpressions } from './references.js';

/** Names that frameworks and common practice give the function that starts a server. */
const STARTUP_FUNCTION_NAMES = new Set(['main', 'bootstrap', 'boot', 'start', 'startup', 'startServer', 'startApp', 'runServer']);

/** NestJS lifecycle hooks: each runs once per process, while the application starts. */
const STARTUP_LIFECYCLE_METHODS = new Set(['onModuleInit', 'onApplicationBootstrap']);

/** Events a server emits once, when it starts: `server.on('listening', ...)`, `app.once('ready', ...)`. */
const STARTUP_EVENTS = new Set(['listening', 'ready']);

/**
 * Methods whose function argument runs as part of the code that calls them, so that a timer in
 * `main().then(() => ...)` or `jobs.forEach((job) => ...)` runs when its caller runs.
 */
const INLINE_CALLBACK_METHODS = new Set(['then', 'catch', 'finally', 'forEach', 'map', 'flatMap', 'filter', 'reduce', 'some', 'every']);

/** How many calls deep `main()` calling `startPolling()` calling `schedule()` is followed. */
const MAX_CALL_DEPTH = 4;

/** When a piece of code runs in the life of a server process. */
export type ExecutionPhase = 'module-load' | 'startup' | 'later';

/**
 * Returns when `node` runs: while its module loads, once while the server starts, or later (per
 * request, per event, or at a time this file does not show). Start-up code is a `listen` callback,
 * a `listening`/`ready` handler or a NestJS `onModuleInit`/`onApplicationBootstrap` hook. So is the
 * constructor or a field initializer of a NestJS `@Injectable()` singleton, or of a class that this
 * file constructs at start-up. So are functions named like `main` or `bootstrap`, and functions
 * that this file calls from module-load or start-up code.
 */
export function executionPhaseOf(node: ts.Node, file: FileContext): ExecutionPhase {
  return phaseOf(node, file, 0);
}

/** Returns true for code that runs once per process: at module load or while the server starts. */
export function runsOncePerProcess(node: ts.Node, file: FileContext): boolean {
  return executionPhaseOf(node, file) !== 'later';
}

function phaseOf(node: ts.Node, file: FileContext, depth: number): ExecutionPhase {
  const owner = runningFunctionOf(node);
  if (!owner) return 'module-load';
  if (isStartupFunction(owner, file, depth)) return 'startup';
  return 'later';
}

/**
 * The function whose call runs `node`: the nearest enclosing function that is not invoked where it
 * is written and is not an inline callback. A non-static class field initializer runs when the
 * class is constructed, so the field counts as part of the constructor. Returns `undefined` for
 * code that runs at module load.
 */
function runningFunctionOf(node: ts.Node): ts.SignatureDeclaration | ts.PropertyDeclaration | undefined {
  for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
    if (ts.isPropertyDeclaration(current) && !isStatic(current)) return current;
    if (!ts.isFunctionLike(current)) continue;
    if (isImmediatelyInvoked(current) || isInlineCallback(current)) continue;
    return current;
  }
  return undefined;
}

function isStartupFunction(fn: ts.SignatureDeclaration | ts.PropertyDeclaration, file: FileContext, depth: number): boolean {
  if (ts.isPropertyDeclaration(fn) || ts.isConstructorDeclaration(fn)) {
    return isSingletonProvider(fn.parent, file) || (depth < MAX_CALL_DEPTH && isConstructedOncePerProcess(fn.parent, file, depth));
  }
  if (ts.isMethodDeclaration(fn) && ts.isIdentifier(fn.name) && STARTUP_LIFECYCLE_METHODS.has(fn.name.text)) return true;
  if (isStartupCallback(fn)) return true;

  const name = declaredName(fn);
  if (name === undefined) return false;
  if (STARTUP_FUNCTION_NAMES.has(name.text)) return true;
  return depth < MAX_CALL_DEPTH && isCalledOncePerProcess(name, file, depth);
}

/** `server.listen(port, () => ...)`, `server.on('listening', () => ...)`. */
function isStartupCallback(fn: ts.SignatureDeclaration): boolean {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return false;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const method = callee.name.text;
  if (method === 'listen') return true;
  const event = call.arguments[0];
  return (method === 'on' || method === 'once') && event !== undefined && ts.isStringLiteralLike(event) && STARTUP_EVENTS.has(event.text);
}

function isInlineCallback(fn: ts.SignatureDeclaration): boolean {
  let outer: ts.Node = fn;
  while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const parent = outer.parent;
  if (ts.isNewExpression(parent)) {
    // `new Promise((resolve) => ...)` runs its executor at once.
    return ts.isIdentifier(parent.expression) && parent.expression.text === 'Promise' && parent.arguments?.[0] === outer;
  }
  if (!ts.isCallExpression(parent) || parent.expression === outer) return false;
  const callee = parent.expression;
  return ts.isPropertyAccessExpression(callee) && INLINE_CALLBACK_METHODS.has(callee.name.text);
}

/** The identifier a function is declared with: its own name or the variable it initialises. */
function declaredName(fn: ts.SignatureDeclaration): ts.Identifier | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name;
  const parent = skipParentheses(fn).parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name;
  return undefined;
}

/** Returns true when this file calls the named function from module-load or start-up code. */
function isCalledOncePerProcess(name: ts.Identifier, file: FileContext, depth: number): boolean {
  const method = ts.isMethodDeclaration(name.parent) ? name.parent : undefined;
  const declaration = method ? undefined : file.scopes.lookup(name);
  for (const call of file.syntax.calls) {
    const callee = skipOuterExpressions(call.expression);
    const calls = method ? callsOwnMethod(callee, method) : ts.isIdentifier(callee) && callee.text === name.text && file.scopes.lookup(callee) === declaration;
    if (calls && phaseOf(call, file, depth + 1) !== 'later') return true;
  }
  return false;
}

/** Returns true when this file constructs the class from module-load or start-up code: `export const cache = new RatesCache()`. */
function isConstructedOncePerProcess(owner: ts.Node, file: FileContext, depth: number): boolean {
  if (!ts.isClassDeclaration(owner) || !owner.name) return false;
  const name = owner.name;
  return file.syntax.constructions.some((construction) => {
    const constructed = skipOuterExpressions(construction.expression);
    if (!ts.isIdentifier(constructed) || constructed.text !== name.text || file.scopes.lookup(constructed) !== owner) return false;
    return phaseOf(construction, file, depth + 1) !== 'later';
  });
}

/** `this.start()` inside the class that declares `start`. */
function callsOwnMethod(callee: ts.Expression, method: ts.MethodDeclaration): boolean {
  if (!ts.isPropertyAccessExpression(callee) || callee.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
  if (!ts.isIdentifier(method.name) || callee.name.text !== method.name.text) return false;
  return ts.findAncestor(callee, ts.isClassLike) === method.parent;
}

/**
 * Returns true for a NestJS `@Injectable()` provider of the default scope, which has one instance
 * per process, built while the application starts. `Scope.REQUEST` and `Scope.TRANSIENT`
 * providers are built later.
 */
function isSingletonProvider(node: ts.Node, file: FileContext): boolean {
  if (!ts.isClassLike(node)) return false;
  for (const decorator of ts.getDecorators(node) ?? []) {
    const expression = decorator.expression;
    if (!ts.isCallExpression(expression)) continue;
    if (!isModuleMember(file.references.resolve(expression.expression), '@nestjs/common', ['Injectable'])) continue;
    const options = expression.arguments[0];
    const scope = options && ts.isObjectLiteralExpression(options) ? propertyValue(options, 'scope') : undefined;
    const scopeName = scope && file.references.resolve(scope);
    return !(isModuleMember(scopeName, '@nestjs/common', ['Scope', 'REQUEST']) || isModuleMember(scopeName, '@nestjs/common', ['Scope', 'TRANSIENT']));
  }
  return false;
}

function isStatic(member: ts.ClassElement): boolean {
  return ts.getModifiers(member as ts.HasModifiers)?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword) ?? false;
}

function skipParentheses(node: ts.Node): ts.Node {
  let outer = node;
  while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  return outer;
}
