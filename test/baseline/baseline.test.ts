import { describe, expect, it } from 'vitest';
import { baselineGatePassed, BaselineError, compareWithBaseline, createBaseline, parseBaseline, serializeBaseline } from '../../src/baseline/baseline.js';
import { scanTexts } from '../report/support/pipeline.js';

const ADMIN = `import express from 'express';
import session from 'express-session';

export const admin = express();
admin.use(session({ secret: 'admin' }));
`;

const SHOP = `import express from 'express';
import session from 'express-session';

export const shop = express();
shop.use(session({ secret: 'shop' }));
`;

const SHOP_FIXED = `import express from 'express';
import session from 'express-session';
import RedisStore from 'connect-redis';
import { redis } from './redis.js';

export const shop = express();
shop.use(session({ secret: 'shop', store: new RedisStore({ client: redis }) }));
`;

const API = `import express from 'express';
import session from 'express-session';

export const api = express();
api.use(session({ secret: 'api' }));
`;

/** Records a baseline through its file text, as `statelint baseline` and a later gate run would. */
function recordBaseline(files: Record<string, string>): string {
  return serializeBaseline(createBaseline(scanTexts(files).findings));
}

describe('baseline round trip', () => {
  const recorded = recordBaseline({ 'src/admin.ts': ADMIN, 'src/shop.ts': SHOP });

  it('records one entry per finding', () => {
    const baseline = parseBaseline(recorded, 'statelint-baseline.json');
    expect(baseline.entries.map((entry) => `${entry.file}:${entry.line} ${entry.ruleId}`)).toEqual([
      'src/admin.ts:5 no-memory-session-store',
      'src/shop.ts:5 no-memory-session-store',
    ]);
  });

  it('passes on the recorded code', () => {
    const comparison = compareWithBaseline(parseBaseline(recorded, 'b.json'), scanTexts({ 'src/admin.ts': ADMIN, 'src/shop.ts': SHOP }).findings, 'b.json');
    expect(comparison.newFindings).toEqual([]);
    expect(comparison.fixed).toEqual([]);
    expect(comparison.baselined).toBe(2);
    expect(baselineGatePassed(comparison)).toBe(true);
  });

  it('passes when baselined code moves', () => {
    const moved = `// Admin area.\n\n${ADMIN.replace('export const admin', '/** The admin app. */\nexport const admin')}`;
    const comparison = compareWithBaseline(parseBaseline(recorded, 'b.json'), scanTexts({ 'src/admin.ts': moved, 'src/shop.ts': SHOP }).findings, 'b.json');
    expect(baselineGatePassed(comparison)).toBe(true);
  });

  it('fails on the added finding alone', () => {
    const comparison = compareWithBaseline(parseBaseline(recorded, 'b.json'), scanTexts({ 'src/admin.ts': ADMIN, 'src/shop.ts': SHOP, 'src/api.ts': API }).findings, 'b.json');
    expect(comparison.newFindings.map((record) => `${record.file}:${record.line}`)).toEqual(['src/api.ts:5']);
    expect(comparison.fixed).toEqual([]);
    expect(comparison.baselined).toBe(2);
    expect(baselineGatePassed(comparison)).toBe(false);
  });

  it('reports a fixed finding and fails on its stale entry', () => {
    const comparison = compareWithBaseline(parseBaseline(recorded, 'b.json'), scanTexts({ 'src/admin.ts': ADMIN, 'src/shop.ts': SHOP_FIXED }).findings, 'b.json');
    expect(comparison.newFindings).toEqual([]);
    expect(comparison.fixed.map((record) => `${record.file}:${record.line}`)).toEqual(['src/shop.ts:5']);
    expect(baselineGatePassed(comparison)).toBe(false);
  });

  it('passes once the baseline is recorded again', () => {
    const fixedFiles = { 'src/admin.ts': ADMIN, 'src/shop.ts': SHOP_FIXED };
    const shrunk = recordBaseline(fixedFiles);
    const comparison = compareWithBaseline(parseBaseline(shrunk, 'b.json'), scanTexts(fixedFiles).findings, 'b.json');
    expect(parseBaseline(shrunk, 'b.json').entries).toHaveLength(1);
    expect(baselineGatePassed(comparison)).toBe(true);
  });

  it('tells identical findings in one file apart', () => {
    const twice = `${ADMIN}admin.use(session({ secret: 'admin' }));\n`;
    const baseline = parseBaseline(recordBaseline({ 'src/admin.ts': twice }), 'b.json');
    expect(new Set(baseline.entries.map((entry) => entry.fingerprint)).size).toBe(2);
    const comparison = compareWithBaseline(baseline, scanTexts({ 'src/admin.ts': ADMIN }).findings, 'b.json');
    expect(comparison.fixed).toHaveLength(1);
  });

  it('serialises deterministically', () => {
    expect(recordBaseline({ 'src/shop.ts': SHOP, 'src/admin.ts': ADMIN })).toBe(recorded);
  });
});

describe('parseBaseline', () => {
  it.each([
    ['invalid JSON', '{', /is not valid JSON/],
    ['wrong version', '{"version": 2, "entries": []}', /has version 2; this statelint reads version 1/],
    ['no entries', '{"version": 1}', /has no `entries` array/],
    ['invalid entry', '{"version": 1, "entries": [{"fingerprint": "x"}]}', /invalid entry at \$\.entries\[0\]/],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseBaseline(text, 'b.json')).toThrow(BaselineError);
    expect(() => parseBaseline(text, 'b.json')).toThrow(message);
  });
});
