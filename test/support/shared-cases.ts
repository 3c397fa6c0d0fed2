import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/**
 * The labelled cases from real bug reports live beside the repository checkout, not in it. They
 * are read when present, which they are in CI; a plain clone has only the project's own fixtures.
 */
export const SHARED_CASES_DIR = fileURLToPath(new URL('../../../shared/cases/', import.meta.url));
export const hasSharedCases = existsSync(join(SHARED_CASES_DIR, 'index.json'));

export interface ExpectedLine {
  category: string;
  line: number;
  severity: 'error' | 'warning' | 'info';
}

export interface LabelledCase {
  id: string;
  path: string;
  kind: 'positive' | 'negative';
  expected: ExpectedLine[];
}

/**
 * Reads the expectations from each case's first lines:
 * `// EXPECTED (positive): session-store L13; session-store L23 (warning)` and, for negatives,
 * `// acceptable: at most an info-level note on L18 (local-fs)`.
 */
export function loadLabelledCases(): LabelledCase[] {
  const index = JSON.parse(readFileSync(join(SHARED_CASES_DIR, 'index.json'), 'utf8')) as { cases: { id: string; path: string; kind: string }[] };
  return index.cases
    .filter((entry) => entry.kind === 'positive' || entry.kind === 'negative')
    .map((entry) => {
      const text = readFileSync(join(SHARED_CASES_DIR, entry.path), 'utf8');
      return { id: entry.id, path: entry.path, kind: entry.kind as LabelledCase['kind'], expected: parseExpectations(text) };
    });
}

export function parseExpectations(text: string): ExpectedLine[] {
  const expected: ExpectedLine[] = [];
  const header = /^\/\/ EXPECTED \(positive\):(.*)$/m.exec(text);
  if (header?.[1]) {
    for (const group of header[1].split(';')) {
      const match = /^\s*([a-z-]+)\s+(.*?)\s*(?:\((error|warning|info)\))?\s*$/.exec(group);
      if (!match) continue;
      const [, category, lines, severity] = match;
      for (const line of lines!.matchAll(/L(\d+)/g)) {
        expected.push({ category: category!, line: Number(line[1]), severity: (severity as ExpectedLine['severity']) ?? 'error' });
      }
    }
  }
  const acceptable = /^\/\/ acceptable: .*?on (L\d+(?:, L\d+)*) \(([a-z-]+)\)/m.exec(text);
  if (acceptable) {
    for (const line of acceptable[1]!.matchAll(/L(\d+)/g)) {
      expected.push({ category: acceptable[2]!, line: Number(line[1]), severity: 'info' });
    }
  }
  return expected;
}

export function readCase(path: string): string {
  return readFileSync(join(SHARED_CASES_DIR, path), 'utf8');
}
