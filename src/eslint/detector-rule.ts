import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import createDebug from 'debug';
import { relative, sep } from 'node:path';
import type ts from 'typescript';
import type { Detector } from '../engine/detector.js';
import { defaultRolesFor, fileContextFor } from '../engine/file-context.js';
import { parseSource } from '../engine/parse.js';
import { asSentence } from '../i18n/sentence.js';

const debug = createDebug('statelint:eslint');

const parsedByEslintSource = new WeakMap<object, ts.SourceFile>();

/**
 * Returns the TypeScript SourceFile of the file ESLint is linting. With @typescript-eslint/parser it
 * is the parser's own, found through the ESTree-to-TypeScript node map, which exists without type
 * information. With any other parser the text is parsed once here.
 */
function sourceFileOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, program: TSESTree.Program): ts.SourceFile {
  const services = context.sourceCode.parserServices;
  const mapped = services?.esTreeNodeToTSNodeMap?.get(program as never) as ts.Node | undefined;
  if (mapped && mapped.kind !== undefined && 'statements' in mapped) return mapped as ts.SourceFile;

  const sourceCode = context.sourceCode as unknown as object;
  let parsed = parsedByEslintSource.get(sourceCode);
  if (!parsed) {
    parsed = parseSource(context.filename, context.sourceCode.text);
    parsedByEslintSource.set(sourceCode, parsed);
  }
  return parsed;
}

/**
 * Builds a rule's `create` from its detection. The ESLint rule reports errors and warnings;
 * info-level notes are left to the CLI report, since ESLint would show them at the rule's level.
 * A detection that throws becomes one message on line 1 instead of ending the user's lint run.
 */
export function createFromDetector<MessageIds extends string>(detector: Detector<MessageIds>) {
  return (context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>): TSESLint.RuleListener => ({
    Program(program) {
      try {
        detectInProgram(detector, context, program);
      } catch (error) {
        debug('rule %s failed on %s: %O', detector.id, context.filename, error);
        reportDetectionFailure(detector, context, error);
      }
    },
  });
}

/**
 * Runs the detection and reports what it found. Reports are held until the detection returns, so
 * that a detection which throws halfway reports nothing but its failure, as in the CLI.
 */
function detectInProgram<MessageIds extends string>(
  detector: Detector<MessageIds>,
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
  program: TSESTree.Program,
): void {
  const sourceFile = sourceFileOf(context, program);
  const path = relative(context.cwd, context.filename).split(sep).join('/');
  // ESLint rewrites a `#!` line to a comment before parsing, so the roles come from the original text.
  const file = fileContextFor(sourceFile, path, defaultRolesFor(context.sourceCode.text, path));
  const reports: TSESLint.ReportDescriptor<MessageIds>[] = [];
  detector.detect(file, {
    report(detection) {
      if (detection.severity === 'info') return;
      const start = sourceFile.getLineAndCharacterOfPosition(detection.node.getStart(sourceFile));
      const end = sourceFile.getLineAndCharacterOfPosition(detection.node.getEnd());
      reports.push({
        messageId: detection.messageId,
        data: detection.data ?? {},
        loc: {
          start: { line: start.line + 1, column: start.character },
          end: { line: end.line + 1, column: end.character },
        },
        suggest: detection.suggestions?.map((suggestion) => ({
          messageId: suggestion.messageId,
          data: suggestion.data ?? {},
          fix: (fixer) => suggestion.edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text)),
        })),
      });
    },
    compliant() {
      // Compliant sites only matter for the score, which ESLint does not compute.
    },
  });
  for (const report of reports) context.report(report);
}

/**
 * Reports a detection's exception as a message of the rule. The message is given as text rather
 * than a message id because it is the same for every rule, and rules take their message ids from
 * their detection. ESLint 8.57 to 10 accept a `message` from a rule that also declares `messages`.
 */
function reportDetectionFailure(
  detector: Detector,
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  error: unknown,
): void {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const descriptor = {
    loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } },
    message: `statelint/${detector.id} failed on this file and did not check it: ${asSentence(detail)} The other rules still ran. Report this error together with the file, because until it is fixed this rule cannot flag anything here.`,
  };
  context.report(descriptor as unknown as TSESLint.ReportDescriptor<string>);
}
