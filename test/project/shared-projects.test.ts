import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model.js';
import { SHARED_CASES_DIR } from '../support/shared-cases.js';
import { runProject } from './model/project-fixtures.js';

const PROJECTS_DIR = join(SHARED_CASES_DIR, 'projects');
const hasProjects = existsSync(PROJECTS_DIR);

interface ExpectedRow {
  file: string;
  line: number;
  category: string;
  severity: 'error' | 'warning' | 'info';
}

interface ProjectExpectation {
  name: string;
  stateless: boolean;
  rows: ExpectedRow[];
  cleanFiles: string[];
}

/** Reads EXPECTED.md: the verdict line, the `file:line | category | severity` table and the clean files. */
function readExpectation(name: string): ProjectExpectation {
  const text = readFileSync(join(PROJECTS_DIR, name, 'EXPECTED.md'), 'utf8');
  const verdict = /stateless[^*]*\*\*(yes|no)\*\*/i.exec(text);
  if (!verdict) throw new Error(`${name}/EXPECTED.md has no stateless verdict`);
  const rows: ExpectedRow[] = [];
  for (const match of text.matchAll(/^\| ([^|\s]+):(\d+) \| ([a-z-]+) \| (error|warning|info) \|/gm)) {
    rows.push({ file: match[1]!, line: Number(match[2]), category: match[3]!, severity: match[4] as ExpectedRow['severity'] });
  }
  const clean = /Files that must produce no warning\/error: (.*)$/m.exec(text)?.[1] ?? '';
  return { name, stateless: verdict[1] === 'yes', rows, cleanFiles: [...clean.matchAll(/`([^`]+)`/g)].map((match) => match[1]!) };
}

function matchesCategory(finding: Finding, category: string): boolean {
  return category === 'other' ? finding.criterion === 'state' : finding.category === category;
}

const scored = (finding: Finding): boolean => finding.severity !== 'info';

describe.skipIf(!hasProjects)('shared project cases', () => {
  const names = hasProjects ? readdirSync(PROJECTS_DIR).filter((name) => existsSync(join(PROJECTS_DIR, name, 'EXPECTED.md'))).sort() : [];

  describe.each(names)('%s', (name) => {
    const expectation = readExpectation(name);
    const run = runProject(join(PROJECTS_DIR, name));
    const findings = run.analysis.findings;

    it('has a verdict matching the expected one', () => {
      expect(findings.filter(scored).length === 0).toBe(expectation.stateless);
    });

    it('reports every expected error', () => {
      for (const row of expectation.rows.filter((entry) => entry.severity === 'error')) {
        const found = findings.some((finding) => scored(finding) && finding.file === row.file && finding.start.line === row.line && matchesCategory(finding, row.category));
        expect(found, `${row.file}:${row.line} ${row.category}`).toBe(true);
      }
    });

    it('reports nothing unexpected', () => {
      const allowed = expectation.rows.filter((row) => row.severity !== 'info');
      for (const finding of findings.filter(scored)) {
        const listed = allowed.some((row) => row.file === finding.file && row.line === finding.start.line && matchesCategory(finding, row.category));
        expect(listed, `${finding.file}:${finding.start.line} ${finding.category} (${finding.ruleId})`).toBe(true);
        expect(expectation.cleanFiles).not.toContain(finding.file);
      }
    });

    it('reaches every file from an entrypoint', () => {
      expect(run.model.unreached).toEqual([]);
    });
  });
});
