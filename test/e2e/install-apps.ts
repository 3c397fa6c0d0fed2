import createDebug from 'debug';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const debug = createDebug('statelint:e2e:install');
const execFileAsync = promisify(execFile);

/** A published server application, installed by exact version and scanned as its own project. */
export interface RealApp {
  name: string;
  version: string;
  /** The folders of the package that hold the server's code, relative to the package folder. */
  serverPaths: readonly string[];
}

export const REAL_APPS = {
  jsonServer: { name: 'json-server', version: '0.17.4', serverPaths: ['lib'] },
  // The package also ships the built web front end (dist/, src/) and maintenance scripts (extra/).
  uptimeKuma: { name: 'uptime-kuma', version: '2.0.0-dev.0', serverPaths: ['server'] },
  parseServer: { name: 'parse-server', version: '9.10.0', serverPaths: ['lib'] },
} as const satisfies Record<string, RealApp>;

export const REAL_APPS_DIR = fileURLToPath(new URL('../../.cache/real-apps/', import.meta.url));

/** Returns the npm prefix an app is installed into: `.cache/real-apps/<name>@<version>/`. */
export function installFolder(app: RealApp): string {
  return join(REAL_APPS_DIR, `${app.name}@${app.version}`);
}

/** Returns the app's own package folder, whose code is scanned. Its dependencies sit beside it. */
export function packageFolder(app: RealApp): string {
  return join(installFolder(app), 'node_modules', app.name);
}

function installedVersion(app: RealApp): string | undefined {
  const manifest = join(packageFolder(app), 'package.json');
  if (!existsSync(manifest)) return undefined;
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version;
}

/**
 * Installs one app from the npm registry unless that version is already installed. Install
 * scripts are disabled, so none of the app's code or its dependencies' code runs.
 */
export async function installApp(app: RealApp): Promise<string> {
  const folder = packageFolder(app);
  if (installedVersion(app) === app.version && existsSync(join(folder, '.git'))) return folder;

  const prefix = installFolder(app);
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  // Without a package.json in the prefix, npm looks for a project in the folders above it.
  writeFileSync(join(prefix, 'package.json'), '{ "private": true }\n');

  const spec = `${app.name}@${app.version}`;
  debug('installing %s into %s', spec, prefix);
  // Run from inside the prefix: npm reads a spec such as `json-server@0.17.4` as a folder path when
  // a folder of that name exists in the working directory.
  await execFileAsync('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', prefix, spec], {
    cwd: prefix,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (installedVersion(app) !== app.version) {
    throw new Error(`npm install ${spec} finished but ${folder} does not contain version ${app.version}. Delete ${prefix} and run the test again.`);
  }

  // This repository's .gitignore excludes .cache/, and statelint honours the .gitignore files of the
  // enclosing work tree. A work tree of its own makes the app a project of its own, as its
  // repository would be, and it is created last so that it marks a finished install.
  await execFileAsync('git', ['init', '--quiet', folder]);
  return folder;
}
