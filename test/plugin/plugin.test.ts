import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { detectors } from '../../src/detections/index.js';
import plugin from '../../src/index.js';

const repositoryRoot = new URL('../../', import.meta.url);

function idsIn(folder: string, extension: string): string[] {
  return readdirSync(new URL(folder, repositoryRoot))
    .filter((name) => name.endsWith(extension) && name !== `index${extension}`)
    .map((name) => name.slice(0, -extension.length))
    .sort();
}

describe('plugin', () => {
  const ruleIds = Object.keys(rules).sort();

  it('has one detection per rule', () => {
    expect(detectors.map((detector) => detector.id).sort()).toEqual(ruleIds);
  });

  it('has one rule file per rule', () => {
    expect(idsIn('rules/', '.ts')).toEqual(ruleIds);
  });

  it('has one test file per rule', () => {
    expect(idsIn('test/rules/', '.test.ts')).toEqual(ruleIds);
  });

  it('has one doc page per rule', () => {
    expect(idsIn('docs/rules/', '.md')).toEqual(ruleIds);
  });

  it('names itself in meta', () => {
    expect(plugin.meta).toEqual({ name: 'eslint-plugin-statelint', version: expect.stringMatching(/^\d+\.\d+\.\d+/), namespace: 'statelint' });
  });

  it('takes each rule message from its detection', () => {
    for (const detector of detectors) {
      expect(rules[detector.id]?.meta.messages).toEqual(detector.messages);
      expect(rules[detector.id]?.meta.docs?.description).toBe(detector.description);
    }
  });

  it('describes rules with Disallow, Require or Enforce', () => {
    for (const rule of Object.values(rules)) {
      expect(rule.meta.docs?.description).toMatch(/^(Disallow|Require|Enforce) /);
    }
  });

  it('builds recommended configs from rule metadata', () => {
    const recommended = Object.entries(rules)
      .filter(([, rule]) => (rule.meta.docs as { recommended?: boolean } | undefined)?.recommended)
      .map(([id]) => `statelint/${id}`)
      .sort();
    expect(recommended.length).toBeGreaterThan(0);
    expect(Object.keys(plugin.configs.recommended.rules ?? {}).sort()).toEqual(recommended);
    expect(Object.keys(plugin.configs['legacy-recommended'].rules ?? {}).sort()).toEqual(recommended);
    expect(plugin.configs['legacy-recommended'].plugins).toEqual(['statelint']);
  });
});

describe.skipIf(!existsSync(new URL('dist/src/index.js', repositoryRoot)))('built package', () => {
  it('loads through require()', () => {
    const script = "const p = require('./dist/src/index.js'); process.stdout.write(JSON.stringify([p.meta.namespace, typeof p.rules, typeof p.configs.recommended]))";
    const output = execFileSync(process.execPath, ['-e', script], { cwd: new URL('.', repositoryRoot), encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual(['statelint', 'object', 'object']);
  });

  it('loads through import', () => {
    const script = "import('./dist/src/index.js').then((m) => process.stdout.write(m.default.meta.namespace))";
    const output = execFileSync(process.execPath, ['-e', script], { cwd: new URL('.', repositoryRoot), encoding: 'utf8' });
    expect(output).toBe('statelint');
  });
});
