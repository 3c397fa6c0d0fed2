import ts from 'typescript';
import { isGlobal } from './bindings.js';
import type { FileContext } from './file-context.js';
import { followInitializer, propertyValue } from './object-literals.js';
import { isModuleMember, skipOuterExpressions } from './references.js';

/**
 * The way a framework runs a function handed to it. `inline` runs the function where the call
 * that receives it runs (`forEach`, `then`, `new Promise`), and `test` runs it in a test runner.
 * The other values are the phase the function runs in once the code that hands it over has run:
 * a route handler runs per request even though it is registered at start-up.
 */
export type FrameworkRole = 'inline' | 'test' | 'startup' | 'shutdown' | 'per-request';

/** Methods that call a function argument before they return, or once a promise settles. */
const SYNCHRONOUS_CALLBACK_METHODS = new Set([
  'forEach', 'map', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every',
  'find', 'findIndex', 'findLast', 'findLastIndex', 'sort', 'toSorted',
  'then', 'catch', 'finally',
]);

/** Globals that call their function argument once, soon after the code that calls them: `setImmediate(fn)`. */
const DEFERRED_CALL_FUNCTIONS = new Set(['setImmediate', 'queueMicrotask']);

/** Test runner functions whose callbacks run in a test process, never in a web worker. */
const TEST_RUNNER_FUNCTIONS = new Set(['describe', 'it', 'test', 'beforeAll', 'beforeEach', 'afterAll', 'afterEach', 'before', 'after']);
const TEST_RUNNER_MODULES = new Set(['vitest', '@jest/globals', 'test', 'mocha']);

/**
 * Methods that register a handler run for each request or message: Express and Koa routers
 * (`app.get`, `router.post`, `app.use`, `app.param`, `app.route('/x').get`), Fastify route
 * shorthands, and socket.io middleware (`io.use`).
 */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all', 'use', 'param', 'route']);

/** Fastify `decorate*` methods: a function decorated at start-up runs when a handler calls it. */
const DECORATE_METHODS = new Set(['decorate', 'decorateRequest', 'decorateReply']);

/** Methods that add an event listener; the second argument is the listener. */
const LISTENER_METHODS = new Set(['on', 'addListener', 'prependListener']);
const ONCE_LISTENER_METHODS = new Set(['once', 'prependOnceListener']);

/** Events a server or client emits once, when it is ready: `server.on('listening', ...)`, `app.on('ready', ...)`. */
const STARTUP_EVENTS = new Set(['listening', 'ready']);

/** `process` events that carry work to do for each message; every other `process` event is a signal, an exit or a fatal error. */
const PROCESS_MESSAGE_EVENTS = new Set(['message']);

/** Fastify hooks that run while the application starts or closes; every other hook runs per request. */
const FASTIFY_STARTUP_HOOKS = new Set(['onReady', 'onListen', 'onRegister', 'onRoute']);
const FASTIFY_SHUTDOWN_HOOKS = new Set(['onClose', 'preClose']);

/** NestJS lifecycle hooks, which Nest calls once while the application starts or stops. */
const NEST_STARTUP_HOOKS = new Set(['onModuleInit', 'onApplicationBootstrap']);
const NEST_SHUTDOWN_HOOKS = new Set(['onModuleDestroy', 'beforeApplicationShutdown', 'onApplicationShutdown']);

/** NestJS method decorators whose method Nest calls for each request, message or GraphQL field. */
const NEST_HANDLER_DECORATORS: readonly (readonly [string, readonly string[]])[] = [
  ['@nestjs/common', ['Get', 'Post', 'Put', 'Patch', 'Delete', 'Options', 'Head', 'All', 'Search', 'Sse']],
  ['@nestjs/microservices', ['MessagePattern', 'EventPattern', 'GrpcMethod', 'GrpcStreamMethod']],
  ['@nestjs/websockets', ['SubscribeMessage']],
  ['@nestjs/graphql', ['Query', 'Mutation', 'Subscription', 'ResolveField']],
];

/** Decorators that make a class a NestJS provider or controller, which Nest creates once per process by default. */
const NEST_SINGLETON_DECORATORS: readonly (readonly [string, string])[] = [
  ['@nestjs/common', 'Injectable'],
  ['@nestjs/common', 'Controller'],
  ['@nestjs/websockets', 'WebSocketGateway'],
  ['@nestjs/graphql', 'Resolver'],
];

/** Fastify types that mark a function as a plugin, whose body runs while the application starts. */
const FASTIFY_PLUGIN_TYPES = ['FastifyPluginAsync', 'FastifyPluginCallback'];

/** Properties of a GraphQL resolver map whose methods resolve one operation each. */
const GRAPHQL_OPERATION_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

const HTTP_METHOD_EXPORTS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Next.js file conventions, matched against the repository-relative path. */
const NEXT_ROUTE_FILE = /(^|\/)app\/(.+\/)?route\.(ts|tsx|js|jsx|mjs)$/;
const NEXT_API_FILE = /(^|\/)pages\/api\/.+\.(ts|tsx|js|jsx|mjs)$/;
const NEXT_PAGE_FILE = /(^|\/)pages\/.+\.(ts|tsx|js|jsx|mjs)$/;
const NEXT_MIDDLEWARE_FILE = /(^|\/)middleware\.(ts|js|mjs)$/;
const NEXT_INSTRUMENTATION_FILE = /(^|\/)instrumentation\.(ts|js|mjs)$/;

/**
 * Returns what the call does with one of its function arguments, or `undefined` when the callee
 * is not one this module recognises.
 */
export function callbackRole(call: ts.CallExpression | ts.NewExpression, argument: ts.Expression, file: FileContext): FrameworkRole | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isNewExpression(call)) {
    // `new Promise((resolve) => ...)` runs its executor at once.
    return ts.isIdentifier(callee) && callee.text === 'Promise' && isGlobal(callee, file) && call.arguments?.[0] === argument ? 'inline' : undefined;
  }
  if (isTestRunnerFunction(callee, file)) return 'test';
  if (isModuleMember(file.references.resolve(callee), 'fastify-plugin')) return 'startup';
  if (ts.isIdentifier(callee) && DEFERRED_CALL_FUNCTIONS.has(callee.text) && isGlobal(callee, file)) return 'inline';
  if (!ts.isPropertyAccessExpression(callee)) return undefined;

  const method = callee.name.text;
  if (SYNCHRONOUS_CALLBACK_METHODS.has(method)) return 'inline';
  if (method === 'nextTick' && isProcessGlobal(callee.expression, file)) return 'inline';
  if (method === 'listen') return 'startup';
  if (method === 'register' && call.arguments[0] === argument) return 'startup';
  if (method === 'after' || method === 'ready') return 'startup';
  if (method === 'addHook') return fastifyHookRole(call.arguments[0]);
  if (LISTENER_METHODS.has(method) || ONCE_LISTENER_METHODS.has(method)) return listenerRole(callee, call.arguments[0], file);
  if (ROUTE_METHODS.has(method) || DECORATE_METHODS.has(method)) return 'per-request';
  return undefined;
}

function fastifyHookRole(hook: ts.Expression | undefined): FrameworkRole {
  const name = hook && ts.isStringLiteralLike(hook) ? hook.text : undefined;
  if (name !== undefined && FASTIFY_STARTUP_HOOKS.has(name)) return 'startup';
  if (name !== undefined && FASTIFY_SHUTDOWN_HOOKS.has(name)) return 'shutdown';
  return 'per-request';
}

/**
 * `process.on('SIGTERM', ...)` runs at shutdown and `process.on('message', ...)` per message.
 * `on('listening')`, `on('ready')` and any `once(...)` run once, when the server or client is
 * ready. Other listeners, such as socket.io's and ws's `connection` and `message`, run per event.
 */
function listenerRole(callee: ts.PropertyAccessExpression, eventArgument: ts.Expression | undefined, file: FileContext): FrameworkRole {
  const event = eventArgument && ts.isStringLiteralLike(eventArgument) ? eventArgument.text : undefined;
  if (isProcessGlobal(callee.expression, file)) {
    return event !== undefined && PROCESS_MESSAGE_EVENTS.has(event) ? 'per-request' : 'shutdown';
  }
  if (event !== undefined && STARTUP_EVENTS.has(event)) return 'startup';
  return ONCE_LISTENER_METHODS.has(callee.name.text) ? 'startup' : 'per-request';
}

function isProcessGlobal(expression: ts.Expression, file: FileContext): boolean {
  const node = skipOuterExpressions(expression);
  return ts.isIdentifier(node) && node.text === 'process' && isGlobal(node, file);
}

/** `beforeEach`, `it.each(...)`, `describe.skip`: globals of a test runner, or imported from one. */
function isTestRunnerFunction(callee: ts.Expression, file: FileContext): boolean {
  let root = callee;
  while (ts.isPropertyAccessExpression(root) || ts.isCallExpression(root)) root = root.expression;
  if (!ts.isIdentifier(root) || !TEST_RUNNER_FUNCTIONS.has(root.text)) return false;
  if (isGlobal(root, file)) return true;
  const reference = file.references.resolve(root);
  return reference !== undefined && TEST_RUNNER_MODULES.has(reference.module);
}

/**
 * Returns the phase of a class method that a framework calls: NestJS handlers decorated with
 * `@Get()`, `@MessagePattern()`, `@SubscribeMessage()` or `@Query()` run per request, and the
 * lifecycle hooks `onModuleInit` and `onApplicationBootstrap` at start-up, `onModuleDestroy` and
 * the shutdown hooks at shutdown.
 */
export function frameworkMethodPhase(method: ts.MethodDeclaration, file: FileContext): 'startup' | 'shutdown' | 'per-request' | undefined {
  const name = ts.isIdentifier(method.name) ? method.name.text : undefined;
  if (name !== undefined && NEST_STARTUP_HOOKS.has(name)) return 'startup';
  if (name !== undefined && NEST_SHUTDOWN_HOOKS.has(name)) return 'shutdown';
  for (const decorator of ts.getDecorators(method) ?? []) {
    const expression = decorator.expression;
    const reference = file.references.resolve(ts.isCallExpression(expression) ? expression.expression : expression);
    if (NEST_HANDLER_DECORATORS.some(([module, names]) => names.some((decoratorName) => isModuleMember(reference, module, [decoratorName])))) return 'per-request';
  }
  return undefined;
}

/** Returns true for a class decorated as a Nest provider or controller without a request or transient scope. */
export function isNestSingleton(owner: ts.ClassLikeDeclaration, file: FileContext): boolean {
  for (const decorator of ts.getDecorators(owner) ?? []) {
    const expression = decorator.expression;
    const callee = ts.isCallExpression(expression) ? expression.expression : expression;
    const reference = file.references.resolve(callee);
    if (!NEST_SINGLETON_DECORATORS.some(([module, name]) => isModuleMember(reference, module, [name]))) continue;
    return !ts.isCallExpression(expression) || expression.arguments.every((argument) => keepsDefaultScope(argument, file));
  }
  return false;
}

/**
 * Returns true when a decorator argument leaves the default singleton scope. An options object
 * whose `scope` cannot be resolved, or options built elsewhere, count as not singleton, so that
 * nothing is reported on a guess.
 */
function keepsDefaultScope(argument: ts.Expression, file: FileContext): boolean {
  const value = followInitializer(argument, file.references);
  if (ts.isStringLiteralLike(value) || ts.isArrayLiteralExpression(value) || ts.isNumericLiteral(value)) return true;
  if (!ts.isObjectLiteralExpression(value)) return ts.isArrowFunction(value) || ts.isFunctionExpression(value);
  const scope = propertyValue(value, 'scope');
  if (!scope) return true;
  const reference = file.references.resolve(scope);
  return isModuleMember(reference, '@nestjs/common', ['Scope', 'DEFAULT']);
}

/**
 * Returns the phase that a file convention gives an exported function: Next.js route handlers
 * (`GET`, `POST`... in `app/**\/route.ts`), API routes (the default export of `pages/api/*`),
 * `getServerSideProps`, middleware (`middleware` or the default export of `middleware.ts`) and
 * exports of a `'use server'` file run per request, as does an AWS Lambda style `handler`.
 * Next.js calls `register` of `instrumentation.ts` once, when the server starts.
 */
export function exportConventionPhase(exportedName: string, file: FileContext): 'startup' | 'per-request' | undefined {
  const path = file.path;
  if (exportedName === 'handler') return 'per-request';
  if (NEXT_ROUTE_FILE.test(path) && HTTP_METHOD_EXPORTS.has(exportedName)) return 'per-request';
  if (NEXT_API_FILE.test(path) && exportedName === 'default') return 'per-request';
  if (NEXT_PAGE_FILE.test(path) && exportedName === 'getServerSideProps') return 'per-request';
  if (NEXT_MIDDLEWARE_FILE.test(path) && (exportedName === 'middleware' || exportedName === 'default')) return 'per-request';
  if (NEXT_INSTRUMENTATION_FILE.test(path) && exportedName === 'register') return 'startup';
  if (hasUseServerDirective(file.sourceFile.statements)) return 'per-request';
  return undefined;
}

/** Returns true when a file or function body starts with the `'use server'` directive of React server actions. */
export function hasUseServerDirective(statements: readonly ts.Statement[]): boolean {
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === 'use server') return true;
  }
  return false;
}

/**
 * Returns true for a Fastify plugin, whose body runs while the application starts: a function
 * typed `FastifyPluginAsync` or `FastifyPluginCallback`, or one whose first parameter is typed
 * `FastifyInstance`, as in `async function routes(app: FastifyInstance) { app.get(...) }`.
 */
export function isFastifyPlugin(fn: ts.SignatureDeclaration, variable: ts.VariableDeclaration | undefined, file: FileContext): boolean {
  if (variable?.type && isFastifyType(variable.type, FASTIFY_PLUGIN_TYPES, file)) return true;
  const first = fn.parameters[0];
  return first?.type !== undefined && isFastifyType(first.type, ['FastifyInstance'], file);
}

function isFastifyType(type: ts.TypeNode, names: readonly string[], file: FileContext): boolean {
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return false;
  const reference = file.references.resolve(type.typeName);
  return names.some((name) => isModuleMember(reference, 'fastify', [name]));
}

/** Returns true for a method or function property of a GraphQL resolver map: `{ Query: { user() {...} } }`. */
export function isGraphqlOperationResolver(member: ts.Node): boolean {
  const object = member.parent;
  if (!object || !ts.isObjectLiteralExpression(object)) return false;
  const property = object.parent;
  return ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && GRAPHQL_OPERATION_TYPES.has(property.name.text);
}
