import createDebug from 'debug';
import picomatch from 'picomatch';
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';
import type { ProcessRole } from '../../engine/file-context.js';
import type { ModuleSyntax } from './module-syntax.js';
import { compareCodeUnits, folderOf, isRecord, joinPath, type ProjectFiles } from './project-files.js';
import { sourceFileFor } from './source-paths.js';

const debug = createDebug('statelint:module-graph');

/** A file that starts a process, with the role of that process. */
export interface RootFile {
  file: string;
  role: ProcessRole;
}

/**
 * The project files each file loads. Edges cover ESM imports and re-exports, CommonJS
 * `require`, `import x = require()`, `import()` with a string literal and the folders that
 * `@fastify/autoload` registers. Type-only imports are left out because they load nothing at
 * run time.
 */
export interface ModuleGraph {
  readonly syntax: ReadonlyMap<string, ModuleSyntax>;
  /** The project files each file loads, sorted. */
  readonly dependencies: ReadonlyMap<string, readonly string[]>;
  /** Returns the project file a specifier in `file` loads, or `undefined` for packages and unresolved specifiers. */
  resolve(file: string, specifier: string): string | undefined;
}

/** Condition names tried in order when a workspace package's `exports` has several; source first. */
const EXPORT_CONDITIONS = ['source', 'development', 'import', 'node', 'require', 'module', 'default', 'types'];

/** Builds the graph from each file's module syntax, read with `readModuleSyntax`. */
export function buildModuleGraph(project: ProjectFiles, syntax: ReadonlyMap<string, ModuleSyntax>): ModuleGraph {
  const resolver = new ModuleResolver(project);
  // The passes across files resolve the same imports again for every binding they follow.
  const resolved = new Map<string, string | undefined>();
  const resolve = (file: string, specifier: string): string | undefined => {
    const key = `${file}\0${specifier}`;
    if (resolved.has(key)) return resolved.get(key);
    const target = resolver.resolve(file, specifier);
    resolved.set(key, target);
    return target;
  };
  const dependencies = new Map<string, string[]>();
  for (const [file, moduleSyntax] of syntax) {
    const targets = new Set<string>();
    for (const dependency of moduleSyntax.dependencies) {
      const target = resolve(file, dependency.specifier);
      if (target !== undefined && target !== file) targets.add(target);
    }
    for (const folder of moduleSyntax.loadedFolders) {
      for (const target of sourceFilesUnder(syntax, joinPath(folderOf(file), folder))) targets.add(target);
    }
    dependencies.set(file, [...targets].sort(compareCodeUnits));
  }
  return { syntax, dependencies, resolve };
}

const INDEX_FILE = /^index\.[cm]?[jt]s$/;

/**
 * Lists the modules that `@fastify/autoload` registers from a folder: every script in it and its
 * subfolders, but only the index file of a folder that has one, as its README for version 6 describes.
 * Declaration files are skipped, as the loader does, and so are `*.test.*` and `*.spec.*` files,
 * taken to be tests kept beside the code.
 */
function sourceFilesUnder(sourceFiles: ReadonlyMap<string, unknown>, folder: string): string[] {
  const prefix = folder === '' ? '' : `${folder}/`;
  const inside = [...sourceFiles.keys()].filter((file) => file.startsWith(prefix) && !/\.d\.[cm]?ts$|\.(?:test|spec)\.[cm]?[jt]sx?$/.test(file));
  const foldersWithIndex = new Set(inside.filter((file) => INDEX_FILE.test(file.split('/').at(-1)!)).map(folderOf));
  return inside.filter((file) => !foldersWithIndex.has(folderOf(file)) || INDEX_FILE.test(file.split('/').at(-1)!));
}

/** Returns the roles that reach each file, following the graph from every root. Unreached files are absent. */
export function propagateRoles(graph: ModuleGraph, roots: readonly RootFile[]): Map<string, Set<ProcessRole>> {
  const roles = new Map<string, Set<ProcessRole>>();
  for (const role of ['web', 'worker', 'script'] as const) {
    const queue = roots.filter((root) => root.role === role).map((root) => root.file);
    while (queue.length > 0) {
      const file = queue.pop()!;
      let fileRoles = roles.get(file);
      if (!fileRoles) roles.set(file, (fileRoles = new Set()));
      if (fileRoles.has(role)) continue;
      fileRoles.add(role);
      queue.push(...(graph.dependencies.get(file) ?? []));
    }
  }
  return roles;
}

/**
 * Resolves module specifiers the way TypeScript does (tsconfig `paths`, package `exports` and
 * `imports`, `.js` specifiers that name `.ts` files), plus workspace packages of a monorepo, which
 * resolve to their folder even when node_modules is not installed.
 */
class ModuleResolver {
  readonly #project: ProjectFiles;
  readonly #workspaces: ReadonlyMap<string, string>;
  readonly #caches = new Map<string, ts.ModuleResolutionCache>();
  readonly #host: ts.ModuleResolutionHost = {
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    directoryExists: ts.sys.directoryExists,
    realpath: ts.sys.realpath,
    getCurrentDirectory: () => this.#project.root,
  };

  constructor(project: ProjectFiles) {
    this.#project = project;
    this.#workspaces = findWorkspacePackages(project);
  }

  resolve(file: string, specifier: string): string | undefined {
    if (specifier.startsWith('node:')) return undefined;
    const workspace = this.#resolveWorkspace(specifier);
    if (workspace !== undefined) return workspace;

    const config = this.#project.tsconfigFor(folderOf(file));
    const options = resolutionOptions(config?.options);
    const cacheKey = config?.folder ?? '';
    let cache = this.#caches.get(cacheKey);
    if (!cache) {
      cache = ts.createModuleResolutionCache(this.#project.root, (name) => name, options);
      this.#caches.set(cacheKey, cache);
    }
    const mode = /\.c[jt]s$/.test(file) ? ts.ModuleKind.CommonJS : undefined;
    const resolved = ts.resolveModuleName(specifier, this.#project.absolute(file), options, this.#host, cache, undefined, mode).resolvedModule;
    if (!resolved) {
      if (specifier.startsWith('.')) debug('cannot resolve %s from %s', specifier, file);
      return undefined;
    }
    const relative = this.#project.relative(resolved.resolvedFileName);
    if (relative === undefined || relative.split('/').includes('node_modules')) return undefined;
    // TypeScript prefers `x.d.ts` to `x.js` in the same folder, but at run time Node loads `x.js`.
    const implementation = relative.replace(/\.d\.([cm]?)ts$/, '.$1js');
    if (implementation !== relative && this.#project.sourceFiles.has(implementation)) return implementation;
    return this.#project.sourceFiles.has(relative) ? relative : sourceFileFor(this.#project, relative);
  }

  #resolveWorkspace(specifier: string): string | undefined {
    for (const [name, folder] of this.#workspaces) {
      if (specifier !== name && !specifier.startsWith(`${name}/`)) continue;
      const subpath = specifier === name ? '.' : `./${specifier.slice(name.length + 1)}`;
      const manifest = this.#project.readJson(joinPath(folder, 'package.json'));
      for (const target of packageTargets(isRecord(manifest) ? manifest : {}, subpath)) {
        const found = sourceFileFor(this.#project, target, folder);
        if (found) return found;
      }
      debug('cannot resolve workspace import %s in %s', specifier, folder);
      return undefined;
    }
    return undefined;
  }
}

/** Bundler resolution unless the project's tsconfig sets Node16 or NodeNext; `.js` files resolve too. */
function resolutionOptions(options: ts.CompilerOptions | undefined): ts.CompilerOptions {
  const kind = options?.moduleResolution;
  const nodeResolution = kind === ts.ModuleResolutionKind.Node16 || kind === ts.ModuleResolutionKind.NodeNext;
  return {
    ...options,
    allowJs: true,
    moduleResolution: nodeResolution ? kind : ts.ModuleResolutionKind.Bundler,
    module: nodeResolution ? ts.ModuleKind.NodeNext : ts.ModuleKind.ESNext,
    noEmit: true,
  };
}

/** The files a package subpath may name, most likely source first. */
function packageTargets(manifest: Record<string, unknown>, subpath: string): string[] {
  const exportsField = manifest.exports;
  if (exportsField !== undefined) {
    const entry = exportEntry(exportsField, subpath);
    return entry === undefined ? [] : conditionTargets(entry);
  }
  if (subpath !== '.') return [subpath.slice(2)];
  return ['source', 'module', 'main', 'types']
    .map((field) => manifest[field])
    .filter((value): value is string => typeof value === 'string')
    .concat(['index']);
}

function exportEntry(exportsField: unknown, subpath: string): unknown {
  if (typeof exportsField === 'string' || Array.isArray(exportsField)) return subpath === '.' ? exportsField : undefined;
  if (!isRecord(exportsField)) return undefined;
  const keys = Object.keys(exportsField);
  if (!keys.some((key) => key.startsWith('.'))) return subpath === '.' ? exportsField : undefined;
  if (subpath in exportsField) return exportsField[subpath];
  for (const key of keys) {
    const star = key.indexOf('*');
    if (star === -1) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length - 1) {
      const matched = subpath.slice(prefix.length, subpath.length - suffix.length);
      return replaceStar(exportsField[key], matched);
    }
  }
  return undefined;
}

function replaceStar(value: unknown, matched: string): unknown {
  if (typeof value === 'string') return value.replaceAll('*', matched);
  if (Array.isArray(value)) return value.map((item) => replaceStar(item, matched));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceStar(item, matched)]));
  return value;
}

function conditionTargets(entry: unknown): string[] {
  if (typeof entry === 'string') return [entry];
  if (Array.isArray(entry)) return entry.flatMap(conditionTargets);
  if (!isRecord(entry)) return [];
  const known = EXPORT_CONDITIONS.filter((condition) => condition in entry);
  const others = Object.keys(entry).filter((condition) => !EXPORT_CONDITIONS.includes(condition));
  return [...known, ...others].flatMap((condition) => conditionTargets(entry[condition]));
}

/**
 * Returns the workspace packages of a monorepo by name, from the root package.json `workspaces`
 * (npm, Yarn) or pnpm-workspace.yaml `packages`.
 */
export function findWorkspacePackages(project: ProjectFiles): Map<string, string> {
  const patterns = workspacePatterns(project);
  const packages = new Map<string, string>();
  if (patterns.length === 0) return packages;
  const included = patterns.filter((pattern) => !pattern.startsWith('!')).map((pattern) => pattern.replace(/^\.\//, '').replace(/\/$/, ''));
  const excluded = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1).replace(/^\.\//, '').replace(/\/$/, ''));
  const isIncluded = picomatch(included);
  const isExcluded = excluded.length > 0 ? picomatch(excluded) : () => false;

  for (const path of project.configFiles()) {
    if (!path.endsWith('/package.json')) continue;
    const folder = folderOf(path);
    if (!isIncluded(folder) || isExcluded(folder)) continue;
    const manifest = project.readJson(path);
    if (isRecord(manifest) && typeof manifest.name === 'string') packages.set(manifest.name, folder);
  }
  return packages;
}

function workspacePatterns(project: ProjectFiles): string[] {
  const manifest = project.readJson('package.json');
  const workspaces = isRecord(manifest) ? manifest.workspaces : undefined;
  const fromManifest = Array.isArray(workspaces) ? workspaces : isRecord(workspaces) && Array.isArray(workspaces.packages) ? workspaces.packages : [];
  const pnpmText = project.read('pnpm-workspace.yaml');
  let fromPnpm: unknown[] = [];
  if (pnpmText !== undefined) {
    try {
      const pnpm: unknown = parseYaml(pnpmText);
      if (isRecord(pnpm) && Array.isArray(pnpm.packages)) fromPnpm = pnpm.packages;
    } catch (error) {
      debug('invalid pnpm-workspace.yaml: %s', (error as Error).message);
    }
  }
  return [...fromManifest, ...fromPnpm].filter((pattern): pattern is string => typeof pattern === 'string');
}
