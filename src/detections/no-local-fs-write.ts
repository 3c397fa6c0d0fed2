import ts from 'typescript';
import { detectCatalogEntries, findCatalogSites } from '../catalog/detect.js';
import { catalogBackedDetector, type CatalogDetector } from '../catalog/detector.js';
import { FILE_ARGUMENT_ENTRY_IDS } from '../catalog/entries/files.js';
import type { CatalogEntry } from '../catalog/types.js';
import type { Detector, DetectionSink, RelatedNode } from '../engine/detector.js';
import { enclosingFunction } from '../engine/execution.js';
import { runsInServerProcess } from '../engine/execution-phase.js';
import type { FileContext } from '../engine/file-context.js';
import { FS_MODULES, pathOriginOf, type PathOrigin } from '../engine/file-paths.js';
import { followInitializer, propertyValue } from '../engine/object-literals.js';
import type { ModuleReference } from '../engine/references.js';
import type { Declaration } from '../engine/scope.js';
import { SKIP_CHILDREN, walkDescendants } from '../engine/walk.js';

export type MessageIds = 'localWrite' | 'temporaryWrite' | 'scratchFile' | 'callerPath' | 'returnedPath' | 'library';

/** A function that changes the disk, with the index of the argument that names the changed path. */
interface DiskApi {
  pathArgument: number;
  /** Deletes the path: a cleanup when it removes a scratch file. */
  removes?: boolean;
  /** Creates a fresh temporary directory and returns its path. */
  createsTemporaryDirectory?: boolean;
  /** Index of the flags argument: the call writes only when its flags request writing, as `open` does. */
  flagsArgument?: number;
}

const FIRST: DiskApi = { pathArgument: 0 };
const SECOND: DiskApi = { pathArgument: 1 };
const REMOVES: DiskApi = { pathArgument: 0, removes: true };

/** Node's `fs` functions that change the disk, by their callback and promise name. */
const NODE_FS_API: Readonly<Record<string, DiskApi>> = {
  writeFile: FIRST,
  appendFile: FIRST,
  mkdir: FIRST,
  mkdtemp: { pathArgument: 0, createsTemporaryDirectory: true },
  rename: SECOND,
  copyFile: SECOND,
  cp: SECOND,
  rm: REMOVES,
  rmdir: REMOVES,
  unlink: REMOVES,
  symlink: SECOND,
  link: SECOND,
  truncate: FIRST,
  chmod: FIRST,
  lchmod: FIRST,
  chown: FIRST,
  lchown: FIRST,
  utimes: FIRST,
  lutimes: FIRST,
  open: { pathArgument: 0, flagsArgument: 1 },
};

/** The functions fs-extra adds to Node's `fs` API. */
const FS_EXTRA_API: Readonly<Record<string, DiskApi>> = {
  outputFile: FIRST,
  outputJson: FIRST,
  outputJSON: FIRST,
  writeJson: FIRST,
  writeJSON: FIRST,
  ensureDir: FIRST,
  mkdirs: FIRST,
  mkdirp: FIRST,
  ensureFile: FIRST,
  createFile: FIRST,
  ensureLink: SECOND,
  createLink: SECOND,
  ensureSymlink: SECOND,
  createSymlink: SECOND,
  move: SECOND,
  copy: SECOND,
  remove: REMOVES,
  emptyDir: FIRST,
  emptydir: FIRST,
};

/** Small packages that do one disk operation, by module and export path joined with dots. */
const PACKAGE_API: ReadonlyMap<string, DiskApi> = new Map([
  ...['', 'sync', 'mkdirp', 'mkdirpSync', 'mkdirp.sync'].map((path) => [`mkdirp:${path}`, FIRST] as const),
  ...['', 'sync', 'makeDirectory', 'makeDirectorySync'].map((path) => [`make-dir:${path}`, FIRST] as const),
  ...['', 'sync', 'rimraf', 'rimrafSync', 'rimraf.sync'].map((path) => [`rimraf:${path}`, REMOVES] as const),
  ...['', 'sync'].map((path) => [`write-file-atomic:${path}`, FIRST] as const),
  ...['writeFile', 'writeFileSync'].map((path) => [`jsonfile:${path}`, FIRST] as const),
]);

/** Node's `fs` functions that read a path, for the related locations of a write. */
const FS_READS = new Set(['readFile', 'createReadStream', 'exists', 'access', 'stat', 'lstat', 'readdir', 'readJson', 'readJSON', 'pathExists']);

/** `fs.constants` flags of `open` that ask for writing. */
const WRITE_FLAGS = new Set(['O_WRONLY', 'O_RDWR', 'O_CREAT', 'O_APPEND', 'O_TRUNC']);

interface DiskCall {
  call: ts.CallExpression;
  api: DiskApi;
  /** The function as written in messages, such as `fs.promises.writeFile`. */
  name: string;
  origin: PathOrigin;
  /** The enclosing function, or `undefined` at module level. */
  owner: ts.SignatureDeclaration | undefined;
}

function detect(file: FileContext, sink: DetectionSink<MessageIds>, catalog: readonly CatalogEntry[]): void {
  // Build, migration and seed scripts write files by design; they are not the web workers.
  if (!file.roles.has('web')) return;

  const writes: DiskCall[] = [];
  const reads: DiskCall[] = [];
  for (const call of file.syntax.calls) {
    const reference = file.references.resolve(call.expression);
    if (!reference) continue;
    const write = diskApiOf(reference);
    if (write) {
      if (write.flagsArgument !== undefined && !opensForWriting(call.arguments[write.flagsArgument], file)) continue;
      if (!runsInServerProcess(call, file)) continue;
      writes.push(diskCall(call, write, reference, file));
    } else if (isFsRead(reference)) {
      reads.push(diskCall(call, FIRST, reference, file));
    }
  }

  const scratch = scratchVariables(writes);
  for (const write of writes) reportWrite(write, writes, reads, scratch, sink, file);

  detectLibraryWrites(file, sink, catalog);
}

/** Reports the catalogued libraries that write to disk, except sites that open no file. */
function detectLibraryWrites(file: FileContext, sink: DetectionSink<MessageIds>, catalog: readonly CatalogEntry[]): void {
  const noFile = new Set<ts.Node>();
  for (const site of findCatalogSites(file, catalog)) {
    if (site.status === 'stateful' && FILE_ARGUMENT_ENTRY_IDS.has(site.entry.id) && namesNoFile(firstArgument(site.node), file)) {
      noFile.add(site.node);
    }
  }
  const librarySink: DetectionSink<MessageIds> = {
    report(detection) {
      if (!noFile.has(detection.node)) sink.report(detection);
    },
    compliant(site) {
      sink.compliant(site);
    },
  };
  detectCatalogEntries(file, librarySink, ['local-fs'], 'library', catalog);
}

function firstArgument(node: ts.Node): ts.Expression | undefined {
  return ts.isCallExpression(node) || ts.isNewExpression(node) ? node.arguments?.[0] : undefined;
}

/**
 * Returns true when a database or log destination argument names no file: absent, `''` or
 * `:memory:` (SQLite's in-memory database), a file descriptor such as `1` or
 * `process.stdout.fd`, or options whose `filename`/`dest` does the same or that set NeDB's
 * `inMemoryOnly`.
 */
function namesNoFile(argument: ts.Expression | undefined, file: FileContext): boolean {
  if (!argument) return true;
  const value = followInitializer(argument, file.references);
  if (ts.isStringLiteralLike(value)) return value.text === '' || value.text === ':memory:' || value.text.startsWith('file::memory:');
  if (ts.isNumericLiteral(value)) return true;
  if (ts.isPropertyAccessExpression(value)) return value.name.text === 'fd' && /^process\.std(out|err)$/.test(value.expression.getText());
  if (ts.isObjectLiteralExpression(value)) {
    const inMemoryOnly = propertyValue(value, 'inMemoryOnly');
    if (inMemoryOnly?.kind === ts.SyntaxKind.TrueKeyword) return true;
    return namesNoFile(propertyValue(value, 'filename') ?? propertyValue(value, 'dest'), file);
  }
  return false;
}

function diskCall(call: ts.CallExpression, api: DiskApi, reference: ModuleReference, file: FileContext): DiskCall {
  const target = call.arguments[api.pathArgument];
  const origin: PathOrigin = target ? pathOriginOf(target, file) : { kind: 'local', variables: [] };
  return { call, api, name: [reference.module, ...reference.path].join('.'), origin, owner: enclosingFunction(call) };
}

function diskApiOf(reference: ModuleReference): DiskApi | undefined {
  if (FS_MODULES.has(reference.module)) {
    const path = reference.path[0] === 'promises' ? reference.path.slice(1) : reference.path;
    if (path.length !== 1) return undefined;
    const name = path[0]!;
    const base = name.endsWith('Sync') ? name.slice(0, -'Sync'.length) : name;
    const api = Object.hasOwn(NODE_FS_API, base) ? NODE_FS_API[base] : undefined;
    if (api) return api;
    if (name === 'createWriteStream') return FIRST;
    return reference.module === 'fs-extra' && Object.hasOwn(FS_EXTRA_API, base) ? FS_EXTRA_API[base] : undefined;
  }
  return PACKAGE_API.get(`${reference.module}:${reference.path.join('.')}`);
}

function isFsRead(reference: ModuleReference): boolean {
  if (!FS_MODULES.has(reference.module)) return false;
  const name = reference.path.at(-1) ?? '';
  return FS_READS.has(name.endsWith('Sync') ? name.slice(0, -'Sync'.length) : name);
}

/**
 * Returns true when `open`'s flags ask for writing: a string with `w`, `a` or `+`, or `fs.constants`
 * write flags. Without flags `open` reads.
 */
function opensForWriting(flags: ts.Expression | undefined, file: FileContext): boolean {
  if (!flags) return false;
  const value = followInitializer(flags, file.references);
  if (ts.isStringLiteralLike(value)) return /[wa+]/.test(value.text);
  if (ts.isNumericLiteral(value)) return Number(value.text) !== 0;
  if (ts.isPropertyAccessExpression(value)) return WRITE_FLAGS.has(value.name.text);
  if (ts.isIdentifier(value)) return WRITE_FLAGS.has(value.text);
  if (ts.isBinaryExpression(value) && value.operatorToken.kind === ts.SyntaxKind.BarToken) {
    return opensForWriting(value.left, file) || opensForWriting(value.right, file);
  }
  // NOTE: flags computed at run time are taken as a read, so such an `open` is not reported.
  return false;
}

/**
 * The variables that name a scratch path: declared inside a function that also deletes them, so
 * that nothing written under them outlives the call.
 */
function scratchVariables(writes: readonly DiskCall[]): ReadonlySet<Declaration> {
  const scratch = new Set<Declaration>();
  for (const write of writes) {
    const removed = write.origin.variables[0];
    if (write.api.removes && write.owner && removed && isInside(removed, write.owner)) scratch.add(removed);
  }
  return scratch;
}

function reportWrite(
  write: DiskCall,
  writes: readonly DiskCall[],
  reads: readonly DiskCall[],
  scratch: ReadonlySet<Declaration>,
  sink: DetectionSink<MessageIds>,
  file: FileContext,
): void {
  const { call, name, origin } = write;
  const data = { api: name };

  if (write.api.createsTemporaryDirectory) {
    const created = declarationInitializedWith(call);
    if (created && scratch.has(created)) return; // The scratch directory itself, deleted by the same function.
  }
  if (write.api.removes && isScratchCleanup(write, writes, scratch)) return;
  if (origin.variables.some((variable) => scratch.has(variable))) {
    sink.report({ node: call, messageId: 'scratchFile', data, category: 'local-fs', severity: 'info' });
    return;
  }
  if (origin.kind === 'parameter' && write.owner) {
    sink.report({ node: call, messageId: 'callerPath', data, category: 'local-fs', severity: 'info' });
    return;
  }
  if (origin.kind === 'temporary' && write.owner && returnsPathOf(write, write.owner, file)) {
    sink.report({ node: call, messageId: 'returnedPath', data, category: 'local-fs', severity: 'info' });
    return;
  }

  const messageId = origin.kind === 'temporary' ? 'temporaryWrite' : 'localWrite';
  sink.report({ node: call, messageId, data, category: 'local-fs', severity: 'error', related: readsOfSamePlace(write, reads) });
}

/**
 * Returns true when the function that makes a temporary path returns it to its caller, directly
 * or inside an object: `return { path: file, cleanup }`, where `file` is built from the written
 * path or from the directory that `mkdtemp` created.
 */
function returnsPathOf(write: DiskCall, owner: ts.SignatureDeclaration, file: FileContext): boolean {
  const written = new Set<Declaration>(write.origin.variables);
  const created = write.api.createsTemporaryDirectory ? declarationInitializedWith(write.call) : undefined;
  if (created) written.add(created);
  if (written.size === 0) return false;

  let returned = false;
  walkDescendants(owner, (node) => {
    if (returned) return SKIP_CHILDREN;
    if (node !== owner && ts.isFunctionLike(node)) return SKIP_CHILDREN;
    if (!ts.isReturnStatement(node) || !node.expression) return;
    walkDescendants(node.expression, (part) => {
      if (!ts.isIdentifier(part) || returned) return;
      const origin = pathOriginOf(part, file);
      returned = origin.variables.some((variable) => written.has(variable));
    });
  });
  return returned;
}

/** A deletion of a scratch path that the same function writes under. */
function isScratchCleanup(removal: DiskCall, writes: readonly DiskCall[], scratch: ReadonlySet<Declaration>): boolean {
  const removed = removal.origin.variables[0];
  if (!removed || !scratch.has(removed)) return false;
  return writes.some(
    (write) =>
      write !== removal &&
      write.owner === removal.owner &&
      !write.api.removes &&
      (write.origin.variables.includes(removed) || declarationInitializedWith(write.call) === removed),
  );
}

/**
 * Reads in other functions of a path from the same place: both in the temporary directory, or
 * both built from the same module-level variable. A later request that reads the file back may be
 * served by another worker.
 */
function readsOfSamePlace(write: DiskCall, reads: readonly DiskCall[]): RelatedNode[] {
  const related: RelatedNode[] = [];
  const moduleVariables = write.origin.variables.filter((variable) => enclosingFunction(variable) === undefined);
  for (const read of reads) {
    if (read.owner === write.owner) continue;
    const samePlace =
      (write.origin.kind === 'temporary' && read.origin.kind === 'temporary') ||
      read.origin.variables.some((variable) => moduleVariables.includes(variable));
    if (samePlace) related.push({ node: read.call, message: `${read.name} reads the file back here, perhaps in a request that another worker serves.` });
  }
  return related;
}

/** Returns the variable whose initializer is `call`, through `await` and parentheses. */
function declarationInitializedWith(call: ts.CallExpression): ts.VariableDeclaration | undefined {
  let outer: ts.Node = call;
  while (ts.isAwaitExpression(outer.parent) || ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const parent = outer.parent;
  return ts.isVariableDeclaration(parent) && parent.initializer === outer ? parent : undefined;
}

function isInside(node: ts.Node, container: ts.Node): boolean {
  return ts.findAncestor(node, (ancestor) => ancestor === container) !== undefined;
}

function detectorOver(catalog: readonly CatalogEntry[]): Detector<MessageIds> {
  return {
    id: 'no-local-fs-write',
    description: 'Disallow writing files to the local disk of a web worker',
    categories: ['local-fs'],
    messages: {
      localWrite:
        '`{{api}}` changes files on this worker\'s local disk, which the other workers cannot read and a replaced container loses. Keep the data in object storage such as S3, or in a shared database.',
      temporaryWrite:
        '`{{api}}` writes to this machine\'s temporary directory, so a later request served by another worker or serverless instance will not find the file. Upload it to object storage such as S3, or create, use and delete it within one request.',
      scratchFile:
        '`{{api}}` writes a scratch file that this function deletes again, so nothing outlives the call.',
      callerPath:
        '`{{api}}` writes to a path that the caller passes in, so the caller decides whether the file outlives the request.',
      returnedPath:
        '`{{api}}` writes to a temporary path that this function returns, so the caller decides whether the file outlives the request.',
      library:
        '{{finding}}, which the other workers cannot read and a replaced container loses. {{remedy}}',
    },
    detect: (file, sink) => detect(file, sink, catalog),
  };
}

export const noLocalFsWrite: CatalogDetector<MessageIds> = catalogBackedDetector(detectorOver);
