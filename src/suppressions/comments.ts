import ts from 'typescript';
import type { Suppression, SuppressionSyntax } from '../model.js';
import { positionAt } from '../engine/locations.js';

const PLUGIN_PREFIX = 'statelint/';

/**
 * `statelint-disable-next-line rule-a, rule-b -- reason` and the ESLint forms. As in ESLint, the
 * reason follows two or more dashes surrounded by whitespace.
 */
const DIRECTIVE = /^\s*(statelint|eslint)-disable-(next-line|line)(?:\s+(.*?))?\s*$/s;
const REASON_SEPARATOR = /(?:^|\s)-{2,}\s/;

/** Collects every comment of a parsed file once, by its start offset. */
function commentRanges(sourceFile: ts.SourceFile): ts.CommentRange[] {
  const text = sourceFile.text;
  const byStart = new Map<number, ts.CommentRange>();
  const add = (ranges: ts.CommentRange[] | undefined): void => {
    for (const range of ranges ?? []) byStart.set(range.pos, range);
  };
  const visit = (node: ts.Node): void => {
    add(ts.getLeadingCommentRanges(text, node.pos));
    add(ts.getTrailingCommentRanges(text, node.end));
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  add(ts.getLeadingCommentRanges(text, sourceFile.endOfFileToken.pos));
  return [...byStart.values()].sort((left, right) => left.pos - right.pos);
}

function commentBody(text: string, range: ts.CommentRange): string {
  const raw = text.slice(range.pos, range.end);
  return range.kind === ts.SyntaxKind.SingleLineCommentTrivia ? raw.slice(2) : raw.slice(2, -2);
}

/**
 * Reads the rule list of a directive. ESLint directives concern statelint only when they name a
 * `statelint/` rule or name no rule at all; `undefined` means the comment is about other rules.
 */
function ruleIdsOf(list: string, syntax: SuppressionSyntax): string[] | undefined {
  const names = list.split(',').map((name) => name.trim()).filter((name) => name.length > 0);
  if (names.length === 0) return [];
  if (syntax === 'eslint') {
    const ours = names.filter((name) => name.startsWith(PLUGIN_PREFIX));
    return ours.length === 0 ? undefined : ours.map((name) => name.slice(PLUGIN_PREFIX.length));
  }
  return names.map((name) => (name.startsWith(PLUGIN_PREFIX) ? name.slice(PLUGIN_PREFIX.length) : name));
}

/** Finds the statelint and ESLint disable comments of one file that can silence statelint findings. */
export function findSuppressions(sourceFile: ts.SourceFile, path: string): Suppression[] {
  // Every directive contains `-disable-`, and almost no file does, so most files skip the comment walk.
  if (!sourceFile.text.includes('-disable-')) return [];
  const suppressions: Suppression[] = [];
  for (const range of commentRanges(sourceFile)) {
    const match = DIRECTIVE.exec(commentBody(sourceFile.text, range));
    if (!match) continue;

    const syntax = match[1] as SuppressionSyntax;
    const scope = match[2] as Suppression['scope'];
    const [list = '', ...reasonParts] = (match[3] ?? '').split(REASON_SEPARATOR);
    const ruleIds = ruleIdsOf(list, syntax);
    if (ruleIds === undefined) continue;

    const reason = reasonParts.join(' -- ').trim();
    const start = positionAt(sourceFile, range.pos);
    const end = positionAt(sourceFile, range.end);
    suppressions.push({
      file: path,
      start,
      end,
      syntax,
      scope,
      ruleIds: [...ruleIds].sort(),
      reason: reason.length > 0 ? reason : null,
      targetLine: scope === 'next-line' ? end.line + 1 : start.line,
      suppressedCount: 0,
    });
  }
  return suppressions;
}
