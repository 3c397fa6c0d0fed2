import ts from 'typescript';
import { detectCatalogEntries } from '../catalog/detect.js';
import { catalogBackedDetector, type CatalogDetector } from '../catalog/detector.js';
import type { CatalogEntry } from '../catalog/types.js';
import type { Detector, DetectionSink } from '../engine/detector.js';
import type { FileContext } from '../engine/file-context.js';
import { isModuleMember, skipOuterExpressions } from '../engine/references.js';
import type { Declaration } from '../engine/scope.js';
import { runsOncePerProcess, runsPerRequest } from '../engine/execution-phase.js';
import { followTimerHandle, timerFunctionOf, type TimerHandleUse } from '../engine/timers.js';
import { someDescendant, walkDescendants } from '../engine/walk.js';
import { outermostExpression } from '../engine/bindings.js';

export type MessageIds = 'interval' | 'uncleared' | 'rescheduling' | 'pollingLoop' | 'moduleKeptTimer' | 'housekeeping' | 'schedulerRegistry' | 'library';

/** SchedulerRegistry methods of @nestjs/schedule that start a job in the process that calls them. */
const REGISTRY_JOB_METHODS = new Set(['addCronJob', 'addInterval', 'addTimeout']);

function detect(file: FileContext, sink: DetectionSink<MessageIds>, catalog: readonly CatalogEntry[]): void {
  // A job in a file that only a worker process or a script loads is where jobs belong.
  if (!file.roles.has('web')) return;

  for (const call of file.syntax.calls) {
    const timer = timerFunctionOf(call, file);
    if (timer === 'setInterval') checkInterval(call, file, sink);
    else if (timer === 'setTimeout') checkTimeout(call, file, sink);
    else if (timer === 'sleep') checkSleep(call, file, sink);
    else if (isSchedulerRegistryJob(call, file)) {
      sink.report({ node: call, messageId: 'schedulerRegistry', category: 'timer-job', severity: 'error' });
    }
  }
  const unlessStoppedLocally: DetectionSink<MessageIds> = {
    report: (detection) => {
      if (!isStoppedByStartingFunction(detection.node, file)) sink.report(detection);
    },
    compliant: (site) => sink.compliant(site),
  };
  detectCatalogEntries(file, unlessStoppedLocally, ['timer-job'], 'library', catalog);
}

/** Methods by which scheduler libraries stop a job: croner, cron and node-cron `stop()`, node-schedule `cancel()`. */
const STOP_METHODS = new Set(['stop', 'cancel']);

/**
 * Returns true when a job is kept in a local variable that the function which starts it also
 * stops: `const job = new Cron(pattern, () => {}); job.stop();` checks a pattern, and any job the
 * call starts ends with that call.
 */
function isStoppedByStartingFunction(site: ts.Node, file: FileContext): boolean {
  const declaration = ts.isExpression(site) ? outermostExpression(site).parent : undefined;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return false;
  const fn = ts.findAncestor(declaration, ts.isFunctionLike);
  if (!fn) return false;
  const name = declaration.name;
  return someDescendant(fn, (node) => {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || !STOP_METHODS.has(node.expression.name.text)) return false;
    const receiver = skipOuterExpressions(node.expression.expression);
    return ts.isIdentifier(receiver) && receiver.text === name.text && file.scopes.lookup(receiver) === declaration;
  });
}

/**
 * `this.schedulerRegistry.addCronJob(name, job)`, where `schedulerRegistry` is injected with the
 * type `SchedulerRegistry` of @nestjs/schedule, through a constructor parameter or a class field.
 */
function isSchedulerRegistryJob(call: ts.CallExpression, file: FileContext): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !REGISTRY_JOB_METHODS.has(callee.name.text)) return false;
  const receiver = callee.expression;
  if (!ts.isPropertyAccessExpression(receiver) || receiver.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;

  const owner = ts.findAncestor(call, ts.isClassLike);
  if (!owner) return false;
  const field = receiver.name.text;
  const constructorParameters = owner.members.find(ts.isConstructorDeclaration)?.parameters ?? [];
  const declarations = [...constructorParameters, ...owner.members.filter(ts.isPropertyDeclaration)];
  return declarations.some(
    (declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === field && isSchedulerRegistryType(declaration.type, file),
  );
}

function isSchedulerRegistryType(type: ts.TypeNode | undefined, file: FileContext): boolean {
  if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return false;
  return isModuleMember(file.references.resolve(type.typeName), '@nestjs/schedule', ['SchedulerRegistry']);
}

function checkInterval(call: ts.CallExpression, file: FileContext, sink: DetectionSink<MessageIds>): void {
  const handle = followTimerHandle(call, file);
  const data = { timer: 'setInterval' };
  if (runsOncePerProcess(call, file)) {
    // An interval that clears itself once a condition holds, such as waiting for a child process
    // to start, is a bounded wait, not a job.
    if (!handle.clearedByOwnCallback) reportPeriodic(call, handle, 'interval', data, sink);
    return;
  }
  // Code that runs only in tests or in the browser never runs in a web worker.
  if (!runsPerRequest(call, file)) return;
  if (handle.moduleStore) {
    sink.report({ node: call, messageId: 'moduleKeptTimer', data: { timer: 'setInterval', store: handle.moduleStore.text }, category: 'timer-job', severity: 'error' });
    return;
  }
  // An interval that its own code clears, such as a heartbeat stopped when the connection closes,
  // or whose handle goes to a caller that can clear it, is bounded by something this file shows.
  if (handle.cleared || handle.escapes) return;
  if (handle.unref) {
    sink.report({ node: call, messageId: 'housekeeping', data, category: 'timer-job', severity: 'info' });
    return;
  }
  sink.report({ node: call, messageId: 'uncleared', category: 'timer-job', severity: 'warning' });
}

function checkTimeout(call: ts.CallExpression, file: FileContext, sink: DetectionSink<MessageIds>): void {
  const handle = followTimerHandle(call, file);
  const rescheduled = rescheduledFunction(call, file);
  if (rescheduled !== undefined && !isRetryAfterFailure(call)) {
    reportPeriodic(call, handle, 'rescheduling', { timer: 'setTimeout', function: rescheduled }, sink);
    return;
  }
  // A one-shot timeout at start-up runs once per process. A timeout that a request sets, whether
  // it clears it or not, bounds or defers that request's own work. Only a handle kept beyond the
  // request makes it a scheduled job that lives in this worker alone.
  if (handle.moduleStore && runsPerRequest(call, file) && !runsOncePerProcess(call, file)) {
    sink.report({ node: call, messageId: 'moduleKeptTimer', data: { timer: 'setTimeout', store: handle.moduleStore.text }, category: 'timer-job', severity: 'error' });
  }
}

/** `while (true) { await work(); await setTimeout(60_000); }` started at module load or start-up. */
function checkSleep(call: ts.CallExpression, file: FileContext, sink: DetectionSink<MessageIds>): void {
  const loop = endlessLoopAround(call);
  if (!loop || !runsOncePerProcess(loop, file)) return;
  sink.report({ node: call, messageId: 'pollingLoop', category: 'timer-job', severity: 'error' });
}

/**
 * Reports periodic work. An `.unref()` timer does not keep the process alive, which marks it as
 * per-process housekeeping (flushing this process's metrics, pruning its own memory): an info note.
 */
function reportPeriodic(
  call: ts.CallExpression,
  handle: TimerHandleUse,
  messageId: 'interval' | 'rescheduling',
  data: Record<string, string>,
  sink: DetectionSink<MessageIds>,
): void {
  if (handle.unref) {
    sink.report({ node: call, messageId: 'housekeeping', data, category: 'timer-job', severity: 'info' });
    return;
  }
  sink.report({ node: call, messageId, data, category: 'timer-job', severity: 'error' });
}

/**
 * Returns the name of the enclosing function that a `setTimeout` schedules again, making a
 * polling loop: `setTimeout(tick, ms)` inside `tick`, or `setTimeout(() => this.poll(), ms)`
 * inside the method `poll`.
 */
function rescheduledFunction(call: ts.CallExpression, file: FileContext): string | undefined {
  const callback = call.arguments[0];
  if (!callback) return undefined;
  const enclosing = enclosingFunctions(call);
  if (enclosing.length === 0) return undefined;

  const target = skipOuterExpressions(callback);
  if (ts.isArrowFunction(target) || ts.isFunctionExpression(target)) {
    let found: string | undefined;
    const visit = (node: ts.Node): void => {
      if (found !== undefined) return;
      if (ts.isCallExpression(node)) found = enclosingFunctionCalled(node.expression, enclosing, file);
      ts.forEachChild(node, visit);
    };
    visit(target.body);
    return found;
  }
  return enclosingFunctionCalled(target, enclosing, file);
}

/**
 * The name of the function in `enclosing` that `callee` refers to, through `.bind(...)` too. With
 * `throughWrapper`, a local function that calls one of them also counts: `setTimeout(safeCheck)`
 * inside `check`, where `safeCheck` only calls `check` in a `try` block, reschedules `check`.
 */
function enclosingFunctionCalled(callee: ts.Expression, enclosing: readonly ts.SignatureDeclaration[], file: FileContext, throughWrapper = true): string | undefined {
  let target = skipOuterExpressions(callee);
  if (ts.isCallExpression(target) && ts.isPropertyAccessExpression(target.expression) && target.expression.name.text === 'bind') {
    target = skipOuterExpressions(target.expression.expression);
  }
  if (ts.isIdentifier(target)) {
    const declaration = file.scopes.lookup(target);
    if (!declaration) return undefined;
    if (enclosing.some((fn) => declares(declaration, fn))) return target.text;
    const wrapper = throughWrapper ? localFunctionOf(declaration) : undefined;
    return wrapper ? enclosingFunctionCalledBy(wrapper, enclosing, file) : undefined;
  }
  if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const name = target.name.text;
    const method = enclosing.find((fn) => ts.isMethodDeclaration(fn) && ts.isIdentifier(fn.name) && fn.name.text === name);
    return method ? name : undefined;
  }
  return undefined;
}

/** The function a declaration names: `function check() {}` or `const check = async () => {}`. */
function localFunctionOf(declaration: Declaration): ts.FunctionLikeDeclaration | undefined {
  if (ts.isFunctionDeclaration(declaration)) return declaration;
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  const initializer = skipOuterExpressions(declaration.initializer);
  return ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer) ? initializer : undefined;
}

/** The name of the first function in `enclosing` that `wrapper` calls directly, one hop only. */
function enclosingFunctionCalledBy(wrapper: ts.FunctionLikeDeclaration, enclosing: readonly ts.SignatureDeclaration[], file: FileContext): string | undefined {
  if (!wrapper.body) return undefined;
  let found: string | undefined;
  walkDescendants(wrapper.body, (node) => {
    if (ts.isCallExpression(node)) found = enclosingFunctionCalled(node.expression, enclosing, file, false);
    return found !== undefined;
  });
  return found;
}

/**
 * Returns true when a timeout runs only after a failure: in a `catch` block, a `.catch(...)` or
 * `error` event callback, or under an `if` that tests an error or an attempt count. That is a
 * retry, such as reconnecting to a database at start-up, which ends when the work succeeds.
 */
function isRetryAfterFailure(call: ts.CallExpression): boolean {
  for (let current: ts.Node = call; !ts.isSourceFile(current); current = current.parent) {
    if (ts.isCatchClause(current)) return true;
    if (ts.isIfStatement(current) && FAILURE_CONDITION.test(current.expression.getText())) return true;
    if (ts.isFunctionLike(current)) {
      if (isFailureCallback(current)) return true;
      if (!isCallbackArgument(current)) return false;
    }
  }
  return false;
}

/** A condition that tests an error or a number of attempts: `if (err)`, `if (attempt < MAX_RETRIES)`. */
const FAILURE_CONDITION = /\b(err|error|attempts?|retries|retry|tries|failed|failures?)\b/i;

/** `promise.catch(() => ...)` and `client.on('error', () => ...)`. */
function isFailureCallback(fn: ts.SignatureDeclaration): boolean {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return false;
  const method = call.expression.name.text;
  if (method === 'catch') return true;
  const event = call.arguments[0];
  return (method === 'on' || method === 'once') && event !== undefined && ts.isStringLiteralLike(event) && event.text === 'error';
}

function isCallbackArgument(fn: ts.SignatureDeclaration): boolean {
  return ts.isCallExpression(fn.parent) && fn.parent.arguments.includes(fn as ts.Expression);
}

/** Returns true when `declaration` names the function `fn`: `function fn()` or `const fn = () => ...`. */
function declares(declaration: Declaration, fn: ts.SignatureDeclaration): boolean {
  if (declaration === fn) return true;
  return ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined && skipOuterExpressions(declaration.initializer) === fn;
}

function enclosingFunctions(node: ts.Node): ts.SignatureDeclaration[] {
  const functions: ts.SignatureDeclaration[] = [];
  for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
    if (ts.isFunctionLike(current)) functions.push(current);
  }
  return functions;
}

/** Finds the `while (true)`, `for (;;)` or `do ... while (true)` loop around `node` in the same function. */
function endlessLoopAround(node: ts.Node): ts.IterationStatement | undefined {
  for (let current = node.parent; current && !ts.isSourceFile(current) && !ts.isFunctionLike(current); current = current.parent) {
    if (ts.isWhileStatement(current) || ts.isDoStatement(current)) {
      if (isAlwaysTrue(current.expression)) return current;
    } else if (ts.isForStatement(current)) {
      if (!current.condition || isAlwaysTrue(current.condition)) return current;
    }
  }
  return undefined;
}

function isAlwaysTrue(condition: ts.Expression): boolean {
  const node = skipOuterExpressions(condition);
  return node.kind === ts.SyntaxKind.TrueKeyword || (ts.isNumericLiteral(node) && Number(node.text) !== 0);
}

function detectorOver(catalog: readonly CatalogEntry[]): Detector<MessageIds> {
  return {
    id: 'no-in-process-jobs',
    description: 'Disallow background jobs, timers and schedulers that run inside the web workers',
    categories: ['timer-job'],
    messages: {
      interval:
        '`{{timer}}` started while the server starts runs this work in every web worker: with N workers it runs N times, and it stops when a worker is replaced. Run it in a separate worker process, or as a repeatable job of a shared queue.',
      uncleared:
        'This `setInterval` is never cleared, so the work repeats for the life of the worker, once more for each worker that runs this code. Clear it when its owner goes away, or move the work to a separate worker process.',
      rescheduling:
        '`setTimeout` schedules `{{function}}` again, a polling loop that runs in every web worker and stops when the worker does. Run the loop in a separate worker process, or as a repeatable job of a shared queue.',
      pollingLoop:
        'This endless loop sleeps between rounds of work, so it runs in every web worker and stops when the worker does. Run it in a separate worker process, or as a repeatable job of a shared queue.',
      moduleKeptTimer:
        '`{{timer}}` is kept in module-level `{{store}}`, so the scheduled work lives in this worker alone: a restart loses it and a request routed to another worker cannot cancel it. Put it in a shared queue with a delay (for example a BullMQ delayed job) and process it in a worker process.',
      housekeeping:
        '`{{timer}}` is unref()\'d, so it is taken as housekeeping of this process (its own metrics or memory). If it does work the application needs done once, move it to a separate worker process.',
      schedulerRegistry:
        'This job is added to the SchedulerRegistry of the process that runs this code, so it runs in one web worker only, is lost when that worker restarts, and the other workers cannot see or cancel it. Add a delayed or repeatable job to a shared queue and process it in a worker process.',
      library:
        '{{finding}}, and the work stops whenever a worker is replaced. {{remedy}}',
    },
    detect: (file, sink) => detect(file, sink, catalog),
  };
}

export const noInProcessJobs: CatalogDetector<MessageIds> = catalogBackedDetector(detectorOver);
