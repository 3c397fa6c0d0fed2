import ts from 'typescript';
import { outermostExpression } from './bindings.js';
import { enclosingFunction } from './execution.js';
import type { FileContext } from './file-context.js';

/**
 * Packages of metrics clients. Each instance reports its own values and the metrics backend
 * aggregates them, because a Prometheus server scrapes every instance and StatsD, Datadog and
 * OpenTelemetry export each process's values separately. A value of this process reported
 * through them is per instance by design.
 */
export const METRICS_PACKAGES: ReadonlySet<string> = new Set([
  'prom-client',
  '@opentelemetry/api',
  '@opentelemetry/sdk-metrics',
  'hot-shots',
  'node-statsd',
  'statsd-client',
  'datadog-metrics',
  'dd-trace',
  'newrelic',
]);

/**
 * Returns true when the value read at `node` is reported to a metrics client of a package: passed
 * to one of its methods (`gauge.set(io.engine.clientsCount)`), or read in a callback handed to it
 * (`meter.createObservableGauge('sockets').addCallback((result) => result.observe(count))`, or
 * prom-client's `collect()` option).
 */
export function isReportedAsMetric(node: ts.Node, file: FileContext): boolean {
  const call = callReceivingValue(node);
  if (call && isMetricsModule(file.references.resolve(call.expression)?.module)) return true;
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const host = callReceivingFunction(fn);
    if (host && isMetricsModule(file.references.resolve(host.expression)?.module)) return true;
  }
  return false;
}

export function isMetricsModule(module: string | undefined): boolean {
  return module !== undefined && METRICS_PACKAGES.has(module);
}

/**
 * Returns the call that receives the value read at `node` as an argument, also through a
 * property of it such as `.size` or `.length`: `report(io.sockets.sockets.size)`.
 */
export function callReceivingValue(node: ts.Node): ts.CallExpression | undefined {
  if (!ts.isExpression(node)) return undefined;
  let value = outermostExpression(node);
  while (ts.isPropertyAccessExpression(value.parent) && value.parent.expression === value) value = outermostExpression(value.parent);
  const call = value.parent;
  return ts.isCallExpression(call) && call.arguments.includes(value) ? call : undefined;
}

/** Finds the call or `new` that a function is passed to, directly or as a property or method of an object literal argument. */
function callReceivingFunction(fn: ts.SignatureDeclaration): ts.CallExpression | ts.NewExpression | undefined {
  let argument: ts.Node = ts.isMethodDeclaration(fn) ? fn.parent : outermostExpression(fn as ts.Expression);
  if (ts.isPropertyAssignment(argument.parent)) argument = argument.parent.parent;
  if (ts.isObjectLiteralExpression(argument)) argument = outermostExpression(argument);
  const call = argument.parent;
  if ((ts.isCallExpression(call) || ts.isNewExpression(call)) && call.arguments?.includes(argument as ts.Expression)) return call;
  return undefined;
}
