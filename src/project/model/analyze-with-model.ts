import { analyzeSourceFile, type DetectorFailure } from '../../engine/analyze-file.js';
import type { Detector } from '../../engine/detector.js';
import { defaultRolesFor, type ProcessRole } from '../../engine/file-context.js';
import type { CompliantSite, DeploymentFacts, Finding, ProcessMapEntry, ScanResult } from '../../model.js';
import { findCrossFileState, mergeCrossFileFindings } from './cross-file-state.js';
import { withoutMetricsWrapperReads } from './metrics-wrappers.js';
import { withoutStartUpOnlyChanges } from './start-up-callers.js';
import { withDeploymentNotes } from './deployment.js';
import type { ProjectModel } from './project-model.js';
import { sourceTextOf } from './source-store.js';

/**
 * Returns the roles to analyse a file with. `undefined` means the default roles of
 * `defaultRolesFor`, which apply to every file when the model found no entrypoint at all.
 */
export function rolesFor(model: ProjectModel, file: string): ReadonlySet<ProcessRole> | undefined {
  return model.hasEntrypoints ? model.rolesByFile.get(file) : undefined;
}

/** Returns true when no process of the model loads the file, so its findings must not be scored. */
export function isUnreached(model: ProjectModel, file: string): boolean {
  return model.hasEntrypoints && !model.rolesByFile.has(file);
}

export interface ModelAnalysis {
  findings: Finding[];
  compliantSites: CompliantSite[];
  failures: DetectorFailure[];
  /** The model's deployment facts with the notes that depend on the findings. */
  deployment: DeploymentFacts;
}

/**
 * Runs the detections over every reached file of a project model with that file's roles, then
 * adds module state that one file declares and another changes on a request path, and drops
 * module state that only start-up callers in other files change, and reads of this process's
 * connections that the project's own metrics module reports.
 */
export function analyzeWithProjectModel(model: ProjectModel, detectors: readonly Detector[]): ModelAnalysis {
  const findings: Finding[] = [];
  const compliantSites: CompliantSite[] = [];
  const failures: DetectorFailure[] = [];
  for (const [file, sourceFile] of model.sourceFiles) {
    if (isUnreached(model, file)) continue;
    const analysis = analyzeSourceFile(sourceFile, file, detectors, rolesFor(model, file));
    findings.push(...analysis.findings);
    compliantSites.push(...analysis.compliantSites);
    failures.push(...analysis.failures);
  }
  const roles = (file: string): ReadonlySet<ProcessRole> | undefined => rolesFor(model, file);
  const withState = detectors.some((detector) => detector.id === 'no-module-state')
    ? withoutStartUpOnlyChanges(mergeCrossFileFindings(findings, findCrossFileState(model.graph, model.sourceFiles, roles)), model.graph, model.sourceFiles, roles)
    : findings;
  const merged = withoutMetricsWrapperReads(withState, model.graph, model.sourceFiles, roles);
  return { findings: merged, compliantSites, failures, deployment: withDeploymentNotes(model.deployment, merged) };
}

/**
 * Returns the result fields the project model fills: each role with its entrypoints and how many
 * files it loads, the entrypoints and how each was found, and unreached files. Without any
 * entrypoint, the roles counted are the default roles of `defaultRolesFor`.
 */
export function processMapOf(model: ProjectModel): Pick<ScanResult, 'processMap' | 'entrypoints' | 'unreachedFiles'> {
  const processMap: ProcessMapEntry[] = [];
  for (const role of ['web', 'worker', 'script'] as const) {
    const entrypoints = [...new Set(model.entrypoints.filter((entrypoint) => entrypoint.role === role).map((entrypoint) => entrypoint.file))];
    let files = 0;
    for (const file of model.sourceFiles.keys()) {
      const roles = model.hasEntrypoints ? model.rolesByFile.get(file) : defaultRolesFor(sourceTextOf(model.sourceFiles, file) ?? '', file);
      if (roles?.has(role)) files += 1;
    }
    if (entrypoints.length > 0 || files > 0) processMap.push({ role, entrypoints, files });
  }
  return { processMap, entrypoints: model.entrypoints, unreachedFiles: model.unreached };
}
