import ts from 'typescript';
import { ReferenceResolver } from './references.js';
import { ScopeIndex } from './scope.js';
import { buildSyntaxIndex, type SyntaxIndex } from './syntax-index.js';

/** The kind of process that runs a file: the web workers, a separate worker process, or a one-off script. */
export type ProcessRole = 'web' | 'worker' | 'script';

/** Everything a detection may read about one file. Built once per file and shared by all detections. */
export interface FileContext {
  readonly sourceFile: ts.SourceFile;
  /** Repository-relative POSIX path. */
  readonly path: string;
  readonly scopes: ScopeIndex;
  readonly references: ReferenceResolver;
  readonly syntax: SyntaxIndex;
  /** Names declared in the file's top-level statements (imports included). */
  readonly topLevelNames: ReadonlySet<string>;
  /**
   * The roles whose processes load this file. Without a project model, `defaultRolesFor` decides:
   * a script by its `#!` line or folder, otherwise the web workers.
   */
  readonly roles: ReadonlySet<ProcessRole>;
}

const contexts = new WeakMap<ts.SourceFile, FileContext>();

const WEB_ONLY: ReadonlySet<ProcessRole> = new Set(['web']);
const SCRIPT_ONLY: ReadonlySet<ProcessRole> = new Set(['script']);

/** Folders whose files are one-off programs by convention: build, migration and seed scripts. */
const SCRIPT_FOLDERS = new Set(['scripts', 'script', 'bin', 'migrations', 'seeds', 'seeders']);

/**
 * Returns the roles assumed for a file when nothing else is known. A file that starts with a `#!`
 * line, or sits in a scripts, bin, migrations or seeds folder, is a one-off script. Any other file
 * is taken to run in the web workers.
 */
export function defaultRolesFor(text: string, path: string): ReadonlySet<ProcessRole> {
  if (text.startsWith('#!')) return SCRIPT_ONLY;
  const folders = path.split('/').slice(0, -1);
  return folders.some((folder) => SCRIPT_FOLDERS.has(folder)) ? SCRIPT_ONLY : WEB_ONLY;
}

/**
 * Returns the context of a parsed file, building it on first use. ESLint runs every statelint rule
 * on the same SourceFile, so the index is built once per file, not once per rule.
 */
export function fileContextFor(sourceFile: ts.SourceFile, path: string, roles?: ReadonlySet<ProcessRole>): FileContext {
  const cached = contexts.get(sourceFile);
  if (cached && cached.path === path && (roles === undefined || cached.roles === roles)) return cached;

  const scopes = new ScopeIndex();
  const topLevelNames = new Set(scopes.declarationsOf(sourceFile).keys());
  const context: FileContext = {
    sourceFile,
    path,
    scopes,
    references: new ReferenceResolver(scopes),
    syntax: buildSyntaxIndex(sourceFile, topLevelNames),
    topLevelNames,
    roles: roles ?? defaultRolesFor(sourceFile.text, path),
  };
  contexts.set(sourceFile, context);
  return context;
}
