import ts from 'typescript';
import type { FileContext } from '../engine/file-context.js';
import { CALL_RESULT, NEW_INSTANCE, type ModuleReference } from '../engine/references.js';
import type { CatalogEntry, SiteKind } from './types.js';

/** A node where an entry's export is used, before its condition is judged. */
export interface Candidate {
  entry: CatalogEntry;
  /** The call, `new` expression, decorator or property access that is the site. */
  node: ts.Node;
  /** The arguments the entry's `argument` indexes count from. */
  args: readonly ts.Expression[];
  /** The resolved reference of the site's value, such as `socket.io` `Server.new`, which instance method paths extend. */
  instance: ModuleReference;
}

interface EntryExport {
  entry: CatalogEntry;
  path: readonly string[];
}

/** The catalog's exports by site kind and module, built once per catalog. */
interface EntryIndex {
  byKind: ReadonlyMap<SiteKind, ReadonlyMap<string, readonly EntryExport[]>>;
  modules: ReadonlySet<string>;
  /** The modules of the `member` exports: a file that imports none of them has no member site. */
  memberModules: ReadonlySet<string>;
  /** The last property name of every `member` export, to select property accesses cheaply. */
  memberNames: ReadonlySet<string>;
}

const indexes = new WeakMap<readonly CatalogEntry[], EntryIndex>();

function indexOf(entries: readonly CatalogEntry[]): EntryIndex {
  const cached = indexes.get(entries);
  if (cached) return cached;

  const byKind = new Map<SiteKind, Map<string, EntryExport[]>>();
  const modules = new Set<string>();
  const memberModules = new Set<string>();
  const memberNames = new Set<string>();
  for (const entry of entries) {
    let byModule = byKind.get(entry.site.kind);
    if (!byModule) byKind.set(entry.site.kind, (byModule = new Map()));
    for (const exported of entry.site.exports) {
      modules.add(exported.module);
      let list = byModule.get(exported.module);
      if (!list) byModule.set(exported.module, (list = []));
      list.push({ entry, path: exported.path });
      const last = exported.path.at(-1);
      if (entry.site.kind === 'member' && last !== undefined) {
        memberModules.add(exported.module);
        memberNames.add(last);
      }
    }
  }
  const index: EntryIndex = { byKind, modules, memberModules, memberNames };
  indexes.set(entries, index);
  return index;
}

function matchingEntries(index: EntryIndex, kind: SiteKind, reference: ModuleReference | undefined): CatalogEntry[] {
  if (!reference) return [];
  const exports = index.byKind.get(kind)?.get(reference.module) ?? [];
  return exports.filter((exported) => samePath(exported.path, reference.path)).map((exported) => exported.entry);
}

/** `new` entries whose export may be called without `new`: `require('socket.io')(httpServer)`. */
function entriesCalledWithoutNew(index: EntryIndex, reference: ModuleReference | undefined): CatalogEntry[] {
  return matchingEntries(index, 'new', reference).filter((entry) => entry.site.calledWithoutNew);
}

function samePath(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((segment, position) => segment === right[position]);
}

function importsAny(file: FileContext, modules: ReadonlySet<string>): boolean {
  for (const module of file.syntax.importedModules) {
    if (modules.has(module)) return true;
  }
  return false;
}

/**
 * Finds every use of a catalogued export in a file, in source order. A file that imports none of
 * the catalog's modules is skipped without resolving anything, since every reference resolves to
 * a module the file imports.
 */
export function findCandidates(file: FileContext, entries: readonly CatalogEntry[]): Candidate[] {
  const index = indexOf(entries);
  if (!importsAny(file, index.modules)) return [];

  const { references } = file;
  const candidates: Candidate[] = [];
  const addEntries = (matched: readonly CatalogEntry[], node: ts.Node, args: readonly ts.Expression[], instance: () => ModuleReference): void => {
    for (const entry of matched) candidates.push({ entry, node, args, instance: instance() });
  };
  const add = (kind: SiteKind, reference: ModuleReference | undefined, node: ts.Node, args: readonly ts.Expression[], instance: () => ModuleReference): void => {
    addEntries(matchingEntries(index, kind, reference), node, args, instance);
  };

  const hasCalls = index.byKind.has('call') || index.byKind.has('new');
  const hasPlugins = index.byKind.has('plugin');
  for (const call of file.syntax.calls) {
    if (hasCalls) {
      const callee = references.resolve(call.expression);
      const result = (): ModuleReference => ({ module: callee!.module, path: [...callee!.path, CALL_RESULT] });
      add('call', callee, call, call.arguments, result);
      addEntries(entriesCalledWithoutNew(index, callee), call, call.arguments, result);
    }
    if (hasPlugins && isRegisterCall(call)) {
      const plugin = references.resolve(call.arguments[0]!);
      add('plugin', plugin, call, call.arguments, () => plugin!);
    }
  }
  const exported = hasPlugins ? pluginExportedForAutoload(file.sourceFile) : undefined;
  if (exported) {
    const plugin = references.resolve(exported.args[0]!);
    add('plugin', plugin, exported.node, exported.args, () => plugin!);
  }

  if (index.byKind.has('new')) {
    for (const construction of file.syntax.constructions) {
      const constructed = references.resolve(construction.expression);
      add('new', constructed, construction, construction.arguments ?? [], () => ({ module: constructed!.module, path: [...constructed!.path, NEW_INSTANCE] }));
    }
  }

  if (index.byKind.has('decorator')) {
    for (const decorator of file.syntax.decorators) {
      const expression = decorator.expression;
      const target = ts.isCallExpression(expression) ? expression.expression : expression;
      const args = ts.isCallExpression(expression) ? expression.arguments : [];
      const decorating = references.resolve(target);
      add('decorator', decorating, decorator, args, () => decorating!);
    }
  }

  if (index.memberNames.size > 0 && importsAny(file, index.memberModules)) {
    for (const access of propertyAccessesNamed(file.sourceFile, index.memberNames)) {
      const read = references.resolve(access);
      add('member', read, access, [], () => read!);
    }
  }

  return keepFirstInFile(sortBySource(candidates));
}

/**
 * `export default fastifyRateLimit`, with its options in `export const autoConfig`: a module that
 * `@fastify/autoload` registers with those options, as `fastify.register(plugin, options)` would.
 * `args` contains the plugin and, when the module exports one, the options: the object `autoConfig`
 * is, or returns, or else the `autoConfig` expression itself, which is then not judged.
 */
function pluginExportedForAutoload(sourceFile: ts.SourceFile): { node: ts.Node; args: readonly ts.Expression[] } | undefined {
  const exported = sourceFile.statements.find((statement): statement is ts.ExportAssignment => ts.isExportAssignment(statement) && !statement.isExportEquals);
  if (!exported || !ts.isIdentifier(exported.expression)) return undefined;
  const options = autoConfigOf(sourceFile);
  return { node: exported, args: options ? [exported.expression, options] : [exported.expression] };
}

function autoConfigOf(sourceFile: ts.SourceFile): ts.Expression | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) continue;
    const declaration = statement.declarationList.declarations.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === 'autoConfig');
    const value = declaration?.initializer;
    if (!value) continue;
    if (!ts.isArrowFunction(value) && !ts.isFunctionExpression(value)) return value;
    if (!ts.isBlock(value.body)) return skipParentheses(value.body);
    const returned = value.body.statements.find((inner): inner is ts.ReturnStatement => ts.isReturnStatement(inner));
    return returned?.expression ? skipParentheses(returned.expression) : value;
  }
  return undefined;
}

function skipParentheses(expression: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(expression) ? skipParentheses(expression.expression) : expression;
}

/** `fastify.register(plugin, options)`, `app.register(...)`. */
function isRegisterCall(call: ts.CallExpression): boolean {
  return ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'register' && call.arguments.length >= 1;
}

const accessesByFile = new WeakMap<ts.SourceFile, Map<string, ts.PropertyAccessExpression[]>>();

/** Property accesses whose name is one of `names`, collected in one walk per file. */
function propertyAccessesNamed(sourceFile: ts.SourceFile, names: ReadonlySet<string>): ts.PropertyAccessExpression[] {
  const wanted = [...names].filter((name) => sourceFile.text.includes(name));
  if (wanted.length === 0) return [];

  let byName = accessesByFile.get(sourceFile);
  if (!byName) {
    const collected = new Map<string, ts.PropertyAccessExpression[]>();
    const stack: ts.Node[] = [sourceFile];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (ts.isPropertyAccessExpression(node)) {
        const name = node.name.text;
        let list = collected.get(name);
        if (!list) collected.set(name, (list = []));
        list.push(node);
      }
      ts.forEachChild(node, (child) => {
        stack.push(child);
      });
    }
    accessesByFile.set(sourceFile, (byName = collected));
  }
  return wanted.flatMap((name) => byName.get(name) ?? []);
}

function sortBySource(candidates: Candidate[]): Candidate[] {
  return candidates.sort((left, right) => left.node.getStart() - right.node.getStart() || left.node.getEnd() - right.node.getEnd());
}

function keepFirstInFile(candidates: Candidate[]): Candidate[] {
  const seen = new Set<CatalogEntry>();
  return candidates.filter((candidate) => {
    if (!candidate.entry.site.firstInFile) return true;
    if (seen.has(candidate.entry)) return false;
    seen.add(candidate.entry);
    return true;
  });
}
