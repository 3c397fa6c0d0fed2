import type { Diagnostic, ScanResult } from '../model.js';

/**
 * Diagnostic codes that mean an eligible file, or one rule on it, was not analysed. Links and
 * special files are left out: they hold no source of their own, so their diagnostics are warnings.
 */
export const UNANALYZED_CODES: ReadonlySet<string> = new Set(['read-error', 'binary-file', 'file-too-large', 'invalid-encoding', 'parse-error', 'detector-error']);

function isUnanalyzed(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === 'error' && diagnostic.file !== undefined && UNANALYZED_CODES.has(diagnostic.code);
}

/** Returns the distinct files that an error diagnostic marks as not analysed, or analysed only in part. */
export function unanalyzedFiles(diagnostics: readonly Diagnostic[]): string[] {
  return [...new Set(diagnostics.filter(isUnanalyzed).map((diagnostic) => diagnostic.file!))];
}

/**
 * Accepts up to `maxUnanalyzed` files that could not be analysed, the count set by `--max-unanalyzed`. When
 * no more files than that are affected, their diagnostics become warnings, so that the result counts
 * as trustworthy and the gate is decided by the score; the diagnostics and the coverage still list
 * every file. Above the limit the result is returned unchanged and stays untrustworthy (exit code 2).
 */
export function allowUnanalyzed(result: ScanResult, maxUnanalyzed: number): ScanResult {
  const files = unanalyzedFiles(result.diagnostics);
  if (files.length === 0 || files.length > maxUnanalyzed) return result;

  const diagnostics = result.diagnostics.map((diagnostic): Diagnostic => (isUnanalyzed(diagnostic) ? { ...diagnostic, severity: 'warning' } : diagnostic));
  const trustworthy = !diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  return { ...result, diagnostics, passed: trustworthy && result.score >= result.minScore };
}
