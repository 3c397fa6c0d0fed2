import ts from 'typescript';

const SCRIPT_KINDS: Readonly<Record<string, ts.ScriptKind>> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

export const SOURCE_EXTENSIONS: readonly string[] = Object.keys(SCRIPT_KINDS);

export function scriptKindFor(fileName: string): ts.ScriptKind {
  const dot = fileName.lastIndexOf('.');
  const extension = dot === -1 ? '' : fileName.slice(dot).toLowerCase();
  return SCRIPT_KINDS[extension] ?? ts.ScriptKind.TS;
}

/** Parses one file with parent pointers set, which every detection relies on. */
export function parseSource(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindFor(fileName));
}

/**
 * Returns the syntax errors TypeScript's parser recorded for a file. `parseDiagnostics` is
 * internal to TypeScript but present in every release since 2.x; type checking is not needed.
 */
export function syntaxErrors(sourceFile: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  const internal = sourceFile as ts.SourceFile & { parseDiagnostics?: ts.DiagnosticWithLocation[] };
  return internal.parseDiagnostics ?? [];
}
