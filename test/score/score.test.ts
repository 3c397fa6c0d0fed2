import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORY_CRITERION, CRITERIA, type Category, type CompliantSite, type Criterion, type Finding, type Severity } from '../../src/model.js';
import { buildScanResult, EQUAL_WEIGHTS, levelFor, overallScore, scoreCriteria, truncateScore, type CriterionWeights } from '../../src/score.js';

const CATEGORY_OF: Readonly<Record<Criterion, Category>> = {
  sessions: 'session-store',
  cache: 'shared-cache',
  files: 'local-fs',
  jobs: 'timer-job',
  state: 'module-state',
};

function finding(criterion: Criterion, severity: Severity = 'error', line = 1): Finding {
  const category = CATEGORY_OF[criterion];
  return {
    ruleId: 'test-rule',
    criterion: CATEGORY_CRITERION[category],
    category,
    severity,
    messageId: 'test',
    message: 'test finding',
    file: 'src/app.ts',
    start: { line, column: 1 },
    end: { line, column: 10 },
    related: [],
  };
}

function site(criterion: Criterion, line = 1): CompliantSite {
  return { ruleId: 'test-rule', criterion, category: CATEGORY_OF[criterion], backing: 'redis', file: 'src/app.ts', start: { line, column: 1 }, end: { line, column: 10 } };
}

function score(findings: readonly Finding[], sites: readonly CompliantSite[], weights: CriterionWeights = EQUAL_WEIGHTS): number {
  return overallScore(scoreCriteria(findings, sites, weights));
}

describe('scoreCriteria', () => {
  it('divides compliant sites by all sites', () => {
    const criteria = scoreCriteria([finding('sessions')], [site('sessions'), site('sessions'), site('sessions')]);
    const sessions = criteria.find((result) => result.criterion === 'sessions')!;
    expect(sessions.applicable).toBe(true);
    expect(sessions.score).toBe(75);
    expect(sessions.compliantSites).toBe(3);
    expect(sessions.violations).toBe(1);
  });

  it('marks a criterion without sites not applicable', () => {
    const cache = scoreCriteria([finding('sessions')], []).find((result) => result.criterion === 'cache')!;
    expect(cache.applicable).toBe(false);
    expect(cache.score).toBeNull();
  });

  it('counts warnings but not info notes', () => {
    const files = scoreCriteria([finding('files', 'warning'), finding('files', 'info')], [site('files')]).find((result) => result.criterion === 'files')!;
    expect(files.violations).toBe(1);
    expect(files.score).toBe(50);
  });

  it('lists every criterion in the fixed order', () => {
    expect(scoreCriteria([], []).map((result) => result.criterion)).toEqual([...CRITERIA]);
  });

  it('truncates instead of rounding', () => {
    const sessions = scoreCriteria([finding('sessions'), finding('sessions'), finding('sessions')], [site('sessions')]);
    expect(sessions[0]!.score).toBe(25);
    const twoThirds = scoreCriteria([finding('cache')], [site('cache'), site('cache')]).find((result) => result.criterion === 'cache')!;
    expect(twoThirds.score).toBe(66.6);
  });
});

describe('overallScore', () => {
  it('is 100 without any site', () => {
    expect(score([], [])).toBe(100);
  });

  it('averages applicable criteria only', () => {
    // sessions 50, cache 100, the rest not applicable.
    expect(score([finding('sessions')], [site('sessions'), site('cache')])).toBe(75);
  });

  it('weights criteria', () => {
    // sessions 0 with weight 3, cache 100 with weight 1: (3 * 0 + 1 * 100) / 4.
    expect(score([finding('sessions')], [site('cache')], { ...EQUAL_WEIGHTS, sessions: 3 })).toBe(25);
  });

  it('averages exact criterion scores', () => {
    // 2/3 and 1/3 average to exactly 50, although the criteria show 66.6 and 33.3.
    expect(score([finding('sessions'), finding('cache'), finding('cache')], [site('sessions'), site('sessions'), site('cache')])).toBe(50);
  });

  it('is 100 when every applicable weight is zero', () => {
    expect(score([finding('sessions')], [], { ...EQUAL_WEIGHTS, sessions: 0 })).toBe(100);
  });
});

describe('worked example of docs/scoring.md', () => {
  const findings = [finding('cache'), finding('cache'), finding('files'), finding('state')];
  const sites = [site('sessions'), site('cache'), site('state'), site('state'), site('state')];

  it('scores each criterion', () => {
    expect(scoreCriteria(findings, sites).map((result) => result.score)).toEqual([100, 33.3, 0, null, 75]);
  });

  it('scores 52 with equal weights', () => {
    expect(score(findings, sites)).toBe(52);
  });

  it('scores 44 with sessions=2 and files=3', () => {
    expect(score(findings, sites, { ...EQUAL_WEIGHTS, sessions: 2, files: 3 })).toBe(44);
  });

  it('scores 77 once the upload is fixed', () => {
    const fixed = findings.filter((entry) => entry.criterion !== 'files');
    expect(score(fixed, [...sites, site('files')])).toBe(77);
  });
});

describe('truncateScore', () => {
  it('absorbs binary error below an exact tenth', () => {
    expect(truncateScore(56.99999999999999)).toBe(57);
  });

  it('keeps 79.96 below 80', () => {
    expect(truncateScore(79.96)).toBe(79.9);
  });
});

describe('levelFor', () => {
  it.each([
    [0, false, 'failing'],
    [79.9, false, 'failing'],
    [80, false, 'acceptable'],
    [99.9, false, 'acceptable'],
    [100, false, 'target'],
    [100, true, 'optimal'],
    [99.9, true, 'acceptable'],
  ] as const)('%s with auto-scaling %s is %s', (value, autoScaling, level) => {
    expect(levelFor(value, autoScaling)).toBe(level);
  });
});

describe('buildScanResult', () => {
  const coverage = { eligible: 1, analyzed: 1, skipped: {} };

  it('passes at the minimum', () => {
    const result = buildScanResult({ findings: [finding('sessions')], compliantSites: [site('sessions'), site('sessions'), site('sessions'), site('sessions')], diagnostics: [], coverage });
    expect(result.score).toBe(80);
    expect(result.passed).toBe(true);
  });

  it('fails below the minimum', () => {
    const result = buildScanResult({ findings: [finding('sessions')], compliantSites: [site('sessions'), site('sessions'), site('sessions')], diagnostics: [], coverage });
    expect(result.score).toBe(75);
    expect(result.passed).toBe(false);
    expect(result.level).toBe('failing');
  });

  it('fails with an error diagnostic', () => {
    const diagnostics = [{ code: 'parse-error', severity: 'error' as const, file: 'src/a.ts', message: 'broken', hint: 'fix it' }];
    const result = buildScanResult({ findings: [], compliantSites: [], diagnostics, coverage }, { minScore: 0 });
    expect(result.score).toBe(100);
    expect(result.passed).toBe(false);
  });

  it('passes with a warning diagnostic', () => {
    const diagnostics = [{ code: 'symlink-skipped', severity: 'warning' as const, file: 'src/a.ts', message: 'link', hint: 'none' }];
    expect(buildScanResult({ findings: [], compliantSites: [], diagnostics, coverage }).passed).toBe(true);
  });

  it('sorts findings by file, line and column', () => {
    const later = { ...finding('sessions', 'error', 9), file: 'src/b.ts' };
    const upper = { ...finding('sessions', 'error', 5), file: 'src/B.ts' };
    const early = finding('sessions', 'error', 2);
    const result = buildScanResult({ findings: [later, upper, early], compliantSites: [], diagnostics: [], coverage });
    expect(result.findings.map((entry) => `${entry.file}:${entry.start.line}`)).toEqual(['src/B.ts:5', 'src/app.ts:2', 'src/b.ts:9']);
  });
});

describe('score properties', () => {
  const criterion = fc.constantFrom(...CRITERIA);
  const severity = fc.constantFrom<Severity>('error', 'warning', 'info');
  const findings = fc.array(fc.tuple(criterion, severity).map(([value, level]) => finding(value, level)), { maxLength: 30 });
  const sites = fc.array(criterion.map((value) => site(value)), { maxLength: 30 });
  const weights = fc.record<CriterionWeights>({
    sessions: fc.integer({ min: 1, max: 10 }),
    cache: fc.integer({ min: 1, max: 10 }),
    files: fc.integer({ min: 1, max: 10 }),
    jobs: fc.integer({ min: 1, max: 10 }),
    state: fc.integer({ min: 1, max: 10 }),
  });

  it('fixing a finding never lowers the score', () => {
    fc.assert(
      fc.property(findings, sites, weights, fc.nat(), fc.boolean(), (found, compliant, weight, pick, becomesSite) => {
        if (found.length === 0) return;
        const index = pick % found.length;
        const fixed = found.filter((_, position) => position !== index);
        const fixedSites = becomesSite ? [...compliant, site(found[index]!.criterion)] : compliant;
        expect(score(fixed, fixedSites, weight)).toBeGreaterThanOrEqual(score(found, compliant, weight));
      }),
    );
  });

  it('adding a finding never raises the score', () => {
    fc.assert(
      fc.property(findings, sites, weights, criterion, severity, (found, compliant, weight, added, level) => {
        expect(score([...found, finding(added, level)], compliant, weight)).toBeLessThanOrEqual(score(found, compliant, weight));
      }),
    );
  });

  it('same input gives the same score', () => {
    fc.assert(
      fc.property(findings, sites, weights, (found, compliant, weight) => {
        const reversed = score([...found].reverse(), [...compliant].reverse(), weight);
        expect(reversed).toBe(score(found, compliant, weight));
      }),
    );
  });

  it('stays between 0 and 100', () => {
    fc.assert(
      fc.property(findings, sites, weights, (found, compliant, weight) => {
        const value = score(found, compliant, weight);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(100);
      }),
    );
  });
});
