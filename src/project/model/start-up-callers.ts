import createDebug from 'debug';
import ts from 'typescript';
import { bindingReferences, hasModifier, outermostExpression, thisFieldAccesses } from '../../engine/bindings.js';
import { enclosingFunction } from '../../engine/execution.js';
import { executionPhasesOf, runsPerRequest } from '../../engine/execution-phase.js';
import type { FileContext, ProcessRole } from '../../engine/file-context.js';
import { locationOf } from '../../engine/locations.js';
import { findBindingMutations, findModuleStateBindings, isLazyInitialization, STATEFUL_MUTATIONS, type StateBinding } from '../../engine/mutations.js';
import { requiredModule, skipOuterExpressions } from '../../engine/references.js';
import { walkDescendants } from '../../engine/walk.js';
import { noModuleState } from '../../detections/no-module-state.js';
import type { Finding } from '../../model.js';
import type { Declaration } from '../../engine/scope.js';
import { exportOrigin, fileContextCache } from './cross-file-state.js';
import type { ModuleGraph } from './module-graph.js';
import { sourceTextOf } from './source-store.js';

const debug = createDebug('statelint:start-up-callers');

/** How many classes deep a chain of subclasses is followed when looking for where a class is built. */
const MAX_SUBCLASS_DEPTH = 16;

/** How many static methods deep a chain of calls inside one class is followed, as in `patch()` calling `this.migrate()`. */
const MAX_CALLER_CHAIN = 8;

/** An exported function, or a static method of a top-level class, through which other files change state. */
interface ExportedEntry {
  /** The top-level name other files import: the function or the class. */
  local: string;
  /** The static method called on the class; absent for a function. */
  method?: string;
  declaration: ts.FunctionDeclaration | ts.VariableDeclaration | ts.ClassDeclaration;
}

/**
 * Drops the `no-module-state` findings whose every change runs inside exported functions or static
 * methods that the project calls only while modules load or processes start: a registry such as
 * `PluginManager.add(...)`, called at the top level of each plugin. One file alone shows an
 * exported function whose callers are elsewhere, which the rule takes to run per request; the
 * project model shows those callers. A finding is kept when any caller runs per request, when a
 * caller cannot be seen (a namespace import, a function passed as a value), or when no caller
 * is found at all.
 */
export function withoutStartUpOnlyChanges(
  findings: readonly Finding[],
  graph: ModuleGraph,
  sourceFiles: ReadonlyMap<string, ts.SourceFile>,
  rolesOf: (file: string) => ReadonlySet<ProcessRole> | undefined,
): Finding[] {
  const contextOf = fileContextCache(sourceFiles, rolesOf);
  const textOf = (file: string): string | undefined => sourceTextOf(sourceFiles, file);

  return findings.filter((finding) => {
    if (finding.ruleId !== noModuleState.id || finding.related.some((related) => related.file !== finding.file)) return true;
    const context = contextOf(finding.file);
    const binding = context && bindingAt(context, finding);
    if (!context || !binding) return true;
    if (changedOnlyInConstructorsAtStartUp(context, binding, graph, contextOf, textOf)) {
      debug('%s: %s is changed only by constructors run at start-up', finding.file, binding.name);
      return false;
    }
    const entries = exportedEntriesChanging(context, binding);
    if (!entries) return true;
    const onlyAtStartUp = entries.every((entry) => calledOnlyAtStartUp(entry, finding.file, context, graph, contextOf, textOf));
    if (onlyAtStartUp) debug('%s: %s is changed only by start-up callers', finding.file, binding.name);
    return !onlyAtStartUp;
  });
}

function bindingAt(context: FileContext, finding: Finding): StateBinding | undefined {
  return findModuleStateBindings(context).find((binding) => {
    const { start } = locationOf(context.sourceFile, binding.nameNode, finding.file);
    return start.line === finding.start.line && start.column === finding.start.column;
  });
}

/**
 * Returns true when every change the rule reports sits directly in the constructor of a top-level
 * class that the project builds only while modules load or processes start.
 */
function changedOnlyInConstructorsAtStartUp(
  context: FileContext,
  binding: StateBinding,
  graph: ModuleGraph,
  contextOf: (file: string) => FileContext | undefined,
  textOf: (file: string) => string | undefined,
): boolean {
  const changes = findBindingMutations(context, binding).filter((site) => STATEFUL_MUTATIONS.has(site.kind) && runsPerRequest(site.node, context));
  if (changes.length === 0) return false;
  return changes.every((change) => {
    const constructor = enclosingFunction(change.node);
    if (!constructor || !ts.isConstructorDeclaration(constructor)) return false;
    const owner = constructor.parent;
    if (!ts.isClassDeclaration(owner) || !isNamed(owner) || !ts.isSourceFile(owner.parent)) return false;
    return constructedOnlyAtStartUp(owner, context, graph, contextOf, textOf, new Set());
  });
}

/**
 * Returns the exported functions and static methods that contain every change the rule reports,
 * or `undefined` when a change sits anywhere else.
 */
function exportedEntriesChanging(context: FileContext, binding: StateBinding): ExportedEntry[] | undefined {
  const changes = findBindingMutations(context, binding).filter((site) => STATEFUL_MUTATIONS.has(site.kind) && runsPerRequest(site.node, context));
  if (changes.length === 0) return undefined;
  const entries = new Map<ts.Node, ExportedEntry>();
  const pending = changes.map((change) => outermostFunction(change.node));
  const visited = new Set<ts.Node>();
  while (pending.length > 0) {
    const fn = pending.pop();
    if (!fn) return undefined;
    if (visited.has(fn)) continue;
    visited.add(fn);
    // A private static method is reached through the class's other static methods; those are the entries.
    if (isPrivateStaticMethod(fn)) {
      const callers = privateMethodCallers(fn);
      if (callers === undefined) return undefined;
      pending.push(...callers);
      continue;
    }
    const entry = exportedEntryOf(fn);
    if (!entry) return undefined;
    entries.set(fn, entry);
  }
  return entries.size > 0 ? [...entries.values()] : undefined;
}

function isPrivateStaticMethod(fn: ts.SignatureDeclaration): fn is ts.MethodDeclaration {
  if (!ts.isMethodDeclaration(fn) || !hasModifier(fn, ts.SyntaxKind.StaticKeyword)) return false;
  return ts.isPrivateIdentifier(fn.name) || hasModifier(fn, ts.SyntaxKind.PrivateKeyword);
}

/**
 * Returns the outermost functions of the class's members that call a private static method, as
 * `this.method()` or `Class.method()`, or `undefined` when it is used any other way.
 */
function privateMethodCallers(method: ts.MethodDeclaration): ts.SignatureDeclaration[] | undefined {
  const owner = method.parent;
  if (!ts.isClassDeclaration(owner) || !owner.name) return undefined;
  const name = method.name.getText();
  const className = owner.name.text;
  const accesses: ts.PropertyAccessExpression[] = [];
  walkDescendants(owner, (node) => {
    if (ts.isPropertyAccessExpression(node) && node.name.getText() === name && ts.isIdentifier(node.expression) && node.expression.text === className) accesses.push(node);
  });
  for (const member of owner.members) {
    if (member !== method && ts.canHaveModifiers(member) && hasModifier(member, ts.SyntaxKind.StaticKeyword)) accesses.push(...thisFieldAccesses(member, name));
  }

  const callers: ts.SignatureDeclaration[] = [];
  for (const access of accesses) {
    const call = access.parent;
    const caller = outermostFunction(access);
    if (!ts.isCallExpression(call) || call.expression !== access || !caller) return undefined;
    if (caller !== method) callers.push(caller);
  }
  return callers;
}

/** The function that contains `node` and is not itself inside another function. */
function outermostFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  let outermost = enclosingFunction(node);
  for (let outer = outermost && enclosingFunction(outermost); outer; outer = enclosingFunction(outer)) outermost = outer;
  return outermost;
}

function exportedEntryOf(fn: ts.SignatureDeclaration): ExportedEntry | undefined {
  if (ts.isMethodDeclaration(fn) && hasModifier(fn, ts.SyntaxKind.StaticKeyword) && ts.isIdentifier(fn.name)) {
    const owner = fn.parent;
    // A class without `export` may be exported by `module.exports = Class`, and importsOf finds its importers either way.
    if (ts.isClassDeclaration(owner) && owner.name && ts.isSourceFile(owner.parent)) {
      return { local: owner.name.text, method: fn.name.text, declaration: owner };
    }
    return undefined;
  }
  if (ts.isFunctionDeclaration(fn) && fn.name && ts.isSourceFile(fn.parent) && hasModifier(fn, ts.SyntaxKind.ExportKeyword)) {
    return { local: fn.name.text, declaration: fn };
  }
  return undefined;
}

/**
 * Returns true when the entry has at least one caller and every caller, in its own file or in a
 * file that imports it, runs while a module loads or a process starts.
 */
function calledOnlyAtStartUp(
  entry: ExportedEntry,
  file: string,
  context: FileContext,
  graph: ModuleGraph,
  contextOf: (file: string) => FileContext | undefined,
  textOf: (file: string) => string | undefined,
  openMethods: ReadonlySet<string> = new Set(),
): boolean {
  const callerChain = new Set(openMethods);
  if (entry.method !== undefined) callerChain.add(entry.method);
  let calls = 0;
  const check = (uses: readonly ts.Identifier[], user: FileContext): boolean => {
    for (const use of uses) {
      const call = callThrough(use, entry.method);
      if (call === null) continue; // Another member of the class, which changes nothing here.
      if (call === undefined) return false;
      if (isRecursiveCall(call, user)) continue;
      if (!callRunsAtStartUp(call, user)) return false;
      calls += 1;
    }
    return true;
  };

  /** Returns the static method of the entry's class that contains the call, in the entry's own file. */
  function callingStaticMethod(call: ts.CallExpression, user: FileContext): (ts.MethodDeclaration & { name: ts.Identifier }) | undefined {
    const caller = user === context && entry.method !== undefined ? outermostFunction(call) : undefined;
    if (!caller || !ts.isMethodDeclaration(caller) || caller.parent !== entry.declaration || !ts.isIdentifier(caller.name)) return undefined;
    return hasModifier(caller, ts.SyntaxKind.StaticKeyword) ? (caller as ts.MethodDeclaration & { name: ts.Identifier }) : undefined;
  }

  /** Returns true for a call of the method in its own body, which adds no caller that is not already checked. */
  function isRecursiveCall(call: ts.CallExpression, user: FileContext): boolean {
    return callingStaticMethod(call, user)?.name.text === entry.method;
  }

  /**
   * A call in another static method of the same class runs when that method runs, so it is
   * start-up code when every call of that method is. A chain of calls that returns to a method
   * already being checked is taken to run per request.
   */
  function callRunsAtStartUp(call: ts.CallExpression, user: FileContext): boolean {
    if (!runsPerRequest(call, user) || runsInConstructorAtStartUp(call, user, graph, contextOf, textOf)) return true;
    const caller = callingStaticMethod(call, user);
    if (!caller || callerChain.has(caller.name.text) || callerChain.size >= MAX_CALLER_CHAIN) return false;
    const callerEntry = { local: entry.local, method: caller.name.text, declaration: entry.declaration };
    return calledOnlyAtStartUp(callerEntry, file, context, graph, contextOf, textOf, callerChain);
  }

  // `module.exports = Class` exports the entry, and importsOf follows the files that require it.
  const ownUses = bindingReferences(context, entry.local, entry.declaration).filter(
    (use) => (!isInside(use, entry.declaration) || entry.method !== undefined) && !isModuleExportsAssignment(use.parent.parent, entry.local),
  );
  if (!check(ownUses, context)) return false;
  if (entry.method !== undefined && !checkCallsThroughThis(entry.declaration as ts.ClassDeclaration, entry.method, context)) return false;

  const imports = importsOf(entry.local, file, graph, contextOf, textOf);
  if (!imports || !imports.every(({ user, local, declaration }) => check(bindingReferences(user, local, declaration), user))) return false;
  return calls > 0;

  /** `this.method(...)` in the class's static members, which reach the method without its class name. */
  function checkCallsThroughThis(owner: ts.ClassDeclaration, method: string, user: FileContext): boolean {
    for (const member of owner.members) {
      if (!ts.canHaveModifiers(member) || !hasModifier(member, ts.SyntaxKind.StaticKeyword)) continue;
      for (const access of thisFieldAccesses(member, method)) {
        const call = access.parent;
        if (!ts.isCallExpression(call) || call.expression !== access) return false;
        if (isRecursiveCall(call, user)) continue;
        if (!callRunsAtStartUp(call, user)) return false;
        calls += 1;
      }
    }
    return true;
  }
}

/**
 * The call that a use of the entry's name makes: `entry(...)` for a function, `Class.method(...)`
 * for a static method. `null` when the use reads another member of the class, `undefined` when
 * the entry is used in a way this pass cannot follow, such as passed as a value.
 */
function callThrough(use: ts.Identifier, method: string | undefined): ts.CallExpression | null | undefined {
  if (method === undefined) {
    const call = use.parent;
    return ts.isCallExpression(call) && call.expression === use ? call : undefined;
  }
  const access = use.parent;
  if (!ts.isPropertyAccessExpression(access) || access.expression !== use) return undefined;
  if (access.name.text !== method) return null;
  const call = access.parent;
  return ts.isCallExpression(call) && call.expression === access ? call : undefined;
}

/** A binding that another file imports: the file, the name it is known by there, and its declaration. */
interface ImportedUse {
  user: FileContext;
  local: string;
  declaration: Declaration;
}

/**
 * Lists the imports of the top-level `local` of `file` in the other files of the project, through
 * re-exports. Returns `undefined` when a namespace import or a whole `require()` may reach it
 * through a property this pass does not follow: of the file itself, or of a barrel when the
 * importer names the binding.
 */
function importsOf(
  local: string,
  file: string,
  graph: ModuleGraph,
  contextOf: (file: string) => FileContext | undefined,
  textOf: (file: string) => string | undefined,
): ImportedUse[] | undefined {
  const uses: ImportedUse[] = [];
  for (const [importer, syntax] of graph.syntax) {
    if (importer === file) continue;
    for (const imported of syntax.imports) {
      const target = graph.resolve(importer, imported.specifier);
      if (target === undefined) continue;
      if (imported.imported === '*' && !(target === file && requiresExportedValue(importer, imported.local, local, file, graph, contextOf))) {
        if (target === file || textOf(importer)?.includes(`.${local}`)) return undefined;
        continue;
      }
      const origin = imported.imported === '*' ? { file, local } : exportOrigin(graph, target, imported.imported);
      if (!origin || origin.file !== file || origin.local !== local) continue;
      const user = contextOf(importer);
      const declaration = user?.scopes.declarationsOf(user.sourceFile).get(imported.local);
      if (!user || !declaration) return undefined;
      uses.push({ user, local: imported.local, declaration });
    }
  }
  return uses;
}

/**
 * Returns true when `const name = require('./file')` in the importer binds the very value that
 * `file` exports with `module.exports = local`, so that the importer's uses of `name` are uses of
 * `local`. An ES namespace import binds an object that contains the exports instead.
 */
function requiresExportedValue(
  importer: string,
  name: string,
  local: string,
  file: string,
  graph: ModuleGraph,
  contextOf: (file: string) => FileContext | undefined,
): boolean {
  const exported = contextOf(file)?.sourceFile.statements.some((statement) => isModuleExportsAssignment(statement, local)) ?? false;
  const user = contextOf(importer);
  if (!exported || !user || !graph.syntax.has(importer)) return false;
  const declaration = user.scopes.declarationsOf(user.sourceFile).get(name);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  const initializer = skipOuterExpressions(declaration.initializer);
  return ts.isCallExpression(initializer) && requiredModule(initializer) !== undefined;
}

/** `module.exports = local` or `module.exports = { local }`. */
function isCommonJsExport(use: ts.Identifier, local: string): boolean {
  const parent = use.parent;
  if (ts.isShorthandPropertyAssignment(parent) && ts.isObjectLiteralExpression(parent.parent)) {
    const assignment = parent.parent.parent;
    return ts.isBinaryExpression(assignment) && assignment.right === parent.parent && assignment.left.getText() === 'module.exports';
  }
  return isModuleExportsAssignment(parent.parent, local);
}

/** `module.exports = local;` as a statement. */
function isModuleExportsAssignment(statement: ts.Node, local: string): boolean {
  if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) return false;
  const { left, operatorToken, right } = statement.expression;
  return operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(right) && right.text === local && left.getText() === 'module.exports';
}

/**
 * Returns true when `call` sits directly in the constructor of a top-level class that the project
 * constructs only while modules load or processes start, as in `export default new Settings()`.
 * One file alone takes an exported class to be built per request, because its callers are
 * elsewhere. This pass checks every `new` of the class and of its subclasses, in any file.
 */
function runsInConstructorAtStartUp(
  call: ts.CallExpression,
  user: FileContext,
  graph: ModuleGraph,
  contextOf: (file: string) => FileContext | undefined,
  textOf: (file: string) => string | undefined,
): boolean {
  const constructor = enclosingFunction(call);
  if (!constructor || !ts.isConstructorDeclaration(constructor)) return false;
  const owner = constructor.parent;
  if (!ts.isClassDeclaration(owner) || !isNamed(owner) || !ts.isSourceFile(owner.parent)) return false;
  return constructedOnlyAtStartUp(owner, user, graph, contextOf, textOf, new Set());
}

/**
 * Returns true when every `new` of the class or of a subclass, in its file and in importers, runs
 * once per process. Returns false when no `new` is found.
 */
function constructedOnlyAtStartUp(
  owner: ts.ClassDeclaration & { name: ts.Identifier },
  context: FileContext,
  graph: ModuleGraph,
  contextOf: (file: string) => FileContext | undefined,
  textOf: (file: string) => string | undefined,
  visited: Set<ts.ClassDeclaration>,
): boolean {
  if (visited.has(owner) || visited.size >= MAX_SUBCLASS_DEPTH) return false;
  visited.add(owner);

  // Without `export`, a class may still be exported by `module.exports`, so importers are always looked for.
  const imports = importsOf(owner.name.text, context.path, graph, contextOf, textOf);
  if (!imports) return false;
  const bindings: ImportedUse[] = [{ user: context, local: owner.name.text, declaration: owner }, ...imports];

  let constructions = 0;
  for (const { user, local, declaration } of bindings) {
    for (const use of bindingReferences(user, local, declaration)) {
      const outer = outermostExpression(use);
      const parent = outer.parent;
      if (ts.isPropertyAccessExpression(parent) && parent.expression === outer) continue; // `Class.member` builds nothing.
      if (user === context && isCommonJsExport(use, local)) continue; // importsOf follows the files that require it.
      if (!ts.isNewExpression(parent) || parent.expression !== outer) return false;
      if (runsPerRequest(parent, user) && !buildsSingletonAtLoad(parent, owner, user, graph, contextOf, textOf)) return false;
      constructions += 1;
    }
    for (const subclass of subclassesOf(user, declaration)) {
      if (!constructedOnlyAtStartUp(subclass, user, graph, contextOf, textOf, visited)) return false;
      constructions += 1;
    }
  }
  return constructions > 0;
}

/**
 * Returns true for the `new` of a lazily built singleton, `if (C.instance === undefined)
 * C.instance = new C()` in a static method of the class, when some call of that method runs while
 * a module loads. No request is served before the modules load, so that call builds the one
 * instance of the process and every later call returns it.
 */
function buildsSingletonAtLoad(
  construction: ts.NewExpression,
  owner: ts.ClassDeclaration & { name: ts.Identifier },
  context: FileContext,
  graph: ModuleGraph,
  contextOf: (file: string) => FileContext | undefined,
  textOf: (file: string) => string | undefined,
): boolean {
  const assignment = outermostExpression(construction).parent;
  if (!ts.isBinaryExpression(assignment) || skipOuterExpressions(assignment.right) !== construction || !isLazyInitialization(assignment)) return false;
  const accessor = enclosingFunction(construction);
  if (!accessor || !ts.isMethodDeclaration(accessor) || accessor.parent !== owner || !ts.isIdentifier(accessor.name)) return false;
  if (!hasModifier(accessor, ts.SyntaxKind.StaticKeyword)) return false;

  // NOTE: a module loaded only after the server listens, such as through a dynamic import, is taken to load at start-up too.
  const method = accessor.name.text;
  const imports = importsOf(owner.name.text, context.path, graph, contextOf, textOf) ?? [];
  const bindings: ImportedUse[] = [{ user: context, local: owner.name.text, declaration: owner }, ...imports];
  return bindings.some(({ user, local, declaration }) =>
    bindingReferences(user, local, declaration).some((use) => {
      const call = callThrough(use, method);
      return call !== null && call !== undefined && executionPhasesOf(call, user).has('module-load');
    }),
  );
}

/** Lists the top-level classes of a file that extend the given binding. */
function subclassesOf(user: FileContext, declaration: Declaration): Array<ts.ClassDeclaration & { name: ts.Identifier }> {
  const subclasses: Array<ts.ClassDeclaration & { name: ts.Identifier }> = [];
  for (const statement of user.sourceFile.statements) {
    if (!ts.isClassDeclaration(statement) || !isNamed(statement)) continue;
    const extended = statement.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    if (extended && ts.isIdentifier(extended) && user.scopes.lookup(extended) === declaration) subclasses.push(statement);
  }
  return subclasses;
}

function isNamed(owner: ts.ClassDeclaration): owner is ts.ClassDeclaration & { name: ts.Identifier } {
  return owner.name !== undefined;
}

function isInside(node: ts.Node, container: ts.Node): boolean {
  return ts.findAncestor(node, (ancestor) => ancestor === container) !== undefined;
}
