import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectors } from '../../../src/detections/index.js';
import type { Finding } from '../../../src/model.js';
import { isSourceFileName } from '../../../src/project/discover.js';
import { analyzeWithProjectModel, type ModelAnalysis } from '../../../src/project/model/analyze-with-model.js';
import { buildProjectModel, type ProjectModel } from '../../../src/project/model/project-model.js';
import { overallScore, levelFor, scoreCriteria, EQUAL_WEIGHTS } from '../../../src/score.js';
import type { Level } from '../../../src/model.js';

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../../fixtures/${name}/`, import.meta.url));
}

/** Lists the source files under a folder, as repository-relative POSIX paths, without installed packages or declaration files. */
export function listSourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (isSourceFileName(entry.name)) files.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return files.sort();
}

export interface ProjectRun {
  model: ProjectModel;
  analysis: ModelAnalysis;
  level: Level;
}

/** Builds the model of a project folder and analyses it with every detection, as a scan does. */
export function runProject(root: string): ProjectRun {
  const model = buildProjectModel(root, listSourceFiles(root));
  const analysis = analyzeWithProjectModel(model, detectors);
  const score = overallScore(scoreCriteria(analysis.findings, analysis.compliantSites, EQUAL_WEIGHTS));
  return { model, analysis, level: levelFor(score, analysis.deployment.autoscaling.state === 'yes') };
}

/** `file:line category severity`, one string per finding, sorted: what the assertions compare. */
export function findingLines(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.file}:${finding.start.line} ${finding.category} ${finding.severity}`).sort();
}

/** `file: role,role` for each reached file, sorted by path. */
export function roleLines(model: ProjectModel): string[] {
  return [...model.rolesByFile]
    .map(([file, roles]) => `${file}: ${[...roles].sort().join(',')}`)
    .sort();
}
