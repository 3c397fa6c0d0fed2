import { readFileSync } from 'node:fs';

interface PackageJson {
  name: string;
  version: string;
}

/**
 * Reads this package's own package.json. The module runs from `src/` under the test runner and
 * from `dist/src/` once built, so the file is one or two folders up.
 */
function readOwnPackageJson(): PackageJson {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const parsed = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as PackageJson;
      if (parsed.name === 'eslint-plugin-statelint') return parsed;
    } catch {
      // Not at this level: try the next one.
    }
  }
  throw new Error('package.json of eslint-plugin-statelint not found next to the installed files; reinstall the package.');
}

const packageJson = readOwnPackageJson();

export const PACKAGE_NAME: string = packageJson.name;
export const PACKAGE_VERSION: string = packageJson.version;
