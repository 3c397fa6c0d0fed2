import { describe, expect, it } from 'vitest';
import { detectors } from '../../src/detections/index.js';
import { analyzeSourceFile } from '../../src/engine/analyze-file.js';
import { parseForAnalysis } from '../../src/engine/parse.js';
import { decodeSource } from '../../src/project/read-source.js';
import { loadSourceSamples } from '../support/source-samples.js';

/**
 * A seeded mutation fuzzer over the project's fixtures and the labelled cases. Each mutated input
 * goes through decoding, parsing and every detection, and nothing may throw: a syntax error must
 * come back as a parse failure, and a detection must not fail. CI runs 5,000 inputs; a nightly run
 * sets STATELINT_FUZZ_RUNS higher and STATELINT_FUZZ_SEED to a new seed, which the test prints.
 */
const RUNS = Number(process.env.STATELINT_FUZZ_RUNS ?? 5000);
const SEED = Number(process.env.STATELINT_FUZZ_SEED ?? 20261204);

/** Fragments that break the syntax in ways parsers handle badly: unclosed literals, odd line ends, deep nesting. */
const FRAGMENTS = [
  '{', '}', '(', ')', '[', ']', "'", '"', '`', '${', '/', '/*', '*/', '//', '<!--', '-->', '\\', '\u2028', '\u2029', '\r', '\r\n',
  '\u0000', '\uFEFF', '\uD83D', '😀', '=>', '?.', '??=', '@', '#x', 'async ', 'await ', 'yield ', 'class ', 'new ', 'function ',
  'import(', 'require(', 'export default ', 'satisfies ', 'as const', '<T,>', '</div>', 'accessor ', 'using ', 'static {', 'enum E {',
  '0777', '08', '1_000n', '/[/]/v', 'with (o) ', 'delete x', 'let', ';', ',', '...', '.', ':', '?', '!', '=', '+', '++', '--',
];

/** Mulberry32: a small, well-distributed 32-bit PRNG, so that a seed reproduces the same inputs everywhere. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, random: () => number): string {
  const at = (): number => Math.floor(random() * (text.length + 1));
  const fragment = (): string => FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]!;
  const mutations = 1 + Math.floor(random() * 4);
  for (let count = 0; count < mutations; count++) {
    const start = at();
    const end = Math.min(text.length, start + Math.floor(random() * 40));
    switch (Math.floor(random() * 6)) {
      case 0:
        text = text.slice(0, start) + text.slice(end);
        break;
      case 1:
        text = text.slice(0, start) + fragment() + text.slice(start);
        break;
      case 2:
        text = text.slice(0, start) + text.slice(start, end).repeat(2 + Math.floor(random() * 3)) + text.slice(start);
        break;
      case 3: {
        const depth = 1 + Math.floor(random() * 300);
        const [open, close] = [['(', ')'], ['[', ']'], ['{', '}']][Math.floor(random() * 3)]!;
        text = text.slice(0, start) + open!.repeat(depth) + text.slice(start, end) + close!.repeat(depth) + text.slice(end);
        break;
      }
      case 4:
        text = text.slice(0, start);
        break;
      default: {
        const other = at();
        text = text.slice(0, start) + text.slice(other, other + 60) + text.slice(start);
      }
    }
  }
  return text;
}

/** Returns why an input breaks the engine, or `undefined` when it is handled. */
function problemWith(path: string, text: string): string | undefined {
  try {
    const read = decodeSource(path, Buffer.from(text, 'utf8'));
    if (!read.ok) return undefined;
    const parsed = parseForAnalysis(path, read.text);
    if (!parsed.ok) return undefined;
    const failure = analyzeSourceFile(parsed.sourceFile, path, detectors).failures[0];
    return failure && `${failure.ruleId} failed: ${failure.message}`;
  } catch (error) {
    return `threw: ${String(error)}`;
  }
}

/** Shrinks a failing input by deleting ever smaller chunks while the same problem remains. */
function minimize(path: string, text: string, problem: string): string {
  let current = text;
  for (let chunk = Math.ceil(current.length / 2); chunk >= 1; chunk = Math.floor(chunk / 2)) {
    for (let start = 0; start < current.length; ) {
      const candidate = current.slice(0, start) + current.slice(start + chunk);
      if (problemWith(path, candidate) === problem) current = candidate;
      else start += chunk;
    }
  }
  return current;
}

describe('mutation fuzzer', () => {
  it(`handles ${RUNS} mutated inputs from seed ${SEED}`, () => {
    console.info(`statelint fuzz: STATELINT_FUZZ_SEED=${SEED} STATELINT_FUZZ_RUNS=${RUNS}`);
    const seeds = loadSourceSamples();
    expect(seeds.length).toBeGreaterThan(20);

    const random = createRandom(SEED);
    const problems: string[] = [];
    for (let run = 0; run < RUNS && problems.length < 5; run++) {
      const seed = seeds[Math.floor(random() * seeds.length)]!;
      const text = mutate(seed.text, random);
      const problem = problemWith(seed.path, text);
      if (problem) {
        const smallest = minimize(seed.path, text, problem);
        problems.push(`run ${run}, ${seed.path}: ${problem}\nminimal input: ${JSON.stringify(smallest)}`);
      }
    }
    expect(problems).toEqual([]);
  }, 240_000);
});
