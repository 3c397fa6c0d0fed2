import ts from 'typescript';
import type { FileContext } from './file-context.js';
import { CALL_RESULT, isModuleMember, skipOuterExpressions } from './references.js';
import type { Declaration } from './scope.js';
import { SKIP_CHILDREN, walkDescendants } from './walk.js';

/**
 * The place a file path points to, judged from how its leading part is built:
 * - `temporary`: the machine's temporary directory (`os.tmpdir()`, `/tmp`, `$TMPDIR`);
 * - `parameter`: a parameter of the enclosing function, so the caller chooses the place;
 * - `local`: anything else, such as `__dirname`, `process.cwd()`, a relative path or a value read
 *   from a request, which all name a place on this machine's disk.
 */
export type PathOriginKind = 'temporary' | 'parameter' | 'local';

export interface PathOrigin {
  kind: PathOriginKind;
  /** The variables the path was built from, outermost first: `input` then `dir` for `join(dir, 'in')`. */
  variables: readonly Declaration[];
}

const PATH_FUNCTIONS = new Set(['join', 'resolve', 'normalize', 'dirname', 'toNamespacedPath']);
const MAX_DEPTH = 16;

/** Modules with Node's `fs` API: `fs` itself and the drop-in replacements that extend it. */
export const FS_MODULES: ReadonlySet<string> = new Set(['fs', 'graceful-fs', 'fs-extra']);

/**
 * Returns where a path expression points. Only the leading part counts: `join(dir, name)` is
 * where `dir` is, and `` `${base}/${id}.pdf` `` is where `base` is.
 */
export function pathOriginOf(expression: ts.Expression, file: FileContext): PathOrigin {
  const variables: Declaration[] = [];
  const kind = originKind(expression, file, variables, 0);
  return { kind, variables };
}

function originKind(expression: ts.Expression, file: FileContext, variables: Declaration[], depth: number): PathOriginKind {
  if (depth > MAX_DEPTH) return 'local';
  const node = skipOuterExpressions(expression);

  if (ts.isStringLiteralLike(node)) return literalOrigin(node.text);
  if (ts.isTemplateExpression(node)) {
    if (node.head.text !== '') return literalOrigin(node.head.text);
    const first = node.templateSpans[0];
    return first ? originKind(first.expression, file, variables, depth + 1) : 'local';
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return originKind(node.left, file, variables, depth + 1);
  }
  if (ts.isAwaitExpression(node)) return originKind(node.expression, file, variables, depth + 1);
  if (ts.isIdentifier(node)) return identifierOrigin(node, file, variables, depth);
  if (ts.isCallExpression(node)) return callOrigin(node, file, variables, depth);
  if (ts.isPropertyAccessExpression(node) && isTemporaryDirectoryVariable(node, file)) return 'temporary';
  if (ts.isPropertyAccessExpression(node) && isTmpObjectName(node, file)) return 'temporary';
  return 'local';
}

function literalOrigin(text: string): PathOriginKind {
  return text === '/tmp' || text.startsWith('/tmp/') ? 'temporary' : 'local';
}

function identifierOrigin(identifier: ts.Identifier, file: FileContext, variables: Declaration[], depth: number): PathOriginKind {
  const declaration = file.scopes.lookup(identifier);
  if (!declaration) return 'local';
  if (ts.isParameter(declaration)) return isTemporaryPathParameter(declaration, file) ? 'temporary' : 'parameter';
  if (ts.isVariableDeclaration(declaration)) {
    variables.push(declaration);
    return declaration.initializer ? originKind(declaration.initializer, file, variables, depth + 1) : 'local';
  }
  return 'local';
}

function callOrigin(call: ts.CallExpression, file: FileContext, variables: Declaration[], depth: number): PathOriginKind {
  const callee = file.references.resolve(call.expression);
  if (isModuleMember(callee, 'os', ['tmpdir'])) return 'temporary';
  if (callee?.module === 'path' && PATH_FUNCTIONS.has(callee.path.at(-1) ?? '')) {
    const first = call.arguments[0];
    return first ? originKind(first, file, variables, depth + 1) : 'local';
  }
  if (callee && FS_MODULES.has(callee.module) && (callee.path.at(-1) === 'mkdtemp' || callee.path.at(-1) === 'mkdtempSync')) {
    const prefix = call.arguments[0];
    return prefix ? originKind(prefix, file, variables, depth + 1) : 'local';
  }
  if (callee && TMP_PACKAGES.has(callee.module) && callee.path.length === 1 && TMP_NAME_FUNCTIONS.has(callee.path[0]!)) return 'temporary';
  // `path.replace(/\.md$/, '.html')` and other string methods keep the receiver's place.
  const target = skipOuterExpressions(call.expression);
  if (!callee && ts.isPropertyAccessExpression(target)) return originKind(target.expression, file, variables, depth + 1);
  if (!callee && ts.isIdentifier(target)) return returnedOrigin(target, file, variables, depth);
  return 'local';
}

/**
 * Packages that create temporary files and folders in the machine's temporary directory. `tmp`
 * passes the path to a callback or returns it, and `tmp-promise` wraps `tmp` with promises.
 */
const TMP_PACKAGES: ReadonlySet<string> = new Set(['tmp', 'tmp-promise']);

/** Functions of `tmp` and `tmp-promise` that return a temporary path, or a promise of one. */
const TMP_NAME_FUNCTIONS: ReadonlySet<string> = new Set(['tmpNameSync', 'tmpName']);

/** Functions of `tmp` that pass a temporary path to their callback as its second parameter. */
const TMP_CALLBACK_FUNCTIONS: ReadonlySet<string> = new Set(['file', 'dir', 'tmpName']);

/** Returns true for `path` in `(err, path) => ...` passed to `tmp.file(options, callback)`, which names a temporary file. */
function isTemporaryPathParameter(parameter: ts.ParameterDeclaration, file: FileContext): boolean {
  const callback = parameter.parent;
  if (!(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) || callback.parameters[1] !== parameter) return false;
  const call = callback.parent;
  if (!ts.isCallExpression(call) || call.arguments.at(-1) !== callback) return false;
  const callee = file.references.resolve(call.expression);
  return callee?.module === 'tmp' && callee.path.length === 1 && TMP_CALLBACK_FUNCTIONS.has(callee.path[0]!);
}

/**
 * Returns where the result of a function declared in this file points: where every value it
 * returns points, or for a function that returns `new Promise(...)`, every value passed to its
 * `resolve`. A promise wrapper around `tmp.file` then gives a temporary path.
 */
function returnedOrigin(callee: ts.Identifier, file: FileContext, variables: Declaration[], depth: number): PathOriginKind {
  const body = functionBodyOf(file.scopes.lookup(callee));
  if (!body) return 'local';
  const values = ts.isBlock(body) ? returnedValues(body) : [body];
  const resolved = values.flatMap((value) => resolvedValues(value) ?? [value]);
  if (resolved.length === 0) return 'local';
  const kinds = new Set(resolved.map((value) => originKind(value, file, variables, depth + 1)));
  return kinds.size === 1 && kinds.has('temporary') ? 'temporary' : 'local';
}

function functionBodyOf(declaration: Declaration | undefined): ts.ConciseBody | undefined {
  if (!declaration) return undefined;
  if (ts.isFunctionDeclaration(declaration)) return declaration.body;
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  const initializer = skipOuterExpressions(declaration.initializer);
  return ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer) ? initializer.body : undefined;
}

function returnedValues(body: ts.Block): ts.Expression[] {
  const values: ts.Expression[] = [];
  walkDescendants(body, (node) => {
    if (ts.isFunctionLike(node)) return SKIP_CHILDREN;
    if (ts.isReturnStatement(node) && node.expression) values.push(node.expression);
  });
  return values;
}

/** Lists the arguments of every `resolve(...)` call for `new Promise((resolve) => ...)`; returns `undefined` for other values. */
function resolvedValues(value: ts.Expression): ts.Expression[] | undefined {
  const node = skipOuterExpressions(value);
  if (!ts.isNewExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'Promise') return undefined;
  const executor = node.arguments?.[0];
  if (!executor || !(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor))) return undefined;
  const resolve = executor.parameters[0]?.name;
  if (!resolve || !ts.isIdentifier(resolve)) return undefined;
  const values: ts.Expression[] = [];
  walkDescendants(executor.body, (inner) => {
    if (ts.isCallExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === resolve.text && inner.arguments[0]) values.push(inner.arguments[0]);
  });
  return values;
}

/** Returns true for `tmp.fileSync().name` and `tmp.dirSync().name`, the path of the file or folder `tmp` creates. */
function isTmpObjectName(access: ts.PropertyAccessExpression, file: FileContext): boolean {
  if (access.name.text !== 'name') return false;
  const created = file.references.resolve(access.expression);
  return created?.module === 'tmp' && (isModuleMember(created, 'tmp', ['fileSync', CALL_RESULT]) || isModuleMember(created, 'tmp', ['dirSync', CALL_RESULT]));
}

/** `process.env.TMPDIR`, the variable `os.tmpdir()` reads on POSIX systems. */
function isTemporaryDirectoryVariable(access: ts.PropertyAccessExpression, file: FileContext): boolean {
  if (access.name.text !== 'TMPDIR' && access.name.text !== 'TEMP' && access.name.text !== 'TMP') return false;
  const env = access.expression;
  return (
    ts.isPropertyAccessExpression(env) &&
    env.name.text === 'env' &&
    ts.isIdentifier(env.expression) &&
    env.expression.text === 'process' &&
    file.scopes.lookup(env.expression) === undefined
  );
}
