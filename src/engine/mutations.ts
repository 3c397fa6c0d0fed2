import ts from 'typescript';
import { bindingReferences, hasModifier, isGlobal, outermostExpression, thisFieldAccesses } from './bindings.js';
import { enclosingFunction } from './execution.js';
import { runsPerRequest } from './execution-phase.js';
import type { FileContext } from './file-context.js';
import { followInitializer } from './object-literals.js';
import type { Declaration } from './scope.js';
import { CALL_RESULT, NEW_INSTANCE, skipOuterExpressions } from './references.js';
import { isAssignmentOperator } from './syntax-index.js';
import { SKIP_CHILDREN, walkDescendants } from './walk.js';

/**
 * The kind of container a piece of long-lived state is, judged from its initializer. The kind
 * decides which method calls change it: `set` changes a Map but not an array.
 * `value` is a `let` or `var` of any other initializer, which only reassignment changes.
 */
export type ContainerKind = 'map' | 'set' | 'array' | 'typed-array' | 'object' | 'instance' | 'value';

/** The way a mutation site changes the state. */
export type MutationKind =
  /** `x = value`, `x += 1`, `x++`. */
  | 'reassignment'
  /**
   * `x ??= new Client()`, an assignment guarded by a test that `x` is still unset, or
   * `clients.set(key, new Client())`, which keeps one client of a package per key.
   */
  | 'lazy-initialization'
  /** `x = null` or `x = undefined`, as a teardown does. */
  | 'reset'
  /** `x.count++`, `x[key] = value`, `delete x[key]`, `Object.assign(x, ...)`. */
  | 'property-write'
  /** `x.set(...)`, `x.push(...)`, or a method of the project's own class that changes `this`. */
  | 'method-call';

/** Mutation kinds that keep a value between requests. Lazy initialisation and resets do not. */
export const STATEFUL_MUTATIONS: ReadonlySet<MutationKind> = new Set(['reassignment', 'property-write', 'method-call']);

export interface MutationSite {
  /** The whole expression that changes the state: the assignment, update, `delete` or call. */
  node: ts.Expression;
  /** The reference to the state inside `node`: an identifier, or `this.field` / `Class.field`. */
  reference: ts.Expression;
  kind: MutationKind;
}

/** A module-level variable or class static field that may hold state between requests. */
export interface StateBinding {
  name: string;
  /** The declared name; findings point here. */
  nameNode: ts.Identifier | ts.PrivateIdentifier;
  declaration: ts.VariableDeclaration | ts.PropertyDeclaration;
  kind: ContainerKind;
  /** True for `let` and `var` bindings and for static fields that are not `readonly`. */
  reassignable: boolean;
  /** The class that declares a static field; absent for variables. */
  owner?: ts.ClassDeclaration;
}

const MAP_MUTATORS = new Set(['set', 'delete', 'clear']);
const SET_MUTATORS = new Set(['add', 'delete', 'clear']);
const ARRAY_MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);
const TYPED_ARRAY_MUTATORS = new Set(['set', 'fill', 'copyWithin', 'sort', 'reverse']);
const NO_METHODS: ReadonlySet<string> = new Set();

const MUTATORS_BY_KIND: Readonly<Record<ContainerKind, ReadonlySet<string>>> = {
  map: MAP_MUTATORS,
  set: SET_MUTATORS,
  array: ARRAY_MUTATORS,
  'typed-array': TYPED_ARRAY_MUTATORS,
  object: NO_METHODS,
  instance: NO_METHODS,
  value: NO_METHODS,
};

/** Methods that change any built-in collection, checked on the values stored in a Map (`map.get(k).push(v)`). */
const COLLECTION_MUTATORS = new Set([...MAP_MUTATORS, ...SET_MUTATORS, ...ARRAY_MUTATORS]);

/**
 * Array methods distinctive enough to count as a change when called on a property of a module
 * object (`state.items.push(x)`). `set` and `delete` are left out because a property may hold a
 * client whose `set` writes to Redis.
 */
const NESTED_ARRAY_MUTATORS = new Set(['push', 'unshift', 'splice', 'pop', 'shift']);

const GLOBAL_CONTAINER_CLASSES: Readonly<Record<string, ContainerKind>> = {
  Map: 'map',
  Set: 'set',
  Array: 'array',
  Object: 'object',
  Int8Array: 'typed-array',
  Uint8Array: 'typed-array',
  Uint8ClampedArray: 'typed-array',
  Int16Array: 'typed-array',
  Uint16Array: 'typed-array',
  Int32Array: 'typed-array',
  Uint32Array: 'typed-array',
  Float32Array: 'typed-array',
  Float64Array: 'typed-array',
  BigInt64Array: 'typed-array',
  BigUint64Array: 'typed-array',
};

/** Calls of a global object whose result is a fresh container: `Array.from(...)`, `Object.create(null)`. */
const GLOBAL_CONTAINER_FACTORIES: Readonly<Record<string, Readonly<Record<string, ContainerKind>>>> = {
  Array: { from: 'array', of: 'array' },
  Object: { create: 'object', fromEntries: 'object' },
};

/**
 * Classifies an initializer by the container it creates. Returns `undefined` when it creates
 * nothing this module tracks: a frozen object, a WeakMap or WeakSet, or the result of an arbitrary
 * call. Instances of a package's class are `undefined` too, because the library catalog judges them.
 *
 * WeakMap and WeakSet are left out on purpose: their keys are objects, which in a web worker are
 * mostly the request, response or socket of one request, so their entries die with the request.
 */
export function containerKindOf(initializer: ts.Expression, file: FileContext): ContainerKind | undefined {
  const node = skipOuterExpressions(initializer);
  if (ts.isArrayLiteralExpression(node)) return 'array';
  if (ts.isObjectLiteralExpression(node)) return 'object';

  if (ts.isNewExpression(node)) {
    const constructed = skipOuterExpressions(node.expression);
    if (ts.isIdentifier(constructed)) {
      const declaration = file.references.declarationOf(constructed);
      if (!declaration) return GLOBAL_CONTAINER_CLASSES[constructed.text];
      if (ts.isClassDeclaration(declaration)) return 'instance';
    }
    return isProjectModule(file, constructed) ? 'instance' : undefined;
  }

  if (ts.isCallExpression(node)) {
    const callee = skipOuterExpressions(node.expression);
    if (ts.isIdentifier(callee) && callee.text === 'Array' && isGlobal(callee, file)) return 'array';
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && isGlobal(callee.expression, file)) {
      return GLOBAL_CONTAINER_FACTORIES[callee.expression.text]?.[callee.name.text];
    }
  }
  return undefined;
}

/** Returns true when an expression refers to something imported from a relative path: the project's own code. */
function isProjectModule(file: FileContext, expression: ts.Expression): boolean {
  const reference = file.references.resolve(expression);
  return reference !== undefined && (reference.module.startsWith('.') || reference.module.startsWith('/'));
}

/**
 * Lists the module-level bindings of a file that can hold state between requests: `let` and
 * `var` variables, `const` variables initialised with a mutable container, and the static fields
 * of top-level classes. Destructured bindings are not listed.
 */
export function findModuleStateBindings(file: FileContext): StateBinding[] {
  const bindings: StateBinding[] = [];
  for (const statement of file.sourceFile.statements) {
    if (ts.isVariableStatement(statement)) {
      if (statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.DeclareKeyword)) continue;
      const reassignable = (statement.declarationList.flags & ts.NodeFlags.BlockScoped) === 0 || (statement.declarationList.flags & ts.NodeFlags.Let) !== 0;
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name)) continue;
        const kind = declaration.initializer ? containerKindOf(declaration.initializer, file) : undefined;
        if (!reassignable && kind === undefined) continue;
        bindings.push({ name: declaration.name.text, nameNode: declaration.name, declaration, kind: kind ?? 'value', reassignable });
      }
    } else if (ts.isClassDeclaration(statement) && statement.name) {
      bindings.push(...staticFieldBindings(statement, file));
    }
  }
  return bindings;
}

function staticFieldBindings(owner: ts.ClassDeclaration, file: FileContext): StateBinding[] {
  const bindings: StateBinding[] = [];
  for (const member of owner.members) {
    if (!ts.isPropertyDeclaration(member) || !hasModifier(member, ts.SyntaxKind.StaticKeyword)) continue;
    if (!ts.isIdentifier(member.name) && !ts.isPrivateIdentifier(member.name)) continue;
    const reassignable = !hasModifier(member, ts.SyntaxKind.ReadonlyKeyword);
    const kind = member.initializer ? containerKindOf(member.initializer, file) : undefined;
    if (!reassignable && kind === undefined) continue;
    bindings.push({ name: member.name.text, nameNode: member.name, declaration: member, kind: kind ?? 'value', reassignable, owner });
  }
  return bindings;
}

/** Lists every place in the file that changes a binding, wherever it runs. Filter with `runsPerRequest`. */
export function findBindingMutations(file: FileContext, binding: StateBinding): MutationSite[] {
  const references = stateReferences(file, binding);
  const instanceMethods = binding.kind === 'instance' && binding.declaration.initializer ? instanceMutatorsOf(binding.declaration.initializer, file) : undefined;
  const sites: MutationSite[] = [];
  for (const reference of references) {
    const site = classifyReference(reference, binding.kind, file, instanceMethods);
    if (site) sites.push(site);
  }
  return sites;
}

/** Lists every reference to a binding in the file: its name for a variable, `Class.field` or `this.field` for a static field. */
export function stateReferences(file: FileContext, binding: StateBinding): ts.Expression[] {
  return binding.owner ? staticFieldReferences(file, binding.owner, binding.name) : bindingReferences(file, binding.name, binding.declaration);
}

/**
 * Finds where a file changes a binding it imported, in code that runs per request: the other
 * half of a Map exported by one module and filled by a route in another. `localName` is the name
 * the binding has in this file (`presenceByUser` after `import { presenceByUser } from './state'`,
 * or after `const { presenceByUser } = require('./state')`); `kind` is what the exporting module
 * initialised it with. Reassignments are not returned, since an imported binding cannot be
 * reassigned by the importer.
 */
export function findImportedBindingMutations(file: FileContext, localName: string, kind: ContainerKind): MutationSite[] {
  // NOTE: namespace imports (`import * as state` then `state.presenceByUser.set(...)`) are not followed.
  const declaration = file.scopes.declarationsOf(file.sourceFile).get(localName);
  if (!declaration) return [];
  const sites: MutationSite[] = [];
  for (const reference of bindingReferences(file, localName, declaration)) {
    const site = classifyReference(reference, kind, file, undefined);
    if (site && site.kind !== 'reassignment' && STATEFUL_MUTATIONS.has(site.kind) && runsPerRequest(site.node, file)) sites.push(site);
  }
  return sites;
}

/** `Class.field` anywhere in the file, and `this.field` in the class's static methods, accessors and blocks. */
function staticFieldReferences(file: FileContext, owner: ts.ClassDeclaration, field: string): ts.Expression[] {
  const references: ts.Expression[] = [];
  const className = owner.name;
  if (className) {
    for (const use of bindingReferences(file, className.text, owner)) {
      const access = use.parent;
      if (ts.isPropertyAccessExpression(access) && access.expression === use && access.name.text === field) references.push(access);
    }
  }
  for (const member of owner.members) {
    const isStaticCode = ts.isClassStaticBlockDeclaration(member) || (hasStaticModifier(member) && !ts.isPropertyDeclaration(member));
    if (isStaticCode) references.push(...thisFieldAccesses(member, field));
  }
  return references;
}

function hasStaticModifier(member: ts.ClassElement): boolean {
  return ts.canHaveModifiers(member) && hasModifier(member, ts.SyntaxKind.StaticKeyword);
}

/**
 * Decides whether one reference to a piece of state changes it, and how. `instanceMethods` lists
 * the methods of the project's own class that change `this`, for state of kind `instance`.
 */
export function classifyReference(
  reference: ts.Expression,
  kind: ContainerKind,
  file: FileContext,
  instanceMethods: ReadonlySet<string> | undefined,
): MutationSite | undefined {
  const site = classifyChange(reference, kind, file, instanceMethods);
  if (!site || !STATEFUL_MUTATIONS.has(site.kind)) return site;
  if (runsOncePerProcess(site.node, file) || reassignsOwnMemo(site.node, file) || takesFixedHandle(site.node, file)) return { ...site, kind: 'lazy-initialization' };
  return site;
}

/**
 * Returns true for `db = client.db('app')`, where `client` is a module-level `const` holding an
 * instance or factory result of a package and every argument is a constant. Each worker gets
 * the same handle however often it takes it again, as after a reconnect.
 */
function takesFixedHandle(write: ts.Node, file: FileContext): boolean {
  if (!ts.isBinaryExpression(write) || write.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  let value = skipOuterExpressions(write.right);
  if (ts.isAwaitExpression(value)) value = skipOuterExpressions(value.expression);
  if (!ts.isCallExpression(value) || !ts.isPropertyAccessExpression(value.expression)) return false;
  const receiver = skipOuterExpressions(value.expression.expression);
  if (!ts.isIdentifier(receiver) || !isModuleConstant(file.references.declarationOf(receiver))) return false;

  const client = file.references.resolve(receiver);
  const last = client?.path.at(-1);
  if (!client || client.module.startsWith('.') || client.module.startsWith('/') || (last !== NEW_INSTANCE && last !== CALL_RESULT)) return false;
  return value.arguments.every((argument) => isConstantValue(argument, file));
}

function isModuleConstant(declaration: Declaration | undefined): declaration is ts.VariableDeclaration {
  return (
    declaration !== undefined &&
    ts.isVariableDeclaration(declaration) &&
    (declaration.parent.flags & ts.NodeFlags.Const) !== 0 &&
    ts.isVariableStatement(declaration.parent.parent) &&
    ts.isSourceFile(declaration.parent.parent.parent)
  );
}

/** A literal, or a module-level `const` initialised with one. */
function isConstantValue(expression: ts.Expression, file: FileContext): boolean {
  const node = skipOuterExpressions(expression);
  if (ts.isStringLiteralLike(node) || ts.isNumericLiteral(node) || node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) return true;
  if (!ts.isIdentifier(node)) return false;
  const declaration = file.references.declarationOf(node);
  return isModuleConstant(declaration) && declaration.initializer !== undefined && ts.isStringLiteralLike(skipOuterExpressions(declaration.initializer));
}

/**
 * Returns true for `server = await getServer()` where `getServer`, declared in this file, returns
 * `server` itself or `Promise.resolve(server)` wherever it returns a value. The binding gets the
 * value it already memoises, as in the handler of the aws-serverless-express templates.
 */
function reassignsOwnMemo(write: ts.Node, file: FileContext): boolean {
  if (!ts.isBinaryExpression(write) || write.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const target = targetKey(write.left);
  let value = skipOuterExpressions(write.right);
  if (ts.isAwaitExpression(value)) value = skipOuterExpressions(value.expression);
  if (target === undefined || !ts.isCallExpression(value) || !ts.isIdentifier(value.expression)) return false;

  const body = functionBodyOf(file.references.declarationOf(value.expression));
  if (!body) return false;
  const returned: ts.Expression[] = [];
  walkDescendants(body, (node) => {
    if (ts.isFunctionLike(node)) return SKIP_CHILDREN;
    if (ts.isReturnStatement(node) && node.expression && !isPromiseCall(node.expression, 'reject')) returned.push(node.expression);
  });
  return returned.length > 0 && returned.every((expression) => returnsTarget(expression, target));
}

function functionBodyOf(declaration: Declaration | undefined): ts.Block | undefined {
  if (!declaration) return undefined;
  if (ts.isFunctionDeclaration(declaration)) return declaration.body;
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  const initializer = skipOuterExpressions(declaration.initializer);
  const isFunction = ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer);
  return isFunction && ts.isBlock(initializer.body) ? initializer.body : undefined;
}

function returnsTarget(expression: ts.Expression, target: string): boolean {
  const node = skipOuterExpressions(expression);
  if (targetKey(node) === target) return true;
  return isPromiseCall(node, 'resolve') && ts.isCallExpression(node) && node.arguments[0] !== undefined && targetKey(node.arguments[0]) === target;
}

/** `Promise.resolve(...)` or `Promise.reject(...)`. */
function isPromiseCall(expression: ts.Expression, method: 'resolve' | 'reject'): boolean {
  const node = skipOuterExpressions(expression);
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const owner = node.expression.expression;
  return ts.isIdentifier(owner) && owner.text === 'Promise' && node.expression.name.text === method;
}

function classifyChange(
  reference: ts.Expression,
  kind: ContainerKind,
  file: FileContext,
  instanceMethods: ReadonlySet<string> | undefined,
): MutationSite | undefined {
  const outer = outermostExpression(reference);
  const parent = outer.parent;

  if (isWriteTarget(outer)) {
    const write = parent as ts.BinaryExpression | ts.PrefixUnaryExpression | ts.PostfixUnaryExpression;
    if (ts.isBinaryExpression(write)) return { node: write, reference, kind: assignmentKind(write) };
    return { node: write, reference, kind: 'reassignment' };
  }
  if (kind === 'value') return undefined;

  if (ts.isCallExpression(parent) && parent.arguments[0] === outer && isObjectWriter(parent, file)) {
    return { node: parent, reference, kind: 'property-write' };
  }

  // Follow the member chain rooted at the reference: `x.a.b = 1`, `x.push(v)`, `x.get(k).count++`.
  let current: ts.Expression = outer;
  let depth = 0;
  let throughMapValue = false;
  for (;;) {
    const member = current.parent;
    if (!member || !(ts.isPropertyAccessExpression(member) || ts.isElementAccessExpression(member)) || member.expression !== current) return undefined;
    const memberOuter = outermostExpression(member);
    const memberParent = memberOuter.parent;

    if (ts.isCallExpression(memberParent) && memberParent.expression === memberOuter) {
      const method = memberName(member);
      if (method === undefined) return undefined;
      if (methodChangesState(method, kind, depth, throughMapValue, instanceMethods)) {
        const memoisesClient = depth === 0 && storesPackageClient(memberParent, method, file);
        return { node: memberParent, reference, kind: memoisesClient ? 'lazy-initialization' : 'method-call' };
      }
      if (depth === 0 && kind === 'map' && method === 'get') {
        current = outermostExpression(memberParent);
        depth++;
        throughMapValue = true;
        continue;
      }
      return undefined;
    }
    if (isWriteTarget(memberOuter) || isDeleteOperand(memberOuter)) {
      return { node: memberParent as ts.Expression, reference, kind: 'property-write' };
    }
    current = memberOuter;
    depth++;
  }
}

function methodChangesState(
  method: string,
  kind: ContainerKind,
  depth: number,
  throughMapValue: boolean,
  instanceMethods: ReadonlySet<string> | undefined,
): boolean {
  if (depth === 0) return MUTATORS_BY_KIND[kind].has(method) || (kind === 'instance' && (instanceMethods?.has(method) ?? false));
  if (throughMapValue && depth === 1) return COLLECTION_MUTATORS.has(method);
  return NESTED_ARRAY_MUTATORS.has(method);
}

/** `map.set(key, new Client())` or `set.add(createClient())`, where the class or factory comes from a package. */
function storesPackageClient(call: ts.CallExpression, method: string, file: FileContext): boolean {
  let stored: ts.Expression | undefined;
  if (method === 'set') stored = call.arguments[1];
  else if (method === 'add') stored = call.arguments[0];
  if (!stored) return false;
  // `const limiter = new RateLimiterRedis(options); limiters.set(path, limiter)` stores the client too.
  let value = followInitializer(stored, file.references);
  if (ts.isAwaitExpression(value)) value = skipOuterExpressions(value.expression);
  if (!ts.isNewExpression(value) && !ts.isCallExpression(value)) return false;
  const reference = file.references.resolve(value);
  if (reference === undefined || reference.module.startsWith('.') || reference.module.startsWith('/')) return false;
  // A constructor or a factory of the package itself, not the result of a client's method such as `redis.incr(key)`.
  const last = reference.path.at(-1);
  return last === NEW_INSTANCE || (last === CALL_RESULT && reference.path.length <= 2);
}

function memberName(member: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  if (ts.isPropertyAccessExpression(member)) return member.name.text;
  return ts.isStringLiteralLike(member.argumentExpression) ? member.argumentExpression.text : undefined;
}

/** `Object.assign(x, ...)`, `Object.defineProperty(x, ...)`, `Reflect.set(x, ...)` and similar, with globals only. */
function isObjectWriter(call: ts.CallExpression, file: FileContext): boolean {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || !isGlobal(callee.expression, file)) return false;
  const owner = callee.expression.text;
  const method = callee.name.text;
  if (owner === 'Object') return method === 'assign' || method === 'defineProperty' || method === 'defineProperties' || method === 'setPrototypeOf';
  if (owner === 'Reflect') return method === 'set' || method === 'deleteProperty' || method === 'defineProperty';
  return false;
}

function isWriteTarget(expression: ts.Expression): boolean {
  const parent = expression.parent;
  if (ts.isBinaryExpression(parent)) return parent.left === expression && isAssignmentOperator(parent.operatorToken.kind);
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
    return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
  }
  return false;
}

function isDeleteOperand(expression: ts.Expression): boolean {
  return ts.isDeleteExpression(expression.parent);
}

function assignmentKind(write: ts.BinaryExpression): MutationKind {
  if (isLazyInitialization(write)) return 'lazy-initialization';
  if (write.operatorToken.kind === ts.SyntaxKind.EqualsToken && isNullish(write.right)) return 'reset';
  return 'reassignment';
}

function isNullish(expression: ts.Expression): boolean {
  const node = skipOuterExpressions(expression);
  if (node.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isIdentifier(node) && node.text === 'undefined') return true;
  return ts.isVoidExpression(node);
}

/**
 * Returns true for an assignment that only fills a binding while it is still unset: `x ??= v`,
 * `x ||= v`, `x = x ?? v`, `x || (x = v)`, `if (!x) x = v`, `if (x == null) { x = v }`, or an
 * assignment after `if (x) return x;`, and a flag cleared once: `if (x) { x = false }`. Such a binding is a memoised client or configuration,
 * identical in every worker, not state that requests change.
 */
export function isLazyInitialization(write: ts.BinaryExpression): boolean {
  const operator = write.operatorToken.kind;
  if (operator === ts.SyntaxKind.QuestionQuestionEqualsToken || operator === ts.SyntaxKind.BarBarEqualsToken) return true;
  if (operator !== ts.SyntaxKind.EqualsToken) return false;

  const target = targetKey(write.left);
  if (target === undefined) return false;
  const right = skipOuterExpressions(write.right);
  if (ts.isBinaryExpression(right) && isDefaultOperator(right.operatorToken.kind) && targetKey(right.left) === target) return true;

  let child: ts.Node = write;
  for (let node = write.parent; node && !ts.isFunctionLike(node) && !ts.isSourceFile(node); child = node, node = node.parent) {
    if (runsOnlyWhileUnset(node, child, target)) return true;
    // `if (coldStart) { coldStart = false; ... }` flips a flag once per process.
    if (ts.isIfStatement(node) && child === node.thenStatement && testsPresence(node.expression, target) && isFalseLiteral(write.right)) return true;
    if (ts.isConditionalExpression(node) && child === node.whenTrue && testsPresence(node.condition, target) && isFalseLiteral(write.right)) return true;
  }
  return false;
}

/** Returns true when `node`, the parent of `child`, lets `child` run only while the target is unset. */
function runsOnlyWhileUnset(node: ts.Node, child: ts.Node, target: string): boolean {
  if (ts.isIfStatement(node) || ts.isConditionalExpression(node)) {
    const whenTrue = ts.isIfStatement(node) ? node.thenStatement : node.whenTrue;
    const whenFalse = ts.isIfStatement(node) ? node.elseStatement : node.whenFalse;
    const condition = ts.isIfStatement(node) ? node.expression : node.condition;
    if (child === whenTrue && testsAbsence(condition, target)) return true;
    if (child === whenFalse && testsPresence(condition, target)) return true;
  }
  if (ts.isBinaryExpression(node) && node.right === child) {
    if (isDefaultOperator(node.operatorToken.kind) && testsPresence(node.left, target)) return true;
    if (node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && testsAbsence(node.left, target)) return true;
  }
  return ts.isBlock(node) && followsEarlyReturnWhenSet(node, child, target);
}

/**
 * Returns true when a change runs at most once per process, because a module-level guard that
 * the same function sets is still unset wherever the change runs. The guard is tested around the
 * change (`if (loaded) return; ...; loaded = true`, `if (!pool) { ...; pool = x }`), or around every
 * call of the top-level helper that makes it (`if (!pool) await connect();`, where `connect` sets
 * `pool`). Each worker then makes the same change once, as start-up code does.
 */
function runsOncePerProcess(change: ts.Node, file: FileContext): boolean {
  const fn = enclosingFunction(change);
  if (!fn) return false;
  const guards = moduleGuardsSetIn(fn, file);
  if (guards.length === 0) return false;
  if (isGuardedByAbsence(change, guards)) return true;

  const named = topLevelFunctionBinding(fn);
  // An exported helper may also be called from files that test no guard.
  if (!named || isExportedDeclaration(named.declaration)) return false;
  const uses = bindingReferences(file, named.name, named.declaration);
  return (
    uses.length > 0 &&
    uses.every((use) => {
      if (isWithin(use, fn)) return true;
      const callee = outermostExpression(use);
      const call = callee.parent;
      return ts.isCallExpression(call) && call.expression === callee && isGuardedByAbsence(call, guards);
    })
  );
}

const guardsByFunction = new WeakMap<ts.SignatureDeclaration, string[]>();

/** Lists the module-level `let` and `var` bindings that a function, or a callback in it, sets to a value other than `null` or `undefined`. */
function moduleGuardsSetIn(fn: ts.SignatureDeclaration, file: FileContext): string[] {
  const known = guardsByFunction.get(fn);
  if (known) return known;
  const guards = new Set<string>();
  walkDescendants(fn, (node) => {
    if (!ts.isBinaryExpression(node) || !isAssignmentOperator(node.operatorToken.kind) || isNullish(node.right)) return;
    const target = skipOuterExpressions(node.left);
    if (ts.isIdentifier(target) && isModuleVariable(file.scopes.lookup(target))) guards.add(target.text);
  });
  const list = [...guards];
  guardsByFunction.set(fn, list);
  return list;
}

function isModuleVariable(declaration: Declaration | undefined): boolean {
  return declaration !== undefined && ts.isVariableDeclaration(declaration) && ts.isVariableStatement(declaration.parent.parent) && ts.isSourceFile(declaration.parent.parent.parent);
}

/** Returns true when, within its function, `node` runs only while one of the guards is unset. */
function isGuardedByAbsence(node: ts.Node, guards: readonly string[]): boolean {
  let child: ts.Node = node;
  for (let current = node.parent; current && !ts.isFunctionLike(current) && !ts.isSourceFile(current); child = current, current = current.parent) {
    const parent = current;
    if (guards.some((guard) => runsOnlyWhileUnset(parent, child, guard))) return true;
  }
  return false;
}

function isFalseLiteral(expression: ts.Expression): boolean {
  return skipOuterExpressions(expression).kind === ts.SyntaxKind.FalseKeyword;
}

function isDefaultOperator(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.BarBarToken;
}

/**
 * A block where an earlier statement leaves when the target is set: `if (x) return x;`, also
 * under a further condition (`if (isProduction) { if (x) return x; }`).
 */
function followsEarlyReturnWhenSet(block: ts.Block, child: ts.Node, target: string): boolean {
  for (const statement of block.statements) {
    if (statement === child) return false;
    if (returnsWhenSet(statement, target)) return true;
  }
  return false;
}

function returnsWhenSet(statement: ts.Statement, target: string): boolean {
  if (ts.isBlock(statement)) return statement.statements.some((inner) => returnsWhenSet(inner, target));
  if (!ts.isIfStatement(statement) || statement.elseStatement) return false;
  if (testsPresence(statement.expression, target) && exits(statement.thenStatement)) return true;
  return returnsWhenSet(statement.thenStatement, target);
}

function exits(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  if (ts.isBlock(statement)) {
    const last = statement.statements.at(-1);
    return last !== undefined && exits(last);
  }
  return false;
}

/** Builds a key that is equal for two expressions naming the same binding or field: `x`, `this.x`, `Class.x`. */
function targetKey(expression: ts.Expression): string | undefined {
  const node = skipOuterExpressions(expression);
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) {
    const base = node.expression.kind === ts.SyntaxKind.ThisKeyword ? 'this' : targetKey(node.expression);
    return base === undefined ? undefined : `${base}.${node.name.text}`;
  }
  return undefined;
}

/** `!x`, `x == null`, `x === undefined`, `typeof x === 'undefined'`, or either side of `||` / `&&` doing so. */
function testsAbsence(condition: ts.Expression, target: string): boolean {
  const node = skipOuterExpressions(condition);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return targetKey(node.operand) === target;
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.AmpersandAmpersandToken) {
      return testsAbsence(node.left, target) || testsAbsence(node.right, target);
    }
    if (operator === ts.SyntaxKind.EqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsEqualsToken) return comparesWithNothing(node, target);
  }
  return false;
}

/** `x`, `!!x`, `x != null`, `x !== undefined`, or either side of `&&` doing so. */
function testsPresence(condition: ts.Expression, target: string): boolean {
  const node = skipOuterExpressions(condition);
  if (targetKey(node) === target) return true;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = skipOuterExpressions(node.operand);
    return ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.ExclamationToken && targetKey(inner.operand) === target;
  }
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return testsPresence(node.left, target) || testsPresence(node.right, target);
    if (operator === ts.SyntaxKind.ExclamationEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsEqualsToken) return comparesWithNothing(node, target);
  }
  return false;
}

/** `x == null`, `undefined === x`, `typeof x === 'undefined'`, in either order. */
function comparesWithNothing(comparison: ts.BinaryExpression, target: string): boolean {
  const sides = [skipOuterExpressions(comparison.left), skipOuterExpressions(comparison.right)];
  for (const [index, side] of sides.entries()) {
    const other = sides[1 - index]!;
    if (targetKey(side) === target && isNullish(other)) return true;
    if (ts.isTypeOfExpression(side) && targetKey(side.expression) === target && ts.isStringLiteralLike(other) && other.text === 'undefined') return true;
  }
  return false;
}

/**
 * Lists the methods of a class that change its instance: methods that assign to `this.field`,
 * call a changing method on a field holding a Map, Set or array, or call another such method.
 */
export function classMutatingMethods(owner: ts.ClassLikeDeclaration, file: FileContext): Set<string> {
  const fieldKinds = instanceFieldKinds(owner, file);
  const methods = new Map<string, ts.MethodDeclaration | ts.AccessorDeclaration>();
  for (const member of owner.members) {
    if ((ts.isMethodDeclaration(member) || ts.isSetAccessor(member)) && !hasStaticModifier(member) && ts.isIdentifier(member.name)) {
      methods.set(member.name.text, member);
    }
  }

  const mutating = new Set<string>();
  for (const [name, method] of methods) {
    const changesField = thisFieldAccesses(method, undefined).some((access) => {
      const site = classifyReference(access, fieldKinds.get(access.name.text) ?? 'value', file, undefined);
      return site !== undefined && STATEFUL_MUTATIONS.has(site.kind);
    });
    if (changesField) mutating.add(name);
  }

  // A method that calls a changing method changes the instance too; repeat until nothing is added.
  for (let added = true; added; ) {
    added = false;
    for (const [name, method] of methods) {
      if (mutating.has(name)) continue;
      const callsMutating = thisFieldAccesses(method, undefined).some(
        (access) => mutating.has(access.name.text) && ts.isCallExpression(access.parent) && access.parent.expression === access,
      );
      if (callsMutating) {
        mutating.add(name);
        added = true;
      }
    }
  }
  return mutating;
}

/** Maps each instance field of a class to the container kind of its initializer, or `value` when unknown. */
export function instanceFieldKinds(owner: ts.ClassLikeDeclaration, file: FileContext): Map<string, ContainerKind> {
  const kinds = new Map<string, ContainerKind>();
  for (const member of owner.members) {
    if (!ts.isPropertyDeclaration(member) || hasStaticModifier(member)) continue;
    if (!ts.isIdentifier(member.name) && !ts.isPrivateIdentifier(member.name)) continue;
    kinds.set(member.name.text, (member.initializer && containerKindOf(member.initializer, file)) ?? 'value');
  }
  return kinds;
}

/** Returns the changing methods of the class that `new X()` constructs, when `X` is declared in this file. */
function instanceMutatorsOf(initializer: ts.Expression, file: FileContext): ReadonlySet<string> | undefined {
  const node = skipOuterExpressions(initializer);
  if (!ts.isNewExpression(node) || !ts.isIdentifier(node.expression)) return undefined;
  const declaration = file.references.declarationOf(node.expression);
  return declaration && ts.isClassDeclaration(declaration) ? classMutatingMethods(declaration, file) : undefined;
}

interface FunctionBinding {
  name: string;
  declaration: ts.FunctionDeclaration | ts.VariableDeclaration | ts.ClassDeclaration;
}

/** The top-level name a function is called by: its declaration, its `const`, or its class for a constructor. */
function topLevelFunctionBinding(fn: ts.SignatureDeclaration): FunctionBinding | undefined {
  if (ts.isFunctionDeclaration(fn)) {
    return fn.name && ts.isSourceFile(fn.parent) ? { name: fn.name.text, declaration: fn } : undefined;
  }
  if (ts.isConstructorDeclaration(fn)) {
    const owner = fn.parent;
    return ts.isClassDeclaration(owner) && owner.name && ts.isSourceFile(owner.parent) ? { name: owner.name.text, declaration: owner } : undefined;
  }
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
    const variable = outermostExpression(fn).parent;
    if (ts.isVariableDeclaration(variable) && ts.isIdentifier(variable.name) && ts.isSourceFile(variable.parent.parent.parent)) {
      return { name: variable.name.text, declaration: variable };
    }
  }
  return undefined;
}

function isExportedDeclaration(declaration: ts.FunctionDeclaration | ts.VariableDeclaration | ts.ClassDeclaration): boolean {
  const owner = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  return ts.canHaveModifiers(owner) && hasModifier(owner, ts.SyntaxKind.ExportKeyword);
}

function isWithin(node: ts.Node, container: ts.Node): boolean {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    if (current === container) return true;
  }
  return false;
}
