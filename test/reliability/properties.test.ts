import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { detectors } from '../../src/detections/index.js';
import { analyzeSourceFile } from '../../src/engine/analyze-file.js';
import { parseForAnalysis } from '../../src/engine/parse.js';
import { decodeSource } from '../../src/project/read-source.js';
import { loadSourceSamples } from '../support/source-samples.js';

/** Fixed so that a failure reproduces; fast-check prints the counterexample and the path to it. */
const PROPERTY_SEED = 4242;

const samples = loadSourceSamples().filter(
  (sample) => !sample.text.includes('\r') && !sample.text.includes('\u2028') && !sample.text.includes('\u2029'),
);

/** Analyses one file and lists its findings without message texts: rule, message id and full position. */
function findingsOf(path: string, bytes: Uint8Array): string[] {
  const read = decodeSource(path, bytes);
  if (!read.ok) throw new Error(`${path} was skipped: ${JSON.stringify(read.skip)}`);
  const parsed = parseForAnalysis(path, read.text);
  if (!parsed.ok) return [`parse-error ${JSON.stringify(parsed.failure)}`];
  const analysis = analyzeSourceFile(parsed.sourceFile, path, detectors);
  return [
    ...analysis.findings.map((finding) => `${finding.ruleId}/${finding.messageId} ${finding.severity} ${finding.start.line}:${finding.start.column}-${finding.end.line}:${finding.end.column}`),
    ...analysis.failures.map((failure) => `failure ${failure.ruleId}`),
  ];
}

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

describe('line endings and byte order marks', () => {
  const variants: [name: string, convert: (text: string) => Uint8Array][] = [
    ['CRLF', (text) => utf8(text.replaceAll('\n', '\r\n'))],
    ['CR only', (text) => utf8(text.replaceAll('\n', '\r'))],
    ['U+2028', (text) => utf8(text.replaceAll('\n', '\u2028'))],
    ['U+2029', (text) => utf8(text.replaceAll('\n', '\u2029'))],
    ['UTF-8 byte order mark', (text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)])],
    ['UTF-16 LE with mark', (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
  ];

  it('has samples with findings', () => {
    expect(samples.filter((sample) => findingsOf(sample.path, utf8(sample.text)).length > 0).length).toBeGreaterThan(10);
  });

  it.each(variants)('%s gives the LF positions', (_name, convert) => {
    for (const sample of samples) {
      expect(findingsOf(sample.path, convert(sample.text)), sample.path).toEqual(findingsOf(sample.path, utf8(sample.text)));
    }
  });
});

describe('comments', () => {
  const withFindings = samples.filter((sample) => !sample.text.startsWith('#!') && findingsOf(sample.path, utf8(sample.text)).length > 0);

  it('prepended comment lines shift every finding', () => {
    fc.assert(
      fc.property(fc.constantFrom(...withFindings), fc.integer({ min: 1, max: 5 }), fc.constantFrom('// note', '/* note */', '/** @see x */'), (sample, count, comment) => {
        const shifted = findingsOf(sample.path, utf8(`${`${comment}\n`.repeat(count)}${sample.text}`));
        const expected = findingsOf(sample.path, utf8(sample.text)).map((entry) =>
          entry.replace(/(\d+):(\d+)-(\d+):(\d+)$/, (_whole, startLine, startColumn, endLine, endColumn) => `${Number(startLine) + count}:${startColumn}-${Number(endLine) + count}:${endColumn}`),
        );
        expect(shifted).toEqual(expected);
      }),
      { seed: PROPERTY_SEED, numRuns: 100 },
    );
  });

  it('comment lines between statements change only line numbers', () => {
    fc.assert(
      fc.property(fc.constantFrom(...withFindings), fc.integer({ min: 0, max: 2 ** 31 }), (sample, choice) => {
        // Insert one comment line before a top-level statement that starts its own line.
        const sourceFile = ts.createSourceFile(sample.path, sample.text, ts.ScriptTarget.Latest, true);
        const starts = sourceFile.statements
          .map((statement) => statement.getStart(sourceFile))
          .filter((start) => start === 0 || sample.text[start - 1] === '\n');
        fc.pre(starts.length > 0);
        const insertAt = starts[choice % starts.length]!;
        const insertedLine = sourceFile.getLineAndCharacterOfPosition(insertAt).line + 1;
        const text = `${sample.text.slice(0, insertAt)}// inserted\n${sample.text.slice(insertAt)}`;

        const expected = findingsOf(sample.path, utf8(sample.text)).map((entry) =>
          entry.replace(/(\d+):(\d+)-(\d+):(\d+)$/, (_whole, startLine, startColumn, endLine, endColumn) => {
            const shift = (line: string): number => Number(line) + (Number(line) >= insertedLine ? 1 : 0);
            return `${shift(startLine)}:${startColumn}-${shift(endLine)}:${endColumn}`;
          }),
        );
        expect(findingsOf(sample.path, utf8(text))).toEqual(expected);
      }),
      { seed: PROPERTY_SEED, numRuns: 100 },
    );
  });
});

describe('file order', () => {
  it('analysing files in any order gives each file the same findings', () => {
    const baseline = new Map(samples.map((sample) => [sample.path, findingsOf(sample.path, utf8(sample.text))]));
    fc.assert(
      fc.property(fc.shuffledSubarray(samples, { minLength: samples.length, maxLength: samples.length }), (order) => {
        for (const sample of order) expect(findingsOf(sample.path, utf8(sample.text)), sample.path).toEqual(baseline.get(sample.path));
      }),
      { seed: PROPERTY_SEED, numRuns: 5 },
    );
  });
});
