import createDebug from 'debug';
import ts from 'typescript';
import type { Diagnostic, Position } from '../model.js';

const debug = createDebug('statelint:parse');

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

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? '' : fileName.slice(dot).toLowerCase();
}

export function scriptKindFor(fileName: string): ts.ScriptKind {
  return SCRIPT_KINDS[extensionOf(fileName)] ?? ts.ScriptKind.TS;
}

/** Options for every parse: no detection reads JSDoc, and skipping it makes parsing about a tenth faster. */
const PARSE_OPTIONS: ts.CreateSourceFileOptions = {
  languageVersion: ts.ScriptTarget.Latest,
  jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
};

/** Parses one file with parent pointers set, which every detection relies on. */
export function parseSource(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, PARSE_OPTIONS, true, scriptKindFor(fileName));
}

/**
 * Returns the syntax errors TypeScript's parser recorded for a file. `parseDiagnostics` is
 * internal to TypeScript but present in every release since 2.x; type checking is not needed.
 */
export function syntaxErrors(sourceFile: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  const internal = sourceFile as ts.SourceFile & { parseDiagnostics?: ts.DiagnosticWithLocation[] };
  return internal.parseDiagnostics ?? [];
}

/**
 * Parser complaints about code that is valid JavaScript outside strict mode. TypeScript's parser
 * reports them for every file, yet builds the same tree as for the strict form, so a file with
 * only these is analysed as usual. Codes as of TypeScript 6.0.
 */
const SLOPPY_MODE_COMPLAINTS: ReadonlySet<number> = new Set([
  1121, // Octal literals are not allowed: `010`.
  1487, // Octal escape sequences are not allowed: `'\01'`.
  1488, // Escape sequence '\8' is not allowed: `'\8'`.
  1489, // Decimals with leading zeros are not allowed: `08`.
]);

/** Returns the parser errors that make a file's syntax tree untrustworthy, leaving out sloppy-mode complaints. */
export function realSyntaxErrors(sourceFile: ts.SourceFile): ts.DiagnosticWithLocation[] {
  return syntaxErrors(sourceFile).filter((error) => !SLOPPY_MODE_COMPLAINTS.has(error.code));
}

/** The reason a file could not be turned into a syntax tree that detections can trust. */
export interface ParseFailure {
  /** The problem in plain words. It never quotes the file's text. */
  reason: string;
  start?: Position;
}

export type ParseResult = { ok: true; sourceFile: ts.SourceFile } | { ok: false; failure: ParseFailure };

/**
 * Parses a file for analysis. Unlike `parseSource`, never throws: input nested deeply enough to
 * overflow the parser's call stack (about 800 nested array literals on Node's default stack) and
 * input with real syntax errors both come back as a failure. Sloppy-mode complaints do not count,
 * and HTML-like comments (`<!--`, `-->` at a line start), which TypeScript does not know, are
 * read as the line comments they are in a classic script.
 */
export function parseForAnalysis(fileName: string, text: string): ParseResult {
  let sourceFile: ts.SourceFile;
  try {
    sourceFile = parseSource(fileName, text);
  } catch (error) {
    return { ok: false, failure: parserCrash(fileName, error) };
  }

  let errors = realSyntaxErrors(sourceFile);
  if (errors.length > 0 && mayHaveHtmlComments(fileName, text)) {
    const rewritten = blankHtmlComments(text);
    if (rewritten !== text) {
      try {
        const retried = parseSource(fileName, rewritten);
        const retriedErrors = realSyntaxErrors(retried);
        if (retriedErrors.length === 0) return { ok: true, sourceFile: retried };
      } catch (error) {
        debug('parse of %s without HTML-like comments failed: %O', fileName, error);
      }
    }
  }

  errors = errors.sort((left, right) => left.start - right.start);
  const first = errors[0];
  if (!first) return { ok: true, sourceFile };
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start);
  const message = ts.flattenDiagnosticMessageText(first.messageText, ' ');
  const more = errors.length > 1 ? ` (${errors.length} syntax errors in all; this is the first)` : '';
  return { ok: false, failure: { reason: `syntax error: ${message}${more}`, start: { line: line + 1, column: character + 1 } } };
}

function parserCrash(fileName: string, error: unknown): ParseFailure {
  debug('parser threw on %s: %O', fileName, error);
  if (error instanceof RangeError) {
    return { reason: 'the code is nested too deeply for the parser: parsing it exceeded the maximum call stack size' };
  }
  return { reason: `TypeScript's parser failed: ${error instanceof Error ? error.message : String(error)}` };
}

/** Builds the `parse-error` diagnostic for a file that could not be parsed. */
export function parseErrorDiagnostic(path: string, failure: ParseFailure): Diagnostic {
  const diagnostic: Diagnostic = {
    code: 'parse-error',
    severity: 'error',
    file: path,
    message: `${path} could not be analysed: ${failure.reason}${failure.reason.endsWith('.') ? '' : '.'}`,
    hint: 'Fix the syntax so that the file compiles, or exclude the file from the scan if it is not source code.',
  };
  if (failure.start) diagnostic.start = failure.start;
  return diagnostic;
}

/** HTML-like comments exist only in classic scripts, never in ES modules or TypeScript. */
function mayHaveHtmlComments(fileName: string, text: string): boolean {
  const extension = extensionOf(fileName);
  return (extension === '.js' || extension === '.cjs') && (text.includes('<!--') || text.includes('-->'));
}

/**
 * Turns HTML-like comments into line comments of the same length, so that every position in the
 * file stays the same: `<!--` becomes `//--` anywhere a token may start, and `-->` becomes `//>`
 * when only white space and block comments precede it on its line. Strings, templates, regular
 * expressions and comments are skipped with TypeScript's scanner. Whether a `/` starts a regular
 * expression is guessed from the token before it, which is right for all but contrived code.
 */
export function blankHtmlComments(text: string): string {
  // Split into UTF-16 code units, not code points, so that indexes match the scanner's offsets.
  const characters = text.split('');
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const templateDepths: number[] = [];
  let braceDepth = 0;
  let atLineStart = true;
  let previous: ts.SyntaxKind = ts.SyntaxKind.Unknown;

  const skipToLineEnd = (from: number): void => {
    let end = from;
    while (end < text.length && !isLineTerminator(text.charCodeAt(end))) end++;
    scanner.resetTokenState(end);
  };

  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const start = scanner.getTokenStart();
    if (kind === ts.SyntaxKind.NewLineTrivia) {
      atLineStart = true;
      continue;
    }
    if (kind === ts.SyntaxKind.WhitespaceTrivia || kind === ts.SyntaxKind.SingleLineCommentTrivia) continue;
    if (kind === ts.SyntaxKind.MultiLineCommentTrivia) {
      if (/[\n\r\u2028\u2029]/.test(scanner.getTokenText())) atLineStart = true;
      continue;
    }

    if (kind === ts.SyntaxKind.LessThanToken && text.startsWith('<!--', start)) {
      characters[start] = '/';
      characters[start + 1] = '/';
      skipToLineEnd(start);
      continue;
    }
    if (kind === ts.SyntaxKind.MinusMinusToken && atLineStart && text[start + 2] === '>') {
      characters[start] = '/';
      characters[start + 1] = '/';
      skipToLineEnd(start);
      continue;
    }
    atLineStart = false;

    if (kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) {
      if (!endsExpression(previous)) kind = scanner.reScanSlashToken();
    } else if (kind === ts.SyntaxKind.TemplateHead) {
      templateDepths.push(braceDepth);
    } else if (kind === ts.SyntaxKind.OpenBraceToken) {
      braceDepth++;
    } else if (kind === ts.SyntaxKind.CloseBraceToken) {
      if (templateDepths.at(-1) === braceDepth) {
        kind = scanner.reScanTemplateToken(false);
        if (kind === ts.SyntaxKind.TemplateTail) templateDepths.pop();
      } else {
        braceDepth--;
      }
    }
    previous = kind;
  }
  return characters.join('');
}

/** Tokens after which a `/` divides rather than starting a regular expression. */
function endsExpression(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.Identifier ||
    kind === ts.SyntaxKind.PrivateIdentifier ||
    kind === ts.SyntaxKind.NumericLiteral ||
    kind === ts.SyntaxKind.BigIntLiteral ||
    kind === ts.SyntaxKind.StringLiteral ||
    kind === ts.SyntaxKind.RegularExpressionLiteral ||
    kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral ||
    kind === ts.SyntaxKind.TemplateTail ||
    kind === ts.SyntaxKind.CloseParenToken ||
    kind === ts.SyntaxKind.CloseBracketToken ||
    kind === ts.SyntaxKind.CloseBraceToken ||
    kind === ts.SyntaxKind.PlusPlusToken ||
    kind === ts.SyntaxKind.MinusMinusToken ||
    kind === ts.SyntaxKind.ThisKeyword ||
    kind === ts.SyntaxKind.SuperKeyword ||
    kind === ts.SyntaxKind.NullKeyword ||
    kind === ts.SyntaxKind.TrueKeyword ||
    kind === ts.SyntaxKind.FalseKeyword
  );
}

function isLineTerminator(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}
