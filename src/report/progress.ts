/** A stream a progress line can be written to; `process.stderr` in the bin. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  update(analyzed: number, total: number): void;
  /** Erases the progress line, so that the report starts on a clean line. */
  finish(): void;
}

/** Redraws at most this often, so that a scan of many small files is not slowed by the terminal. */
const REDRAW_INTERVAL_MS = 100;

const NO_PROGRESS: Progress = { update: () => undefined, finish: () => undefined };

/**
 * Creates the progress line for long scans: `statelint: 120/480 files` redrawn in place on
 * standard error. It stays silent unless that stream is a terminal and the `CI` variable is unset,
 * so logs and piped output never contain it.
 */
export function createProgress(stream: ProgressStream, env: Readonly<Record<string, string | undefined>>, label: (analyzed: number, total: number) => string, now: () => number = Date.now): Progress {
  if (stream.isTTY !== true || (env.CI !== undefined && env.CI !== '')) return NO_PROGRESS;

  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(analyzed, total) {
      const time = now();
      if (analyzed < total && time - lastDraw < REDRAW_INTERVAL_MS) return;
      lastDraw = time;
      drawn = true;
      stream.write(`\r\u001b[2K${label(analyzed, total)}`);
    },
    finish() {
      if (drawn) stream.write('\r\u001b[2K');
      drawn = false;
    },
  };
}
