import createDebug from 'debug';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { ProjectFiles } from './project-files.js';

const debug = createDebug('statelint:yaml-files');

/** One document of a YAML file, with a way to find the line of any value in it. */
export interface YamlDocument {
  file: string;
  value: unknown;
  /** The 1-based line of the value at `path`, or of the document start when it has none. */
  lineOf(path: readonly (string | number)[]): number;
}

const cache = new WeakMap<ProjectFiles, Map<string, YamlDocument[]>>();

/** Parses every document of a YAML file, skipping documents with errors. Missing files give none. */
export function readYamlDocuments(project: ProjectFiles, file: string): YamlDocument[] {
  let byFile = cache.get(project);
  if (!byFile) cache.set(project, (byFile = new Map()));
  const cached = byFile.get(file);
  if (cached) return cached;

  const text = project.read(file);
  const documents: YamlDocument[] = [];
  if (text !== undefined) {
    const lineCounter = new LineCounter();
    for (const document of parseAllDocuments(text, { lineCounter })) {
      if (document.errors.length > 0) {
        debug('invalid YAML in %s: %s', file, document.errors[0]!.message);
        continue;
      }
      const startLine = lineCounter.linePos(document.range[0]).line;
      documents.push({
        file,
        value: document.toJS({ maxAliasCount: 100 }),
        lineOf(path) {
          const node = document.getIn(path, true) as { range?: [number, number, number] } | undefined;
          const pair = path.length > 0 ? (document.getIn(path.slice(0, -1), true) as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | undefined) : undefined;
          const key = pair?.items?.find((item) => item.key?.value === path.at(-1))?.key;
          const offset = key?.range?.[0] ?? node?.range?.[0];
          return offset === undefined ? startLine : lineCounter.linePos(offset).line;
        },
      });
    }
  }
  byFile.set(file, documents);
  return documents;
}

/** True for file names that are YAML. */
export function isYamlFile(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}
