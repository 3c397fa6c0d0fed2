#!/usr/bin/env node
// The only module that touches `process`. It sets the exit code and lets Node exit once the
// output is flushed; calling process.exit() here could cut off a report written to a pipe.
import { run } from './main.js';

// A reader that closes the pipe early, as `statelint | head` does, is not an error of the scan.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
