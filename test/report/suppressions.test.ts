import { describe, expect, it } from 'vitest';
import { documentMessagesFor } from '../../src/i18n/report-documents.js';
import { applySuppressions } from '../../src/suppressions/apply.js';
import { scanTexts } from './support/pipeline.js';

/** `app.use(session(...))` without a store is reported by no-memory-session-store on the line after the comment slot. */
function sessionApp(commentLine: string, trailing = ''): string {
  return `import express from 'express';
import session from 'express-session';

const app = express();
${commentLine}
app.use(session({ secret: 'k' }));${trailing}
`;
}

function scan(text: string) {
  return scanTexts({ 'src/app.ts': text });
}

describe('suppression comments', () => {
  it('reports the unsuppressed finding', () => {
    const result = scan(sessionApp('// nothing to see'));
    expect(result.findings.map((finding) => finding.start.line)).toEqual([6]);
    expect(result.suppressions).toEqual([]);
  });

  it.each([
    ['statelint next-line', '// statelint-disable-next-line no-memory-session-store -- admin tool runs one instance', '', 'statelint'],
    ['prefixed rule id', '// statelint-disable-next-line statelint/no-memory-session-store -- admin tool runs one instance', '', 'statelint'],
    ['ESLint next-line', '// eslint-disable-next-line statelint/no-memory-session-store -- admin tool runs one instance', '', 'eslint'],
    ['ESLint same line', '', ' // eslint-disable-line statelint/no-memory-session-store -- admin tool runs one instance', 'eslint'],
    ['block comment', '/* statelint-disable-next-line no-memory-session-store -- admin tool runs one instance */', '', 'statelint'],
  ])('silences with %s', (_name, comment, trailing, syntax) => {
    const result = scan(sessionApp(comment, trailing));
    expect(result.findings).toEqual([]);
    expect(result.suppressedFindings?.map((finding) => finding.start.line)).toEqual([6]);
    expect(result.suppressions).toHaveLength(1);
    expect(result.suppressions?.[0]?.syntax).toBe(syntax);
    expect(result.suppressions?.[0]?.reason).toBe('admin tool runs one instance');
    expect(result.suppressions?.[0]?.suppressedCount).toBe(1);
    expect(result.diagnostics).toEqual([]);
  });

  it('removes the finding from the score', () => {
    expect(scan(sessionApp('// nothing')).score).toBe(0);
    expect(scan(sessionApp('// statelint-disable-next-line no-memory-session-store -- one instance')).score).toBe(100);
  });

  it('keeps a finding of another rule', () => {
    const result = scan(sessionApp('// statelint-disable-next-line no-module-state -- not this one'));
    expect(result.findings.map((finding) => finding.start.line)).toEqual([6]);
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['unused-suppression']);
  });

  it('silences several listed rules', () => {
    const result = scan(sessionApp('// statelint-disable-next-line no-module-state, no-memory-session-store -- one instance'));
    expect(result.findings).toEqual([]);
    expect(result.suppressions?.[0]?.ruleIds).toEqual(['no-memory-session-store', 'no-module-state']);
  });

  it('ignores ESLint comments for other plugins', () => {
    const result = scan(sessionApp('// eslint-disable-next-line @typescript-eslint/no-floating-promises -- fire and forget'));
    expect(result.findings).toHaveLength(1);
    expect(result.suppressions).toEqual([]);
    expect(result.diagnostics).toEqual([]);
  });

  it('lists a blanket ESLint comment that silenced a finding', () => {
    const result = scan(sessionApp('// eslint-disable-next-line -- legacy code'));
    expect(result.findings).toEqual([]);
    expect(result.suppressions?.map((suppression) => suppression.ruleIds)).toEqual([[]]);
  });

  it('ignores a blanket ESLint comment that silenced nothing', () => {
    const result = scan(`// eslint-disable-next-line -- legacy code\nexport const limit = 10;\n`);
    expect(result.suppressions).toEqual([]);
    expect(result.diagnostics).toEqual([]);
  });

  it('reports a suppression without reason', () => {
    const result = scan(sessionApp('// statelint-disable-next-line no-memory-session-store'));
    expect(result.findings).toEqual([]);
    expect(result.suppressions?.[0]?.reason).toBeNull();
    expect(result.diagnostics).toEqual([
      {
        code: 'suppression-without-reason',
        severity: 'warning',
        file: 'src/app.ts',
        start: { line: 5, column: 1 },
        message: 'The statelint-disable-next-line comment gives no reason, so reviewers cannot tell why this state is safe to keep in the worker.',
        hint: 'Add the reason after two dashes, for example `// statelint-disable-next-line <rule> -- cleared at the end of each request`.',
      },
    ]);
  });

  it('keeps dashes inside the reason', () => {
    const result = scan(sessionApp('// statelint-disable-next-line no-memory-session-store -- single instance -- see the runbook'));
    expect(result.suppressions?.[0]?.reason).toBe('single instance -- see the runbook');
  });

  it('ignores directive text in a string', () => {
    const result = scan(sessionApp("const note = '// statelint-disable-next-line no-memory-session-store -- no';"));
    expect(result.findings).toHaveLength(1);
    expect(result.suppressions).toEqual([]);
  });

  it('does not reach two lines down', () => {
    const result = scan(sessionApp('// statelint-disable-next-line no-memory-session-store -- too far\n'));
    expect(result.findings.map((finding) => finding.start.line)).toEqual([7]);
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['unused-suppression']);
  });
});

describe('suppression diagnostics in Spanish', () => {
  it('reports an unused comment', () => {
    const suppression = scan(sessionApp('// statelint-disable-next-line no-module-state -- otro')).suppressions![0]!;
    const outcome = applySuppressions([], [suppression], documentMessagesFor('es').suppressionDiagnostics);
    expect(outcome.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'El comentario statelint-disable-next-line no silencia nada: la línea 6 no tiene ningún hallazgo de statelint de no-module-state.',
    ]);
  });
});
