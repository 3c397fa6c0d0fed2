import createDebug from 'debug';
import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { SOURCE_EXTENSIONS } from '../engine/parse.js';
import { compareCodeUnits } from '../report/order.js';

const debug = createDebug('statelint:discover');

/** Folders never scanned, whatever .gitignore contains: installed packages and git's own data. */
const ALWAYS_SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/** Declaration files (`.d.ts`, `.d.mts`, `.d.cts`, and `.d.<ext>.ts` for non-code imports) hold no runtime code. */
const DECLARATION_FILE = /\.d(?:\.[^./\\]+)?\.[cm]?ts$/i;

/** Named as `SkipReason` in read-source.ts, which classifies these entries when the scan reads them. */
export type EntrySkipReason = 'symlink-skipped' | 'special-file';

/** An entry of a scanned folder that looks like source code but was not read. */
export interface SkippedEntry {
  path: string;
  reason: EntrySkipReason;
}

/** A path given to the scan that could not be scanned. */
export interface PathProblem {
  /** The path as the caller gave it. */
  path: string;
  kind: 'not-found' | 'outside-cwd' | 'not-a-source-file' | 'unreadable-folder';
  /** The system error code, such as `EACCES`, when a system call failed. */
  errorCode?: string;
}

export interface Discovery {
  /** Repository-relative POSIX paths of the regular source files to analyse, in code-unit order. */
  files: string[];
  skipped: SkippedEntry[];
  problems: PathProblem[];
  /** Files and folders left out because a .gitignore matches them. */
  ignoredCount: number;
}

export function isSourceFileName(name: string): boolean {
  return SOURCE_EXTENSIONS.includes(extname(name).toLowerCase()) && !DECLARATION_FILE.test(name);
}

/** A symbolic link is reported only when it may lead to code: a source file name, or no extension as folders have. */
function mayLeadToCode(name: string): boolean {
  return isSourceFileName(name) || extname(name) === '';
}

export function toPosixRelative(cwd: string, absolutePath: string): string {
  return relative(cwd, absolutePath).split(sep).join('/');
}

/** The .gitignore rules in force in one folder, deepest last. */
interface IgnoreLevel {
  folder: string;
  rules: Ignore;
}

async function readIgnoreFile(folder: string): Promise<IgnoreLevel | undefined> {
  const path = join(folder, '.gitignore');
  try {
    const stats = await lstat(path);
    if (!stats.isFile()) return undefined;
    return { folder, rules: ignore().add(await readFile(path, 'utf8')) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') debug('cannot read %s: %O', path, error);
    return undefined;
  }
}

/**
 * Applies .gitignore files as git does: the deepest file with a rule that matches decides, and a
 * later rule in one file overrides an earlier one (which `ignore` handles).
 */
function isIgnored(levels: readonly IgnoreLevel[], absolutePath: string, isFolder: boolean): boolean {
  for (let index = levels.length - 1; index >= 0; index -= 1) {
    const level = levels[index]!;
    const pathInLevel = relative(level.folder, absolutePath).split(sep).join('/') + (isFolder ? '/' : '');
    const result = level.rules.test(pathInLevel);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Returns the folders whose .gitignore files apply to `folder`, outermost first: from the root of
 * the enclosing git work tree, or from `cwd` outside one, down to `folder` itself.
 */
async function ignoreLevelsAbove(folder: string, cwd: string): Promise<IgnoreLevel[]> {
  let top: string | undefined;
  for (let current = folder; ; current = dirname(current)) {
    if (await exists(join(current, '.git'))) {
      top = current;
      break;
    }
    if (dirname(current) === current) break;
  }
  top ??= cwd;

  const folders: string[] = [];
  for (let current = folder; ; current = dirname(current)) {
    folders.unshift(current);
    if (current === top || dirname(current) === current) break;
  }

  const levels: IgnoreLevel[] = [];
  for (const current of folders) {
    const level = await readIgnoreFile(current);
    if (level) levels.push(level);
  }
  return levels;
}

function isInside(path: string, folder: string): boolean {
  const fromFolder = relative(folder, path);
  return fromFolder === '' || (!fromFolder.startsWith('..') && !isAbsolute(fromFolder));
}

class Walker {
  readonly files = new Set<string>();
  readonly skipped = new Map<string, EntrySkipReason>();
  readonly problems: PathProblem[] = [];
  ignoredCount = 0;

  constructor(private readonly cwd: string) {}

  /** Adds one path given by the caller. A path named explicitly is scanned even when a .gitignore matches it. */
  async addPath(given: string): Promise<void> {
    const absolutePath = resolve(this.cwd, given);
    // Reports name files relative to the working folder, and nothing outside it may reach a report.
    if (!isInside(absolutePath, this.cwd)) {
      this.problems.push({ path: given, kind: 'outside-cwd' });
      return;
    }
    let stats;
    try {
      stats = await lstat(absolutePath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.problems.push({ path: given, kind: 'not-found', ...(code && code !== 'ENOENT' ? { errorCode: code } : {}) });
      return;
    }

    if (stats.isSymbolicLink()) {
      this.skipped.set(toPosixRelative(this.cwd, absolutePath), 'symlink-skipped');
    } else if (stats.isDirectory()) {
      await this.walk(absolutePath, await ignoreLevelsAbove(absolutePath, this.cwd));
    } else if (!stats.isFile()) {
      this.skipped.set(toPosixRelative(this.cwd, absolutePath), 'special-file');
    } else if (isSourceFileName(absolutePath)) {
      this.files.add(toPosixRelative(this.cwd, absolutePath));
    } else {
      this.problems.push({ path: given, kind: 'not-a-source-file' });
    }
  }

  private async walk(root: string, rootLevels: IgnoreLevel[]): Promise<void> {
    const pending: { folder: string; levels: IgnoreLevel[] }[] = [{ folder: root, levels: rootLevels }];
    while (pending.length > 0) {
      const { folder, levels } = pending.pop()!;
      let entries: Dirent[];
      try {
        entries = await readdir(folder, { withFileTypes: true });
      } catch (error) {
        debug('cannot list %s: %O', folder, error);
        this.problems.push({ path: toPosixRelative(this.cwd, folder) || '.', kind: 'unreadable-folder', errorCode: (error as NodeJS.ErrnoException).code ?? 'EIO' });
        continue;
      }

      // The root's own .gitignore is already in rootLevels; each subfolder adds its own here.
      const ownLevel = folder === root ? undefined : await readIgnoreFile(folder);
      const folderLevels = ownLevel ? [...levels, ownLevel] : levels;

      const subfolders: string[] = [];
      for (const entry of entries.sort((left, right) => compareCodeUnits(left.name, right.name))) {
        if (ALWAYS_SKIPPED_FOLDERS.has(entry.name) && !entry.isFile()) continue;
        const absolutePath = join(folder, entry.name);
        // Dirent types come from the folder listing, which never follows links: a link is a link here.
        if (isIgnored(folderLevels, absolutePath, entry.isDirectory())) {
          this.ignoredCount += 1;
          continue;
        }

        if (entry.isDirectory()) {
          subfolders.push(absolutePath);
        } else if (entry.isSymbolicLink()) {
          if (mayLeadToCode(entry.name)) this.skipped.set(toPosixRelative(this.cwd, absolutePath), 'symlink-skipped');
        } else if (!isSourceFileName(entry.name)) {
          continue;
        } else if (entry.isFile()) {
          this.files.add(toPosixRelative(this.cwd, absolutePath));
        } else {
          this.skipped.set(toPosixRelative(this.cwd, absolutePath), 'special-file');
        }
      }
      // Pushed in reverse so that folders are visited in name order; the result is sorted anyway.
      for (const subfolder of subfolders.reverse()) pending.push({ folder: subfolder, levels: folderLevels });
    }
  }
}

/**
 * Finds the JavaScript and TypeScript source files under `paths` (default: `cwd`), as paths
 * relative to `cwd` with `/` separators. Honours .gitignore files, always skips node_modules and
 * .git, never follows symbolic links and never opens FIFOs, sockets or devices.
 */
export async function discoverSourceFiles(paths: readonly string[], cwd: string): Promise<Discovery> {
  const walker = new Walker(cwd);
  for (const path of paths.length > 0 ? paths : ['.']) await walker.addPath(path);

  const files = [...walker.files].sort(compareCodeUnits);
  const skipped = [...walker.skipped]
    .filter(([path]) => !walker.files.has(path))
    .map(([path, reason]) => ({ path, reason }))
    .sort((left, right) => compareCodeUnits(left.path, right.path));
  debug('%d source files, %d skipped, %d ignored', files.length, skipped.length, walker.ignoredCount);
  return { files, skipped, problems: walker.problems, ignoredCount: walker.ignoredCount };
}
