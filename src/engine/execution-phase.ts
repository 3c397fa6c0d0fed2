import ts from 'typescript';
import { bindingReferences, hasModifier, isGlobal, isValueReference, outermostExpression, thisFieldAccesses } from './bindings.js';
import { runsOnlyInBrowser } from './browser-code.js';
import type { FileContext } from './file-context.js';
import {
  callbackRole,
  exportConventionPhase,
  frameworkMethodPhase,
  hasUseServerDirective,
  isFastifyPlugin,
  isGraphqlOperationResolver,
  isNestSingleton,
  type FrameworkRole,
} from './framework-roles.js';
import { followInitializer } from './object-literals.js';
import { skipOuterExpressions } from './references.js';
import { walkDescendants } from './walk.js';

/**
 * When a piece of code runs in the life of a server process:
 * - `module-load`: while its module is evaluated, at the top level or in a function called there;
 * - `startup`: once, while the server starts (`listen` callbacks, `main`, NestJS `onModuleInit`);
 * - `shutdown`: once, while the process stops (`SIGTERM` handlers, `onModuleDestroy`);
 * - `per-request`: for each request, message, connection or event, or at a time this file does
 *   not show, such as an exported helper whose callers are elsewhere;
 * - `test`: in a test runner's callbacks, never in a web worker;
 * - `browser`: in React code that runs only in the browser, never in a server process.
 *
 * A function can run in several phases: a helper called both from `main` and from a route.
 * docs/execution-model.md describes how each framework is recognised.
 */
export type ExecutionPhase = 'module-load' | 'startup' | 'shutdown' | 'per-request' | 'test' | 'browser';

export type ExecutionPhases = ReadonlySet<ExecutionPhase>;

const NONE: ExecutionPhases = new Set();
const MODULE_LOAD: ExecutionPhases = new Set(['module-load']);
const STARTUP: ExecutionPhases = new Set(['startup']);
const PER_REQUEST: ExecutionPhases = new Set(['per-request']);
const TEST: ExecutionPhases = new Set(['test']);
const BROWSER: ExecutionPhases = new Set(['browser']);

/** The optional suffix of a start-up or shutdown function's name: `startServer`, `connectDatabase`, `closePool`. */
const STARTED_THING = '(Server|App|Application|Database|Db|Redis|Cache|Client|Clients|Connection|Connections|Pool|Queue)?';

/**
 * Names of top-level functions that start or stop a process by convention: `main`, `bootstrap`,
 * and `start`, `init`, `connect`, `close` and similar verbs, alone or followed by what they start.
 * A name decides only for callers this file does not show: a `start` passed to `app.post` is a
 * route handler.
 */
const STARTUP_FUNCTION_NAME = new RegExp(`^(main|bootstrap|boot|startup|runServer|((start|init|initialize|setup|connect)${STARTED_THING}))$`);
const SHUTDOWN_FUNCTION_NAME = new RegExp(`^(stop|teardown|shutdown|close|disconnect)${STARTED_THING}$`);

/**
 * How many functions deep a chain of calls is followed, as in `main()` calling `startPolling()`
 * calling `schedule()`. Past it, the function is taken to run per request.
 */
const MAX_CALL_DEPTH = 16;

/** Returns the phases in which `node` runs. */
export function executionPhasesOf(node: ts.Node, file: FileContext): ExecutionPhases {
  return analysisOf(file).phasesOfCode(node);
}

/** Returns the phases in which the body of a function, method or constructor runs. */
export function functionPhasesOf(fn: ts.SignatureDeclaration, file: FileContext): ExecutionPhases {
  return analysisOf(file).phasesOfFunction(fn);
}

/**
 * Returns true when code runs for each request, message or connection, or at a time this file
 * does not show, rather than only once per process, in tests or in the browser.
 */
export function runsPerRequest(node: ts.Node, file: FileContext): boolean {
  return executionPhasesOf(node, file).has('per-request');
}

/** Returns true for code that runs once per process in at least one of its phases: at module load, start-up or shutdown. */
export function runsOncePerProcess(node: ts.Node, file: FileContext): boolean {
  const phases = executionPhasesOf(node, file);
  return phases.has('module-load') || phases.has('startup') || phases.has('shutdown');
}

/** Returns false for code that runs only in a test runner or in the browser, never in a server process. */
export function runsInServerProcess(node: ts.Node, file: FileContext): boolean {
  const phases = executionPhasesOf(node, file);
  return phases.size === 0 || [...phases].some((phase) => phase !== 'test' && phase !== 'browser');
}

const analyses = new WeakMap<FileContext, PhaseAnalysis>();

function analysisOf(file: FileContext): PhaseAnalysis {
  let analysis = analyses.get(file);
  if (!analysis) analyses.set(file, (analysis = new PhaseAnalysis(file)));
  return analysis;
}

/** The code whose execution runs a node: a function, or a class whose construction runs an instance field initializer. */
type CodeOwner = ts.SignatureDeclaration | ts.ClassLikeDeclaration;

/**
 * Works out the phases of the functions of one file. A function's phases are the union of the
 * phases of the places that call it, so the analysis follows calls outwards and keeps each
 * finished result.
 */
class PhaseAnalysis {
  readonly #file: FileContext;
  readonly #known = new Map<CodeOwner, ExecutionPhases>();
  /** The owners being analysed, outermost first. A call back into one of them is a cycle. */
  readonly #open: CodeOwner[] = [];
  /**
   * The lowest index in `#open` that the current analysis reached through a cycle. A result that
   * depends on an owner still open is incomplete, so it is not kept.
   */
  #lowestOpenReached = Number.POSITIVE_INFINITY;

  constructor(file: FileContext) {
    this.#file = file;
  }

  phasesOfCode(node: ts.Node): ExecutionPhases {
    const owner = runningCodeOwner(node);
    return owner ? this.#phasesOf(owner) : MODULE_LOAD;
  }

  phasesOfFunction(fn: ts.SignatureDeclaration): ExecutionPhases {
    return this.#phasesOf(fn);
  }

  #phasesOf(owner: CodeOwner): ExecutionPhases {
    const known = this.#known.get(owner);
    if (known) return known;
    const openIndex = this.#open.indexOf(owner);
    if (openIndex >= 0) {
      // A recursive call runs wherever the first call runs, so it adds no phase of its own.
      this.#lowestOpenReached = Math.min(this.#lowestOpenReached, openIndex);
      return NONE;
    }
    // NOTE: a result cut short here is kept for the functions that called it, so they may miss a phase.
    if (this.#open.length >= MAX_CALL_DEPTH) return PER_REQUEST;

    const outerLowest = this.#lowestOpenReached;
    this.#lowestOpenReached = Number.POSITIVE_INFINITY;
    const index = this.#open.push(owner) - 1;
    let phases: ExecutionPhases;
    try {
      phases = ts.isClassLike(owner) ? this.#constructionPhases(owner) : this.#functionPhases(owner);
    } finally {
      this.#open.pop();
    }
    const incomplete = this.#lowestOpenReached < index;
    if (!incomplete) this.#known.set(owner, phases);
    this.#lowestOpenReached = Math.min(outerLowest, incomplete ? this.#lowestOpenReached : Number.POSITIVE_INFINITY);
    return phases;
  }

  #functionPhases(fn: ts.SignatureDeclaration): ExecutionPhases {
    const file = this.#file;
    if (runsOnlyInBrowser(fn, file)) return BROWSER;
    if ('body' in fn && fn.body && ts.isBlock(fn.body) && hasUseServerDirective(fn.body.statements)) return PER_REQUEST;
    if (ts.isConstructorDeclaration(fn)) return this.#phasesOf(fn.parent);
    if (ts.isFunctionDeclaration(fn)) return this.#namedFunctionPhases(fn, fn, fn.name);
    if ((ts.isMethodDeclaration(fn) || ts.isGetAccessor(fn) || ts.isSetAccessor(fn)) && ts.isClassLike(fn.parent)) return this.#methodPhases(fn, fn);
    if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return PER_REQUEST; // Object literal methods and accessors.

    const outer = outermostExpression(fn);
    const parent = outer.parent;
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression === outer) return this.phasesOfCode(parent);
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(outer)) {
      return this.#argumentPhases(parent, outer) ?? mapRegistration(this.phasesOfCode(parent), 'per-request');
    }
    if (ts.isVariableDeclaration(parent) && parent.initializer === outer && ts.isIdentifier(parent.name)) return this.#namedFunctionPhases(fn, parent, parent.name);
    if (ts.isPropertyDeclaration(parent) && parent.initializer === outer && ts.isClassLike(parent.parent)) return this.#methodPhases(fn, parent);
    const exported = ts.isExportAssignment(parent) ? 'default' : commonJsExportName(outer, file);
    if (exported !== undefined) return exportConventionPhases(exported, file) ?? PER_REQUEST;
    return PER_REQUEST;
  }

  /**
   * The phases of a function declared with a name: those of each place that calls it or hands it
   * to a framework. Callers this file does not show (the function is exported, or used in a way
   * not followed here) add the phase its name suggests, or `per-request`.
   */
  #namedFunctionPhases(fn: ts.SignatureDeclaration, declaration: ts.FunctionDeclaration | ts.VariableDeclaration, name: ts.Identifier | undefined): ExecutionPhases {
    const file = this.#file;
    if (isFastifyPlugin(fn, ts.isVariableDeclaration(declaration) ? declaration : undefined, file)) return STARTUP;

    const exportedNames = name ? declaredExportNames(declaration, name, file) : ['default'];
    const phases = new Set<ExecutionPhase>();
    let unknownCallers = exportedNames.length > 0;
    const uses = name ? usesOfName(file, name, declaration) : [];
    for (const use of uses) {
      if (isWithin(use, fn)) continue;
      const usePhases = this.#usePhases(use, exportedNames);
      if (usePhases) addAll(phases, usePhases);
      else unknownCallers = true;
    }
    for (const exportedName of exportedNames) {
      const convention = exportConventionPhases(exportedName, file);
      if (convention) return convention;
    }

    if (unknownCallers || uses.length === 0) {
      const isTopLevel = ts.isSourceFile(ts.isVariableDeclaration(declaration) ? declaration.parent.parent.parent : declaration.parent);
      phases.add((isTopLevel && name && phaseSuggestedByName(name.text)) || 'per-request');
    }
    return phases;
  }

  /**
   * The phases of a class method or arrow function field. NestJS handlers and lifecycle hooks
   * have the phase of their decorator or name. Other methods have the phases of the places that
   * call them through `this`, through an instance built in this file, or through the class for a
   * static method. A method that is not private may also be called from elsewhere, which adds
   * `per-request`.
   */
  #methodPhases(fn: ts.SignatureDeclaration, member: ts.MethodDeclaration | ts.AccessorDeclaration | ts.PropertyDeclaration): ExecutionPhases {
    const file = this.#file;
    if (ts.isMethodDeclaration(member)) {
      const phase = frameworkMethodPhase(member, file);
      if (phase) return new Set([phase]);
    }
    if (ts.isAccessor(member) || !(ts.isIdentifier(member.name) || ts.isPrivateIdentifier(member.name))) return PER_REQUEST;

    const owner = member.parent as ts.ClassLikeDeclaration;
    const name = member.name.text;
    const phases = new Set<ExecutionPhase>();
    let unknownCallers = !isPrivateMember(member);
    for (const access of owner.members.flatMap((other) => thisFieldAccesses(other, name))) {
      if (isWithin(access, fn)) continue;
      const usePhases = this.#usePhases(access, []);
      if (usePhases) addAll(phases, usePhases);
      else unknownCallers = true;
    }
    for (const call of callsThroughClass(owner, name, file)) addAll(phases, this.phasesOfCode(call));
    if (unknownCallers) phases.add('per-request');
    return phases;
  }

  /**
   * The phases in which a class is constructed, which run its constructor and instance field
   * initializers: start-up for a default-scope NestJS provider, else those of each `new` in this
   * file. An exported class, or one handed to code this file does not show, adds `per-request`.
   */
  #constructionPhases(owner: ts.ClassLikeDeclaration): ExecutionPhases {
    const file = this.#file;
    if (isNestSingleton(owner, file)) return STARTUP;
    if (!ts.isClassDeclaration(owner) || !owner.name) return PER_REQUEST;

    const phases = new Set<ExecutionPhase>();
    let unknownCallers = hasModifier(owner, ts.SyntaxKind.ExportKeyword);
    const uses = bindingReferences(file, owner.name.text, owner);
    for (const use of uses) {
      const outer = outermostExpression(use);
      const parent = outer.parent;
      if (ts.isNewExpression(parent) && parent.expression === outer) addAll(phases, this.phasesOfCode(parent));
      else if (!(ts.isPropertyAccessExpression(parent) && parent.expression === outer)) unknownCallers = true; // `Class.member` builds nothing.
    }
    if (unknownCallers || uses.length === 0) phases.add('per-request');
    return phases;
  }

  /**
   * The phases that one use of a function's name gives the function: those of the call, or of the
   * framework it is handed to. Returns `undefined` when the use does not show when the function
   * runs; an export is added to `exportedNames`.
   */
  #usePhases(use: ts.Expression, exportedNames: string[]): ExecutionPhases | undefined {
    const outer = outermostExpression(use);
    const parent = outer.parent;
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression === outer) return this.phasesOfCode(parent);
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(outer)) return this.#argumentPhases(parent, outer);
    if ((ts.isShorthandPropertyAssignment(parent) || ts.isPropertyAssignment(parent)) && isGraphqlOperationResolver(parent)) return PER_REQUEST;
    const exported = ts.isExportAssignment(parent) ? 'default' : commonJsExportName(outer, this.#file);
    if (exported !== undefined) exportedNames.push(exported);
    return undefined;
  }

  /** The phases of a function handed to a call, or `undefined` when the callee is not recognised. */
  #argumentPhases(call: ts.CallExpression | ts.NewExpression, argument: ts.Expression): ExecutionPhases | undefined {
    const role = callbackRole(call, argument, this.#file);
    if (role === undefined) return undefined;
    const registration = this.phasesOfCode(call);
    return role === 'inline' ? registration : mapRegistration(registration, role);
  }
}

/**
 * The phases of a function that a framework runs in `role`, given the phases of the code that
 * handed it over. A listener added while handling a request runs per request whatever its event,
 * and one added in a test or in the browser stays there.
 */
function mapRegistration(registration: ExecutionPhases, role: Exclude<FrameworkRole, 'inline'>): ExecutionPhases {
  if (role === 'test') return TEST;
  const phases = new Set<ExecutionPhase>();
  for (const phase of registration) phases.add(phase === 'per-request' || phase === 'test' || phase === 'browser' ? phase : role);
  return phases;
}

function exportConventionPhases(exportedName: string, file: FileContext): ExecutionPhases | undefined {
  const phase = exportConventionPhase(exportedName, file);
  return phase && new Set([phase]);
}

function phaseSuggestedByName(name: string): ExecutionPhase | undefined {
  if (STARTUP_FUNCTION_NAME.test(name)) return 'startup';
  if (SHUTDOWN_FUNCTION_NAME.test(name)) return 'shutdown';
  return undefined;
}

/**
 * Returns the code whose execution runs `node`: the nearest enclosing function, or the class of
 * an instance field initializer, since constructing the class runs it. Decorators are evaluated
 * with their class. Returns `undefined` at module level.
 */
function runningCodeOwner(node: ts.Node): CodeOwner | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isSourceFile(current)) return undefined;
    if (ts.isDecorator(current)) {
      current = ts.findAncestor(current, ts.isClassLike) ?? current;
      continue;
    }
    if (ts.isPropertyDeclaration(current) && ts.isClassLike(current.parent) && !hasModifier(current, ts.SyntaxKind.StaticKeyword)) return current.parent;
    if (ts.isFunctionLike(current)) return current;
  }
  return undefined;
}

/** Lists the value uses of a declared name, for a declaration at any depth. */
function usesOfName(file: FileContext, name: ts.Identifier, declaration: ts.Node): ts.Identifier[] {
  if (file.topLevelNames.has(name.text)) return bindingReferences(file, name.text, declaration);
  const scope = ts.findAncestor(declaration.parent, (node) => ts.isFunctionLike(node) || ts.isSourceFile(node)) ?? file.sourceFile;
  const uses: ts.Identifier[] = [];
  walkDescendants(scope, (node) => {
    if (ts.isIdentifier(node) && node !== name && node.text === name.text && isValueReference(node) && file.scopes.lookup(node) === declaration) uses.push(node);
  });
  return uses;
}

/** The names a top-level declaration is exported as: `export function f`, `export default function`, `export { f as GET }`. */
function declaredExportNames(declaration: ts.FunctionDeclaration | ts.VariableDeclaration, name: ts.Identifier, file: FileContext): string[] {
  const statement = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  if (!ts.isSourceFile(statement.parent)) return [];
  const names: string[] = [];
  if (ts.canHaveModifiers(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
    names.push(hasModifier(statement, ts.SyntaxKind.DefaultKeyword) ? 'default' : name.text);
  }
  for (const exportStatement of file.sourceFile.statements) {
    if (!ts.isExportDeclaration(exportStatement) || exportStatement.moduleSpecifier || !exportStatement.exportClause) continue;
    if (!ts.isNamedExports(exportStatement.exportClause)) continue;
    for (const element of exportStatement.exportClause.elements) {
      const local = element.propertyName ?? element.name;
      if (ts.isIdentifier(local) && local.text === name.text) names.push(element.name.text);
    }
  }
  return names;
}

/**
 * Returns the name that a CommonJS assignment exports a value as: `exports.handler = fn` and
 * `module.exports.handler = fn` give `handler`, `module.exports = fn` gives `default`, and
 * `module.exports = { handler }` gives `handler`.
 */
function commonJsExportName(value: ts.Expression, file: FileContext): string | undefined {
  let assigned: ts.Expression = value;
  let propertyName: string | undefined;
  const parent = value.parent;
  if ((ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent)) && ts.isIdentifier(parent.name) && ts.isObjectLiteralExpression(parent.parent)) {
    propertyName = parent.name.text;
    assigned = outermostExpression(parent.parent);
  }
  const assignment = assigned.parent;
  if (!ts.isBinaryExpression(assignment) || assignment.right !== assigned || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const target = skipOuterExpressions(assignment.left);
  if (isModuleExports(target, file)) return propertyName ?? 'default';
  if (propertyName !== undefined || !ts.isPropertyAccessExpression(target)) return undefined;
  const owner = skipOuterExpressions(target.expression);
  const isExportsObject = (ts.isIdentifier(owner) && owner.text === 'exports' && isGlobal(owner, file)) || isModuleExports(owner, file);
  return isExportsObject ? target.name.text : undefined;
}

function isModuleExports(expression: ts.Expression, file: FileContext): boolean {
  if (!ts.isPropertyAccessExpression(expression) || expression.name.text !== 'exports') return false;
  const owner = skipOuterExpressions(expression.expression);
  return ts.isIdentifier(owner) && owner.text === 'module' && isGlobal(owner, file);
}

/** `poller.start()` where `poller` is initialised with `new Poller()`, `new Poller().start()`, and `Poller.start()` for a static method. */
function callsThroughClass(owner: ts.ClassLikeDeclaration, method: string, file: FileContext): ts.CallExpression[] {
  if (!ts.isClassDeclaration(owner) || !owner.name) return [];
  return file.syntax.calls.filter((call) => {
    const callee = skipOuterExpressions(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== method) return false;
    const receiver = followInitializer(callee.expression, file.references);
    const constructed = ts.isNewExpression(receiver) ? skipOuterExpressions(receiver.expression) : receiver;
    return ts.isIdentifier(constructed) && file.references.declarationOf(constructed) === owner;
  });
}

function isPrivateMember(member: ts.MethodDeclaration | ts.PropertyDeclaration): boolean {
  return ts.isPrivateIdentifier(member.name) || hasModifier(member, ts.SyntaxKind.PrivateKeyword);
}

function isWithin(node: ts.Node, container: ts.Node): boolean {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    if (current === container) return true;
  }
  return false;
}

function addAll(target: Set<ExecutionPhase>, phases: ExecutionPhases): void {
  for (const phase of phases) target.add(phase);
}
