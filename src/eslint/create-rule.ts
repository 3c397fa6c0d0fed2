import { ESLintUtils } from '@typescript-eslint/utils';
import { PACKAGE_VERSION } from '../package-info.js';

/**
 * Where the rule pages are published. Pinned to the release tag so that a help link always shows
 * the page of the version that reported the finding.
 */
export const RULE_DOCS_BASE_URL = `https://github.com/statelint/eslint-plugin-statelint/blob/v${PACKAGE_VERSION}/docs/rules/`;

export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE_URL}${ruleId}.md`;
}

/** Extra documentation fields every statelint rule declares. */
export interface StatelintRuleDocs {
  description: string;
  /** Whether the `recommended` configs enable the rule. */
  recommended: boolean;
}

export const createRule = ESLintUtils.RuleCreator<StatelintRuleDocs>(ruleDocsUrl);
