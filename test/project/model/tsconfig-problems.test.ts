import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanProject } from '../../../src/project/analyze-project.js';

const SERVER = "import { helper } from '@app/helper';\nimport http from 'node:http';\nhttp.createServer(() => helper()).listen(3000);\n";

describe('tsconfig problems', () => {
  let project: string;

  function makeProject(tsconfig: string | undefined): void {
    project = mkdtempSync(join(tmpdir(), 'statelint-tsconfig-'));
    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'api', main: 'src/server.ts' }));
    writeFileSync(join(project, 'src', 'server.ts'), SERVER);
    writeFileSync(join(project, 'src', 'helper.ts'), 'export function helper() { return 1; }\n');
    if (tsconfig !== undefined) writeFileSync(join(project, 'tsconfig.json'), tsconfig);
  }

  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it('names a malformed tsconfig', async () => {
    makeProject('{ "compilerOptions": { "paths": { "@app/*": ["src/*"] }');
    const result = await scanProject({ cwd: project });
    const problems = result.diagnostics.filter((diagnostic) => diagnostic.code === 'tsconfig-invalid');
    expect(problems.map((problem) => [problem.file, problem.severity])).toEqual([['tsconfig.json', 'error']]);
    expect(problems[0]?.message).toContain('tsconfig.json');
    expect(problems[0]?.message).not.toContain(project);
    expect(problems[0]?.start).toEqual({ line: 1, column: expect.any(Number) });
    expect(result.passed).toBe(false);
  });

  it('warns about a tsconfig that extends a missing file', async () => {
    makeProject('{ "extends": "./missing-base.json", "compilerOptions": { "paths": { "@app/*": ["src/*"] } } }');
    const result = await scanProject({ cwd: project });
    const problems = result.diagnostics.filter((diagnostic) => diagnostic.code === 'tsconfig-invalid');
    expect(problems.map((problem) => [problem.file, problem.severity])).toEqual([['tsconfig.json', 'warning']]);
    expect(problems[0]?.message).toContain('missing-base.json');
    expect(problems[0]?.message).not.toContain(project);
  });

  it('reports nothing for a valid tsconfig', async () => {
    makeProject('{ "compilerOptions": { "paths": { "@app/*": ["src/*"] } } }');
    const result = await scanProject({ cwd: project });
    expect(result.diagnostics).toEqual([]);
    expect(result.unreachedFiles ?? []).toEqual([]);
  });

  it('reports nothing without a tsconfig', async () => {
    makeProject(undefined);
    const result = await scanProject({ cwd: project });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.code === 'tsconfig-invalid')).toEqual([]);
  });

  it('analyses JavaScript with allowJs off', async () => {
    makeProject('{ "compilerOptions": { "allowJs": false } }');
    writeFileSync(join(project, 'src', 'jobs.js'), "const cron = require('node-cron');\ncron.schedule('* * * * *', () => {});\nmodule.exports = {};\n");
    writeFileSync(join(project, 'src', 'server.ts'), "import './jobs.js';\nimport http from 'node:http';\nhttp.createServer(() => {}).listen(3000);\n");
    const result = await scanProject({ cwd: project });
    expect(result.findings.map((finding) => [finding.file, finding.start.line, finding.ruleId])).toEqual([['src/jobs.js', 2, 'no-in-process-jobs']]);
  });
});
