import ts from 'typescript';
import { normalizeModuleName, requiredModule } from './references.js';

// Read once: each `ts.X` is a getter on the CommonJS exports of the typescript package, and this
// module's loop runs for every node of every file.
const { SyntaxKind, forEachChild } = ts;

/** An expression that changes a binding or a property: `x = 1`, `x += 1`, `x ??= y`, `x++`, `delete x.y`. */
export type WriteExpression = ts.BinaryExpression | ts.PrefixUnaryExpression | ts.PostfixUnaryExpression | ts.DeleteExpression;

/**
 * The nodes that detections look at, collected in one walk of the file so that each detection
 * iterates a short list instead of walking the whole tree again.
 */
export interface SyntaxIndex {
  readonly calls: readonly ts.CallExpression[];
  readonly constructions: readonly ts.NewExpression[];
  readonly writes: readonly WriteExpression[];
  readonly decorators: readonly ts.Decorator[];
  readonly regularExpressions: readonly ts.RegularExpressionLiteral[];
  readonly classes: readonly ts.ClassLikeDeclaration[];
  /** Every identifier whose text is the name of a top-level declaration, by name. */
  readonly topLevelNameUses: ReadonlyMap<string, readonly ts.Identifier[]>;
  /**
   * The modules the file names in an `import` declaration, `import x = require()`, `require()` or
   * `import()`, as `normalizeModuleName` spells them. `ReferenceResolver` resolves only to these.
   */
  readonly importedModules: ReadonlySet<string>;
}

export function buildSyntaxIndex(sourceFile: ts.SourceFile, topLevelNames: ReadonlySet<string>): SyntaxIndex {
  const calls: ts.CallExpression[] = [];
  const constructions: ts.NewExpression[] = [];
  const writes: WriteExpression[] = [];
  const decorators: ts.Decorator[] = [];
  const regularExpressions: ts.RegularExpressionLiteral[] = [];
  const classes: ts.ClassLikeDeclaration[] = [];
  const topLevelNameUses = new Map<string, ts.Identifier[]>();
  const importedModules = new Set<string>();
  const addModule = (specifier: string): void => {
    importedModules.add(normalizeModuleName(specifier).module);
  };

  // An explicit stack instead of recursion, so that deeply nested input cannot overflow the call stack.
  const stack: ts.Node[] = [sourceFile];
  const pushChild = (child: ts.Node): void => {
    stack.push(child);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.kind) {
      case SyntaxKind.CallExpression: {
        const call = node as ts.CallExpression;
        calls.push(call);
        const specifier = requiredModule(call) ?? importedSpecifier(call);
        if (specifier !== undefined) addModule(specifier);
        break;
      }
      case SyntaxKind.ImportDeclaration: {
        const specifier = (node as ts.ImportDeclaration).moduleSpecifier;
        if (specifier.kind === SyntaxKind.StringLiteral) addModule((specifier as ts.StringLiteral).text);
        break;
      }
      case SyntaxKind.ImportEqualsDeclaration: {
        const reference = (node as ts.ImportEqualsDeclaration).moduleReference;
        if (reference.kind === SyntaxKind.ExternalModuleReference && reference.expression.kind === SyntaxKind.StringLiteral) {
          addModule((reference.expression as ts.StringLiteral).text);
        }
        break;
      }
      case SyntaxKind.NewExpression:
        constructions.push(node as ts.NewExpression);
        break;
      case SyntaxKind.BinaryExpression:
        if (isAssignmentOperator((node as ts.BinaryExpression).operatorToken.kind)) writes.push(node as ts.BinaryExpression);
        break;
      case SyntaxKind.PrefixUnaryExpression:
      case SyntaxKind.PostfixUnaryExpression: {
        const operator = (node as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression).operator;
        if (operator === SyntaxKind.PlusPlusToken || operator === SyntaxKind.MinusMinusToken) {
          writes.push(node as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression);
        }
        break;
      }
      case SyntaxKind.DeleteExpression:
        writes.push(node as ts.DeleteExpression);
        break;
      case SyntaxKind.Decorator:
        decorators.push(node as ts.Decorator);
        break;
      case SyntaxKind.RegularExpressionLiteral:
        regularExpressions.push(node as ts.RegularExpressionLiteral);
        break;
      case SyntaxKind.ClassDeclaration:
      case SyntaxKind.ClassExpression:
        classes.push(node as ts.ClassLikeDeclaration);
        break;
      case SyntaxKind.Identifier: {
        const name = (node as ts.Identifier).text;
        if (topLevelNames.has(name)) {
          let uses = topLevelNameUses.get(name);
          if (!uses) topLevelNameUses.set(name, (uses = []));
          uses.push(node as ts.Identifier);
        }
        break;
      }
    }
    const childStart = stack.length;
    forEachChild(node, pushChild);
    // Children were pushed in source order; reverse them so they are visited in source order.
    reverseRange(stack, childStart, stack.length - 1);
  }

  return { calls, constructions, writes, decorators, regularExpressions, classes, topLevelNameUses, importedModules };
}

/** Returns the specifier of `import('x')`, or `undefined` for any other call. */
function importedSpecifier(call: ts.CallExpression): string | undefined {
  const argument = call.arguments[0];
  if (call.expression.kind !== SyntaxKind.ImportKeyword || !argument) return undefined;
  return argument.kind === SyntaxKind.StringLiteral || argument.kind === SyntaxKind.NoSubstitutionTemplateLiteral ? (argument as ts.StringLiteralLike).text : undefined;
}

function reverseRange(items: ts.Node[], from: number, to: number): void {
  for (let left = from, right = to; left < right; left++, right--) {
    const swap = items[left]!;
    items[left] = items[right]!;
    items[right] = swap;
  }
}

export function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= SyntaxKind.FirstAssignment && kind <= SyntaxKind.LastAssignment;
}
