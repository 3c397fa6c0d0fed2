import ts from 'typescript';
import type { FileContext } from '../engine/file-context.js';
import { followInitializer, hasSpread, propertyNameText, propertyValue } from '../engine/object-literals.js';
import { skipOuterExpressions } from '../engine/references.js';
import type { Candidate } from './sites.js';
import type { StoreLocation } from './types.js';

/**
 * The verdict on where a site keeps its state:
 * - `missing`: no store is given, so the library's default applies;
 * - `in-process`: the store given keeps state in this process;
 * - `shared`: the store lives outside the process, in `backing`;
 * - `delegated`: the store is itself a catalogued site, which is judged on its own;
 * - `unknown`: the options or the store are built where this file cannot see.
 */
export type StoreJudgement =
  | { kind: 'missing' }
  | { kind: 'in-process' }
  | { kind: 'shared'; backing: string }
  | { kind: 'delegated' }
  | { kind: 'unknown' };

const MISSING: StoreJudgement = { kind: 'missing' };
const UNKNOWN: StoreJudgement = { kind: 'unknown' };
const IN_PROCESS: StoreJudgement = { kind: 'in-process' };

/** Global collections that keep a store's entries in this process's memory when passed as a store. */
const IN_MEMORY_COLLECTIONS = new Set(['Map', 'WeakMap', 'Set']);

/**
 * Judges a site whose state is shared only when it is given a shared store. A missing store
 * falls back to `sharedDefault` when the library's default is itself shared.
 */
export function judgeStore(location: StoreLocation, candidate: Candidate, file: FileContext, candidateNodes: ReadonlySet<ts.Node>): StoreJudgement {
  let judgement = judgeStoreArgument(location, candidate, file, candidateNodes);
  if (judgement.kind === 'missing' && location.configureMethods) {
    judgement = judgeConfigureCalls(location, candidate, file, candidateNodes);
  }
  if (judgement.kind === 'missing' && location.sharedDefault !== undefined) {
    return { kind: 'shared', backing: location.sharedDefault };
  }
  return judgement;
}

function judgeStoreArgument(location: StoreLocation, candidate: Candidate, file: FileContext, candidateNodes: ReadonlySet<ts.Node>): StoreJudgement {
  const given = optionsArgument(location, candidate, file);
  if (!given) return MISSING;

  const value = followInitializer(given, file.references);
  // NestJS ThrottlerModule.forRoot([{ ttl, limit }]) lists its limits without an options object.
  if (ts.isArrayLiteralExpression(value)) return MISSING;
  if (ts.isObjectLiteralExpression(value)) {
    for (const option of location.options) {
      const store = propertyValue(value, option);
      if (store) return judgeStoreValue(store, location, file, candidateNodes);
    }
    return hasSpread(value) ? UNKNOWN : MISSING;
  }
  if (location.argumentMayBeStore) return judgeStoreValue(given, location, file, candidateNodes);
  return UNKNOWN; // Options built elsewhere, such as `session(buildOptions())`.
}

function optionsArgument(location: StoreLocation, candidate: Candidate, file: FileContext): ts.Expression | undefined {
  const given = candidate.args[location.argument];
  if (given) return given;
  if (location.fallbackArgument === undefined) return undefined;
  const fallback = candidate.args[location.fallbackArgument];
  return fallback && ts.isObjectLiteralExpression(followInitializer(fallback, file.references)) ? fallback : undefined;
}

/** Looks for a later `instance.method(store)` that sets the store, such as `io.adapter(createAdapter(pub, sub))`. */
function judgeConfigureCalls(location: StoreLocation, candidate: Candidate, file: FileContext, candidateNodes: ReadonlySet<ts.Node>): StoreJudgement {
  const methods = location.configureMethods ?? [];
  for (const call of file.syntax.calls) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || !methods.includes(callee.name.text)) continue;
    const store = call.arguments[0];
    if (!store || !isSameInstance(callee.expression, candidate, file)) continue;
    return judgeStoreValue(store, location, file, candidateNodes);
  }
  return MISSING;
}

/**
 * Returns true when `receiver` is the candidate's instance: a name initialised with the site, or,
 * when the name cannot be followed to any construction, a value of the same export.
 */
function isSameInstance(receiver: ts.Expression, candidate: Candidate, file: FileContext): boolean {
  const target = followInitializer(receiver, file.references);
  if (target === candidate.node) return true;
  if (ts.isNewExpression(target) || ts.isCallExpression(target)) return false;
  const reference = file.references.resolve(receiver);
  const expected = candidate.instance;
  return (
    reference !== undefined &&
    reference.module === expected.module &&
    reference.path.length === expected.path.length &&
    reference.path.every((segment, position) => segment === expected.path[position])
  );
}

/** Judges the value given as a store. */
export function judgeStoreValue(store: ts.Expression, location: StoreLocation, file: FileContext, candidateNodes: ReadonlySet<ts.Node>): StoreJudgement {
  let value = followInitializer(store, file.references);
  // `const store = await redisStore({ url })` is judged by the factory it awaits.
  if (ts.isAwaitExpression(value)) value = skipOuterExpressions(value.expression);
  if (candidateNodes.has(value)) return { kind: 'delegated' };

  if (ts.isStringLiteralLike(value)) return judgeStoreName(value.text, location);
  if (ts.isArrayLiteralExpression(value)) return judgeStoreList(value, location, file, candidateNodes);
  if (ts.isObjectLiteralExpression(value)) return judgeLocalFlag(localFlagOfObject(value, location.localFlag), 'a store object of the project');
  if (ts.isNewExpression(value) && ts.isIdentifier(value.expression) && IN_MEMORY_COLLECTIONS.has(value.expression.text)) {
    if (!file.references.declarationOf(value.expression)) return IN_PROCESS;
  }
  if (ts.isNewExpression(value) && ts.isIdentifier(value.expression)) {
    const declaration = file.references.declarationOf(value.expression);
    if (declaration && ts.isClassDeclaration(declaration)) {
      return judgeLocalFlag(localFlagOfClass(declaration, location.localFlag), `class ${value.expression.text}`);
    }
  }

  const reference = file.references.resolve(value);
  if (reference && !isProjectModule(reference.module)) return { kind: 'shared', backing: reference.module };
  return UNKNOWN; // A store of the project's own: not judged.
}

/** Judges a store named by a string: an in-process name such as `'memory'`, or a connection URI such as `redis://…`. */
function judgeStoreName(name: string, location: StoreLocation): StoreJudgement {
  if (location.inProcessValues?.includes(name)) return IN_PROCESS;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(name)?.[1];
  return scheme ? { kind: 'shared', backing: scheme.toLowerCase() } : UNKNOWN;
}

/** Several stores, such as cache-manager's `stores: [...]`: in process when any tier is. */
function judgeStoreList(list: ts.ArrayLiteralExpression, location: StoreLocation, file: FileContext, candidateNodes: ReadonlySet<ts.Node>): StoreJudgement {
  const judgements = list.elements.map((element) =>
    ts.isSpreadElement(element) ? UNKNOWN : judgeStoreValue(element, location, file, candidateNodes),
  );
  if (judgements.length === 0) return MISSING;
  if (judgements.some((judgement) => judgement.kind === 'in-process')) return IN_PROCESS;
  if (judgements.some((judgement) => judgement.kind === 'delegated')) return { kind: 'delegated' };
  return judgements.find((judgement) => judgement.kind === 'shared') ?? UNKNOWN;
}

/** Judges a store of the project's own by its `localFlag` alone: true keeps state per process, false shares it. */
function judgeLocalFlag(flag: boolean | undefined, backing: string): StoreJudgement {
  if (flag === true) return IN_PROCESS;
  if (flag === false) return { kind: 'shared', backing };
  return UNKNOWN;
}

/** Relative, absolute and package-internal (`#…`) specifiers name the project's own modules. */
function isProjectModule(specifier: string): boolean {
  return specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('#');
}

function localFlagOfObject(object: ts.ObjectLiteralExpression, flag: string | undefined): boolean | undefined {
  if (flag === undefined) return undefined;
  const value = propertyValue(object, flag);
  return value ? booleanLiteral(value) : undefined;
}

/** Reads `localKeys = true` or `get localKeys() { return true; }` from a class declared in the file. */
function localFlagOfClass(declaration: ts.ClassDeclaration, flag: string | undefined): boolean | undefined {
  if (flag === undefined) return undefined;
  for (const member of declaration.members) {
    if (!member.name || propertyNameText(member.name) !== flag) continue;
    if (ts.isPropertyDeclaration(member) && member.initializer) return booleanLiteral(member.initializer);
    if (ts.isGetAccessorDeclaration(member) && member.body) {
      const returned = member.body.statements.find(ts.isReturnStatement)?.expression;
      return returned ? booleanLiteral(returned) : undefined;
    }
  }
  return undefined;
}

function booleanLiteral(expression: ts.Expression): boolean | undefined {
  const node = skipOuterExpressions(expression);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}
