import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/main.js';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI core in process with string streams, as a terminal that is not a TTY. */
export async function runCli(argv: readonly string[], options: { cwd?: string; env?: Record<string, string>; isTTY?: boolean } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const exitCode = await run(argv, {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.isTTY ?? false },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: options.cwd ?? REPOSITORY_ROOT,
    env: options.env ?? {},
  });
  return { exitCode, stdout, stderr };
}
