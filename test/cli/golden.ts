import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN_DIR = new URL('./__golden__/', import.meta.url);

/**
 * Compares output with a golden file under test/cli/__golden__/. Run with
 * STATELINT_UPDATE_GOLDEN=1 to rewrite the files after an intended change, then review the diff.
 */
export function expectGolden(name: string, actual: string): void {
  const path = fileURLToPath(new URL(name, GOLDEN_DIR));
  if (process.env.STATELINT_UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
