import { fingerprintFindings } from '../../../src/baseline/fingerprint.js';
import { detectors } from '../../../src/detections/index.js';
import { analyzeSourceFile } from '../../../src/engine/analyze-file.js';
import { parseSource } from '../../../src/engine/parse.js';
import type { ScanResult } from '../../../src/model.js';
import { buildScanResult } from '../../../src/score.js';
import { suppressFindings } from '../../../src/suppressions/index.js';

/**
 * Runs the real detections over in-memory files the way the CLI does after reading them: analyse,
 * apply suppression comments, fingerprint, score.
 */
export function scanTexts(files: Readonly<Record<string, string>>): ScanResult {
  const sourceFiles = new Map(Object.entries(files).map(([path, text]) => [path, parseSource(path, text)] as const));
  const analyses = [...sourceFiles].map(([path, sourceFile]) => analyzeSourceFile(sourceFile, path, detectors));
  const outcome = suppressFindings(
    analyses.flatMap((analysis) => analysis.findings),
    sourceFiles,
  );
  const textOf = (file: string): string | undefined => files[file];
  const result = buildScanResult({
    findings: fingerprintFindings(outcome.findings, textOf),
    compliantSites: analyses.flatMap((analysis) => analysis.compliantSites),
    diagnostics: outcome.diagnostics,
    coverage: { eligible: sourceFiles.size, analyzed: sourceFiles.size, skipped: {} },
  });
  return { ...result, suppressedFindings: fingerprintFindings(outcome.suppressedFindings, textOf), suppressions: outcome.suppressions };
}
