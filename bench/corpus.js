// The benchmark corpus: published server packages, fetched by exact version with `npm pack` and
// unpacked under .cache/bench/corpus/<name>@<version>/. Only each package's own files are used, so
// no dependency is installed and no install script runs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import createDebug from 'debug';

const debug = createDebug('statelint:bench:corpus');

/** The file name endings the statelint scan reads. Declaration files are not source. */
const SOURCE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'];
const DECLARATION_SUFFIXES = ['.d.ts', '.d.mts', '.d.cts'];

/** @typedef {{ name: string, version: string }} PinnedPackage */

/** @returns {PinnedPackage[]} */
export function readPinnedPackages(corpusListPath) {
  return JSON.parse(readFileSync(corpusListPath, 'utf8')).packages;
}

/** @param {PinnedPackage} pinned */
export function packageFolderName(pinned) {
  return `${pinned.name}@${pinned.version}`;
}

/**
 * Fetches and unpacks every pinned package that is not unpacked yet. A package counts as unpacked
 * when its folder contains a package.json of the pinned version, so an interrupted unpack is redone.
 */
export function ensureCorpus(corpusDir, pinnedPackages) {
  const tarballDir = join(corpusDir, '..', 'tarballs');
  mkdirSync(tarballDir, { recursive: true });

  for (const pinned of pinnedPackages) {
    const target = join(corpusDir, packageFolderName(pinned));
    if (unpackedVersion(target) === pinned.version) continue;

    debug('fetching %s@%s', pinned.name, pinned.version);
    const output = execFileSync('npm', ['pack', `${pinned.name}@${pinned.version}`, '--json', '--pack-destination', tarballDir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [packed] = JSON.parse(output);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    // Registry tarballs keep everything under one top folder (usually `package/`).
    execFileSync('tar', ['-xzf', join(tarballDir, packed.filename), '-C', target, '--strip-components=1']);
    if (unpackedVersion(target) !== pinned.version) {
      throw new Error(`Unpacking ${pinned.name}@${pinned.version} into ${target} did not produce its package.json; delete the folder and run the benchmark again.`);
    }
  }
}

function unpackedVersion(folder) {
  const manifest = join(folder, 'package.json');
  if (!existsSync(manifest)) return undefined;
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

export function isSourceFile(fileName) {
  if (DECLARATION_SUFFIXES.some((suffix) => fileName.endsWith(suffix))) return false;
  return SOURCE_EXTENSIONS.some((extension) => fileName.endsWith(extension));
}

/** Lists the source files under `root` as sorted POSIX paths relative to it, skipping symlinks. */
export function listSourceFiles(root) {
  const files = [];
  const pending = [root];
  while (pending.length > 0) {
    const folder = pending.pop();
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') pending.push(path);
      else if (entry.isFile() && isSourceFile(entry.name)) files.push(relative(root, path).split(sep).join('/'));
    }
  }
  // Code-unit order, as statelint sorts paths, so that every run visits files in the same order.
  return files.sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
}
