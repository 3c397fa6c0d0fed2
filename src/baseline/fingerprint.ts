import { createHash } from 'node:crypto';
import type { Finding, FindingRecord, Position } from '../model.js';
import { compareCodeUnits } from '../report/order.js';

/** Line breaks as TypeScript counts them, so that columns from the parser map back to offsets. */
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/g;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(LINE_BREAK)) starts.push(match.index + match[0].length);
  return starts;
}

function offsetOf(starts: readonly number[], position: Position): number | undefined {
  const lineStart = starts[position.line - 1];
  return lineStart === undefined ? undefined : lineStart + position.column - 1;
}

/** Collapses every run of whitespace to one space, so re-indenting or re-wrapping code keeps its hash. */
export function normaliseCode(code: string): string {
  return code.replace(/\s+/g, ' ').trim();
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Sets `fingerprint` on each finding: a hash of the rule id, the file and the flagged code with
 * whitespace collapsed. Identical code flagged twice by one rule in one file is distinguished by its
 * order in the file, so moving either copy keeps both keys unless the two swap places. Without the
 * file's text (`textOf` returns undefined) the message stands in for the code.
 */
export function fingerprintFindings<T extends Finding>(findings: readonly T[], textOf: (file: string) => string | undefined): T[] {
  const startsByFile = new Map<string, number[] | undefined>();
  const occurrences = new Map<string, number>();
  const ordered = [...findings].sort(compareByPosition);
  const fingerprints = new Map<T, string>();

  for (const finding of ordered) {
    if (!startsByFile.has(finding.file)) {
      const text = textOf(finding.file);
      startsByFile.set(finding.file, text === undefined ? undefined : lineStarts(text));
    }
    const code = flaggedCode(finding, textOf(finding.file), startsByFile.get(finding.file));
    const identity = `${finding.ruleId}\u0000${finding.file}\u0000${normaliseCode(code)}`;
    const occurrence = occurrences.get(identity) ?? 0;
    occurrences.set(identity, occurrence + 1);
    fingerprints.set(finding, sha256(`${identity}\u0000${occurrence}`).slice(0, 32));
  }
  return findings.map((finding) => ({ ...finding, fingerprint: fingerprints.get(finding) }));
}

function flaggedCode(finding: Finding, text: string | undefined, starts: readonly number[] | undefined): string {
  if (text === undefined || starts === undefined) return finding.message;
  const start = offsetOf(starts, finding.start);
  const end = offsetOf(starts, finding.end);
  if (start === undefined || end === undefined || end < start) return finding.message;
  return text.slice(start, end);
}

function compareByPosition(left: Finding, right: Finding): number {
  return (
    compareCodeUnits(left.file, right.file) ||
    left.start.line - right.start.line ||
    left.start.column - right.start.column ||
    compareCodeUnits(left.ruleId, right.ruleId)
  );
}

/** The stored form of a finding. Throws when the finding was never fingerprinted, which is a caller bug. */
export function toFindingRecord(finding: Finding): FindingRecord {
  if (finding.fingerprint === undefined) {
    throw new Error(`Finding of ${finding.ruleId} at ${finding.file}:${finding.start.line} has no fingerprint; call fingerprintFindings first.`);
  }
  return { fingerprint: finding.fingerprint, ruleId: finding.ruleId, file: finding.file, line: finding.start.line, message: finding.message };
}

/** Sorts records by file, line, rule id and fingerprint, the order every stored file uses. */
export function sortRecords(records: readonly FindingRecord[]): FindingRecord[] {
  return [...records].sort(
    (left, right) =>
      compareCodeUnits(left.file, right.file) ||
      left.line - right.line ||
      compareCodeUnits(left.ruleId, right.ruleId) ||
      compareCodeUnits(left.fingerprint, right.fingerprint),
  );
}

/**
 * Splits two sets of records by fingerprint: those only in `current` are new, those only in
 * `previous` are gone. Fingerprints may repeat, so each one is matched as often as it occurs.
 */
export function diffRecords(previous: readonly FindingRecord[], current: readonly FindingRecord[]): { added: FindingRecord[]; removed: FindingRecord[]; kept: number } {
  const remaining = new Map<string, FindingRecord[]>();
  for (const record of previous) {
    const list = remaining.get(record.fingerprint) ?? [];
    list.push(record);
    remaining.set(record.fingerprint, list);
  }
  const added: FindingRecord[] = [];
  let kept = 0;
  for (const record of current) {
    const matches = remaining.get(record.fingerprint);
    if (matches && matches.length > 0) {
      matches.shift();
      kept += 1;
    } else {
      added.push(record);
    }
  }
  const removed = [...remaining.values()].flat();
  return { added: sortRecords(added), removed: sortRecords(removed), kept };
}
