import ts from 'typescript';

/**
 * The nearest function-like node at or above each node that `enclosingFunction` has passed, or
 * `null` at module level. Weak keys, so the entries go away with the syntax tree.
 */
const functionAtOrAbove = new WeakMap<ts.Node, ts.SignatureDeclaration | null>();

/**
 * Returns the nearest function-like node that contains `node`, or `undefined` at module level.
 * The result is cached for every ancestor passed, so that a lookup for each identifier of an
 * expression thousands of levels deep stays linear instead of walking the same ancestors again.
 */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  const passed: ts.Node[] = [];
  let found: ts.SignatureDeclaration | null = null;
  for (let current = node.parent; current; current = current.parent) {
    const known = functionAtOrAbove.get(current);
    if (known !== undefined) {
      found = known;
      break;
    }
    if (ts.isFunctionLike(current)) {
      found = current;
      break;
    }
    if (ts.isSourceFile(current)) break;
    passed.push(current);
  }
  for (const passedNode of passed) functionAtOrAbove.set(passedNode, found);
  return found ?? undefined;
}

/** Returns true for a declaration made directly in the file's top-level statements. */
export function isTopLevelStatement(node: ts.Node): boolean {
  return ts.isSourceFile(node.parent);
}

/** The top-level statement that contains `node`. */
export function topLevelStatementOf(node: ts.Node): ts.Node {
  let current = node;
  while (current.parent && !ts.isSourceFile(current.parent)) current = current.parent;
  return current;
}
