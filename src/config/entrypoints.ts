import picomatch from 'picomatch';
import type { EntrypointOverride } from '../project/model/entrypoints.js';
import type { EntrypointSetting } from './validate.js';

export interface MatchedEntrypoints {
  /** One override for each analysed file a setting names, in the order of the settings. */
  overrides: EntrypointOverride[];
  /** Settings that name no analysed file, such as a misspelt path. */
  unmatched: EntrypointSetting[];
}

/**
 * Turns the configuration's entrypoints into overrides of analysed files. A setting names a file
 * by its exact path first, so Next.js paths such as `app/[id]/route.ts` are not read as globs,
 * and otherwise by glob. A leading `./` is ignored.
 */
export function matchEntrypoints(settings: readonly EntrypointSetting[], files: readonly string[]): MatchedEntrypoints {
  const overrides: EntrypointOverride[] = [];
  const unmatched: EntrypointSetting[] = [];
  const fileSet = new Set(files);
  for (const setting of settings) {
    const pattern = setting.file.replace(/^\.\//, '');
    const isMatch = picomatch(pattern, { dot: true });
    const matches = fileSet.has(pattern) ? [pattern] : files.filter((file) => isMatch(file));
    if (matches.length === 0) unmatched.push(setting);
    for (const file of matches) overrides.push({ file, role: setting.role });
  }
  return { overrides, unmatched };
}
