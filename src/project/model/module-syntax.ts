import ts from 'typescript';
import { requiredModule } from '../../engine/references.js';
import { buildSyntaxIndex } from '../../engine/syntax-index.js';

/** How a module loads another one at run time. Type-only imports and exports load nothing. */
export type DependencyKind = 'import' | 'export' | 'require' | 'dynamic-import';

export interface Dependency {
  specifier: string;
  kind: DependencyKind;
}

/** A local name bound to another module's export: `import { a as b } from './x'` binds `b` to `a`. */
export interface ImportBinding {
  local: string;
  /** The exported name, `default`, or `*` for a namespace import or a whole `require()`. */
  imported: string;
  specifier: string;
}

/** A name the module exports: declared in it, or re-exported from another module. */
export interface ExportBinding {
  exported: string;
  /** The top-level name in this file the export refers to, when declared here. */
  local?: string;
  from?: { specifier: string; imported: string };
}

/**
 * What the project model needs from one file. It contains no syntax node, so that the model can
 * keep it for every file after the file's syntax tree is dropped.
 */
export interface ModuleSyntax {
  dependencies: Dependency[];
  imports: ImportBinding[];
  exports: ExportBinding[];
  /** Specifiers of `export * from '...'`. */
  starExports: string[];
  /**
   * Folders, relative to the file's own folder, whose every module a plugin loader loads:
   * `fastify.register(autoload, { dir: join(__dirname, 'routes') })` gives `routes`.
   */
  loadedFolders: string[];
}

/** Packages that register every module of a folder as a plugin: fastify-cli's standard loader and its old name. */
const FOLDER_LOADERS = new Set(['@fastify/autoload', 'fastify-autoload']);

/**
 * Reads the module syntax of a file from its top-level statements and its calls, in source order.
 * `calls` are those of the file's syntax index when the caller has one; otherwise they are
 * collected here.
 */
export function readModuleSyntax(sourceFile: ts.SourceFile, calls: readonly ts.CallExpression[] = buildSyntaxIndex(sourceFile, new Set()).calls): ModuleSyntax {
  const syntax: ModuleSyntax = { dependencies: [], imports: [], exports: [], starExports: [], loadedFolders: [] };
  for (const statement of sourceFile.statements) readTopLevelStatement(statement, syntax);

  // Calls and CommonJS exports are read last to first, the order in which this list was built before.
  for (let index = calls.length - 1; index >= 0; index--) {
    const call = calls[index]!;
    const required = requiredModule(call);
    if (required !== undefined) {
      syntax.dependencies.push({ specifier: required, kind: 'require' });
      readRequireBinding(call, required, syntax);
    } else if (call.expression.kind === ts.SyntaxKind.ImportKeyword && call.arguments[0] && ts.isStringLiteralLike(call.arguments[0])) {
      syntax.dependencies.push({ specifier: call.arguments[0].text, kind: 'dynamic-import' });
    }
  }
  for (let index = sourceFile.statements.length - 1; index >= 0; index--) {
    const statement = sourceFile.statements[index]!;
    if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      readCommonJsExport(statement.expression, syntax);
    }
  }
  syntax.loadedFolders = readLoadedFolders(syntax, calls);
  return syntax;
}

/** Reads the `dir` of each `register(loader, { dir })` call whose loader is imported from a folder loader package. */
function readLoadedFolders(syntax: ModuleSyntax, calls: readonly ts.CallExpression[]): string[] {
  const loaders = new Set(syntax.imports.filter((binding) => FOLDER_LOADERS.has(binding.specifier)).map((binding) => binding.local));
  if (loaders.size === 0) return [];
  const folders: string[] = [];
  for (const call of calls) {
    const [plugin, options] = call.arguments;
    const isRegister = ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'register';
    if (!isRegister || !plugin || !ts.isIdentifier(plugin) || !loaders.has(plugin.text) || !options || !ts.isObjectLiteralExpression(options)) continue;
    const dir = options.properties.find((property) => ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === 'dir');
    const folder = dir && ts.isPropertyAssignment(dir) ? folderBesideModule(dir.initializer) : undefined;
    if (folder !== undefined) folders.push(folder);
  }
  return folders;
}

/**
 * Reads `join(__dirname, 'routes')`, `path.resolve(import.meta.dirname, 'plugins', 'app')` and the
 * same with `dirname(fileURLToPath(import.meta.url))`, giving the path relative to the module's
 * folder. Returns `undefined` for any other expression.
 */
function folderBesideModule(expression: ts.Expression): string | undefined {
  if (!ts.isCallExpression(expression)) return undefined;
  const callee = expression.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  const [base, ...rest] = expression.arguments;
  if ((name !== 'join' && name !== 'resolve') || !base || !namesModuleFolder(base)) return undefined;
  if (!rest.every((segment) => ts.isStringLiteralLike(segment))) return undefined;
  return rest.map((segment) => (segment as ts.StringLiteralLike).text).join('/');
}

/** `__dirname`, `import.meta.dirname`, or `dirname(fileURLToPath(import.meta.url))`. */
function namesModuleFolder(expression: ts.Expression): boolean {
  if (ts.isIdentifier(expression)) return expression.text === '__dirname';
  const text = expression.getText();
  return text === 'import.meta.dirname' || /^(?:path\.)?dirname\((?:url\.)?fileURLToPath\(import\.meta\.url\)\)$/.test(text);
}

function readTopLevelStatement(statement: ts.Statement, syntax: ModuleSyntax): void {
  if (ts.isImportDeclaration(statement)) {
    readImport(statement, syntax);
  } else if (ts.isExportDeclaration(statement)) {
    readExportDeclaration(statement, syntax);
  } else if (ts.isImportEqualsDeclaration(statement)) {
    const reference = statement.moduleReference;
    if (!statement.isTypeOnly && ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression)) {
      syntax.dependencies.push({ specifier: reference.expression.text, kind: 'require' });
      syntax.imports.push({ local: statement.name.text, imported: '*', specifier: reference.expression.text });
    }
  } else if (ts.isExportAssignment(statement)) {
    if (ts.isIdentifier(statement.expression)) syntax.exports.push({ exported: 'default', local: statement.expression.text });
  } else if (hasExportModifier(statement)) {
    readExportedDeclaration(statement, syntax);
  }
}

function readImport(statement: ts.ImportDeclaration, syntax: ModuleSyntax): void {
  if (!ts.isStringLiteral(statement.moduleSpecifier)) return;
  const specifier = statement.moduleSpecifier.text;
  const clause = statement.importClause;
  if (!clause) {
    syntax.dependencies.push({ specifier, kind: 'import' });
    return;
  }
  if (clause.isTypeOnly) return;

  const bindings: ImportBinding[] = [];
  if (clause.name) bindings.push({ local: clause.name.text, imported: 'default', specifier });
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named)) {
    bindings.push({ local: named.name.text, imported: '*', specifier });
  } else if (named) {
    for (const element of named.elements) {
      if (element.isTypeOnly) continue;
      bindings.push({ local: element.name.text, imported: (element.propertyName ?? element.name).text, specifier });
    }
  }
  // `import { type A } from './a'` loads nothing once compiled, like `import type`.
  // NOTE: an import whose names are used only as types is kept here, although tsc removes it.
  const typeOnlyNames = named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((element) => element.isTypeOnly);
  if (bindings.length === 0 && (typeOnlyNames || !clause.name)) return;
  syntax.dependencies.push({ specifier, kind: 'import' });
  syntax.imports.push(...bindings);
}

function readExportDeclaration(statement: ts.ExportDeclaration, syntax: ModuleSyntax): void {
  if (statement.isTypeOnly) return;
  const specifier = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
  const clause = statement.exportClause;

  if (specifier !== undefined) {
    const elements = clause && ts.isNamedExports(clause) ? clause.elements.filter((element) => !element.isTypeOnly) : undefined;
    if (elements && elements.length === 0) return;
    syntax.dependencies.push({ specifier, kind: 'export' });
    if (!clause) {
      syntax.starExports.push(specifier);
    } else if (ts.isNamespaceExport(clause)) {
      syntax.exports.push({ exported: moduleExportName(clause.name), from: { specifier, imported: '*' } });
    } else {
      for (const element of elements ?? []) {
        syntax.exports.push({ exported: moduleExportName(element.name), from: { specifier, imported: moduleExportName(element.propertyName ?? element.name) } });
      }
    }
    return;
  }
  if (clause && ts.isNamedExports(clause)) {
    for (const element of clause.elements) {
      if (element.isTypeOnly) continue;
      syntax.exports.push({ exported: moduleExportName(element.name), local: moduleExportName(element.propertyName ?? element.name) });
    }
  }
}

function readExportedDeclaration(statement: ts.Statement, syntax: ModuleSyntax): void {
  const isDefault = ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword);
  if (ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations) {
      for (const name of boundNames(declaration.name)) syntax.exports.push({ exported: name, local: name });
    }
  } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
    syntax.exports.push({ exported: isDefault ? 'default' : statement.name.text, local: statement.name.text });
  }
}

/** `const { a, b: c } = require('./x')` binds `a` and `c`; `const x = require('./x')` binds the whole module. */
function readRequireBinding(call: ts.CallExpression, specifier: string, syntax: ModuleSyntax): void {
  const parent = call.parent;
  if (!ts.isVariableDeclaration(parent) || parent.initializer !== call || !ts.isSourceFile(parent.parent.parent.parent)) return;
  if (ts.isIdentifier(parent.name)) {
    syntax.imports.push({ local: parent.name.text, imported: '*', specifier });
    return;
  }
  if (!ts.isObjectBindingPattern(parent.name)) return;
  for (const element of parent.name.elements) {
    const key = element.propertyName ?? element.name;
    if (element.dotDotDotToken || !ts.isIdentifier(element.name) || !(ts.isIdentifier(key) || ts.isStringLiteral(key))) continue;
    syntax.imports.push({ local: element.name.text, imported: key.text, specifier });
  }
}

/** `exports.a = value`, `module.exports.a = value` and `module.exports = { a, b: c }` at the top level. */
function readCommonJsExport(assignment: ts.BinaryExpression, syntax: ModuleSyntax): void {
  if (!ts.isExpressionStatement(assignment.parent) || !ts.isSourceFile(assignment.parent.parent)) return;
  const target = assignment.left;
  if (isModuleExports(target) && ts.isObjectLiteralExpression(assignment.right)) {
    for (const property of assignment.right.properties) {
      if (ts.isShorthandPropertyAssignment(property)) syntax.exports.push({ exported: property.name.text, local: property.name.text });
      else if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && ts.isIdentifier(property.initializer)) {
        syntax.exports.push({ exported: property.name.text, local: property.initializer.text });
      }
    }
    return;
  }
  if (isModuleExports(target) && ts.isIdentifier(assignment.right)) {
    syntax.exports.push({ exported: 'default', local: assignment.right.text });
    return;
  }
  if (ts.isPropertyAccessExpression(target) && (isModuleExports(target.expression) || (ts.isIdentifier(target.expression) && target.expression.text === 'exports'))) {
    const value = assignment.right;
    syntax.exports.push(ts.isIdentifier(value) ? { exported: target.name.text, local: value.text } : { exported: target.name.text });
  }
}

function isModuleExports(node: ts.Node): boolean {
  return ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'module' && node.name.text === 'exports';
}

function hasExportModifier(statement: ts.Statement): boolean {
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
}

function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : boundNames(element.name)));
}

function moduleExportName(name: ts.ModuleExportName): string {
  return name.text;
}
