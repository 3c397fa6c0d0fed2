import type ts from 'typescript';
import type { Finding } from '../model.js';
import { applySuppressions, type SuppressionOutcome, type SuppressionTexts } from './apply.js';
import { findSuppressions } from './comments.js';

export { applySuppressions, type SuppressionOutcome, type SuppressionTexts } from './apply.js';
export { findSuppressions } from './comments.js';

/**
 * Reads the suppression comments of every analysed file and moves the findings they silence out of
 * the scored list. Call it before scoring, so that silenced findings never count.
 */
export function suppressFindings(findings: readonly Finding[], sourceFiles: ReadonlyMap<string, ts.SourceFile>, text?: SuppressionTexts): SuppressionOutcome {
  const suppressions = [...sourceFiles].flatMap(([path, sourceFile]) => findSuppressions(sourceFile, path));
  return applySuppressions(findings, suppressions, text);
}
