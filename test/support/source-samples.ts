import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasSharedCases, SHARED_CASES_DIR } from './shared-cases.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** A source file to feed the engine, with its path relative to the folder it was listed from. */
export interface SourceSample {
  path: string;
  text: string;
}

function listSources(folder: string, root = folder): SourceSample[] {
  const found: SourceSample[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) found.push(...listSources(path, root));
    else if (SOURCE_FILE.test(name)) found.push({ path: relative(root, path).split('\\').join('/'), text: readFileSync(path, 'utf8') });
  }
  return found;
}

/** Reads every source file of the project's fixtures and, when present, of the labelled cases, in path order. */
export function loadSourceSamples(): SourceSample[] {
  return [...listSources(FIXTURES), ...(hasSharedCases ? listSources(SHARED_CASES_DIR) : [])];
}
