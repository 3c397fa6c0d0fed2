// The project lints itself: typescript-eslint's recommended rules for the code, and
// eslint-plugin-eslint-plugin for the rule files, so each rule keeps the metadata ESLint expects.
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', '.cache/', 'coverage/', 'fixtures/', 'test/**/fixtures/', 'docs/'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['rules/**/*.ts'],
    ...eslintPlugin.configs.recommended,
  },
  {
    files: ['src/**/*.ts', 'rules/**/*.ts'],
    rules: {
      'no-console': 'error',
    },
  },
);
