import ts from 'typescript';
import type { Detector, DetectionSink, DetectionSuggestion } from '../engine/detector.js';
import { enclosingFunction } from '../engine/execution.js';
import type { FileContext } from '../engine/file-context.js';
import { bindingReferences, hasModifier, isGlobal } from '../engine/bindings.js';
import { runsPerRequest } from '../engine/execution-phase.js';
import { skipOuterExpressions } from '../engine/references.js';

export type MessageIds = 'sharedLastIndex' | 'removeGlobalFlag';

/** RegExp methods that start at `lastIndex` and store the end of the match there when `g` or `y` is set. */
const LAST_INDEX_METHODS = new Set(['test', 'exec']);
/**
 * String methods that read and write `lastIndex` for a sticky expression without `g`. With `g`
 * they reset it to 0 first; `search` restores it, and `matchAll`, `split` and `replaceAll` work
 * on a copy.
 */
const STICKY_STRING_METHODS = new Set(['match', 'replace']);

interface SharedExpression {
  name: ts.Identifier;
  declaration: ts.VariableDeclaration;
  flags: string;
  /** The offsets of the flags in the file, when they are a literal that an edit can change. */
  flagsRange?: { start: number; end: number };
}

function detect(file: FileContext, sink: DetectionSink<MessageIds>): void {
  if (!file.roles.has('web')) return;

  for (const expression of sharedStatefulExpressions(file)) {
    const references = bindingReferences(file, expression.name.text, expression.declaration);
    const uses = references
      .map((reference) => statefulUse(reference, expression.flags))
      .filter((use): use is ts.CallExpression => use !== undefined)
      .filter((use) => runsPerRequest(use, file) && !resetsLastIndexBefore(use, expression.name.text) && !runsToExhaustion(use));
    if (uses.length === 0) continue;

    sink.report({
      node: expression.name,
      messageId: 'sharedLastIndex',
      data: { name: expression.name.text, flags: statefulFlags(expression.flags) },
      category: 'module-state',
      severity: 'error',
      related: uses.map((use) => ({ node: use, message: `${expression.name.text}.lastIndex is read and changed here, in code that runs per request.` })),
      suggestions: removeGlobalFlagSuggestion(expression, references, file),
    });
  }
}

/**
 * Offers to remove the `g` flag when the expression is only ever used with `test()`: `g` changes
 * nothing but where `test()` starts, so without it every call behaves as the first call on a
 * fresh worker does. Any other use, such as `exec`, `replace` or `matchAll`, an export, or a
 * sticky `y` flag, may depend on `g`, so no edit is offered.
 */
function removeGlobalFlagSuggestion(expression: SharedExpression, references: readonly ts.Identifier[], file: FileContext): DetectionSuggestion<MessageIds>[] {
  const { flags, flagsRange, name } = expression;
  if (!flagsRange || !flags.includes('g') || flags.includes('y') || isExported(expression.declaration, file)) return [];
  const onlyTested = references.every((reference) => {
    const access = reference.parent;
    return ts.isPropertyAccessExpression(access) && access.expression === reference && access.name.text === 'test' && ts.isCallExpression(access.parent) && access.parent.expression === access;
  });
  if (!onlyTested) return [];
  return [{ messageId: 'removeGlobalFlag', data: { name: name.text }, edits: [{ ...flagsRange, text: flags.replace('g', '') }] }];
}

/** `export const RE = ...` or `export { RE }`; other files may use the expression in ways this file does not show. */
function isExported(declaration: ts.VariableDeclaration, file: FileContext): boolean {
  if (hasModifier(declaration.parent.parent as ts.VariableStatement, ts.SyntaxKind.ExportKeyword)) return true;
  const name = declaration.name.getText(file.sourceFile);
  return file.sourceFile.statements.some(
    (statement) =>
      ts.isExportDeclaration(statement) &&
      !statement.moduleSpecifier &&
      statement.exportClause !== undefined &&
      ts.isNamedExports(statement.exportClause) &&
      statement.exportClause.elements.some((element) => (element.propertyName ?? element.name).getText(file.sourceFile) === name),
  );
}

/** Top-level variables initialised with a regular expression that has the `g` or `y` flag. */
function sharedStatefulExpressions(file: FileContext): SharedExpression[] {
  const found: SharedExpression[] = [];
  for (const statement of file.sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
      const written = regularExpressionFlags(declaration.initializer, file);
      if (written !== undefined && statefulFlags(written.flags) !== '') found.push({ name: declaration.name, declaration, ...written });
    }
  }
  return found;
}

/**
 * Returns the flags of `/.../flags`, `new RegExp(source, 'flags')` or `RegExp(source, 'flags')`
 * and where they are written, or `undefined` for anything else.
 */
function regularExpressionFlags(initializer: ts.Expression, file: FileContext): Pick<SharedExpression, 'flags' | 'flagsRange'> | undefined {
  const node = skipOuterExpressions(initializer);
  if (ts.isRegularExpressionLiteral(node)) {
    const flags = node.text.slice(node.text.lastIndexOf('/') + 1);
    return { flags, flagsRange: { start: node.getEnd() - flags.length, end: node.getEnd() } };
  }
  if (ts.isNewExpression(node) || ts.isCallExpression(node)) {
    const callee = skipOuterExpressions(node.expression);
    if (!ts.isIdentifier(callee) || callee.text !== 'RegExp' || !isGlobal(callee, file)) return undefined;
    const flags = node.arguments?.[1];
    if (flags === undefined) return { flags: '' };
    // The flags sit between the quotes or backticks of the literal.
    return ts.isStringLiteralLike(flags) ? { flags: flags.text, flagsRange: { start: flags.getStart(file.sourceFile) + 1, end: flags.getEnd() - 1 } } : undefined;
  }
  return undefined;
}

function statefulFlags(flags: string): string {
  return [...flags].filter((flag) => flag === 'g' || flag === 'y').join('');
}

/** `re.test(s)`, `re.exec(s)`, or `s.match(re)` for a sticky expression without `g`; `undefined` for other uses. */
function statefulUse(reference: ts.Identifier, flags: string): ts.CallExpression | undefined {
  const access = reference.parent;
  if (ts.isPropertyAccessExpression(access) && access.expression === reference) {
    const call = access.parent;
    if (ts.isCallExpression(call) && call.expression === access && LAST_INDEX_METHODS.has(access.name.text)) return call;
    return undefined;
  }
  const call = reference.parent;
  if (!flags.includes('y') || flags.includes('g')) return undefined;
  if (ts.isCallExpression(call) && call.arguments[0] === reference && ts.isPropertyAccessExpression(call.expression)) {
    return STICKY_STRING_METHODS.has(call.expression.name.text) ? call : undefined;
  }
  return undefined;
}

/** Returns true when the same function sets `name.lastIndex` before the use, as a reset does. */
function resetsLastIndexBefore(use: ts.CallExpression, name: string): boolean {
  const fn = enclosingFunction(use);
  if (!fn) return false;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || node.getStart() >= use.getStart()) return;
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      node.left.name.text === 'lastIndex' &&
      ts.isIdentifier(node.left.expression) &&
      node.left.expression.text === name
    ) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return found;
}

/**
 * Returns true for `while ((match = re.exec(text)) !== null) {...}` and the same `for` and
 * `do ... while` forms whose body cannot leave early: the last `exec` returns null and sets
 * `lastIndex` back to 0, so the next request starts from the beginning.
 */
function runsToExhaustion(use: ts.CallExpression): boolean {
  let child: ts.Node = use;
  for (let node = use.parent; node && !ts.isFunctionLike(node); child = node, node = node.parent) {
    if ((ts.isWhileStatement(node) || ts.isDoStatement(node)) && node.expression === child) return !leavesEarly(node.statement);
    if (ts.isForStatement(node) && node.condition === child) return !leavesEarly(node.statement);
    if (ts.isStatement(node)) return false;
  }
  return false;
}

/** Returns true when a loop body contains `break`, `return` or `throw` outside nested functions. */
function leavesEarly(body: ts.Statement): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node)) return;
    if (ts.isBreakStatement(node) || ts.isReturnStatement(node) || ts.isThrowStatement(node)) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

export const noGlobalRegexState: Detector<MessageIds> = {
  id: 'no-global-regex-state',
  description: 'Disallow module-level regular expressions with the g or y flag in test() and exec() calls made per request',
  categories: ['module-state'],
  messages: {
    sharedLastIndex:
      '`{{name}}` has the `{{flags}}` flag, so each test() or exec() call stores where its match ended in `{{name}}.lastIndex`, and the next request starts matching there: the same input passes or fails depending on earlier requests to this worker. Remove the flag, create the expression inside the function, or set `lastIndex = 0` before each use.',
    removeGlobalFlag: 'Remove the `g` flag from `{{name}}`, which is only used with test(), so that every call starts matching at the beginning of its input.',
  },
  detect,
};
