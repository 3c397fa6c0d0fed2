import ts from 'typescript';
import type { FileContext } from './file-context.js';
import type { Declaration } from './scope.js';
import { SKIP_CHILDREN, walkDescendants } from './walk.js';

/** Returns true when an identifier names a global, not a binding declared in the file. */
export function isGlobal(identifier: ts.Identifier, file: FileContext): boolean {
  return file.references.declarationOf(identifier) === undefined;
}

export function hasModifier(node: ts.HasModifiers, kind: ts.SyntaxKind): boolean {
  return ts.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false;
}

/** Lists the identifiers in the file that refer to a top-level declaration as a value. */
export function bindingReferences(file: FileContext, name: string, declaration: Declaration | ts.Node): ts.Identifier[] {
  const uses = file.syntax.topLevelNameUses.get(name) ?? [];
  return uses.filter((use) => isValueReference(use) && file.scopes.lookup(use) === declaration && !isDeclarationName(use, declaration));
}

function isDeclarationName(identifier: ts.Identifier, declaration: ts.Node): boolean {
  return (declaration as { name?: ts.Node }).name === identifier;
}

/** Returns false for identifiers that are property names, type names, labels or import and export names. */
export function isValueReference(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if (!parent) return false;
  if (ts.isPropertyAccessExpression(parent) && parent.name === identifier) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isPropertySignature(parent) || ts.isMethodSignature(parent)) && parent.name === identifier) return false;
  if ((ts.isGetAccessor(parent) || ts.isSetAccessor(parent) || ts.isEnumMember(parent)) && parent.name === identifier) return false;
  if (ts.isQualifiedName(parent) || ts.isTypeReferenceNode(parent) || ts.isTypeQueryNode(parent) || ts.isExpressionWithTypeArguments(parent)) return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent)) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === identifier) return false;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  return true;
}

/**
 * `this.field` accesses inside a class member whose `this` is the member's own: arrow functions
 * inherit it, while nested functions, object literal methods and classes have their own.
 * `field` undefined lists the accesses of every field.
 */
export function thisFieldAccesses(member: ts.Node, field: string | undefined): ts.PropertyAccessExpression[] {
  const accesses: ts.PropertyAccessExpression[] = [];
  walkDescendants(member, (node) => {
    if (node !== member && ((ts.isFunctionLike(node) && !ts.isArrowFunction(node)) || ts.isClassLike(node))) return SKIP_CHILDREN;
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword && (field === undefined || node.name.text === field)) {
      accesses.push(node);
    }
  });
  return accesses;
}

/** Climbs out of parentheses, type assertions and non-null assertions around an expression. */
export function outermostExpression(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (
    current.parent &&
    (ts.isParenthesizedExpression(current.parent) ||
      ts.isAsExpression(current.parent) ||
      ts.isNonNullExpression(current.parent) ||
      ts.isSatisfiesExpression(current.parent) ||
      ts.isTypeAssertionExpression(current.parent))
  ) {
    current = current.parent;
  }
  return current;
}
