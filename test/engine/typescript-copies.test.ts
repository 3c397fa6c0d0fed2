import { Project, ts as tsMorphTypeScript } from 'ts-morph';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { detectors } from '../../src/detections/index.js';
import { analyzeSourceFile, type FileAnalysis } from '../../src/engine/analyze-file.js';
import { parseSource, scriptKindFor } from '../../src/engine/parse.js';

// The detections import `typescript`, but the project model parses with ts-morph, which bundles a
// TypeScript copy of its own. The detections compare node kinds by number and call the `typescript`
// package's helpers on whatever nodes they receive, so both copies must produce the same findings.

interface Sample {
  path: string;
  text: string;
}

const SAMPLES: readonly Sample[] = [
  {
    path: 'src/sessions.ts',
    text: `import express from 'express';
import session from 'express-session';
import { RedisStore } from 'connect-redis';
import { createClient } from 'redis';

const app = express();
app.use('/admin', session({ secret: process.env.SESSION_SECRET! }));
app.use('/api', session({ secret: process.env.SESSION_SECRET!, store: new RedisStore({ client: createClient() }) }));
`,
  },
  {
    path: 'src/refresh-rates.js',
    text: `const { fetchRates } = require('./rates');

let rates = {};
setInterval(async () => {
  rates = await fetchRates();
}, 60_000);

module.exports = (req, res) => res.json(rates);
`,
  },
  {
    path: 'src/routes/visits.ts',
    text: `import { Router } from 'express';

const visitsByUser = new Map<string, number>();
export const router = Router();

router.post('/visits', (req, res) => {
  const count = (visitsByUser.get(req.body.user) ?? 0) + 1;
  visitsByUser.set(req.body.user, count);
  res.json({ count });
});
`,
  },
];

function parseWithTsMorphCopy(sample: Sample): ts.SourceFile {
  const kind = scriptKindFor(sample.path) as number as tsMorphTypeScript.ScriptKind;
  const parsed = tsMorphTypeScript.createSourceFile(sample.path, sample.text, tsMorphTypeScript.ScriptTarget.Latest, true, kind);
  // The cast is what the project model does when it hands a ts-morph node to a detection.
  return parsed as unknown as ts.SourceFile;
}

function parseWithTsMorphProject(sample: Sample): ts.SourceFile {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } });
  return project.createSourceFile(sample.path, sample.text).compilerNode as unknown as ts.SourceFile;
}

function analyze(sourceFile: ts.SourceFile, path: string): FileAnalysis {
  return analyzeSourceFile(sourceFile, path, detectors);
}

describe('TypeScript copies', () => {
  it('ts-morph bundles a TypeScript of the same minor version', () => {
    const [major, minor] = ts.version.split('.');
    expect(tsMorphTypeScript.version.split('.').slice(0, 2)).toEqual([major, minor]);
  });

  it('SyntaxKind numbers are identical in both copies', () => {
    expect({ ...tsMorphTypeScript.SyntaxKind }).toEqual({ ...ts.SyntaxKind });
  });

  it.each(SAMPLES.map((sample) => [sample.path, sample] as const))('%s: typescript package reports findings', (path, sample) => {
    const analysis = analyze(parseSource(path, sample.text), path);

    expect(analysis.failures).toEqual([]);
    expect(analysis.findings.length).toBeGreaterThan(0);
  });

  it.each(SAMPLES.map((sample) => [sample.path, sample] as const))('%s: ts-morph copy gives the same analysis', (path, sample) => {
    const expected = analyze(parseSource(path, sample.text), path);

    expect(analyze(parseWithTsMorphCopy(sample), path)).toEqual(expected);
  });

  it.each(SAMPLES.map((sample) => [sample.path, sample] as const))('%s: ts-morph Project gives the same analysis', (path, sample) => {
    const expected = analyze(parseSource(path, sample.text), path);

    expect(analyze(parseWithTsMorphProject(sample), path)).toEqual(expected);
  });

  it('session sample has a finding and a compliant site', () => {
    const analysis = analyze(parseWithTsMorphProject(SAMPLES[0]!), SAMPLES[0]!.path);

    expect(analysis.findings.map((finding) => [finding.category, finding.start.line])).toEqual([['session-store', 7]]);
    expect(analysis.compliantSites.map((site) => [site.backing, site.start.line])).toEqual([['connect-redis', 8]]);
  });
});
