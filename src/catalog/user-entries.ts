import type { ProcessRole } from '../engine/file-context.js';
import type { ModuleReference } from '../engine/references.js';
import type { Category, Severity } from '../model.js';
import { CATALOG } from './entries/index.js';
import { CONDITION_KINDS, SITE_KINDS, type CatalogEntry, type SiteMatcher, type StatefulCondition, type StoreLocation } from './types.js';

const CATEGORIES: readonly Category[] = ['session-store', 'shared-cache', 'rate-limit-store', 'local-fs', 'timer-job', 'module-state', 'realtime-adapter'];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const PROCESS_ROLES: readonly ProcessRole[] = ['web', 'worker', 'script'];

/** Raised when user catalog entries are invalid; `problems` lists every one, each naming the entry and field. */
export class InvalidCatalogEntryError extends Error {
  readonly problems: readonly string[];

  constructor(origin: string, problems: readonly string[]) {
    super(`Invalid catalog entries in ${origin}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\nFix the entries; their shape is described in docs/catalog.md.`);
    this.name = 'InvalidCatalogEntryError';
    this.problems = problems;
  }
}

/** One problem with a user catalog entry: the entry's index in the input (absent when the input is not an array) and what is wrong. */
export interface UserCatalogProblem {
  index?: number;
  message: string;
}

export interface UserCatalogResult {
  entries: CatalogEntry[];
  /** Each problem as a line that names the entry by index and id. */
  problems: string[];
  /** The same problems with the entry's index kept apart, for callers that build a JSON path to it. */
  problemsByEntry: UserCatalogProblem[];
}

/**
 * Validates catalog entries written by a project for its in-house libraries, in the shape of
 * `CatalogEntry` as JSON. An export's `path` may be left out for the module itself, and `source`
 * may be left out. Entries with problems are left out of `entries`, and `problems` gives the reason for each.
 */
export function parseUserCatalog(input: unknown): UserCatalogResult {
  const result: UserCatalogResult = { entries: [], problems: [], problemsByEntry: [] };
  if (!Array.isArray(input)) {
    const message = `expected an array of entries, got ${describe(input)}`;
    result.problems.push(message);
    result.problemsByEntry.push({ message });
    return result;
  }
  const ids = new Set(CATALOG.map((entry) => entry.id));
  input.forEach((raw: unknown, index) => {
    const problems: string[] = [];
    const entry = parseEntry(raw, problems);
    const label = isRecord(raw) && typeof raw.id === 'string' ? `entry ${index} (${raw.id})` : `entry ${index}`;
    if (entry && ids.has(entry.id)) problems.push(`id "${entry.id}" is already used; choose another id`);
    if (problems.length > 0 || !entry) {
      result.problems.push(...problems.map((problem) => `${label}: ${problem}`));
      result.problemsByEntry.push(...problems.map((message) => ({ index, message })));
      return;
    }
    ids.add(entry.id);
    result.entries.push(entry);
  });
  return result;
}

/** Converts user entries to catalog entries, or throws `InvalidCatalogEntryError` naming `origin`. */
export function toCatalogEntries(input: unknown, origin: string): CatalogEntry[] {
  const { entries, problems } = parseUserCatalog(input);
  if (problems.length > 0) throw new InvalidCatalogEntryError(origin, problems);
  return entries;
}

type Problems = string[];

function parseEntry(raw: unknown, problems: Problems): CatalogEntry | undefined {
  if (!isRecord(raw)) {
    problems.push(`expected an object, got ${describe(raw)}`);
    return undefined;
  }
  const id = requireString(raw, 'id', problems);
  const packageName = requireString(raw, 'package', problems);
  const category = requireOneOf(raw, 'category', CATEGORIES, problems);
  const severity = requireOneOf(raw, 'severity', SEVERITIES, problems);
  const finding = requireString(raw, 'finding', problems);
  const remedy = requireString(raw, 'remedy', problems);
  const source = raw.source === undefined ? '' : requireString(raw, 'source', problems);
  const site = parseSite(raw.site, problems);
  const stateful = parseCondition(raw.stateful, problems);
  const processes = raw.processes === undefined ? undefined : parseStringList(raw.processes, 'processes', problems, PROCESS_ROLES);
  const exemptAsOption = raw.exemptAsOption === undefined ? undefined : parseStringList(raw.exemptAsOption, 'exemptAsOption', problems);
  if (raw.classifyByUse !== undefined && typeof raw.classifyByUse !== 'boolean') problems.push('"classifyByUse" must be true or false');

  if (problems.length > 0 || !id || !packageName || !category || !severity || !finding || !remedy || source === undefined || !site || !stateful) {
    return undefined;
  }
  const entry: CatalogEntry = { id, package: packageName, category, severity, site, stateful, finding, remedy, source };
  if (processes) entry.processes = processes as ProcessRole[];
  if (exemptAsOption) entry.exemptAsOption = exemptAsOption;
  if (raw.classifyByUse === true) entry.classifyByUse = true;
  return entry;
}

function parseSite(raw: unknown, problems: Problems): SiteMatcher | undefined {
  if (!isRecord(raw)) {
    problems.push(`"site" must be an object with "kind" and "exports", got ${describe(raw)}`);
    return undefined;
  }
  const kind = requireOneOf(raw, 'kind', SITE_KINDS, problems, 'site.');
  if (!Array.isArray(raw.exports) || raw.exports.length === 0) {
    problems.push('"site.exports" must be a non-empty array of { "module": string, "path"?: string[] }');
    return undefined;
  }
  const exports: ModuleReference[] = [];
  raw.exports.forEach((exported: unknown, index) => {
    const where = `site.exports[${index}]`;
    if (!isRecord(exported) || typeof exported.module !== 'string' || exported.module === '') {
      problems.push(`"${where}" must be an object with a non-empty "module" string`);
      return;
    }
    const path = exported.path === undefined ? [] : parseStringList(exported.path, `${where}.path`, problems);
    if (path) exports.push({ module: exported.module, path });
  });
  for (const flag of ['firstInFile', 'calledWithoutNew'] as const) {
    if (raw[flag] !== undefined && typeof raw[flag] !== 'boolean') problems.push(`"site.${flag}" must be true or false`);
  }
  if (!kind) return undefined;
  const site: SiteMatcher = { kind, exports };
  if (raw.firstInFile === true) site.firstInFile = true;
  if (raw.calledWithoutNew === true) site.calledWithoutNew = true;
  return site;
}

function parseCondition(raw: unknown, problems: Problems): StatefulCondition | undefined {
  if (!isRecord(raw)) {
    problems.push(`"stateful" must be an object with "when", got ${describe(raw)}`);
    return undefined;
  }
  const when = requireOneOf(raw, 'when', CONDITION_KINDS, problems, 'stateful.');
  switch (when) {
    case 'always':
      return { when };
    case 'never': {
      const backing = requireString(raw, 'backing', problems, 'stateful.');
      return backing ? { when, backing } : undefined;
    }
    case 'option-present': {
      const argument = requireIndex(raw, 'argument', problems, 'stateful.');
      const options = parseStringList(raw.options, 'stateful.options', problems);
      return argument !== undefined && options ? { when, argument, options } : undefined;
    }
    case 'no-shared-store': {
      const store = parseStoreLocation(raw.store, problems);
      return store ? { when, store } : undefined;
    }
    default:
      return undefined;
  }
}

function parseStoreLocation(raw: unknown, problems: Problems): StoreLocation | undefined {
  if (!isRecord(raw)) {
    problems.push(`"stateful.store" must be an object with "argument" and "options", got ${describe(raw)}`);
    return undefined;
  }
  const prefix = 'stateful.store.';
  const argument = requireIndex(raw, 'argument', problems, prefix);
  const options = parseStringList(raw.options, `${prefix}options`, problems);
  const location: StoreLocation = { argument: argument ?? 0, options: options ?? [] };
  if (raw.fallbackArgument !== undefined) location.fallbackArgument = requireIndex(raw, 'fallbackArgument', problems, prefix);
  if (raw.argumentMayBeStore !== undefined) {
    if (typeof raw.argumentMayBeStore === 'boolean') location.argumentMayBeStore = raw.argumentMayBeStore;
    else problems.push(`"${prefix}argumentMayBeStore" must be true or false`);
  }
  if (raw.inProcessValues !== undefined) location.inProcessValues = parseStringList(raw.inProcessValues, `${prefix}inProcessValues`, problems);
  if (raw.configureMethods !== undefined) location.configureMethods = parseStringList(raw.configureMethods, `${prefix}configureMethods`, problems);
  if (raw.localFlag !== undefined) location.localFlag = requireString(raw, 'localFlag', problems, prefix);
  if (raw.sharedDefault !== undefined) location.sharedDefault = requireString(raw, 'sharedDefault', problems, prefix);
  return argument === undefined || !options ? undefined : location;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}

function requireString(raw: Record<string, unknown>, key: string, problems: Problems, prefix = ''): string | undefined {
  const value = raw[key];
  if (typeof value === 'string' && value.trim() !== '') return value;
  problems.push(`"${prefix}${key}" must be a non-empty string, got ${describe(value)}`);
  return undefined;
}

function requireOneOf<T extends string>(raw: Record<string, unknown>, key: string, allowed: readonly T[], problems: Problems, prefix = ''): T | undefined {
  const value = raw[key];
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  problems.push(`"${prefix}${key}" must be one of ${allowed.join(', ')}, got ${describe(value)}`);
  return undefined;
}

function requireIndex(raw: Record<string, unknown>, key: string, problems: Problems, prefix = ''): number | undefined {
  const value = raw[key];
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  problems.push(`"${prefix}${key}" must be an argument index (0, 1, …), got ${describe(value)}`);
  return undefined;
}

function parseStringList(value: unknown, where: string, problems: Problems, allowed?: readonly string[]): string[] | undefined {
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    problems.push(`"${where}" must be an array of strings, got ${describe(value)}`);
    return undefined;
  }
  const unknown = allowed ? value.filter((item) => !allowed.includes(item)) : [];
  if (unknown.length > 0) {
    problems.push(`"${where}" may contain only ${allowed!.join(', ')}, got ${unknown.join(', ')}`);
    return undefined;
  }
  return value;
}
