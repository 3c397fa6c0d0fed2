import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findCatalogSites } from '../../src/catalog/detect.js';
import { CATALOG } from '../../src/catalog/entries/index.js';
import { parseUserCatalog } from '../../src/catalog/user-entries.js';
import { detectors } from '../../src/detections/index.js';
import { analyzeText } from '../../src/engine/analyze-file.js';
import { fileContextFor } from '../../src/engine/file-context.js';
import { parseSource } from '../../src/engine/parse.js';
import { ENTRY_CASES, type EntryCase } from './cases/index.js';

function sitesOf(entryCase: EntryCase) {
  const path = entryCase.filename ?? 'src/example.ts';
  const sourceFile = parseSource(path, entryCase.code);
  return findCatalogSites(fileContextFor(sourceFile, path)).map((site) => ({
    ...site,
    line: sourceFile.getLineAndCharacterOfPosition(site.node.getStart(sourceFile)).line + 1,
  }));
}

describe('catalog entries', () => {
  it('have unique ids', () => {
    const ids = CATALOG.map((entry) => entry.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it.each(CATALOG.map((entry) => [entry.id, entry] as const))('%s names its package and source', (id, entry) => {
    expect(id.startsWith(`${entry.package}/`)).toBe(true);
    expect(entry.source).toMatch(/^https:\/\/\S+$/);
  });

  it('pass the validation that user entries pass', () => {
    const copies = JSON.parse(JSON.stringify(CATALOG.map((entry) => ({ ...entry, id: `${entry.id}#copy` })))) as unknown;
    expect(parseUserCatalog(copies).problems).toEqual([]);
  });

  it.each(CATALOG.map((entry) => [entry.id, entry] as const))('%s has positive and negative cases', (id, entry) => {
    const cases = ENTRY_CASES.filter((entryCase) => entryCase.entry === id);
    // An entry that is never stateful cannot have a positive case; its negative case shows the compliant site.
    if (entry.stateful.when !== 'never') {
      expect(cases.some((entryCase) => entryCase.kind === 'positive'), 'positive case').toBe(true);
    }
    expect(cases.some((entryCase) => entryCase.kind === 'negative'), 'negative case').toBe(true);
  });

  it('cases name only existing entries', () => {
    const ids = new Set(CATALOG.map((entry) => entry.id));
    expect(ENTRY_CASES.map((entryCase) => entryCase.entry).filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe('catalog entry cases', () => {
  const positives = ENTRY_CASES.filter((entryCase) => entryCase.kind === 'positive');
  const negatives = ENTRY_CASES.filter((entryCase) => entryCase.kind === 'negative');

  it.each(positives.map((entryCase) => [`${entryCase.entry}: ${entryCase.name}`, entryCase] as const))('%s', (_name, entryCase) => {
    const stateful = sitesOf(entryCase).filter((site) => site.entry.id === entryCase.entry && site.status === 'stateful');
    expect(stateful.map((site) => site.line)).toEqual([entryCase.line]);
  });

  it.each(negatives.map((entryCase) => [`${entryCase.entry}: ${entryCase.name}`, entryCase] as const))('%s', (_name, entryCase) => {
    const sites = sitesOf(entryCase).filter((site) => site.entry.id === entryCase.entry);
    expect(sites.filter((site) => site.status === 'stateful')).toEqual([]);
    const entry = CATALOG.find((candidate) => candidate.id === entryCase.entry);
    if (entry?.stateful.when === 'never') expect(sites.filter((site) => site.status === 'compliant')).toHaveLength(1);
  });
});

describe('catalog findings', () => {
  it('build the message from the entry', () => {
    const text = `import { PubSub } from 'graphql-subscriptions';\nexport const pubsub = new PubSub();\n`;
    const [finding] = analyzeText('src/pubsub.ts', text, detectors).findings;
    const entry = CATALOG.find((candidate) => candidate.id === 'graphql-subscriptions/pubsub')!;
    expect(finding?.ruleId).toBe('no-per-process-realtime');
    expect(finding?.message).toBe(`${entry.finding}, so clients connected to other workers are left out. ${entry.remedy}`);
  });

  it('count compliant configurations', () => {
    const text = `import session from 'express-session';\nimport { RedisStore } from 'connect-redis';\napp.use(session({ store: new RedisStore({ client }), secret: 's' }));\n`;
    const analysis = analyzeText('src/app.ts', text, detectors);
    expect(analysis.findings).toEqual([]);
    expect(analysis.compliantSites.map((site) => [site.ruleId, site.category, site.backing, site.start.line])).toEqual([
      ['no-memory-session-store', 'session-store', 'connect-redis', 3],
    ]);
  });

  it('report a cache used as a rate limiter once, as a rate limiter', () => {
    const text = `import { LRUCache } from 'lru-cache';\nconst loginAttempts = new LRUCache<string, number>({ max: 100 });\nexport const fail = (ip: string) => loginAttempts.set(ip, (loginAttempts.get(ip) ?? 0) + 1);\n`;
    const findings = analyzeText('src/limit.ts', text, detectors).findings;
    expect(findings.map((finding) => [finding.ruleId, finding.category, finding.severity, finding.start.line])).toEqual([
      ['no-in-process-rate-limit', 'rate-limit-store', 'error', 2],
    ]);
  });

  it('point a reclassified cache to its writes', () => {
    const text = `import { LRUCache } from 'lru-cache';\nconst loginAttempts = new LRUCache<string, number>({ max: 100 });\nexport function count(ip: string) {\n  loginAttempts.set(ip, (loginAttempts.get(ip) ?? 0) + 1);\n}\n`;
    const [finding] = analyzeText('src/limit.ts', text, detectors).findings;
    expect(finding?.related.map((related) => [related.start.line, related.start.column, related.message])).toEqual([[4, 3, 'The state is changed here.']]);
  });
});

describe('docs/catalog.md', () => {
  const markdown = readFileSync(new URL('../../docs/catalog.md', import.meta.url), 'utf8');
  const rows = markdown.split('\n').filter((line) => line.startsWith('| `'));

  it.each(CATALOG.map((entry) => [entry.id, entry] as const))('has a row for %s with its source', (id, entry) => {
    const row = rows.find((line) => line.startsWith(`| \`${id}\` |`));
    expect(row, `row for ${id}`).toBeDefined();
    expect(row).toContain(entry.source);
  });
});
