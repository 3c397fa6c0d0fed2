import createDebug from 'debug';
import type ts from 'typescript';
import { findCatalogSites } from '../../catalog/detect.js';
import type { ProcessRole } from '../../engine/file-context.js';
import { locationOf } from '../../engine/locations.js';
import { callReceivingValue, isMetricsModule } from '../../engine/metrics.js';
import { normalizeModuleName } from '../../engine/references.js';
import { noPerProcessRealtime } from '../../detections/no-per-process-realtime.js';
import type { Finding } from '../../model.js';
import { fileContextCache } from './cross-file-state.js';
import type { ModuleGraph } from './module-graph.js';

const debug = createDebug('statelint:metrics-wrappers');

/**
 * Drops the `no-per-process-realtime` findings on a read of this process's connections, such as
 * `io.engine.clientsCount`, that is passed to a function of the project's own module which
 * imports a metrics client: `Metrics.gauge('websockets.count', io.engine.clientsCount)`, where
 * `Metrics` wraps hot-shots. The rule drops a value passed to the metrics package itself; one file
 * does not show what the project's wrapper does with it.
 */
export function withoutMetricsWrapperReads(
  findings: readonly Finding[],
  graph: ModuleGraph,
  sourceFiles: ReadonlyMap<string, ts.SourceFile>,
  rolesOf: (file: string) => ReadonlySet<ProcessRole> | undefined,
): Finding[] {
  const contextOf = fileContextCache(sourceFiles, rolesOf);
  return findings.filter((finding) => {
    if (finding.ruleId !== noPerProcessRealtime.id) return true;
    const context = contextOf(finding.file);
    if (!context) return true;
    const site = findCatalogSites(context).find((candidate) => {
      if (candidate.status !== 'stateful' || candidate.entry.site.kind !== 'member') return false;
      const { start } = locationOf(context.sourceFile, candidate.node, finding.file);
      return start.line === finding.start.line && start.column === finding.start.column;
    });
    const call = site && callReceivingValue(site.node);
    const callee = call && context.references.resolve(call.expression);
    const wrapper = callee && graph.resolve(finding.file, callee.module);
    const wrapsMetrics = wrapper !== undefined && (graph.syntax.get(wrapper)?.imports.some((imported) => isMetricsModule(normalizeModuleName(imported.specifier).module)) ?? false);
    if (wrapsMetrics) debug('%s:%d: reported through the metrics wrapper %s', finding.file, finding.start.line, wrapper);
    return !wrapsMetrics;
  });
}
