import createDebug from 'debug';
import type ts from 'typescript';
import type { ProcessRole } from '../../engine/file-context.js';
import { parseSource } from '../../engine/parse.js';
import type { DeploymentFacts, Entrypoint } from '../../model.js';
import { findDeploymentFacts } from './deployment.js';
import { findDeclaredEntrypoints, reachedProcessSignal, sortEntrypoints, type ContentSignal, type EntrypointOverride } from './entrypoints.js';
import { buildModuleGraph, propagateRoles, type ModuleGraph } from './module-graph.js';
import { summarizeModule, type ModuleSummary } from './module-summary.js';
import { compareCodeUnits, ProjectFiles, type TsconfigProblem } from './project-files.js';

const debug = createDebug('statelint:project-model');

export interface ProjectModelOptions {
  /** Entrypoints declared by hand. Each replaces what was found for the same file. */
  entrypoints?: readonly EntrypointOverride[];
  /** When false, only the entrypoints declared by hand are used. Defaults to true. */
  detectEntrypoints?: boolean;
  /** Files already parsed by the caller, by repository-relative path, so that none is parsed twice. */
  sourceFiles?: ReadonlyMap<string, ts.SourceFile>;
  /**
   * The summary of every file, in the order of `files`, read by the caller while each syntax tree
   * was at hand. With them, the model keeps `sourceFiles` as given and only its passes across
   * files request a tree from it, so `sourceFiles` may parse on request (see `SourceStore`).
   */
  summaries?: ReadonlyMap<string, ModuleSummary>;
  /**
   * Repository-relative folders searched for configuration and deployment files. Defaults to the
   * whole root; the CLI passes the project folder of each scanned path (see `projectFolderOf`).
   */
  configRoots?: readonly string[];
}

/** The processes that load each file, and the deployment facts about scaling. */
export interface ProjectModel {
  entrypoints: Entrypoint[];
  /** The roles of each reached file. */
  rolesByFile: ReadonlyMap<string, ReadonlySet<ProcessRole>>;
  /** Files no entrypoint reaches, sorted. They are listed in the report and not scored. */
  unreached: string[];
  /**
   * False when no entrypoint was found at all. The model then has no opinion, and every file
   * keeps the default roles of `defaultRolesFor` instead of being unreached.
   */
  hasEntrypoints: boolean;
  deployment: DeploymentFacts;
  /** tsconfig files that could not be read as written, each named with TypeScript's reason. */
  tsconfigProblems: readonly TsconfigProblem[];
  graph: ModuleGraph;
  sourceFiles: ReadonlyMap<string, ts.SourceFile>;
}

/**
 * Test files and test helpers: a `test`, `tests`, `__tests__`, `__mocks__`, `e2e` or `spec`
 * folder, or a `*.test.*` or `*.spec.*` name. A server they start serves a test run, not a
 * deployed process, so their code does not make them entrypoints.
 */
const TEST_FILE = /(?:^|\/)(?:tests?|__tests__|__mocks__|e2e|spec)\/|\.(?:test|spec)\.[cm]?[jt]sx?$/;

/**
 * Builds the project model of a checkout. `files` are the repository-relative POSIX paths the
 * scan analyses; configuration files (package.json, Procfile, Dockerfile, manifests) are read
 * from `root`. Nothing in the project is executed.
 */
export function buildProjectModel(root: string, files: readonly string[], options: ProjectModelOptions = {}): ProjectModel {
  const project = new ProjectFiles(root, files, options.configRoots);
  const sourceFiles = options.summaries && options.sourceFiles ? options.sourceFiles : parseFiles(project, files, options.sourceFiles);
  const summaries = options.summaries ?? summarizeFiles(sourceFiles);
  const graph = buildModuleGraph(project, new Map([...summaries].map(([file, summary]) => [file, summary.syntax])));
  const signalOf = (file: string): ContentSignal | undefined => summaries.get(file)?.signal;

  const overrides = options.entrypoints ?? [];
  const overridden = new Set(overrides.map((override) => override.file));
  const entrypoints: Entrypoint[] = overrides.map((override) => ({ file: override.file, role: override.role, source: 'config', declaredIn: 'statelint configuration', detail: `role: ${override.role}` }));
  if (options.detectEntrypoints !== false) {
    const reachedSignalOf = (file: string): ContentSignal | undefined => reachedProcessSignal(file, graph.dependencies, signalOf);
    entrypoints.push(...findDeclaredEntrypoints(project, signalOf, reachedSignalOf).filter((entrypoint) => !overridden.has(entrypoint.file)));
    // A file whose code starts a server or a Nest context is an entrypoint of its own, unless a
    // declared process already loads it (then it is a module of that process).
    const reached = propagateRoles(graph, entrypoints);
    for (const file of [...summaries.keys()].sort(compareCodeUnits)) {
      if (reached.has(file) || overridden.has(file) || TEST_FILE.test(file)) continue;
      const signal = signalOf(file);
      if (signal) entrypoints.push({ file, role: signal.role, source: signal.source, declaredIn: file, detail: signal.detail });
    }
  }

  const rolesByFile = propagateRoles(graph, entrypoints);
  const unreached = [...summaries.keys()].filter((file) => !rolesByFile.has(file)).sort(compareCodeUnits);
  debug('%d entrypoints, %d files reached, %d unreached', entrypoints.length, rolesByFile.size, unreached.length);
  return {
    entrypoints: sortEntrypoints(entrypoints),
    rolesByFile,
    unreached,
    hasEntrypoints: entrypoints.length > 0,
    deployment: findDeploymentFacts(project, [...summaries.values()].map((summary) => summary.longPolling), entrypoints),
    tsconfigProblems: project.tsconfigProblems,
    graph,
    sourceFiles,
  };
}

/** Parses the files that `parsed` does not contain, keeping the order of `files`. */
function parseFiles(project: ProjectFiles, files: readonly string[], parsed: ReadonlyMap<string, ts.SourceFile> | undefined): Map<string, ts.SourceFile> {
  const sourceFiles = new Map<string, ts.SourceFile>();
  for (const file of files) {
    const sourceFile = parsed?.get(file);
    if (sourceFile) {
      sourceFiles.set(file, sourceFile);
      continue;
    }
    const text = project.read(file);
    if (text !== undefined) sourceFiles.set(file, parseSource(file, text));
  }
  return sourceFiles;
}

function summarizeFiles(sourceFiles: ReadonlyMap<string, ts.SourceFile>): Map<string, ModuleSummary> {
  return new Map([...sourceFiles].map(([file, sourceFile]) => [file, summarizeModule(file, sourceFile)]));
}
