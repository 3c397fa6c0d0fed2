import ts from 'typescript';
import type { ReferenceResolver } from './references.js';
import { skipOuterExpressions } from './references.js';

/** Returns the value of a property of an object literal, by name; `undefined` when absent or computed. */
export function propertyValue(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === name) return property.initializer;
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === name) return property.name;
  }
  return undefined;
}

/** Returns true when an object literal may have properties that cannot be seen: a spread. */
export function hasSpread(object: ts.ObjectLiteralExpression): boolean {
  return object.properties.some((property) => ts.isSpreadAssignment(property));
}

export function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/**
 * Follows an identifier to the expression it was initialised with, within the file:
 * `const options = {...}; session(options)` gives the object literal. Returns the expression
 * itself when it is not an identifier or its declaration has no initializer.
 */
export function followInitializer(expression: ts.Expression, references: ReferenceResolver, maxDepth = 8): ts.Expression {
  let current = skipOuterExpressions(expression);
  for (let depth = 0; depth < maxDepth && ts.isIdentifier(current); depth++) {
    const declaration = references.declarationOf(current);
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) break;
    current = skipOuterExpressions(declaration.initializer);
  }
  return current;
}
