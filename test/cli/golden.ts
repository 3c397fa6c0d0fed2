import { expectGoldenFile } from '../report/golden.js';

/** Compares output with a golden file under test/cli/__golden__/. */
export function expectGolden(name: string, actual: string): void {
  expectGoldenFile(new URL('./__golden__/', import.meta.url), name, actual);
}
