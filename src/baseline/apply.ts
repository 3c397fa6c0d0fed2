import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ScanResult } from '../model.js';
import { baselineGatePassed, BaselineError, compareWithBaseline, createBaseline, parseBaseline, serializeBaseline } from './baseline.js';

/** Writes today's findings as the baseline. Throws BaselineError when the file cannot be written. */
export function writeBaselineFile(result: ScanResult, options: { cwd: string; baselineFile: string }): number {
  const baseline = createBaseline(result.findings);
  try {
    writeFileSync(resolve(options.cwd, options.baselineFile), serializeBaseline(baseline), 'utf8');
  } catch (error) {
    throw new BaselineError(`Baseline ${options.baselineFile} could not be written: ${(error as Error).message}.`);
  }
  return baseline.entries.length;
}

/**
 * Compares the result with a committed baseline and sets `passed` by the baseline gate: only
 * findings outside the baseline, or baseline entries whose finding is gone, fail it. A scan with
 * an error diagnostic still fails. Throws BaselineError when the file is missing or invalid.
 */
export function applyBaselineFile(result: ScanResult, options: { cwd: string; baselineFile: string }): ScanResult {
  let text: string;
  try {
    text = readFileSync(resolve(options.cwd, options.baselineFile), 'utf8');
  } catch (error) {
    throw new BaselineError(`Baseline ${options.baselineFile} could not be read (${(error as Error).message}). Record one with \`statelint baseline --baseline ${options.baselineFile}\`.`);
  }
  const comparison = compareWithBaseline(parseBaseline(text, options.baselineFile), result.findings, options.baselineFile);
  const trustworthy = !result.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  return { ...result, baseline: comparison, passed: trustworthy && baselineGatePassed(comparison) };
}
