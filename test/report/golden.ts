import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/**
 * Compares output with the golden file `name` in `directory`. Run with STATELINT_UPDATE_GOLDEN=1
 * to rewrite the files after an intended change, then review the diff.
 */
export function expectGoldenFile(directory: URL, name: string, actual: string): void {
  const path = fileURLToPath(new URL(name, directory));
  if (process.env.STATELINT_UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** Compares output with a golden file under test/report/__golden__/. */
export function expectGolden(name: string, actual: string): void {
  expectGoldenFile(new URL('./__golden__/', import.meta.url), name, actual);
}
