import ts from 'typescript';
import { ReferenceResolver } from './references.js';
import { ScopeIndex } from './scope.js';
import { buildSyntaxIndex, type SyntaxIndex } from './syntax-index.js';

/** What process runs a file: the web workers, a separate worker process, or a one-off script. */
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
   * The roles whose processes load this file. Until the project model says otherwise, every file
   * is assumed to run in the web workers.
   */
  readonly roles: ReadonlySet<ProcessRole>;
}

const contexts = new WeakMap<ts.SourceFile, FileContext>();

const WEB_ONLY: ReadonlySet<ProcessRole> = new Set(['web']);

/**
 * Returns the context of a parsed file, building it on first use. ESLint runs every statelint rule
 * on the same SourceFile, so the index is built once per file, not once per rule.
 */
export function fileContextFor(sourceFile: ts.SourceFile, path: string, roles: ReadonlySet<ProcessRole> = WEB_ONLY): FileContext {
  const cached = contexts.get(sourceFile);
  if (cached && cached.path === path && cached.roles === roles) return cached;

  const scopes = new ScopeIndex();
  const topLevelNames = new Set(scopes.declarationsOf(sourceFile).keys());
  const context: FileContext = {
    sourceFile,
    path,
    scopes,
    references: new ReferenceResolver(scopes),
    syntax: buildSyntaxIndex(sourceFile, topLevelNames),
    topLevelNames,
    roles,
  };
  contexts.set(sourceFile, context);
  return context;
}
