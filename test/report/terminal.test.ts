import { describe, expect, it } from 'vitest';
import { catalogFor } from '../../src/i18n/index.js';
import { formatTerminalReport } from '../../src/report/terminal.js';
import { failingResult, passingResult, untrustworthyResult } from './canned-results.js';
import { expectGolden } from './golden.js';

const english = catalogFor('en');
const spanish = catalogFor('es');

describe('formatTerminalReport', () => {
  it('prints a failing scan', () => {
    expectGolden('terminal-failing.en.txt', formatTerminalReport(failingResult, { catalog: english, color: false }));
  });

  it('prints a failing scan in Spanish', () => {
    expectGolden('terminal-failing.es.txt', formatTerminalReport(failingResult, { catalog: spanish, color: false }));
  });

  it('prints a passing scan', () => {
    expectGolden('terminal-passing.en.txt', formatTerminalReport(passingResult, { catalog: english, color: false }));
  });

  it('prints an untrustworthy scan', () => {
    expectGolden('terminal-untrustworthy.en.txt', formatTerminalReport(untrustworthyResult, { catalog: english, color: false }));
  });

  it('prints an untrustworthy scan in Spanish', () => {
    expectGolden('terminal-untrustworthy.es.txt', formatTerminalReport(untrustworthyResult, { catalog: spanish, color: false }));
  });

  it('colours only when asked', () => {
    const coloured = formatTerminalReport(failingResult, { catalog: english, color: true });
    const plain = formatTerminalReport(failingResult, { catalog: english, color: false });
    expect(coloured).toContain('\u001b[31m');
    expect(plain).not.toContain('\u001b[');
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('does not depend on the input order', () => {
    const shuffled = { ...failingResult, findings: [...failingResult.findings].reverse(), diagnostics: [...failingResult.diagnostics].reverse() };
    expect(formatTerminalReport(shuffled, { catalog: english, color: false })).toBe(formatTerminalReport(failingResult, { catalog: english, color: false }));
  });

  it('groups files in code-unit order', () => {
    const report = formatTerminalReport(failingResult, { catalog: english, color: false });
    const files = report.split('\n').filter((line) => line.startsWith('src/'));
    expect(files).toEqual(['src/Routes/convert.ts', 'src/app.ts', 'src/server.ts']);
  });
});
