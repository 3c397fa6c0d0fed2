import ts from 'typescript';
import { enclosingFunction } from './execution.js';
import type { FileContext } from './file-context.js';
import { skipOuterExpressions } from './references.js';

/** React hooks whose callback runs after the component has rendered in the browser, never during server rendering. */
const EFFECT_HOOKS = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect']);

/** React hooks whose callback runs while rendering, so also on the server. */
const RENDER_HOOKS = new Set(['useMemo', 'useState', 'useReducer']);

/** Custom hook names, as eslint-plugin-react-hooks recognises them: `use` and a capital letter or digit. */
const HOOK_NAME = /^use[A-Z0-9]/;

const importsReactByFile = new WeakMap<ts.SourceFile, boolean>();

/**
 * Returns true for a function that React runs only in the browser: a callback of `useEffect` or
 * `useLayoutEffect`, or a function declared inside a custom hook (`useLocale`), such as an event
 * handler it returns or a loader an effect calls. Server rendering runs the hook's own body and
 * the callbacks of `useMemo`, `useState` and `useReducer`, but none of these. The functions of a
 * ProseMirror plugin, which an editor calls, count as browser code too (see `isEditorPluginCode`).
 */
export function runsOnlyInBrowser(fn: ts.SignatureDeclaration, file: FileContext): boolean {
  if (isEditorPluginCode(fn, file)) return true;
  if (!importsReact(file.sourceFile)) return false;
  if (isEffectCallback(fn, file)) return true;

  // Climb to the function declared at the top level; `nested` is the one just inside it.
  // NOTE: a helper that the hook's body calls while rendering runs on the server too, but is taken as browser code.
  let nested: ts.SignatureDeclaration = fn;
  for (let outer = enclosingFunction(fn); outer; nested = outer, outer = enclosingFunction(outer)) {
    if (enclosingFunction(outer) !== undefined) continue;
    const name = topLevelFunctionName(outer);
    return name !== undefined && HOOK_NAME.test(name) && !isHookArgument(nested, RENDER_HOOKS, file);
  }
  return false;
}

function isEffectCallback(fn: ts.SignatureDeclaration, file: FileContext): boolean {
  return isHookArgument(fn, EFFECT_HOOKS, file);
}

/** `hook(fn, ...)` where `hook` is one of `hooks`, imported from react. */
function isHookArgument(fn: ts.SignatureDeclaration, hooks: ReadonlySet<string>, file: FileContext): boolean {
  let outer: ts.Node = fn;
  while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const call = outer.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== outer) return false;
  const reference = file.references.resolve(skipOuterExpressions(call.expression));
  const hook = reference?.path.at(-1);
  return reference?.module === 'react' && reference.path.length === 1 && hook !== undefined && hooks.has(hook);
}

function topLevelFunctionName(fn: ts.SignatureDeclaration): string | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name?.text;
  let outer: ts.Node = fn;
  while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const declaration = outer.parent;
  return ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
}

function importsReact(sourceFile: ts.SourceFile): boolean {
  let imports = importsReactByFile.get(sourceFile);
  if (imports === undefined) {
    imports = sourceFile.statements.some(
      (statement) => ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === 'react',
    );
    importsReactByFile.set(sourceFile, imports);
  }
  return imports;
}

/** Modules that export ProseMirror's `Plugin` class: prosemirror-state itself and Tiptap's re-export of it. */
const PROSEMIRROR_STATE_MODULES: ReadonlySet<string> = new Set(['prosemirror-state', '@tiptap/pm/state']);

/** Properties of a plugin spec whose object holds further functions the editor calls. */
const NESTED_SPEC_PROPERTIES = new Set(['state', 'props']);

const importsProsemirrorByFile = new WeakMap<ts.SourceFile, boolean>();

/**
 * Returns true for a function of a ProseMirror plugin spec, `new Plugin({ state: { apply }, view,
 * props })`, or a function declared inside one. An editor calls them as it applies transactions
 * and draws its view, which happens in the browser.
 * NOTE: a server that mounts an `EditorView` under JSDOM, to render a document to HTML, runs
 * these functions too, and module state they change is then not reported.
 */
export function isEditorPluginCode(fn: ts.SignatureDeclaration, file: FileContext): boolean {
  if (!importsProsemirrorState(file.sourceFile)) return false;
  for (let current: ts.SignatureDeclaration | undefined = fn; current; current = enclosingFunction(current)) {
    if (isPluginSpecFunction(current, file)) return true;
  }
  return false;
}

function isPluginSpecFunction(fn: ts.SignatureDeclaration, file: FileContext): boolean {
  let member: ts.Node = fn;
  if (!ts.isMethodDeclaration(fn)) {
    member = outermost(fn);
    if (!ts.isPropertyAssignment(member.parent)) return false;
    member = member.parent;
  }
  let spec = member.parent;
  if (!ts.isObjectLiteralExpression(spec)) return false;
  const nested = outermost(spec).parent;
  if (ts.isPropertyAssignment(nested) && ts.isIdentifier(nested.name) && NESTED_SPEC_PROPERTIES.has(nested.name.text)) spec = nested.parent;
  const construction = outermost(spec).parent;
  if (!ts.isNewExpression(construction) || construction.arguments?.[0] !== outermost(spec)) return false;
  const constructed = file.references.resolve(skipOuterExpressions(construction.expression));
  return constructed !== undefined && PROSEMIRROR_STATE_MODULES.has(constructed.module) && constructed.path.length === 1 && constructed.path[0] === 'Plugin';
}

function outermost(node: ts.Node): ts.Node {
  let outer = node;
  while (ts.isParenthesizedExpression(outer.parent) || ts.isAsExpression(outer.parent) || ts.isSatisfiesExpression(outer.parent)) outer = outer.parent;
  return outer;
}

function importsProsemirrorState(sourceFile: ts.SourceFile): boolean {
  let imports = importsProsemirrorByFile.get(sourceFile);
  if (imports === undefined) {
    imports = sourceFile.statements.some(
      (statement) => ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && PROSEMIRROR_STATE_MODULES.has(statement.moduleSpecifier.text),
    );
    importsProsemirrorByFile.set(sourceFile, imports);
  }
  return imports;
}
