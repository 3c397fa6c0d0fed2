import type ts from 'typescript';
import { parseSource } from '../../engine/parse.js';

/**
 * The texts of a project's parsed files by repository-relative path, each parsed again when a
 * project-wide pass requests its syntax tree. The scan analyses each file right after parsing it
 * and drops the tree, so that the trees of a large project never sit in memory together. The few
 * files that the passes across files read are parsed a second time and kept here.
 *
 * It is a `ReadonlyMap` of syntax trees to the project model's passes. `get` parses a file at
 * most once; iterating parses every file not yet parsed, so the scan itself never iterates it.
 */
export class SourceStore implements ReadonlyMap<string, ts.SourceFile> {
  readonly #texts = new Map<string, string>();
  readonly #stateBindingNames = new Map<string, ReadonlySet<string>>();
  readonly #parsed = new Map<string, ts.SourceFile>();

  /**
   * Adds a file. `text` is the text its syntax tree was parsed from. `stateBindingNames` are the
   * names of its module-level state bindings, when known, so that passes can skip parsing a file
   * that declares no state of a given name.
   */
  add(path: string, text: string, stateBindingNames?: ReadonlySet<string>): void {
    this.#texts.set(path, text);
    if (stateBindingNames) this.#stateBindingNames.set(path, stateBindingNames);
  }

  get size(): number {
    return this.#texts.size;
  }

  has(path: string): boolean {
    return this.#texts.has(path);
  }

  textOf(path: string): string | undefined {
    return this.#texts.get(path);
  }

  /** Returns false only when the file is known to declare no module-level state named `name`. */
  mayDeclareState(path: string, name: string): boolean {
    return this.#stateBindingNames.get(path)?.has(name) ?? true;
  }

  /** Returns the file's syntax tree, parsing its text on the first request. */
  get(path: string): ts.SourceFile | undefined {
    const parsed = this.#parsed.get(path);
    if (parsed) return parsed;
    const text = this.#texts.get(path);
    if (text === undefined) return undefined;
    const sourceFile = parseSource(path, text);
    this.#parsed.set(path, sourceFile);
    return sourceFile;
  }

  keys(): MapIterator<string> {
    return this.#texts.keys();
  }

  *entries(): MapIterator<[string, ts.SourceFile]> {
    for (const path of this.#texts.keys()) yield [path, this.get(path)!];
  }

  *values(): MapIterator<ts.SourceFile> {
    for (const path of this.#texts.keys()) yield this.get(path)!;
  }

  [Symbol.iterator](): MapIterator<[string, ts.SourceFile]> {
    return this.entries();
  }

  forEach(callback: (value: ts.SourceFile, key: string, map: ReadonlyMap<string, ts.SourceFile>) => void, thisArg?: unknown): void {
    for (const [path, sourceFile] of this.entries()) callback.call(thisArg, sourceFile, path, this);
  }
}

/** Returns a file's text, without parsing it when `sourceFiles` is a `SourceStore`. */
export function sourceTextOf(sourceFiles: ReadonlyMap<string, ts.SourceFile>, path: string): string | undefined {
  return sourceFiles instanceof SourceStore ? sourceFiles.textOf(path) : sourceFiles.get(path)?.text;
}

/** Returns false only when `sourceFiles` is a `SourceStore` that recorded no module-level state named `name` in the file. */
export function mayDeclareState(sourceFiles: ReadonlyMap<string, ts.SourceFile>, path: string, name: string): boolean {
  return !(sourceFiles instanceof SourceStore) || sourceFiles.mayDeclareState(path, name);
}
