import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ScanResult } from '../model.js';
import { appendRelease, emptyHistory, historyEntryFor, HistoryError, parseHistory, resolveReleaseId, serializeHistory, trendOf } from './history.js';

export interface RecordReleaseOptions {
  cwd: string;
  historyFile: string;
  /** Overrides the release id taken from git or package.json. */
  release?: string;
  /** Describes a system error code such as `EACCES` in the user's language; the bare code when absent. */
  describeSystemError?: (code: string) => string;
}

/**
 * Appends this run to the history file, creating the file and its missing folders, writes it back,
 * and returns the result with its trend. Throws HistoryError, naming the file and the next step,
 * when the file is invalid or cannot be written.
 */
export function recordRelease(result: ScanResult, options: RecordReleaseOptions): ScanResult {
  const file = resolve(options.cwd, options.historyFile);
  const history = existsSync(file) ? parseHistory(readFileSync(file, 'utf8'), options.historyFile) : emptyHistory();
  const updated = appendRelease(history, historyEntryFor(result, resolveReleaseId(options.cwd, options.release)));
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, serializeHistory(updated), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    const reason = options.describeSystemError?.(code) ?? code;
    throw new HistoryError(
      `History ${options.historyFile} could not be written: ${reason}. Check that you may write to its folder, or pass --history another file.`,
    );
  }
  return { ...result, trend: trendOf(updated) };
}
