import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanProject } from '../../../src/project/analyze-project.js';

const autoscaledFixture = fileURLToPath(new URL('../../../fixtures/project-deploy-autoscaled/', import.meta.url));

// A folder holding two projects side by side: one with an HPA and nginx, one with neither. Scanning
// one of them from the parent folder must read only that project's deployment files.
describe('configuration roots', () => {
  let parent: string;

  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'statelint-config-roots-'));
    cpSync(autoscaledFixture, join(parent, 'autoscaled'), { recursive: true });
    mkdirSync(join(parent, 'plain', 'src'), { recursive: true });
    writeFileSync(join(parent, 'plain', 'package.json'), JSON.stringify({ name: 'plain', main: 'src/server.js' }));
    writeFileSync(join(parent, 'plain', 'src', 'server.js'), "const http = require('node:http');\nhttp.createServer((req, res) => res.end('ok')).listen(3000);\n");
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('ignores a sibling project\'s deployment files', async () => {
    const result = await scanProject({ cwd: parent, paths: ['plain'] });
    expect(result.deployment?.autoscaling.state).toBe('unknown');
    expect(result.deployment?.loadBalancing.state).toBe('unknown');
    expect(result.level).not.toBe('optimal');
  });

  it('ignores a sibling project\'s entrypoints', async () => {
    const result = await scanProject({ cwd: parent, paths: ['plain'] });
    expect(result.entrypoints?.map((entrypoint) => entrypoint.file)).toEqual(['plain/src/server.js']);
  });

  it('keeps to a scanned folder that has no package.json', async () => {
    mkdirSync(join(parent, 'bare', 'src'), { recursive: true });
    writeFileSync(join(parent, 'bare', 'src', 'server.js'), "require('node:http').createServer((req, res) => res.end()).listen(3000);\n");
    const result = await scanProject({ cwd: parent, paths: ['bare'] });
    expect(result.deployment?.autoscaling.state).toBe('unknown');
    expect(result.entrypoints?.map((entrypoint) => entrypoint.file)).toEqual(['bare/src/server.js']);
  });

  it('reads the scanned project\'s own deployment files', async () => {
    const result = await scanProject({ cwd: parent, paths: ['autoscaled'] });
    expect(result.deployment?.autoscaling.state).toBe('yes');
  });

  it('reads the root project when scanning its source folder', async () => {
    const result = await scanProject({ cwd: join(parent, 'autoscaled'), paths: ['src'] });
    expect(result.deployment?.autoscaling.state).toBe('yes');
  });
});
