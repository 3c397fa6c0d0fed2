import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectors } from '../../src/detections/index.js';
import { analyzeSourceFile } from '../../src/engine/analyze-file.js';
import { parseForAnalysis } from '../../src/engine/parse.js';
import { decodeSource } from '../../src/project/read-source.js';

/**
 * The test262 parser tests: small files, each valid or invalid JavaScript by its folder. `pass`
 * and `pass-explicit` are valid, `fail` has syntax errors, and `early` parses but breaks an early
 * error rule. Whatever the folder, the engine must return a result for every file without
 * throwing; only the `fail` and `early` folders may give parse errors.
 */
const TEST262 = dirname(createRequire(import.meta.url).resolve('test262-parser-tests/package.json'));

interface FolderOutcome {
  analysed: number;
  parseErrors: number;
  skipped: number;
  /** Files on which something threw, with the error: must stay empty. */
  crashes: string[];
  detectionFailures: string[];
}

function runFolder(folder: string): FolderOutcome {
  const outcome: FolderOutcome = { analysed: 0, parseErrors: 0, skipped: 0, crashes: [], detectionFailures: [] };
  for (const name of readdirSync(join(TEST262, folder)).sort()) {
    // Files named *.module.js are ES modules; the rest are classic scripts.
    const path = `${folder}/${name.endsWith('.module.js') ? name.replace(/\.js$/, '.mjs') : name}`;
    try {
      const read = decodeSource(path, readFileSync(join(TEST262, folder, name)));
      if (!read.ok) {
        outcome.skipped++;
        continue;
      }
      const parsed = parseForAnalysis(path, read.text);
      if (!parsed.ok) {
        outcome.parseErrors++;
        continue;
      }
      const analysis = analyzeSourceFile(parsed.sourceFile, path, detectors);
      outcome.analysed++;
      for (const failure of analysis.failures) outcome.detectionFailures.push(`${path}: ${failure.ruleId}: ${failure.message}`);
    } catch (error) {
      outcome.crashes.push(`${path}: ${String(error)}`);
    }
  }
  return outcome;
}

describe('test262 parser tests', () => {
  it('analyses every valid script', () => {
    const outcome = runFolder('pass');
    expect(outcome.crashes).toEqual([]);
    expect(outcome.detectionFailures).toEqual([]);
    // Two valid files use `let` as a plain name at the start of a for head, which TypeScript cannot parse.
    expect(outcome.skipped).toBe(0);
    expect(outcome.parseErrors).toBe(2);
    expect(outcome.analysed).toBe(1979);
  });

  it('analyses every valid script in explicit form', () => {
    const outcome = runFolder('pass-explicit');
    expect(outcome.crashes).toEqual([]);
    expect(outcome.detectionFailures).toEqual([]);
    expect(outcome.skipped).toBe(0);
    expect(outcome.parseErrors).toBe(2);
    expect(outcome.analysed).toBe(1979);
  });

  it('never crashes on invalid scripts', () => {
    const outcome = runFolder('fail');
    expect(outcome.crashes).toEqual([]);
    expect(outcome.detectionFailures).toEqual([]);
    expect(outcome.analysed + outcome.parseErrors + outcome.skipped).toBe(731);
  });

  it('never crashes on early-error scripts', () => {
    const outcome = runFolder('early');
    expect(outcome.crashes).toEqual([]);
    expect(outcome.detectionFailures).toEqual([]);
    expect(outcome.analysed + outcome.parseErrors + outcome.skipped).toBe(668);
  });
});
