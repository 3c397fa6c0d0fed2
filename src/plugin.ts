import type { TSESLint } from '@typescript-eslint/utils';
import tsParser from '@typescript-eslint/parser';
import { rules } from '../rules/index.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './package-info.js';

export const PLUGIN_NAMESPACE = 'statelint';

/** The file patterns the configs lint: JavaScript and TypeScript, in every module flavour. */
export const SOURCE_FILE_GLOBS = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

function recommendedRuleLevels(): Record<string, 'error'> {
  const levels: Record<string, 'error'> = {};
  for (const [id, rule] of Object.entries(rules)) {
    const docs = rule.meta.docs as { recommended?: boolean } | undefined;
    if (docs?.recommended) levels[`${PLUGIN_NAMESPACE}/${id}`] = 'error';
  }
  return levels;
}

interface StatelintPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: {
    recommended: TSESLint.FlatConfig.Config;
    'legacy-recommended': TSESLint.ClassicConfig.Config;
  };
}

/**
 * The ESLint plugin. Its configs set @typescript-eslint/parser for JavaScript files too, because
 * the rules read the TypeScript syntax tree that parser keeps beside its ESTree output.
 */
export const plugin: StatelintPlugin = {
  meta: { name: PACKAGE_NAME, version: PACKAGE_VERSION, namespace: PLUGIN_NAMESPACE },
  rules,
  configs: {} as StatelintPlugin['configs'],
};

plugin.configs.recommended = {
  name: 'statelint/recommended',
  files: SOURCE_FILE_GLOBS,
  plugins: { [PLUGIN_NAMESPACE]: plugin as unknown as TSESLint.FlatConfig.Plugin },
  languageOptions: { parser: tsParser as TSESLint.FlatConfig.Parser },
  rules: recommendedRuleLevels(),
};

plugin.configs['legacy-recommended'] = {
  parser: '@typescript-eslint/parser',
  plugins: [PLUGIN_NAMESPACE],
  rules: recommendedRuleLevels(),
};
