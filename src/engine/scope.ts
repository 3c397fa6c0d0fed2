import ts from 'typescript';

/** A node that declares a name: an import, a variable, a parameter, a function or a class. */
export type Declaration =
  | ts.VariableDeclaration
  | ts.BindingElement
  | ts.ParameterDeclaration
  | ts.ImportClause
  | ts.ImportSpecifier
  | ts.NamespaceImport
  | ts.ImportEqualsDeclaration
  | ts.FunctionDeclaration
  | ts.ClassDeclaration
  | ts.EnumDeclaration;

type Container = ts.Node;

/**
 * Finds the declaration a name refers to by walking the lexical scopes outwards, the way the
 * language resolves it. No type checker is involved, so this works on a single parsed file and
 * returns the same declaration for nodes from any copy of TypeScript.
 */
export class ScopeIndex {
  readonly #declarationsByContainer = new Map<Container, Map<string, Declaration>>();
  /** The nearest scope container above each node a lookup has passed; `undefined` above the root. */
  readonly #containerOf = new Map<ts.Node, Container | undefined>();

  lookup(identifier: ts.Identifier): Declaration | undefined {
    return this.lookupName(identifier.text, identifier);
  }

  lookupName(name: string, from: ts.Node): Declaration | undefined {
    for (let container = this.#containerAtOrAbove(from); container; container = this.#containerAtOrAbove(container.parent)) {
      const found = this.#declarationsOf(container).get(name);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Returns the nearest scope container at or above `node`, caching the result for every node
   * passed on the way. Without this, looking up each name in an expression thousands of levels
   * deep, such as a long `a + a + ...` chain, walks the same ancestors again and takes quadratic time.
   */
  #containerAtOrAbove(node: ts.Node | undefined): Container | undefined {
    const passed: ts.Node[] = [];
    let current = node;
    let container: Container | undefined;
    while (current) {
      if (this.#containerOf.has(current)) {
        container = this.#containerOf.get(current);
        break;
      }
      if (SCOPE_CONTAINER_KINDS.has(current.kind)) {
        container = current;
        break;
      }
      passed.push(current);
      current = current.parent;
    }
    for (const passedNode of passed) this.#containerOf.set(passedNode, container);
    return container;
  }

  /** Returns the names declared directly in a container, as a map from name to declaration. */
  declarationsOf(container: Container): ReadonlyMap<string, Declaration> {
    return this.#declarationsOf(container);
  }

  #declarationsOf(container: Container): Map<string, Declaration> {
    let declarations = this.#declarationsByContainer.get(container);
    if (!declarations) {
      declarations = collectDeclarations(container);
      this.#declarationsByContainer.set(container, declarations);
    }
    return declarations;
  }
}

function isScopeContainer(node: ts.Node): boolean {
  return (
    ts.isSourceFile(node) ||
    ts.isBlock(node) ||
    ts.isModuleBlock(node) ||
    ts.isCaseBlock(node) ||
    ts.isFunctionLike(node) ||
    ts.isForStatement(node) ||
    ts.isForInStatement(node) ||
    ts.isForOfStatement(node) ||
    ts.isCatchClause(node) ||
    ts.isClassExpression(node)
  );
}

/**
 * The kinds for which `isScopeContainer` holds, computed from it once. The lookup runs for every
 * ancestor of every resolved name, and each `ts.isX` call behind the predicate costs a getter and
 * a function call, while the predicate reads nothing but `kind`.
 */
const SCOPE_CONTAINER_KINDS: ReadonlySet<ts.SyntaxKind> = new Set(
  Array.from({ length: ts.SyntaxKind.Count }, (_, kind: ts.SyntaxKind) => kind).filter((kind) => isScopeContainer({ kind } as ts.Node)),
);

function collectDeclarations(container: Container): Map<string, Declaration> {
  const declarations = new Map<string, Declaration>();
  const add = (name: ts.Node | undefined, declaration: Declaration): void => {
    if (name && ts.isIdentifier(name) && !declarations.has(name.text)) declarations.set(name.text, declaration);
  };

  if (ts.isFunctionLike(container)) {
    for (const parameter of container.parameters) addBindingNames(parameter.name, parameter, add);
    if ((ts.isFunctionExpression(container) || ts.isClassExpression(container)) && container.name) {
      add(container.name, container as unknown as Declaration);
    }
    return declarations;
  }
  if (ts.isCatchClause(container)) {
    const variable = container.variableDeclaration;
    if (variable) addBindingNames(variable.name, variable, add);
    return declarations;
  }
  if (ts.isForStatement(container) || ts.isForInStatement(container) || ts.isForOfStatement(container)) {
    const initializer = container.initializer;
    if (initializer && ts.isVariableDeclarationList(initializer)) {
      for (const variable of initializer.declarations) addBindingNames(variable.name, variable, add);
    }
    return declarations;
  }
  if (ts.isCaseBlock(container)) {
    for (const clause of container.clauses) addStatementDeclarations(clause.statements, add);
    return declarations;
  }
  if (ts.isSourceFile(container) || ts.isBlock(container) || ts.isModuleBlock(container)) {
    addStatementDeclarations(container.statements, add);
  }
  return declarations;
}

type AddDeclaration = (name: ts.Node | undefined, declaration: Declaration) => void;

function addStatementDeclarations(statements: ts.NodeArray<ts.Statement>, add: AddDeclaration): void {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) {
      for (const variable of statement.declarationList.declarations) addBindingNames(variable.name, variable, add);
    } else if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) {
      add(statement.name, statement);
    } else if (ts.isImportDeclaration(statement)) {
      addImportNames(statement, add);
    } else if (ts.isImportEqualsDeclaration(statement)) {
      add(statement.name, statement);
    }
  }
}

function addImportNames(statement: ts.ImportDeclaration, add: AddDeclaration): void {
  const clause = statement.importClause;
  if (!clause) return;
  if (clause.name) add(clause.name, clause);
  const bindings = clause.namedBindings;
  if (!bindings) return;
  if (ts.isNamespaceImport(bindings)) {
    add(bindings.name, bindings);
  } else {
    for (const specifier of bindings.elements) add(specifier.name, specifier);
  }
}

function addBindingNames(name: ts.BindingName, owner: Declaration, add: AddDeclaration): void {
  if (ts.isIdentifier(name)) {
    add(name, owner);
    return;
  }
  for (const element of name.elements) {
    if (ts.isOmittedExpression(element)) continue;
    if (ts.isIdentifier(element.name)) add(element.name, element);
    else addBindingNames(element.name, element, add);
  }
}
