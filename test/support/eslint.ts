import { Linter } from 'eslint';
import { plugin } from '../../src/plugin.js';

/** Lints one file's text with the plugin's `recommended` config, as a user's flat config would. */
export function lintWithRecommended(filename: string, text: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(text, [plugin.configs.recommended as Linter.Config], { filename });
}
