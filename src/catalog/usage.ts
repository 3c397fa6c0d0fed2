import ts from 'typescript';
import type { FileContext } from '../engine/file-context.js';
import { propertyNameText } from '../engine/object-literals.js';

/** The name a site's value is stored under, and the identifiers that read it later. */
export interface Binding {
  name: string;
  uses: readonly ts.Identifier[];
}

/** Climbs from a value through parentheses, type assertions and `await` to the node that stores it. */
function outermostValue(node: ts.Node): ts.Node {
  let current = node;
  while (
    ts.isParenthesizedExpression(current.parent) ||
    ts.isAsExpression(current.parent) ||
    ts.isSatisfiesExpression(current.parent) ||
    ts.isNonNullExpression(current.parent) ||
    ts.isTypeAssertionExpression(current.parent) ||
    ts.isAwaitExpression(current.parent)
  ) {
    current = current.parent;
  }
  return current;
}

/**
 * Returns the name a site is stored under: `const limiter = new LRUCache()`, a class field
 * `private cache = new LRUCache()`, `this.cache = ...` or an object property. The uses of a class
 * field are its `this.field` accesses in the class; an object property is judged by its name alone.
 */
export function bindingOf(node: ts.Node, file: FileContext): Binding | undefined {
  const value = outermostValue(node);
  const parent = value.parent;

  if (ts.isVariableDeclaration(parent) && parent.initializer === value && ts.isIdentifier(parent.name)) {
    return { name: parent.name.text, uses: usesOf(parent, parent.name.text, file) };
  }
  if (ts.isPropertyDeclaration(parent) && parent.initializer === value) {
    const name = propertyNameText(parent.name);
    return name === undefined ? undefined : { name, uses: thisFieldUses(parent.parent, name) };
  }
  if (ts.isPropertyAssignment(parent) && parent.initializer === value) {
    const name = propertyNameText(parent.name);
    return name === undefined ? undefined : { name, uses: [] };
  }
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === value) {
    const target = parent.left;
    if (ts.isIdentifier(target)) {
      const declaration = file.references.declarationOf(target);
      const uses = declaration && ts.isVariableDeclaration(declaration) ? usesOf(declaration, target.text, file) : [];
      return { name: target.text, uses };
    }
    if (ts.isPropertyAccessExpression(target)) {
      const owner = target.expression.kind === ts.SyntaxKind.ThisKeyword ? enclosingClass(target) : undefined;
      return { name: target.name.text, uses: owner ? thisFieldUses(owner, target.name.text) : [] };
    }
  }
  return undefined;
}

/** Collects the `field` identifier of every `this.field` in a class, the form `classifyStateUse` takes. */
function thisFieldUses(owner: ts.Node, name: string): ts.Identifier[] {
  const uses: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword && node.name.text === name) {
      uses.push(node.name as ts.Identifier);
    }
    ts.forEachChild(node, visit);
  };
  visit(owner);
  return uses;
}

function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isClassLike(current)) return current;
  }
  return undefined;
}

/** Finds the identifiers that refer to a variable, except the one that declares it. */
function usesOf(declaration: ts.VariableDeclaration, name: string, file: FileContext): ts.Identifier[] {
  const refersToDeclaration = (identifier: ts.Identifier): boolean =>
    identifier !== declaration.name && file.references.declarationOf(identifier) === declaration;

  const statement = declaration.parent.parent;
  if (ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent)) {
    return (file.syntax.topLevelNameUses.get(name) ?? []).filter(refersToDeclaration);
  }

  const scope = enclosingScope(declaration);
  const uses: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && refersToDeclaration(node)) uses.push(node);
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return uses;
}

function enclosingScope(node: ts.Node): ts.Node {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isBlock(current) || ts.isSourceFile(current) || ts.isFunctionLike(current) || ts.isModuleBlock(current)) return current;
  }
  return node.getSourceFile();
}

/**
 * Returns true when a site is given, directly or through a variable or class field, as the value
 * of one of the named options: `new RateLimiterRedis({ insuranceLimiter: new RateLimiterMemory() })`,
 * or `insuranceLimiter: this.fallback` with `fallback = new RateLimiterMemory()`.
 */
export function isExemptAsOption(node: ts.Node, optionNames: readonly string[], file: FileContext): boolean {
  const value = outermostValue(node);
  if (isOptionValue(value, optionNames)) return true;

  const binding = bindingOf(node, file);
  if (!binding || binding.uses.length === 0) return false;
  return binding.uses.some((use) => {
    // A field's use is the name of `this.fallback`; the value is the whole access.
    const access = ts.isPropertyAccessExpression(use.parent) && use.parent.name === use ? use.parent : use;
    return isOptionValue(access, optionNames);
  });
}

function isOptionValue(node: ts.Node, optionNames: readonly string[]): boolean {
  const parent = node.parent;
  if (ts.isPropertyAssignment(parent) && parent.initializer === node) {
    const name = propertyNameText(parent.name);
    return name !== undefined && optionNames.includes(name);
  }
  return ts.isShorthandPropertyAssignment(parent) && optionNames.includes(parent.name.text);
}
