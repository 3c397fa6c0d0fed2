import ts from 'typescript';
import type { FileContext } from './file-context.js';
import { isModuleMember, skipOuterExpressions } from './references.js';
import type { Declaration } from './scope.js';

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
  return 'local';
}

function literalOrigin(text: string): PathOriginKind {
  return text === '/tmp' || text.startsWith('/tmp/') ? 'temporary' : 'local';
}

function identifierOrigin(identifier: ts.Identifier, file: FileContext, variables: Declaration[], depth: number): PathOriginKind {
  const declaration = file.scopes.lookup(identifier);
  if (!declaration) return 'local';
  if (ts.isParameter(declaration)) return 'parameter';
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
  // `path.replace(/\.md$/, '.html')` and other string methods keep the receiver's place.
  const target = skipOuterExpressions(call.expression);
  if (!callee && ts.isPropertyAccessExpression(target)) return originKind(target.expression, file, variables, depth + 1);
  return 'local';
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
