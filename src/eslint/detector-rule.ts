import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { relative, sep } from 'node:path';
import type ts from 'typescript';
import type { Detector } from '../engine/detector.js';
import { fileContextFor } from '../engine/file-context.js';
import { parseSource } from '../engine/parse.js';

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
 */
export function createFromDetector<MessageIds extends string>(detector: Detector<MessageIds>) {
  return (context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>): TSESLint.RuleListener => ({
    Program(program) {
      const sourceFile = sourceFileOf(context, program);
      const file = fileContextFor(sourceFile, relative(context.cwd, context.filename).split(sep).join('/'));
      detector.detect(file, {
        report(detection) {
          if (detection.severity === 'info') return;
          const start = sourceFile.getLineAndCharacterOfPosition(detection.node.getStart(sourceFile));
          const end = sourceFile.getLineAndCharacterOfPosition(detection.node.getEnd());
          context.report({
            messageId: detection.messageId,
            data: detection.data ?? {},
            loc: {
              start: { line: start.line + 1, column: start.character },
              end: { line: end.line + 1, column: end.character },
            },
          });
        },
        compliant() {
          // Compliant sites only matter for the score, which ESLint does not compute.
        },
      });
    },
  });
}
