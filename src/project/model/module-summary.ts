import type ts from 'typescript';
import { defaultRolesFor, type ProcessRole } from '../../engine/file-context.js';
import { buildSyntaxIndex } from '../../engine/syntax-index.js';
import { findLongPollingSites, type LongPollingSites } from './deployment.js';
import { contentSignal, type ContentSignal } from './entrypoints.js';
import { readModuleSyntax, type ModuleSyntax } from './module-syntax.js';

/**
 * The facts the project model reads from one file's syntax tree. They contain no syntax node, so
 * the scan can take them right after parsing a file and drop the tree.
 */
export interface ModuleSummary {
  syntax: ModuleSyntax;
  /** The process the file's code starts, shown by a call such as `app.listen()`. */
  signal: ContentSignal | undefined;
  /** The file's socket.io servers, for the deployment's long-polling fact. */
  longPolling: LongPollingSites;
  /** The roles of `defaultRolesFor`, which every file has when the project has no entrypoint. */
  defaultRoles: ReadonlySet<ProcessRole>;
}

/**
 * Reads the summary of one parsed file. `calls` are the file's calls in source order, from its
 * syntax index when the caller has one. Without them, the file is walked once more.
 */
export function summarizeModule(path: string, sourceFile: ts.SourceFile, calls: readonly ts.CallExpression[] = buildSyntaxIndex(sourceFile, new Set()).calls): ModuleSummary {
  const syntax = readModuleSyntax(sourceFile, calls);
  return {
    syntax,
    signal: contentSignal(sourceFile, syntax, calls),
    longPolling: findLongPollingSites(path, sourceFile),
    defaultRoles: defaultRolesFor(sourceFile.text, path),
  };
}
