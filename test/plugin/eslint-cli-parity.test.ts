import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectors } from '../../src/detections/index.js';
import { analyzeText } from '../../src/engine/analyze-file.js';
import { lintWithRecommended } from '../support/eslint.js';
import { hasSharedCases, SHARED_CASES_DIR } from '../support/shared-cases.js';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

function sourceFilesUnder(folder: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) files.push(...sourceFilesUnder(path));
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/** The fixtures of this repository, and the labelled cases when they sit beside the checkout. */
function comparedFiles(): { label: string; path: string; absolute: string }[] {
  const own = sourceFilesUnder(join(repositoryRoot, 'fixtures')).map((absolute) => {
    const path = relative(repositoryRoot, absolute).split('\\').join('/');
    return { label: path, path, absolute };
  });
  const shared = hasSharedCases
    ? sourceFilesUnder(SHARED_CASES_DIR).map((absolute) => {
        const path = relative(SHARED_CASES_DIR, absolute).split('\\').join('/');
        return { label: `cases/${path}`, path, absolute };
      })
    : [];
  return [...own, ...shared];
}

describe('ESLint and CLI parity', () => {
  const files = comparedFiles();

  it('has files to compare', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((file) => [file.label, file] as const))('%s', (_label, file) => {
    const text = readFileSync(file.absolute, 'utf8');
    const fromCli = analyzeText(file.path, text, detectors)
      .findings.filter((finding) => finding.severity !== 'info')
      .map((finding) => `${finding.start.line}:${finding.start.column} statelint/${finding.ruleId} ${finding.messageId}`)
      .sort();
    const fromEslint = lintWithRecommended(file.path, text)
      .filter((message) => message.ruleId?.startsWith('statelint/'))
      .map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.messageId}`)
      .sort();
    expect(fromEslint).toEqual(fromCli);
  });
});
