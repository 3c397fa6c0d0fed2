import createDebug from 'debug';
import ts from 'typescript';
import type { DetectionSink, RelatedNode } from '../engine/detector.js';
import type { FileContext } from '../engine/file-context.js';
import type { Category, Severity } from '../model.js';
import { CATALOG } from './entries/index.js';
import { findCandidates, type Candidate } from './sites.js';
import { judgeStore, type StoreJudgement } from './stores.js';
import type { CatalogEntry, StatefulCondition } from './types.js';
import { bindingOf, isExemptAsOption } from './usage.js';
import { isReportedAsMetric } from '../engine/metrics.js';
import { classifyStateUse } from '../engine/state-usage.js';
import { followInitializer, propertyValue } from '../engine/object-literals.js';

const debug = createDebug('statelint:catalog');

/** A place where a catalogued library keeps state, judged stateful or compliant. */
export type CatalogSite =
  | { status: 'stateful'; entry: CatalogEntry; node: ts.Node; category: Category; severity: Severity; related: readonly RelatedNode[] }
  | { status: 'compliant'; entry: CatalogEntry; node: ts.Node; category: Category; backing: string };

const DEFAULT_PROCESSES = ['web'] as const;

/** Categories that `classifyByUse` may move a cache instance to; both are correctness or security faults. */
const RECLASSIFIED_SEVERITY: Readonly<Partial<Record<Category, Severity>>> = {
  'rate-limit-store': 'error',
  'session-store': 'error',
};

/** Methods by which a cache instance used as a rate limiter or session store is changed. */
const WRITE_METHODS = new Set(['set', 'put', 'add', 'incr', 'increment', 'del', 'delete']);

const sitesByFile = new WeakMap<FileContext, WeakMap<readonly CatalogEntry[], readonly CatalogSite[]>>();

/**
 * Returns every site of the catalogued libraries in one file, in source order. The result is
 * cached per file and catalog, so the rules that share the catalog walk the file once.
 */
export function findCatalogSites(file: FileContext, entries: readonly CatalogEntry[] = CATALOG): readonly CatalogSite[] {
  let byCatalog = sitesByFile.get(file);
  if (!byCatalog) sitesByFile.set(file, (byCatalog = new WeakMap()));
  const cached = byCatalog.get(entries);
  if (cached) return cached;

  const candidates = findCandidates(file, entries);
  const candidateNodes = new Set<ts.Node>(candidates.map((candidate) => candidate.node));
  const sites: CatalogSite[] = [];
  for (const candidate of candidates) {
    const site = judgeCandidate(candidate, file, candidateNodes);
    if (site) sites.push(site);
  }
  debug('%s: %d candidates, %d sites', file.path, candidates.length, sites.length);
  byCatalog.set(entries, sites);
  return sites;
}

/**
 * Reports the catalog's sites of the given categories: stateful ones as findings with the
 * entry's `finding` and `remedy` as message data, compliant ones so that the score counts them.
 */
export function detectCatalogEntries<M extends string>(
  file: FileContext,
  sink: DetectionSink<M>,
  categories: readonly Category[],
  messageId: M,
  entries: readonly CatalogEntry[] = CATALOG,
): void {
  for (const site of findCatalogSites(file, entries)) {
    if (!categories.includes(site.category)) continue;
    if (site.status === 'compliant') {
      sink.compliant({ node: site.node, category: site.category, backing: site.backing });
    } else {
      sink.report({
        node: site.node,
        messageId,
        data: { finding: site.entry.finding, remedy: site.entry.remedy },
        category: site.category,
        severity: site.severity,
        related: site.related,
      });
    }
  }
}

function judgeCandidate(candidate: Candidate, file: FileContext, candidateNodes: ReadonlySet<ts.Node>): CatalogSite | undefined {
  const { entry, node } = candidate;
  const processes = entry.processes ?? DEFAULT_PROCESSES;
  if (!processes.some((role) => file.roles.has(role))) return undefined;
  if (entry.exemptAsOption && isExemptAsOption(node, entry.exemptAsOption, file)) return undefined;
  // A count or list of this process's connections reported as a metric is per instance by design.
  if (entry.site.kind === 'member' && isReportedAsMetric(node, file)) return undefined;

  const judgement = judgeCondition(entry.stateful, candidate, file, candidateNodes);
  switch (judgement.kind) {
    case 'in-process':
    case 'missing':
      return statefulSite(candidate, file);
    case 'shared':
      return { status: 'compliant', entry, node, category: entry.category, backing: judgement.backing };
    case 'delegated':
    case 'unknown':
      return undefined;
  }
}

function statefulSite(candidate: Candidate, file: FileContext): CatalogSite {
  const { entry, node } = candidate;
  if (entry.classifyByUse) {
    const binding = bindingOf(node, file);
    if (binding) {
      const use = classifyStateUse(binding.name, binding.uses);
      const severity = RECLASSIFIED_SEVERITY[use];
      if (severity && use !== entry.category) {
        return { status: 'stateful', entry, node, category: use, severity, related: writesThrough(binding.uses) };
      }
    }
  }
  return { status: 'stateful', entry, node, category: entry.category, severity: entry.severity, related: [] };
}

/** Collects the calls that change the instance, such as `attempts.set(ip, count)`, to show beside a reclassified site. */
function writesThrough(uses: readonly ts.Identifier[]): RelatedNode[] {
  const related: RelatedNode[] = [];
  for (const use of uses) {
    const access = ts.isPropertyAccessExpression(use.parent) && use.parent.name === use ? use.parent : use;
    const member = access.parent;
    if (!ts.isPropertyAccessExpression(member) || member.expression !== access || !WRITE_METHODS.has(member.name.text)) continue;
    if (ts.isCallExpression(member.parent) && member.parent.expression === member) {
      related.push({ node: member.parent, message: 'The state is changed here.' });
    }
  }
  return related;
}

function judgeCondition(condition: StatefulCondition, candidate: Candidate, file: FileContext, candidateNodes: ReadonlySet<ts.Node>): StoreJudgement {
  switch (condition.when) {
    case 'always':
      return { kind: 'in-process' };
    case 'never':
      return { kind: 'shared', backing: condition.backing };
    case 'option-present':
      return judgeOptionPresent(condition.argument, condition.options, candidate, file);
    case 'no-shared-store':
      return judgeStore(condition.store, candidate, file, candidateNodes);
  }
}

/** Stateful when an option is given; a site without it keeps no state and is not counted. */
function judgeOptionPresent(argument: number, options: readonly string[], candidate: Candidate, file: FileContext): StoreJudgement {
  const given = candidate.args[argument];
  if (!given) return { kind: 'unknown' };
  const value = followInitializer(given, file.references);
  if (!ts.isObjectLiteralExpression(value)) return { kind: 'unknown' };
  if (options.some((option) => propertyValue(value, option) !== undefined)) return { kind: 'in-process' };
  return { kind: 'unknown' };
}
