import { readFileSync } from 'node:fs';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { detectors } from '../../src/detections/index.js';
import { ruleDocsUrl } from '../../src/eslint/create-rule.js';
import { FINGERPRINT_KEY, formatSarif, relativeUri } from '../../src/report/sarif.js';
import { expectGoldenFile } from './golden.js';
import { cleanResult, exampleDetectors, exampleResult } from './support/example-results.js';
import { scanTexts } from './support/pipeline.js';

// Both packages are CommonJS modules that export `default`; a NodeNext default import is the whole module.
const AjvDraft04 = AjvDraft04Module.default;
const addFormats = addFormatsModule.default;

const GOLDEN_DIR = new URL('./golden/', import.meta.url);

/**
 * The SARIF 2.1.0 JSON schema in its 2.1.0-rtm.5 text, as schemastore.org publishes it, copied from
 * the @microsoft/jest-sarif 1.0.0-beta.0 npm package.
 */
const schema = JSON.parse(readFileSync(new URL('./fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;
// The schema's `language` pattern has an unbalanced `]`, which only non-Unicode regular expressions accept.
const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the log is parsed JSON, checked field by field below
type JsonValue = any;

interface SarifLog {
  runs: Array<{
    tool: { driver: { name: string; rules: Array<Record<string, JsonValue>> } };
    results: Array<Record<string, JsonValue>>;
    invocations: Array<Record<string, JsonValue>>;
    originalUriBaseIds: Record<string, unknown>;
  }>;
}

function parse(text: string): SarifLog {
  return JSON.parse(text) as SarifLog;
}

const SESSION_APP = `import express from 'express';
import session from 'express-session';

const app = express();
app.use(session({ secret: 'keyboard cat' }));
`;

describe('formatSarif', () => {
  it.each([
    ['example result', exampleResult()],
    ['clean result', cleanResult()],
    ['real scan', scanTexts({ 'src/app.ts': SESSION_APP })],
  ])('validates against the schema: %s', (_name, result) => {
    const valid = validate(JSON.parse(formatSarif(result)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(['express-stateful-app', 'express-stateless-app'])('golden log of %s validates', (example) => {
    const log = JSON.parse(readFileSync(new URL(`./golden/examples/${example}.sarif`, import.meta.url), 'utf8')) as unknown;
    expect(validate(log)).toBe(true);
  });

  it('schema check rejects a broken log', () => {
    const log = JSON.parse(formatSarif(cleanResult())) as Record<string, unknown>;
    delete log.version;
    expect(validate(log)).toBe(false);
  });

  it('describes every rule for code scanning', () => {
    const rules = parse(formatSarif(cleanResult())).runs[0]!.tool.driver.rules;
    expect(rules.map((rule) => rule.id)).toEqual(detectors.map((detector) => detector.id).sort());
    for (const rule of rules) {
      expect(rule.shortDescription.text).toMatch(/^(Disallow|Require|Enforce) /);
      expect(rule.fullDescription.text.length).toBeGreaterThan(rule.shortDescription.text.length);
      expect(rule.help.text).toContain(ruleDocsUrl(rule.id));
      expect(rule.helpUri).toBe(ruleDocsUrl(rule.id));
    }
  });

  it('maps severities to SARIF levels', () => {
    const results = parse(formatSarif(exampleResult())).runs[0]!.results;
    const levels = Object.fromEntries(results.map((result) => [result.locations[0].physicalLocation.artifactLocation.uri, result.level]));
    expect(levels['src/app.ts']).toBe('error');
    expect(levels['src/jobs/cleanup.ts']).toBe('warning');
    expect(levels['src/pdf/render.ts']).toBe('note');
  });

  it('writes repository-relative URIs under %SRCROOT%', () => {
    const result = exampleResult();
    result.findings[0] = { ...result.findings[0]!, file: 'src/my app/ñ#1.ts' };
    const log = parse(formatSarif(result));
    const location = log.runs[0]!.results.find((entry) => entry.ruleId === result.findings[0]!.ruleId)!.locations[0].physicalLocation;
    expect(location.artifactLocation).toEqual({ uri: 'src/my%20app/%C3%B1%231.ts', uriBaseId: '%SRCROOT%' });
    expect(location.region).toEqual({ startLine: 14, startColumn: 9, endLine: 14, endColumn: 45 });
    expect(Object.keys(log.runs[0]!.originalUriBaseIds)).toEqual(['%SRCROOT%']);
  });

  it('encodes each path segment but keeps slashes', () => {
    expect(relativeUri('a b/c%d/e.ts')).toBe('a%20b/c%25d/e.ts');
  });

  it('keeps fingerprints when unrelated lines move', () => {
    const before = parse(formatSarif(scanTexts({ 'src/app.ts': SESSION_APP }))).runs[0]!.results;
    const moved = `// Sessions for the admin area.\n\nimport cors from 'cors';\n${SESSION_APP.replace("app.use(session", "app.use(cors());\n\napp.use(session")}`;
    const after = parse(formatSarif(scanTexts({ 'src/app.ts': moved }))).runs[0]!.results;
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(after[0]!.locations[0].physicalLocation.region.startLine).not.toBe(before[0]!.locations[0].physicalLocation.region.startLine);
    expect(after[0]!.partialFingerprints[FINGERPRINT_KEY]).toBe(before[0]!.partialFingerprints[FINGERPRINT_KEY]);
  });

  it('changes the fingerprint when the flagged code changes', () => {
    const before = parse(formatSarif(scanTexts({ 'src/app.ts': SESSION_APP }))).runs[0]!.results[0]!;
    const edited = SESSION_APP.replace("secret: 'keyboard cat'", "secret: process.env.SECRET");
    const after = parse(formatSarif(scanTexts({ 'src/app.ts': edited }))).runs[0]!.results[0]!;
    expect(after.partialFingerprints[FINGERPRINT_KEY]).not.toBe(before.partialFingerprints[FINGERPRINT_KEY]);
  });

  it('lists in-source suppressions with their justification', () => {
    const suppressed = SESSION_APP.replace('app.use(session', '// statelint-disable-next-line no-memory-session-store -- single-instance admin tool\napp.use(session');
    const results = parse(formatSarif(scanTexts({ 'src/app.ts': suppressed }))).runs[0]!.results;
    expect(results).toHaveLength(1);
    expect(results[0]!.suppressions).toEqual([
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'single-instance admin tool',
        location: { physicalLocation: { artifactLocation: { uri: 'src/app.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 5, startColumn: 1, endLine: 5, endColumn: 85 } } },
      },
    ]);
  });

  it('omits the justification of a suppression without reason', () => {
    const suppressed = SESSION_APP.replace('app.use(session', '// eslint-disable-next-line statelint/no-memory-session-store\napp.use(session');
    const log = parse(formatSarif(scanTexts({ 'src/app.ts': suppressed })));
    expect(log.runs[0]!.results[0]!.suppressions[0]).not.toHaveProperty('justification');
    const notifications = log.runs[0]!.invocations[0]!.toolExecutionNotifications as Array<{ descriptor: { id: string } }>;
    expect(notifications.map((notification) => notification.descriptor.id)).toEqual(['suppression-without-reason']);
  });

  it('marks the run unsuccessful on a scan error', () => {
    const result = cleanResult();
    result.diagnostics = [{ code: 'parse-error', severity: 'error', file: 'src/broken.ts', start: { line: 2, column: 5 }, message: 'The file has a syntax error.', hint: 'Fix it.' }];
    const invocation = parse(formatSarif(result)).runs[0]!.invocations[0]!;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications[0].level).toBe('error');
  });

  it('sets baselineState against a baseline', () => {
    const result = exampleResult();
    const [added] = result.findings;
    result.baseline = { file: 'statelint-baseline.json', newFindings: [{ fingerprint: added!.fingerprint!, ruleId: added!.ruleId, file: added!.file, line: 14, message: added!.message }], fixed: [], baselined: 3 };
    const states = parse(formatSarif(result)).runs[0]!.results.filter((entry) => !entry.suppressions).map((entry) => entry.baselineState);
    expect(states.filter((state) => state === 'new')).toHaveLength(1);
    expect(states.filter((state) => state === 'unchanged')).toHaveLength(3);
  });

  it('is deterministic', () => {
    expect(formatSarif(exampleResult())).toBe(formatSarif(exampleResult()));
  });

  it('caps related locations with their full count', () => {
    const result = exampleResult();
    const related = Array.from({ length: 1_500 }, (_unused, index) => ({ file: 'src/handlers.ts', start: { line: index + 1, column: 1 }, end: { line: index + 1, column: 9 }, message: 'changed here' }));
    const first = { ...result.findings[0]!, related };
    result.findings[0] = first;
    const sarif = parse(formatSarif(result)).runs[0]!.results.find((entry) => entry.partialFingerprints?.[FINGERPRINT_KEY] === first.fingerprint)!;
    expect(sarif.relatedLocations).toHaveLength(1_000);
    expect(sarif.properties.relatedLocationCount).toBe(1_500);
    expect(validate(JSON.parse(formatSarif(result)))).toBe(true);
  });

  it('gives no count below the cap', () => {
    const results = parse(formatSarif(exampleResult())).runs[0]!.results;
    expect(results.some((entry) => 'relatedLocationCount' in entry.properties)).toBe(false);
  });

  it('matches the golden file', () => {
    expectGoldenFile(GOLDEN_DIR, 'example.sarif', formatSarif(exampleResult(), { detectors: exampleDetectors }));
  });
});
