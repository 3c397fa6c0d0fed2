import createDebug from 'debug';
import type ts from 'typescript';
import { CATEGORY_CRITERION, type CompliantSite, type Finding } from '../model.js';
import { formatMessage, type Detector } from './detector.js';
import { fileContextFor, type ProcessRole } from './file-context.js';
import { locationOf } from './locations.js';
import { parseSource } from './parse.js';

const debug = createDebug('statelint:analyze');

/** A detection that threw on a file. The other detections' results for that file are kept. */
export interface DetectorFailure {
  ruleId: string;
  file: string;
  message: string;
}

export interface FileAnalysis {
  findings: Finding[];
  compliantSites: CompliantSite[];
  failures: DetectorFailure[];
}

/** Runs detections over one parsed file, isolating each so that one failure loses nothing else. */
export function analyzeSourceFile(
  sourceFile: ts.SourceFile,
  path: string,
  detectors: readonly Detector[],
  roles?: ReadonlySet<ProcessRole>,
): FileAnalysis {
  const file = fileContextFor(sourceFile, path, roles);
  const result: FileAnalysis = { findings: [], compliantSites: [], failures: [] };

  for (const detector of detectors) {
    const findings: Finding[] = [];
    const compliantSites: CompliantSite[] = [];
    try {
      detector.detect(file, {
        report(detection) {
          findings.push({
            ruleId: detector.id,
            criterion: CATEGORY_CRITERION[detection.category],
            category: detection.category,
            severity: detection.severity,
            messageId: detection.messageId,
            message: formatMessage(detector.messages[detection.messageId] ?? detection.messageId, detection.data),
            ...locationOf(sourceFile, detection.node, path),
            related: (detection.related ?? []).map((related) => ({
              ...locationOf(sourceFile, related.node, path),
              message: related.message,
            })),
          });
        },
        compliant(site) {
          compliantSites.push({
            ruleId: detector.id,
            criterion: CATEGORY_CRITERION[site.category],
            category: site.category,
            backing: site.backing,
            ...locationOf(sourceFile, site.node, path),
          });
        },
      });
    } catch (error) {
      debug('rule %s failed on %s: %O', detector.id, path, error);
      result.failures.push({ ruleId: detector.id, file: path, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    result.findings.push(...findings);
    result.compliantSites.push(...compliantSites);
  }
  return result;
}

/** Parses and analyses one file's text with every detection, as the CLI does for each file. */
export function analyzeText(path: string, text: string, detectors: readonly Detector[], roles?: ReadonlySet<ProcessRole>): FileAnalysis {
  return analyzeSourceFile(parseSource(path, text), path, detectors, roles);
}
