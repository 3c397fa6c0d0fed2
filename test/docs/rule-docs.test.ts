import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { lintWithRecommended } from '../support/eslint.js';

const REQUIRED_SECTIONS = ['## Rule Details', '### Incorrect', '### Correct', '## Options', '## When Not To Use It', '## Known Limitations'];

interface CodeExample {
  kind: 'incorrect' | 'correct';
  language: string;
  code: string;
  line: number;
}

/** Collects the fenced code blocks under the Incorrect and Correct headings of a rule page. */
function codeExamples(markdown: string): CodeExample[] {
  const examples: CodeExample[] = [];
  let kind: CodeExample['kind'] | undefined;
  let block: { language: string; lines: string[]; line: number } | undefined;
  markdown.split('\n').forEach((text, index) => {
    if (block) {
      if (text.startsWith('```')) {
        if (kind) examples.push({ kind, language: block.language, code: block.lines.join('\n'), line: block.line });
        block = undefined;
      } else {
        block.lines.push(text);
      }
      return;
    }
    if (text.startsWith('#')) {
      kind = text === '### Incorrect' ? 'incorrect' : text === '### Correct' ? 'correct' : undefined;
      return;
    }
    const fence = /^```(\w+)/.exec(text);
    if (fence) block = { language: fence[1]!, lines: [], line: index + 2 };
  });
  return examples;
}

describe.each(Object.keys(rules).sort())('docs/rules/%s.md', (ruleId) => {
  const markdown = readFileSync(new URL(`../../docs/rules/${ruleId}.md`, import.meta.url), 'utf8');

  it('starts with the rule id', () => {
    expect(markdown.split('\n')[0]).toBe(`# statelint/${ruleId}`);
  });

  it('has every section in order', () => {
    const positions = REQUIRED_SECTIONS.map((heading) => markdown.split('\n').indexOf(heading));
    expect(positions.every((position) => position > 0), `missing one of ${REQUIRED_SECTIONS.join(', ')}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  const examples = codeExamples(markdown);

  it('has incorrect and correct examples', () => {
    expect(examples.some((example) => example.kind === 'incorrect')).toBe(true);
    expect(examples.some((example) => example.kind === 'correct')).toBe(true);
  });

  it.each(examples.map((example) => [`${example.kind} example at line ${example.line}`, example] as const))('%s', (_name, example) => {
    const extension = example.language === 'js' || example.language === 'javascript' ? 'js' : 'ts';
    const messages = lintWithRecommended(`src/example.${extension}`, example.code);
    const fatal = messages.filter((message) => message.fatal);
    expect(fatal, 'the example must parse').toEqual([]);
    const own = messages.filter((message) => message.ruleId === `statelint/${ruleId}`);
    if (example.kind === 'incorrect') expect(own.length).toBeGreaterThan(0);
    else expect(own).toEqual([]);
  });
});
