import { posix } from 'node:path';
import { folderOf, joinPath, type ProjectFiles } from './project-files.js';

/** Folders that contain compiled output by convention when no tsconfig sets another. */
const OUTPUT_FOLDERS = new Set(['dist', 'build', 'out', 'lib', '.build']);

/** Source extensions a compiled file may come from, by the compiled file's extension. */
const SOURCE_EXTENSIONS_FOR: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.jsx': ['.tsx', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
  '.ts': ['.ts'],
  '.tsx': ['.tsx'],
  '.mts': ['.mts'],
  '.cts': ['.cts'],
};

const EXTENSIONLESS_CANDIDATES = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * Maps a path named in a command or a package.json field to the project source file it runs:
 * `dist/server.js` is `src/server.ts` when tsconfig has `outDir: dist` and `rootDir: src`, and
 * `/app/dist/server.js` inside a container is the same file. Without a tsconfig, a leading
 * dist, build, out or lib folder is tried as `src/` and as the project root.
 */
export function sourceFileFor(project: ProjectFiles, path: string, baseFolder = ''): string | undefined {
  const cleaned = path.replace(/^\.\//, '');
  if (cleaned.startsWith('/')) return containerPathToSource(project, cleaned);
  const joined = joinPath(baseFolder, cleaned);
  if (joined.startsWith('..')) return undefined;
  return existingSource(project, joined) ?? outputToSource(project, joined);
}

/**
 * A path inside a container image, such as `/usr/src/app/dist/server.js`, is matched by dropping
 * leading folders until the rest names a project file.
 */
function containerPathToSource(project: ProjectFiles, path: string): string | undefined {
  const segments = path.split('/').filter((segment) => segment !== '');
  for (let start = 0; start < segments.length; start++) {
    const candidate = segments.slice(start).join('/');
    const found = existingSource(project, candidate) ?? outputToSource(project, candidate);
    if (found) return found;
  }
  return undefined;
}

/** The source file itself, or with its extension added or swapped, or the folder's index file. */
function existingSource(project: ProjectFiles, path: string): string | undefined {
  if (project.sourceFiles.has(path)) return path;
  const extension = posix.extname(path);
  const stem = path.slice(0, path.length - extension.length);
  if (extension === '' || !(extension in SOURCE_EXTENSIONS_FOR)) {
    for (const candidate of EXTENSIONLESS_CANDIDATES) {
      if (project.sourceFiles.has(`${path}${candidate}`)) return `${path}${candidate}`;
    }
    for (const candidate of EXTENSIONLESS_CANDIDATES) {
      const index = path === '' ? `index${candidate}` : `${path}/index${candidate}`;
      if (project.sourceFiles.has(index)) return index;
    }
    return undefined;
  }
  for (const candidate of SOURCE_EXTENSIONS_FOR[extension] ?? []) {
    if (project.sourceFiles.has(`${stem}${candidate}`)) return `${stem}${candidate}`;
  }
  return undefined;
}

function outputToSource(project: ProjectFiles, path: string): string | undefined {
  const withoutDeclaration = path.replace(/\.d\.([cm]?)ts$/, '.$1js');
  const config = project.tsconfigFor(folderOf(path));
  if (config?.options.outDir) {
    const outDir = project.relative(config.options.outDir);
    if (outDir !== undefined && (withoutDeclaration === outDir || withoutDeclaration.startsWith(`${outDir}/`))) {
      const inside = withoutDeclaration.slice(outDir.length + 1);
      const rootDir = config.options.rootDir ? project.relative(config.options.rootDir) : undefined;
      // Without rootDir, TypeScript uses the common folder of the inputs, which is `src` in most projects.
      const rootDirs = rootDir !== undefined ? [rootDir] : [joinPath(config.folder, 'src'), config.folder];
      for (const folder of rootDirs) {
        const found = existingSource(project, joinPath(folder, inside));
        if (found) return found;
      }
    }
  }
  const segments = withoutDeclaration.split('/');
  const outputIndex = segments.findIndex((segment) => OUTPUT_FOLDERS.has(segment));
  if (outputIndex === -1) return undefined;
  const prefix = segments.slice(0, outputIndex).join('/');
  const inside = segments.slice(outputIndex + 1).join('/');
  return existingSource(project, joinPath(joinPath(prefix, 'src'), inside)) ?? existingSource(project, joinPath(prefix, inside));
}
