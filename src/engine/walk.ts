import ts from 'typescript';

/** Returned by a visitor to leave a node's children out of the walk. */
export const SKIP_CHILDREN = 'skip-children';

/**
 * Visits `root` and its descendants in source order with an explicit stack instead of recursion.
 * TypeScript's parser builds some expressions iteratively, so a long `a + b + ...` or `x.f().g()`
 * chain is a tree tens of thousands of levels deep, and a recursive walk of it overflows the call
 * stack. A visitor that returns `SKIP_CHILDREN` leaves that node's children out; one that returns
 * `true` ends the walk.
 */
export function walkDescendants(root: ts.Node, visit: (node: ts.Node) => boolean | typeof SKIP_CHILDREN | void): void {
  const stack: ts.Node[] = [root];
  const children: ts.Node[] = [];
  const collect = (child: ts.Node): void => {
    children.push(child);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    const outcome = visit(node);
    if (outcome === true) return;
    if (outcome === SKIP_CHILDREN) continue;
    children.length = 0;
    ts.forEachChild(node, collect);
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
}

/** Returns true when `root` or one of its descendants satisfies `test`; walks without recursion. */
export function someDescendant(root: ts.Node, test: (node: ts.Node) => boolean): boolean {
  let found = false;
  walkDescendants(root, (node) => {
    found = test(node);
    return found;
  });
  return found;
}
