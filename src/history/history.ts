import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import createDebug from 'debug';
import { diffRecords, sortRecords, toFindingRecord } from '../baseline/fingerprint.js';
import { CRITERIA, type Criterion, type FindingRecord, type ReleaseScore, type ScanResult, type Trend } from '../model.js';

const debug = createDebug('statelint:history');

export const HISTORY_VERSION = 1;

/** One release in the history file: its scores and the findings it had. */
export interface HistoryEntry extends ReleaseScore {
  findings: FindingRecord[];
}

export interface HistoryFile {
  version: typeof HISTORY_VERSION;
  /** Oldest first. */
  releases: HistoryEntry[];
}

export class HistoryError extends Error {
  override readonly name = 'HistoryError';
}

export function emptyHistory(): HistoryFile {
  return { version: HISTORY_VERSION, releases: [] };
}

export function parseHistory(text: string, file: string): HistoryFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new HistoryError(`History ${file} is not valid JSON (${(error as Error).message}). Fix it or start a new file.`);
  }
  const candidate = parsed as { version?: unknown; releases?: unknown };
  if (typeof parsed !== 'object' || parsed === null || candidate.version !== HISTORY_VERSION || !Array.isArray(candidate.releases)) {
    throw new HistoryError(`History ${file} is not a statelint history of version ${HISTORY_VERSION} (an object with \`version\` and a \`releases\` array).`);
  }
  candidate.releases.forEach((entry: unknown, index) => {
    const release = entry as Partial<HistoryEntry> | null;
    if (typeof release?.release !== 'string' || typeof release.score !== 'number' || !Array.isArray(release.findings)) {
      throw new HistoryError(`History ${file} has an invalid release at $.releases[${index}]: each needs release, score, level, criteria and findings.`);
    }
  });
  return parsed as HistoryFile;
}

export function serializeHistory(history: HistoryFile): string {
  return `${JSON.stringify(history, null, 2)}\n`;
}

/** Builds the history entry of a finished scan, whose findings must be fingerprinted. */
export function historyEntryFor(result: ScanResult, release: string): HistoryEntry {
  const criteria: Partial<Record<Criterion, number | null>> = {};
  for (const criterion of CRITERIA) {
    const scored = result.criteria.find((entry) => entry.criterion === criterion);
    if (scored) criteria[criterion] = scored.applicable ? scored.score : null;
  }
  return { release, score: result.score, level: result.level, criteria, findings: sortRecords(result.findings.map(toFindingRecord)) };
}

/**
 * Appends a release. Running again for the release that is already last replaces that entry, so
 * that re-running a CI job does not repeat a point on the trend.
 */
export function appendRelease(history: HistoryFile, entry: HistoryEntry): HistoryFile {
  const releases = history.releases.filter((existing, index) => !(index === history.releases.length - 1 && existing.release === entry.release));
  return { version: HISTORY_VERSION, releases: [...releases, entry] };
}

/** Builds the trend of a history whose last entry is this run. */
export function trendOf(history: HistoryFile): Trend {
  const releases = history.releases;
  const current = releases.at(-1);
  const previous = releases.at(-2);
  const scores: ReleaseScore[] = releases.map(({ release, score, level, criteria }) => ({ release, score, level, criteria }));
  if (!current || !previous) return { releases: scores, previousRelease: null, newSincePrevious: [], fixedSincePrevious: [] };

  const { added, removed } = diffRecords(previous.findings, current.findings);
  return { releases: scores, previousRelease: previous.release, newSincePrevious: added, fixedSincePrevious: removed };
}

/**
 * Names the release being scanned: the override when given, else the git tag on HEAD, else the
 * version in the project's package.json, else `unreleased`. Runs `git describe`, never project code.
 */
export function resolveReleaseId(projectDir: string, override?: string): string {
  if (override !== undefined && override.trim() !== '') return override.trim();
  try {
    const tag = execFileSync('git', ['describe', '--tags', '--exact-match', 'HEAD'], { cwd: projectDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (tag !== '') return tag;
  } catch (error) {
    debug('no git tag on HEAD in %s: %s', projectDir, (error as Error).message);
  }
  try {
    const manifest = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as { version?: unknown };
    if (typeof manifest.version === 'string' && manifest.version !== '') return manifest.version;
  } catch (error) {
    debug('no package.json version in %s: %s', projectDir, (error as Error).message);
  }
  return 'unreleased';
}
