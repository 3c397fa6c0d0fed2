import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendRelease, emptyHistory, historyEntryFor, HistoryError, parseHistory, resolveReleaseId, serializeHistory, trendOf } from '../../src/history/history.js';
import { scanTexts } from './support/pipeline.js';

const LEAKY = `import express from 'express';
import session from 'express-session';

const app = express();
app.use(session({ secret: 'a' }));
`;

const JOBS = `import express from 'express';

const app = express();
setInterval(() => purgeExpiredCarts(), 60_000);
app.listen(3000);
`;

describe('release history', () => {
  it('appends releases oldest first', () => {
    let history = appendRelease(emptyHistory(), historyEntryFor(scanTexts({ 'src/app.ts': LEAKY }), 'v1.0.0'));
    history = appendRelease(history, historyEntryFor(scanTexts({ 'src/app.ts': LEAKY, 'src/jobs.ts': JOBS }), 'v1.1.0'));
    expect(history.releases.map((release) => release.release)).toEqual(['v1.0.0', 'v1.1.0']);
  });

  it('replaces a re-run of the last release', () => {
    let history = appendRelease(emptyHistory(), historyEntryFor(scanTexts({ 'src/app.ts': LEAKY }), 'v1.0.0'));
    history = appendRelease(history, historyEntryFor(scanTexts({ 'src/app.ts': LEAKY, 'src/jobs.ts': JOBS }), 'v1.0.0'));
    expect(history.releases).toHaveLength(1);
    expect(history.releases[0]!.findings.length).toBeGreaterThan(1);
  });

  it('lists findings new and fixed since the previous release', () => {
    let history = appendRelease(emptyHistory(), historyEntryFor(scanTexts({ 'src/app.ts': LEAKY }), 'v1.0.0'));
    history = appendRelease(history, historyEntryFor(scanTexts({ 'src/jobs.ts': JOBS }), 'v1.1.0'));
    const trend = trendOf(parseHistory(serializeHistory(history), 'history.json'));
    expect(trend.previousRelease).toBe('v1.0.0');
    expect(trend.newSincePrevious.map((record) => record.file)).toContain('src/jobs.ts');
    expect(trend.newSincePrevious.map((record) => record.file)).not.toContain('src/app.ts');
    expect(trend.fixedSincePrevious.map((record) => `${record.file}:${record.line} ${record.ruleId}`)).toEqual(['src/app.ts:5 no-memory-session-store']);
    expect(trend.releases.map((release) => release.release)).toEqual(['v1.0.0', 'v1.1.0']);
  });

  it('has no comparison for the first release', () => {
    const trend = trendOf(appendRelease(emptyHistory(), historyEntryFor(scanTexts({ 'src/app.ts': LEAKY }), 'v1.0.0')));
    expect(trend.previousRelease).toBeNull();
    expect(trend.newSincePrevious).toEqual([]);
  });

  it('stores each criterion score', () => {
    const entry = historyEntryFor(scanTexts({ 'src/app.ts': LEAKY }), 'v1.0.0');
    expect(entry.criteria.sessions).toBe(0);
    expect(entry.criteria.files).toBeNull();
  });

  it.each([
    ['invalid JSON', '[', /is not valid JSON/],
    ['wrong shape', '{"version": 1, "releases": {}}', /is not a statelint history/],
    ['invalid release', '{"version": 1, "releases": [{"release": 3}]}', /invalid release at \$\.releases\[0\]/],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseHistory(text, 'history.json')).toThrow(HistoryError);
    expect(() => parseHistory(text, 'history.json')).toThrow(message);
  });
});

describe('resolveReleaseId', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'statelint-release-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  function git(...args: string[]): void {
    execFileSync('git', ['-c', 'user.name=statelint', '-c', 'user.email=statelint@example.com', ...args], { cwd: folder, stdio: 'ignore' });
  }

  it('prefers the override', () => {
    expect(resolveReleaseId(folder, ' 2024.06 ')).toBe('2024.06');
  });

  it('uses the git tag on HEAD', () => {
    writeFileSync(join(folder, 'package.json'), '{"version": "1.0.0"}');
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'init');
    git('tag', 'v1.0.0-rc.1');
    expect(resolveReleaseId(folder)).toBe('v1.0.0-rc.1');
  });

  it('falls back to the package version', () => {
    writeFileSync(join(folder, 'package.json'), '{"version": "3.2.1"}');
    expect(resolveReleaseId(folder)).toBe('3.2.1');
  });

  it('falls back to unreleased', () => {
    expect(resolveReleaseId(folder)).toBe('unreleased');
  });
});
