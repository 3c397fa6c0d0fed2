import type { Diagnostic, Location } from '../model.js';

/** Compares strings by UTF-16 code units, the same on every machine, unlike `localeCompare`. */
export function compareCodeUnits(left: string, right: string): number {
  if (left < right) return -1;
  return left > right ? 1 : 0;
}

/** Orders findings and sites by file, line, column and rule id, then by where they end. */
export function compareLocations<T extends Location & { ruleId: string }>(left: T, right: T): number {
  return (
    compareCodeUnits(left.file, right.file) ||
    left.start.line - right.start.line ||
    left.start.column - right.start.column ||
    compareCodeUnits(left.ruleId, right.ruleId) ||
    left.end.line - right.end.line ||
    left.end.column - right.end.column
  );
}

/** Orders diagnostics by file (those about no file first), position, then code. */
export function compareDiagnostics(left: Diagnostic, right: Diagnostic): number {
  return (
    compareCodeUnits(left.file ?? '', right.file ?? '') ||
    (left.start?.line ?? 0) - (right.start?.line ?? 0) ||
    (left.start?.column ?? 0) - (right.start?.column ?? 0) ||
    compareCodeUnits(left.code, right.code) ||
    compareCodeUnits(left.message, right.message)
  );
}
