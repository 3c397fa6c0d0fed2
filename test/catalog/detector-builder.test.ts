import { describe, expect, it } from 'vitest';
import { isCatalogDetector } from '../../src/catalog/detector.js';
import { toCatalogEntries } from '../../src/catalog/user-entries.js';
import { detectors } from '../../src/detections/index.js';
import { analyzeText } from '../../src/engine/analyze-file.js';

const LOCAL_UPLOADS_ENTRY = {
  id: '@acme/uploads/local-bucket',
  package: '@acme/uploads',
  category: 'local-fs',
  severity: 'error',
  site: { kind: 'new', exports: [{ module: '@acme/uploads', path: ['LocalBucket'] }] },
  stateful: { when: 'always' },
  finding: "@acme/uploads' LocalBucket stores uploads in a folder of this worker",
  remedy: 'Use S3Bucket from @acme/uploads.',
};

const NIGHTLY_JOB_ENTRY = {
  id: '@acme/jobs/nightly',
  package: '@acme/jobs',
  category: 'timer-job',
  severity: 'error',
  site: { kind: 'call', exports: [{ module: '@acme/jobs', path: ['nightly'] }] },
  stateful: { when: 'always' },
  finding: "@acme/jobs' nightly() starts its timer in every web worker",
  remedy: 'Start it in the worker process.',
};

const CODE = `import { LocalBucket } from '@acme/uploads';
import { nightly } from '@acme/jobs';
export const bucket = new LocalBucket('uploads');
nightly(() => undefined);
`;

const entries = toCatalogEntries([LOCAL_UPLOADS_ENTRY, NIGHTLY_JOB_ENTRY], 'test');
const catalogDetectors = detectors.filter(isCatalogDetector);

function ruleLines(ruleId: string, withEntries: boolean): number[] {
  const detector = catalogDetectors.find((candidate) => candidate.id === ruleId)!;
  const analysis = analyzeText('src/app.ts', CODE, [withEntries ? detector.withEntries(entries) : detector]);
  return analysis.findings.map((finding) => finding.start.line);
}

describe('catalog detector builder', () => {
  it('backs every catalog rule', () => {
    expect(catalogDetectors.map((detector) => detector.id)).toEqual([
      'no-in-process-cache',
      'no-in-process-jobs',
      'no-in-process-rate-limit',
      'no-local-fs-write',
      'no-memory-session-store',
      'no-per-process-realtime',
    ]);
  });

  it.each(catalogDetectors.map((detector) => detector.id))('%s reuses one detector per entry array', (ruleId) => {
    const detector = catalogDetectors.find((candidate) => candidate.id === ruleId)!;
    expect(detector.withEntries(entries)).toBe(detector.withEntries(entries));
  });

  it.each(catalogDetectors.map((detector) => detector.id))('%s keeps its id and messages with entries', (ruleId) => {
    const detector = catalogDetectors.find((candidate) => candidate.id === ruleId)!;
    const extended = detector.withEntries(entries);
    expect(extended.id).toBe(detector.id);
    expect(extended.messages).toEqual(detector.messages);
  });

  it('returns the built-in detection for no entries', () => {
    const detector = catalogDetectors.find((candidate) => candidate.id === 'no-local-fs-write')!;
    expect(detector.withEntries([]).detect).toBe(detector.detect);
  });

  it('adds a file entry to no-local-fs-write', () => {
    expect(ruleLines('no-local-fs-write', true)).toEqual([3]);
  });

  it('ignores the file entry without it', () => {
    expect(ruleLines('no-local-fs-write', false)).toEqual([]);
  });

  it('adds a job entry to no-in-process-jobs', () => {
    expect(ruleLines('no-in-process-jobs', true)).toEqual([4]);
  });

  it('ignores the job entry without it', () => {
    expect(ruleLines('no-in-process-jobs', false)).toEqual([]);
  });
});
