import createDebug from 'debug';
import type ts from 'typescript';
import { formatMessage } from '../../engine/detector.js';
import { fileContextFor, type FileContext, type ProcessRole } from '../../engine/file-context.js';
import { locationOf } from '../../engine/locations.js';
import { bindingReferences } from '../../engine/bindings.js';
import { findImportedBindingMutations, findModuleStateBindings, type StateBinding } from '../../engine/mutations.js';
import { classifyStateUse } from '../../engine/state-usage.js';
import { MESSAGE_ID_BY_USE, noModuleState } from '../../detections/no-module-state.js';
import { CATEGORY_CRITERION, type Finding } from '../../model.js';
import type { ModuleGraph } from './module-graph.js';
import { mayDeclareState } from './source-store.js';

const debug = createDebug('statelint:cross-file-state');

/** Bounds the re-export chain followed from an import to its declaration. */
const MAX_REEXPORT_DEPTH = 16;

/** The file and top-level name an export finally refers to, after re-exports and barrel files. */
export interface ExportOrigin {
  file: string;
  local: string;
}

/**
 * Follows an export through `export { x } from`, `export * from` and local `export { a as b }`
 * to the file that declares it. Returns `undefined` for exports of packages or unresolved files.
 */
export function exportOrigin(graph: ModuleGraph, file: string, exported: string, depth = 0, visited = new Set<string>()): ExportOrigin | undefined {
  const key = `${file}\0${exported}`;
  if (depth > MAX_REEXPORT_DEPTH || visited.has(key)) return undefined;
  visited.add(key);
  const syntax = graph.syntax.get(file);
  if (!syntax) return undefined;

  for (const binding of syntax.exports) {
    if (binding.exported !== exported) continue;
    if (binding.local !== undefined) {
      // `import { x } from './a'; export { x }` passes the import on.
      const imported = syntax.imports.find((entry) => entry.local === binding.local && entry.imported !== '*');
      if (imported) {
        const target = graph.resolve(file, imported.specifier);
        return target === undefined ? undefined : exportOrigin(graph, target, imported.imported, depth + 1, visited);
      }
      return { file, local: binding.local };
    }
    if (binding.from && binding.from.imported !== '*') {
      const target = graph.resolve(file, binding.from.specifier);
      return target === undefined ? undefined : exportOrigin(graph, target, binding.from.imported, depth + 1, visited);
    }
    return undefined;
  }
  if (exported === 'default') return undefined; // `export *` never passes on a default export.
  for (const specifier of syntax.starExports) {
    const target = graph.resolve(file, specifier);
    const origin = target === undefined ? undefined : exportOrigin(graph, target, exported, depth + 1, visited);
    if (origin) return origin;
  }
  return undefined;
}

/** Returns a lookup that builds the analysis context of a project file once, with its roles. */
export function fileContextCache(
  sourceFiles: ReadonlyMap<string, ts.SourceFile>,
  rolesOf: (file: string) => ReadonlySet<ProcessRole> | undefined,
): (file: string) => FileContext | undefined {
  const contexts = new Map<string, FileContext>();
  return (file) => {
    const sourceFile = sourceFiles.get(file);
    if (!sourceFile) return undefined;
    let context = contexts.get(file);
    if (!context) contexts.set(file, (context = fileContextFor(sourceFile, file, rolesOf(file))));
    return context;
  };
}

/**
 * Finds module-level state declared in one file and changed on a request path in another: a Map
 * exported by `state/presence.ts` and filled by a route in `routes/heartbeat.ts`. Only importers
 * that run in the web workers count. Each result is a `no-module-state` finding at the
 * declaration, with the changes in other files as related locations.
 */
export function findCrossFileState(
  graph: ModuleGraph,
  sourceFiles: ReadonlyMap<string, ts.SourceFile>,
  rolesOf: (file: string) => ReadonlySet<ProcessRole> | undefined,
): Finding[] {
  const contextOf = fileContextCache(sourceFiles, rolesOf);
  const bindingsByFile = new Map<string, StateBinding[]>();
  const stateBindingsOf = (file: string): StateBinding[] => {
    let bindings = bindingsByFile.get(file);
    if (!bindings) {
      const context = contextOf(file);
      bindings = context ? findModuleStateBindings(context).filter((binding) => !binding.owner) : [];
      bindingsByFile.set(file, bindings);
    }
    return bindings;
  };

  const findings = new Map<string, Finding>();
  for (const importer of [...graph.syntax.keys()].sort()) {
    if (!rolesOf(importer)?.has('web')) continue;
    const syntax = graph.syntax.get(importer)!;
    for (const imported of syntax.imports) {
      // NOTE: namespace imports and whole-module requires (`state.presence.set(...)`) are not followed.
      if (imported.imported === '*') continue;
      const target = graph.resolve(importer, imported.specifier);
      if (target === undefined) continue;
      const origin = exportOrigin(graph, target, imported.imported);
      if (!origin || origin.file === importer || !mayDeclareState(sourceFiles, origin.file, origin.local)) continue;
      const binding = stateBindingsOf(origin.file).find((candidate) => candidate.name === origin.local);
      if (!binding) continue;
      const importerContext = contextOf(importer);
      if (!importerContext) continue;

      const sites = findImportedBindingMutations(importerContext, imported.local, binding.kind);
      if (sites.length === 0) continue;
      debug('%s changes %s from %s at %d sites', importer, origin.local, origin.file, sites.length);
      const finding = findingFor(origin.file, binding, contextOf(origin.file)!, findings);
      for (const site of sites) {
        finding.related.push({ ...locationOf(importerContext.sourceFile, site.node, importer), message: `${binding.name} is changed here, in ${importer}, in code that runs per request.` });
      }
    }
  }
  return [...findings.values()];
}

function findingFor(file: string, binding: StateBinding, context: FileContext, findings: Map<string, Finding>): Finding {
  const key = `${file}\0${binding.name}`;
  const existing = findings.get(key);
  if (existing) return existing;
  const use = classifyStateUse(binding.name, bindingReferences(context, binding.name, binding.declaration));
  const messageId = MESSAGE_ID_BY_USE[use];
  const finding: Finding = {
    ruleId: noModuleState.id,
    criterion: CATEGORY_CRITERION[use],
    category: use,
    severity: 'error',
    messageId,
    message: formatMessage(noModuleState.messages[messageId], { name: binding.name }),
    ...locationOf(context.sourceFile, binding.nameNode, file),
    related: [],
  };
  findings.set(key, finding);
  return finding;
}

/**
 * Adds cross-file findings to the per-file ones. A declaration already reported by its own file
 * keeps that finding and gains the other files' changes as related locations.
 */
export function mergeCrossFileFindings(findings: readonly Finding[], crossFile: readonly Finding[]): Finding[] {
  const merged = findings.map((finding) => ({ ...finding, related: [...finding.related] }));
  for (const extra of crossFile) {
    const same = merged.find(
      (finding) => finding.ruleId === extra.ruleId && finding.file === extra.file && finding.start.line === extra.start.line && finding.start.column === extra.start.column,
    );
    if (same) same.related.push(...extra.related);
    else merged.push(extra);
  }
  return merged;
}
