import ts from 'typescript';
import type { Declaration, ScopeIndex } from './scope.js';

/**
 * What an expression refers to in another module: `fs.promises.writeFile` after
 * `import fs from 'node:fs'` is `{ module: 'fs', path: ['promises', 'writeFile'] }`.
 * A default import and a CommonJS `require()` of the same package both give the empty path, since
 * the packages this tool knows export their main function both ways.
 */
export interface ModuleReference {
  module: string;
  path: readonly string[];
}

/** Subpath modules that are members of their parent module. */
const SUBPATH_MEMBERS: Readonly<Record<string, ModuleReference>> = {
  'fs/promises': { module: 'fs', path: ['promises'] },
  'timers/promises': { module: 'timers', path: ['promises'] },
  'fs-extra/esm': { module: 'fs-extra', path: [] },
};

export function normalizeModuleName(specifier: string): ModuleReference {
  const name = specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
  return SUBPATH_MEMBERS[name] ?? { module: name, path: [] };
}

const MAX_ALIAS_DEPTH = 16;

/** Path segment for the value a call returns: `require('memorystore')(session)` is `memorystore.()`. */
export const CALL_RESULT = '()';
/** Path segment for an instance: `new Server()` from socket.io is `socket.io.Server.new`. */
export const NEW_INSTANCE = 'new';

/** Resolves what identifiers and member chains refer to, through imports, requires and aliases. */
export class ReferenceResolver {
  readonly #scopes: ScopeIndex;
  /** Results of `resolve` by expression, with `null` for none, because several detections resolve the same callee. */
  readonly #resolved = new WeakMap<ts.Expression, ModuleReference | null>();
  /**
   * The module member each declaration refers to, with `null` for none. Every use of an import
   * resolves through it.
   * NOTE: an alias chain longer than MAX_ALIAS_DEPTH resolves when a shorter part of it was
   * resolved first, so such a chain's result depends on the order of `resolve` calls.
   */
  readonly #declarationTargets = new WeakMap<Declaration, ModuleReference | null>();
  /** Set when a resolution stopped at MAX_ALIAS_DEPTH. Its result then depends on where it started, so it is not cached. */
  #depthLimitReached = false;

  constructor(scopes: ScopeIndex) {
    this.#scopes = scopes;
  }

  /** Returns the module member an expression refers to, or `undefined` for anything else. */
  resolve(expression: ts.Expression): ModuleReference | undefined {
    const cached = this.#resolved.get(expression);
    if (cached !== undefined) return cached ?? undefined;

    this.#depthLimitReached = false;
    const reference = this.#resolve(expression, 0);
    if (!this.#depthLimitReached) this.#resolved.set(expression, reference ?? null);
    return reference;
  }

  /** Returns the declaration an identifier refers to, following nothing further. */
  declarationOf(identifier: ts.Identifier): Declaration | undefined {
    return this.#scopes.lookup(identifier);
  }

  #resolve(expression: ts.Expression, depth: number): ModuleReference | undefined {
    if (depth > MAX_ALIAS_DEPTH) {
      this.#depthLimitReached = true;
      return undefined;
    }
    const node = skipOuterExpressions(expression);

    if (ts.isIdentifier(node)) {
      const declaration = this.#scopes.lookup(node);
      return declaration ? this.#resolveDeclarationCached(declaration, depth + 1) : undefined;
    }
    if (ts.isPropertyAccessExpression(node)) {
      const base = this.#resolve(node.expression, depth + 1);
      if (!base) return undefined;
      // `require('x').default` is the main export, as a default import of `x` is.
      if (node.name.text === 'default' && base.path.length === 0) return base;
      return { module: base.module, path: [...base.path, node.name.text] };
    }
    if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
      const base = this.#resolve(node.expression, depth + 1);
      return base && { module: base.module, path: [...base.path, node.argumentExpression.text] };
    }
    if (ts.isCallExpression(node)) {
      const specifier = requiredModule(node);
      if (specifier !== undefined) return normalizeModuleName(specifier);
      const wrapped = interopHelperArgument(node);
      if (wrapped) return this.#resolve(wrapped, depth + 1);
      // `promisify(fs.writeFile)` does what `fs.writeFile` does.
      const callee = this.#resolve(node.expression, depth + 1);
      const argument = node.arguments[0];
      if (callee && callee.module === 'util' && callee.path.at(-1) === 'promisify' && argument) {
        return this.#resolve(argument, depth + 1);
      }
      // The result of calling a module member, such as `require('memorystore')(session)`.
      return callee && { module: callee.module, path: [...callee.path, CALL_RESULT] };
    }
    if (ts.isNewExpression(node)) {
      const constructed = this.#resolve(node.expression, depth + 1);
      return constructed && { module: constructed.module, path: [...constructed.path, NEW_INSTANCE] };
    }
    if (ts.isAwaitExpression(node) && ts.isCallExpression(node.expression)) {
      const specifier = dynamicImportedModule(node.expression);
      return specifier === undefined ? undefined : normalizeModuleName(specifier);
    }
    return undefined;
  }

  #resolveDeclarationCached(declaration: Declaration, depth: number): ModuleReference | undefined {
    const cached = this.#declarationTargets.get(declaration);
    if (cached !== undefined) return cached ?? undefined;

    const limitReachedBefore = this.#depthLimitReached;
    this.#depthLimitReached = false;
    const reference = this.#resolveDeclaration(declaration, depth);
    if (!this.#depthLimitReached) this.#declarationTargets.set(declaration, reference ?? null);
    this.#depthLimitReached ||= limitReachedBefore;
    return reference;
  }

  #resolveDeclaration(declaration: Declaration, depth: number): ModuleReference | undefined {
    if (ts.isImportClause(declaration)) {
      return normalizeModuleName(moduleSpecifierText(declaration.parent));
    }
    if (ts.isNamespaceImport(declaration)) {
      return normalizeModuleName(moduleSpecifierText(declaration.parent.parent));
    }
    if (ts.isImportSpecifier(declaration)) {
      const base = normalizeModuleName(moduleSpecifierText(declaration.parent.parent.parent));
      const imported = (declaration.propertyName ?? declaration.name).text;
      return imported === 'default' ? base : { module: base.module, path: [...base.path, imported] };
    }
    if (ts.isImportEqualsDeclaration(declaration)) {
      const reference = declaration.moduleReference;
      if (ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression)) {
        return normalizeModuleName(reference.expression.text);
      }
      return undefined;
    }
    if (ts.isVariableDeclaration(declaration)) {
      // Aliases declared with `let` are followed too: a reassigned alias of a module member is rare.
      if (!declaration.initializer) return undefined;
      return this.#resolve(declaration.initializer, depth + 1);
    }
    if (ts.isBindingElement(declaration)) {
      return this.#resolveBindingElement(declaration, depth);
    }
    return undefined;
  }

  /** `const { promises: { writeFile } } = require('fs')` binds `writeFile` to `fs.promises.writeFile`. */
  #resolveBindingElement(element: ts.BindingElement, depth: number): ModuleReference | undefined {
    const pattern = element.parent;
    if (!ts.isObjectBindingPattern(pattern) || element.dotDotDotToken) return undefined;
    const key = element.propertyName ?? element.name;
    const keyText = ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : undefined;
    if (keyText === undefined) return undefined;

    const owner = pattern.parent;
    let base: ModuleReference | undefined;
    if (ts.isVariableDeclaration(owner)) {
      if (!owner.initializer) return undefined;
      base = this.#resolve(owner.initializer, depth + 1);
    } else if (ts.isBindingElement(owner)) {
      base = this.#resolveBindingElement(owner, depth + 1);
    }
    if (!base) return undefined;
    return keyText === 'default' && base.path.length === 0 ? base : { module: base.module, path: [...base.path, keyText] };
  }
}

/** Strips parentheses, type assertions, `satisfies` and non-null assertions. */
export function skipOuterExpressions(expression: ts.Expression): ts.Expression {
  let node = expression;
  for (;;) {
    if (
      ts.isParenthesizedExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isTypeAssertionExpression(node) ||
      ts.isNonNullExpression(node) ||
      ts.isSatisfiesExpression(node)
    ) {
      node = node.expression;
    } else {
      return node;
    }
  }
}

/**
 * Helpers that compilers wrap around `require('x')` in CommonJS output: Babel's, TypeScript's and
 * esbuild's or rolldown's. Each returns the module or an object whose `default` is the module.
 */
const INTEROP_HELPERS: ReadonlySet<string> = new Set(['_interopRequireDefault', '_interopRequireWildcard', '__importDefault', '__importStar', '__toESM']);

/** Returns `x` of `_interopRequireDefault(x)` and the other compiler helpers, called directly or as a member. */
function interopHelperArgument(call: ts.CallExpression): ts.Expression | undefined {
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return name !== undefined && INTEROP_HELPERS.has(name) ? call.arguments[0] : undefined;
}

/** Returns the specifier of `require('x')`, or `undefined` when the call is something else. */
export function requiredModule(call: ts.CallExpression): string | undefined {
  const argument = call.arguments[0];
  if (
    ts.isIdentifier(call.expression) &&
    call.expression.text === 'require' &&
    call.arguments.length === 1 &&
    argument &&
    ts.isStringLiteralLike(argument)
  ) {
    return argument.text;
  }
  return undefined;
}

function dynamicImportedModule(call: ts.CallExpression): string | undefined {
  const argument = call.arguments[0];
  if (call.expression.kind === ts.SyntaxKind.ImportKeyword && argument && ts.isStringLiteralLike(argument)) {
    return argument.text;
  }
  return undefined;
}

function moduleSpecifierText(declaration: ts.ImportDeclaration | ts.JSDocImportTag): string {
  return ts.isStringLiteral(declaration.moduleSpecifier) ? declaration.moduleSpecifier.text : '';
}

/** Returns true when `reference` is `module` followed exactly by `path`. */
export function isModuleMember(reference: ModuleReference | undefined, module: string, path: readonly string[] = []): boolean {
  if (!reference || reference.module !== module || reference.path.length !== path.length) return false;
  return reference.path.every((segment, index) => segment === path[index]);
}
