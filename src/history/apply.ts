import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ScanResult } from '../model.js';
import { appendRelease, emptyHistory, historyEntryFor, HistoryError, parseHistory, resolveReleaseId, serializeHistory, trendOf } from './history.js';

/**
 * Appends this run to the history file (creating it when missing), writes it back, and returns
 * the result with its trend. `release` overrides the release id taken from git or package.json.
 * Throws HistoryError when the file is invalid or cannot be written.
 */
export function recordRelease(result: ScanResult, options: { cwd: string; historyFile: string; release?: string }): ScanResult {
  const file = resolve(options.cwd, options.historyFile);
  const history = existsSync(file) ? parseHistory(readFileSync(file, 'utf8'), options.historyFile) : emptyHistory();
  const updated = appendRelease(history, historyEntryFor(result, resolveReleaseId(options.cwd, options.release)));
  try {
    writeFileSync(file, serializeHistory(updated), 'utf8');
  } catch (error) {
    throw new HistoryError(`History ${options.historyFile} could not be written: ${(error as Error).message}.`);
  }
  return { ...result, trend: trendOf(updated) };
}
