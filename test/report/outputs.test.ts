import { describe, expect, it } from 'vitest';
import { pairOutputTargets } from '../../src/report/outputs.js';
import { createProgress } from '../../src/report/progress.js';

describe('pairOutputTargets', () => {
  it.each([
    ['no option', [], [{ format: 'terminal' }]],
    ['one format', ['--format', 'json'], [{ format: 'json' }]],
    ['output alone', ['-o', 'r.txt'], [{ format: 'terminal', output: 'r.txt' }]],
    ['pairs in order', ['--format', 'html', '--output', 'r.html', '--format', 'sarif', '--output', 'r.sarif'], [{ format: 'html', output: 'r.html' }, { format: 'sarif', output: 'r.sarif' }]],
    ['equals syntax', ['--format=html', '--output=r.html'], [{ format: 'html', output: 'r.html' }]],
    ['short options', ['-f', 'markdown', '-o', 'summary.md', 'src'], [{ format: 'markdown', output: 'summary.md' }]],
    ['one format to stdout', ['-f', 'sarif', '-o', 'r.sarif', '-f', 'terminal'], [{ format: 'sarif', output: 'r.sarif' }, { format: 'terminal' }]],
    ['outputs after formats', ['-f', 'html', '-f', 'sarif', '-o', 'r.sarif'], [{ format: 'html' }, { format: 'sarif', output: 'r.sarif' }]],
    ['stops at --', ['-f', 'json', '--', '-f', 'html'], [{ format: 'json' }]],
  ])('pairs %s', (_name, argv, targets) => {
    expect(pairOutputTargets(argv, 'terminal')).toEqual({ targets });
  });

  it('reports several reports on stdout', () => {
    expect(pairOutputTargets(['-f', 'json', '-f', 'markdown'], 'terminal').problem).toEqual({ kind: 'several-to-stdout', formats: ['json', 'markdown'] });
  });

  it('reports one file twice', () => {
    expect(pairOutputTargets(['-f', 'json', '-o', 'r', '-f', 'sarif', '-o', 'r'], 'terminal').problem).toEqual({ kind: 'same-file', output: 'r' });
  });
});

describe('createProgress', () => {
  function recorder(isTTY: boolean): { stream: { write(text: string): boolean; isTTY: boolean }; written: string[] } {
    const written: string[] = [];
    return { stream: { write: (text: string) => written.push(text) > 0, isTTY }, written };
  }

  it('redraws at most every 100 ms', () => {
    const { stream, written } = recorder(true);
    let time = 0;
    const progress = createProgress(stream, {}, (analyzed, total) => `${analyzed}/${total}`, () => time);
    progress.update(1, 10);
    time = 50;
    progress.update(2, 10);
    time = 150;
    progress.update(3, 10);
    progress.update(10, 10);
    progress.finish();
    expect(written).toEqual(['\r\u001b[2K1/10', '\r\u001b[2K3/10', '\r\u001b[2K10/10', '\r\u001b[2K']);
  });

  it('writes nothing when CI is set', () => {
    const { stream, written } = recorder(true);
    const progress = createProgress(stream, { CI: 'true' }, () => 'x');
    progress.update(1, 1);
    progress.finish();
    expect(written).toEqual([]);
  });

  it('writes nothing off a terminal', () => {
    const { stream, written } = recorder(false);
    const progress = createProgress(stream, {}, () => 'x');
    progress.update(1, 1);
    expect(written).toEqual([]);
  });
});
