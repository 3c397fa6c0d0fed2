import createDebug from 'debug';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

const debug = createDebug('statelint:project-files');

/** Folders never searched for configuration: installed packages, build output, caches. */
const IGNORED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.next', '.nuxt', '.cache', '.turbo', '.vercel', '.serverless', 'out', 'tmp', '.idea', '.vscode']);

/** Bounds on the configuration search, so that a huge checkout cannot stall the model. */
const MAX_CONFIG_DEPTH = 8;
const MAX_CONFIG_ENTRIES = 50_000;

/**
 * A tsconfig.json that could not be read as written. Module resolution then falls back to the
 * options of the parent folders, so path aliases in it may not resolve and process roles may miss
 * files.
 */
export interface TsconfigProblem {
  /** Repository-relative POSIX path of the tsconfig.json. */
  file: string;
  /** `error` when the file is not valid JSON at all; `warning` when only part of it was read. */
  severity: 'error' | 'warning';
  /** TypeScript's own message, with absolute paths made relative to the root. */
  reason: string;
  line?: number;
  column?: number;
}

/** TypeScript's "No inputs were found in config file": expected, since no files are listed here. */
const NO_INPUTS_FOUND = 18003;

/** Compiler options that decide where output goes and how specifiers resolve. */
export interface TsConfig {
  /** Repository-relative POSIX folder of the tsconfig.json. */
  folder: string;
  options: ts.CompilerOptions;
}

/**
 * Read access to one project checkout: its source files (the list the scan analyses) and the
 * configuration files beside them. Paths are repository-relative with `/` separators.
 */
export class ProjectFiles {
  readonly root: string;
  readonly sourceFiles: ReadonlySet<string>;
  #configFiles: string[] | undefined;
  readonly #texts = new Map<string, string | undefined>();
  readonly #tsconfigs = new Map<string, TsConfig | undefined>();
  /** Problems met while reading tsconfig files, in the order they were read. */
  readonly tsconfigProblems: TsconfigProblem[] = [];

  /** Repository-relative folders searched for configuration files; `''` is the root. */
  readonly configRoots: readonly string[];

  constructor(root: string, sourceFiles: Iterable<string>, configRoots: readonly string[] = ['']) {
    this.root = root;
    this.sourceFiles = new Set(sourceFiles);
    this.configRoots = outermostFolders(configRoots);
  }

  absolute(path: string): string {
    return join(this.root, ...path.split('/'));
  }

  /** Returns a file's text, or `undefined` when it is missing or unreadable. */
  read(path: string): string | undefined {
    if (this.#texts.has(path)) return this.#texts.get(path);
    let text: string | undefined;
    try {
      text = readFileSync(this.absolute(path), 'utf8');
    } catch (error) {
      debug('cannot read %s: %s', path, (error as NodeJS.ErrnoException).code ?? error);
    }
    this.#texts.set(path, text);
    return text;
  }

  /** Returns a JSON file's value, or `undefined` when it is missing or not valid JSON. */
  readJson(path: string): unknown {
    const text = this.read(path);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text);
    } catch (error) {
      debug('invalid JSON in %s: %s', path, (error as Error).message);
      return undefined;
    }
  }

  isFile(path: string): boolean {
    if (this.sourceFiles.has(path)) return true;
    try {
      return statSync(this.absolute(path)).isFile();
    } catch {
      return false;
    }
  }

  isDirectory(path: string): boolean {
    try {
      return statSync(this.absolute(path)).isDirectory();
    } catch {
      return false;
    }
  }

  /**
   * Lists every file under the configuration roots outside installed packages and build output,
   * sorted. Configuration such as a Procfile, Kubernetes manifests or nginx.conf is found here;
   * source files come from the scan.
   */
  configFiles(): readonly string[] {
    if (this.#configFiles) return this.#configFiles;
    const found: string[] = [];
    let entries = 0;
    const walk = (folder: string, depth: number): void => {
      if (depth > MAX_CONFIG_DEPTH || entries > MAX_CONFIG_ENTRIES) return;
      let children: import('node:fs').Dirent[];
      try {
        children = readdirSync(folder === '' ? this.root : this.absolute(folder), { withFileTypes: true });
      } catch {
        return;
      }
      for (const child of children) {
        entries++;
        const path = folder === '' ? child.name : `${folder}/${child.name}`;
        if (child.isDirectory()) {
          if (!IGNORED_FOLDERS.has(child.name)) walk(path, depth + 1);
        } else if (child.isFile() && !this.sourceFiles.has(path)) {
          found.push(path);
        }
      }
    };
    for (const configRoot of this.configRoots) walk(configRoot, 0);
    if (entries > MAX_CONFIG_ENTRIES) debug('configuration search stopped after %d entries', MAX_CONFIG_ENTRIES);
    this.#configFiles = found.sort(compareCodeUnits);
    return this.#configFiles;
  }

  /** Returns the compiler options of the tsconfig.json nearest to a folder, following `extends`. */
  tsconfigFor(folder: string): TsConfig | undefined {
    if (this.#tsconfigs.has(folder)) return this.#tsconfigs.get(folder);
    const own = this.#loadTsconfig(folder);
    const parent = folder === '' ? undefined : posix.dirname(folder) === '.' ? '' : posix.dirname(folder);
    const config = own ?? (parent === undefined ? undefined : this.tsconfigFor(parent));
    this.#tsconfigs.set(folder, config);
    return config;
  }

  #loadTsconfig(folder: string): TsConfig | undefined {
    const path = folder === '' ? 'tsconfig.json' : `${folder}/tsconfig.json`;
    const absolute = this.absolute(path);
    if (!existsSync(absolute)) return undefined;
    const { config, error } = ts.readConfigFile(absolute, ts.sys.readFile);
    if (error) {
      debug('invalid %s: %s', path, ts.flattenDiagnosticMessageText(error.messageText, '\n'));
      this.tsconfigProblems.push(this.#tsconfigProblem(path, 'error', error));
      return undefined;
    }
    // An empty readDirectory: only the options matter here, and listing the files could be slow.
    const host: ts.ParseConfigHost = {
      useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      readDirectory: () => [],
    };
    const parsed = ts.parseJsonConfigFileContent(config, host, this.absolute(folder), undefined, absolute);
    const partial = parsed.errors.find((diagnostic) => diagnostic.code !== NO_INPUTS_FOUND);
    if (partial) this.tsconfigProblems.push(this.#tsconfigProblem(path, 'warning', partial));
    return { folder, options: parsed.options };
  }

  #tsconfigProblem(path: string, severity: TsconfigProblem['severity'], diagnostic: ts.Diagnostic): TsconfigProblem {
    const root = this.root.split('\\').join('/').replace(/\/$/, '');
    const reason = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').split('\\').join('/').split(`${root}/`).join('');
    const problem: TsconfigProblem = { file: path, severity, reason };
    if (diagnostic.file && diagnostic.start !== undefined) {
      const position = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      problem.line = position.line + 1;
      problem.column = position.character + 1;
    }
    return problem;
  }

  /** Converts an absolute path inside the root to a repository-relative POSIX path. */
  relative(absolute: string): string | undefined {
    const root = this.root.split('\\').join('/').replace(/\/$/, '');
    const path = absolute.split('\\').join('/');
    if (path === root) return '';
    return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : undefined;
  }
}

/** Keeps the folders that are not inside another of the list, so that no folder is walked twice. */
function outermostFolders(folders: readonly string[]): string[] {
  const unique = [...new Set(folders)].sort(compareCodeUnits);
  return unique.filter((folder) => !unique.some((other) => other !== folder && (other === '' || folder.startsWith(`${other}/`))));
}

/**
 * Returns the folder of the project a scanned path belongs to: the nearest folder at or above it,
 * up to the root, that has a package.json. When none has, the scanned folder itself is the project.
 * Deployment files of a sibling project in the same checkout are then never read as this project's.
 */
export function projectFolderOf(root: string, scannedPath: string): string {
  let folder = joinPath('', isAbsolute(scannedPath) ? relative(root, scannedPath).split(sep).join('/') : scannedPath);
  if (folder !== '' && !statSafe(join(root, ...folder.split('/')))?.isDirectory()) folder = folderOf(folder);
  for (let current = folder; ; current = folderOf(current)) {
    if (existsSync(join(root, ...current.split('/').filter(Boolean), 'package.json'))) return current;
    if (current === '') return folder;
  }
}

function statSafe(path: string): import('node:fs').Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Sorts by UTF-16 code units, so that output is the same under every locale. */
export function compareCodeUnits(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Joins a repository-relative folder and a relative path, resolving `.` and `..`. */
export function joinPath(folder: string, path: string): string {
  const joined = posix.normalize(folder === '' ? path : `${folder}/${path}`);
  return joined === '.' ? '' : joined.replace(/^\.\//, '').replace(/\/$/, '');
}

export function folderOf(path: string): string {
  const folder = posix.dirname(path);
  return folder === '.' ? '' : folder;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
