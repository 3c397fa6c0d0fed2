import type { BaselineComparison, Finding, FindingRecord } from '../model.js';
import { diffRecords, sortRecords, toFindingRecord } from './fingerprint.js';

export const BASELINE_VERSION = 1;
export const DEFAULT_BASELINE_FILE = 'statelint-baseline.json';

/** The committed baseline: the findings a team accepted on the day it was recorded. */
export interface BaselineFile {
  version: typeof BASELINE_VERSION;
  entries: FindingRecord[];
}

/** A baseline file that cannot be used. The CLI turns it into exit code 2. */
export class BaselineError extends Error {
  override readonly name = 'BaselineError';
}

export function createBaseline(findings: readonly Finding[]): BaselineFile {
  return { version: BASELINE_VERSION, entries: sortRecords(findings.map(toFindingRecord)) };
}

/** Serialises sorted and indented, with a final newline, so that diffs of the committed file stay small. */
export function serializeBaseline(baseline: BaselineFile): string {
  return `${JSON.stringify({ version: baseline.version, entries: sortRecords(baseline.entries) }, null, 2)}\n`;
}

function isRecord(value: unknown): value is FindingRecord {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.fingerprint === 'string' &&
    typeof entry.ruleId === 'string' &&
    typeof entry.file === 'string' &&
    Number.isInteger(entry.line) &&
    typeof entry.message === 'string'
  );
}

/** Parses a baseline file's text. `file` names the file in error messages. */
export function parseBaseline(text: string, file: string): BaselineFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`Baseline ${file} is not valid JSON (${(error as Error).message}). Record it again with \`statelint baseline\`.`);
  }
  const candidate = parsed as { version?: unknown; entries?: unknown };
  if (typeof parsed !== 'object' || parsed === null || candidate.version !== BASELINE_VERSION) {
    throw new BaselineError(`Baseline ${file} has version ${JSON.stringify(candidate?.version)}; this statelint reads version ${BASELINE_VERSION}. Record it again with \`statelint baseline\`.`);
  }
  if (!Array.isArray(candidate.entries)) {
    throw new BaselineError(`Baseline ${file} has no \`entries\` array. Record it again with \`statelint baseline\`.`);
  }
  const invalid = candidate.entries.findIndex((entry) => !isRecord(entry));
  if (invalid !== -1) {
    throw new BaselineError(`Baseline ${file} has an invalid entry at $.entries[${invalid}]: each entry needs fingerprint, ruleId, file, line and message.`);
  }
  return { version: BASELINE_VERSION, entries: candidate.entries as FindingRecord[] };
}

/** Compares today's fingerprinted findings with the baseline. */
export function compareWithBaseline(baseline: BaselineFile, findings: readonly Finding[], file: string): BaselineComparison {
  const { added, removed, kept } = diffRecords(baseline.entries, findings.map(toFindingRecord));
  return { file, newFindings: added, fixed: removed, baselined: kept };
}

/**
 * Decides the gate in baseline mode: it passes with no finding outside the baseline and no
 * baseline entry left whose finding is gone. The second condition makes the baseline only shrink, because a fixed finding
 * must also leave the file before the gate passes again.
 */
export function baselineGatePassed(comparison: BaselineComparison): boolean {
  return comparison.newFindings.length === 0 && comparison.fixed.length === 0;
}
