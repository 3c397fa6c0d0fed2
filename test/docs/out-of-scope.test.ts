import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectors } from '../../src/detections/index.js';
import { analyzeText } from '../../src/engine/analyze-file.js';

const page = readFileSync(new URL('../../docs/out-of-scope.md', import.meta.url), 'utf8');

/** Collects each `## heading` of the page with the first code block under it. */
function examples(): { heading: string; language: string; code: string }[] {
  const found: { heading: string; language: string; code: string }[] = [];
  for (const section of page.split(/^## /m).slice(1)) {
    const heading = section.split('\n')[0]!;
    const block = /```(\w+)\n([\s\S]*?)```/.exec(section);
    if (block) found.push({ heading, language: block[1]!, code: block[2]! });
  }
  return found;
}

describe('out of scope', () => {
  const cases = examples();

  it('gives an example for every section', () => {
    expect(cases.length).toBe(page.match(/^## /gm)?.length);
  });

  it.each(cases.map((example) => [example.heading, example] as const))('%s produces no finding', (_heading, example) => {
    const path = `src/example.${example.language === 'js' ? 'js' : 'ts'}`;
    const analysis = analyzeText(path, example.code, detectors);
    expect(analysis.failures).toEqual([]);
    expect(analysis.findings).toEqual([]);
  });
});
