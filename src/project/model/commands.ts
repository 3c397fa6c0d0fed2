/**
 * Reads the program file out of a start command, as written in package.json scripts, a Procfile,
 * a Dockerfile CMD, a docker-compose `command` or a Kubernetes container. Commands are read as
 * text and never run.
 */

/**
 * A program a command starts: a source or build file, or another package.json script.
 * `runsToCompletion` is set when the rest of the command waits for the program to exit
 * (`node setup.js && node server.js`), so it is a one-off step, never a server or a worker.
 */
export type CommandTarget = (
  | { kind: 'file'; path: string }
  | { kind: 'script'; name: string }
  | { kind: 'framework'; framework: 'next' | 'nest' }
) & { runsToCompletion?: true };

/** Programs that take the file to run as their first argument that is not an option. */
const FILE_RUNNERS = new Set(['node', 'nodejs', 'ts-node', 'ts-node-dev', 'ts-node-esm', 'tsx', 'nodemon', 'babel-node', 'bun', 'esno', 'esrun', 'vite-node', 'tsnd', 'pm2', 'pm2-runtime', 'forever', 'fastify']);

/** Wrappers that run the rest of the command line: `cross-env A=1 node x.js`, `dotenv -- node x.js`. */
const WRAPPERS = new Set(['cross-env', 'env', 'exec', 'npx', 'pnpx', 'dotenv', 'env-cmd', 'nice', 'tini', 'dumb-init', 'time', 'doppler', 'op']);

/** Options whose value is the next word, for the runners above. Other options stand alone or use `=`. */
const OPTIONS_WITH_VALUE = new Set([
  '-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file', '--watch-path', '--conditions', '-C',
  '--title', '--inspect-port', '--max-old-space-size', '--stack-size', '--exec', '-x', '--ext', '-e',
  '--ignore', '-i', '--delay', '--signal', '--name', '-n', '--instances', '--project', '-P', '--tsconfig', '--cwd',
  '--output', '-o', '--error', '--log', '-l', '--node-args', '--interpreter', '--env', '-f', '--file',
]);

/** Subcommands of runners that come before the file: `tsx watch x.ts`, `pm2 start x.js`. */
const RUNNER_SUBCOMMANDS = new Set(['watch', 'start', 'run', 'exec']);

const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/;

/** Splits a shell command into words, honouring single and double quotes and backslash escapes. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let index = 0; index < command.length; index++) {
    const char = command[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"' && index + 1 < command.length) current += command[++index];
      else current += char;
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (char === '\\' && index + 1 < command.length) {
      current += command[++index];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else if (char === '&' || char === '|' || char === ';') {
      // A separator written without spaces around it still ends the word and the command before it.
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      let separator = char;
      while (command[index + 1] === '&' || command[index + 1] === '|') separator += command[++index];
      words.push(separator);
    } else {
      current += char;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

const SEPARATORS = new Set(['&&', '||', ';', '|', '&']);

/**
 * Separators after which the shell runs the next command once the one before has exited. `||` is
 * left out because what follows it handles a failure, as in `node server.js || exit 1`.
 */
const SEQUENTIAL_SEPARATORS = new Set(['&&', ';']);

/**
 * Returns the programs a command starts, in order. `npm run worker` and `npm start` give script
 * targets, `next start` and `nest start` framework targets, `node dist/server.js` a file target.
 * Quoted commands passed to `concurrently`, `sh -c` and `npm-run-all` are read too.
 */
export function commandTargets(command: string | readonly string[]): CommandTarget[] {
  const words = typeof command === 'string' ? shellWords(command) : [...command];
  const targets: CommandTarget[] = [];
  let segment: string[] = [];
  for (const [index, word] of [...words, ';'].entries()) {
    if (!SEPARATORS.has(word)) {
      segment.push(word);
      continue;
    }
    // The closing `;` added above ends the last segment, which nothing waits for.
    const followed = index < words.length && SEQUENTIAL_SEPARATORS.has(word);
    const found = segmentTargets(segment);
    targets.push(...(followed ? found.map(runToCompletion) : found));
    segment = [];
  }
  return targets;
}

function runToCompletion(target: CommandTarget): CommandTarget {
  return { ...target, runsToCompletion: true };
}

function segmentTargets(words: readonly string[]): CommandTarget[] {
  let index = 0;
  // Skip `A=1` assignments and wrapper programs with their options.
  for (;;) {
    const word = words[index];
    if (word === undefined) return [];
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word) || word === '--' || (index > 0 && WRAPPERS.has(words[index - 1]!) && word.startsWith('-'))) {
      index++;
    } else if (WRAPPERS.has(word)) {
      index++;
    } else {
      break;
    }
  }
  const program = words[index]!.split('/').at(-1)!;
  const rest = words.slice(index + 1);

  if (program === 'sh' || program === 'bash' || program === '/bin/sh') {
    const script = rest[rest.indexOf('-c') + 1];
    return rest.includes('-c') && script ? commandTargets(script) : [];
  }
  if (program === 'concurrently' || program === 'npm-run-all' || program === 'run-p' || program === 'run-s') {
    const listed = rest.filter((word) => !word.startsWith('-')).flatMap((word): CommandTarget[] => {
      if (word.startsWith('npm:')) return [{ kind: 'script', name: word.slice('npm:'.length) }];
      return program === 'concurrently' ? commandTargets(word) : [{ kind: 'script', name: word }];
    });
    // `run-s` and `npm-run-all` without `-p` run the scripts one after another.
    const sequential = program === 'run-s' || (program === 'npm-run-all' && !rest.some((word) => word === '-p' || word === '--parallel'));
    return sequential ? listed.map((target, index) => (index < listed.length - 1 ? runToCompletion(target) : target)) : listed;
  }
  if (program === 'npm' || program === 'yarn' || program === 'pnpm' || program === 'bun' && rest[0] === 'run') {
    return packageManagerTargets(program, rest);
  }
  if (program === 'next' && (rest[0] === 'start' || rest[0] === 'dev')) return [{ kind: 'framework', framework: 'next' }];
  if (program === 'nest' && rest[0] === 'start') return [{ kind: 'framework', framework: 'nest' }];
  if (FILE_RUNNERS.has(program)) {
    const file = runnerFile(rest);
    return file ? [{ kind: 'file', path: file }] : [];
  }
  // `./dist/server.js` run directly through its `#!` line.
  if (SOURCE_FILE.test(words[index]!)) return [{ kind: 'file', path: words[index]! }];
  return [];
}

function packageManagerTargets(program: string, rest: readonly string[]): CommandTarget[] {
  const args = rest.filter((word) => !word.startsWith('-'));
  const [first, second] = args;
  if (first === undefined) return [];
  if (first === 'start' || first === 'test' || first === 'stop' || first === 'restart') return [{ kind: 'script', name: first }];
  if (first === 'run' || first === 'run-script') return second ? [{ kind: 'script', name: second }] : [];
  // `yarn worker` and `pnpm worker` run the script of that name.
  if (program !== 'npm' && !['install', 'add', 'exec', 'dlx', 'build'].includes(first)) return [{ kind: 'script', name: first }];
  return [];
}

function runnerFile(args: readonly string[]): string | undefined {
  for (let index = 0; index < args.length; index++) {
    const word = args[index]!;
    if (word === '--') continue;
    if (word.startsWith('-')) {
      if (!word.includes('=') && OPTIONS_WITH_VALUE.has(word)) index++;
      // `node --watch server.js` takes no value but `nodemon --watch src server.js` does.
      else if ((word === '--watch' || word === '-w') && args[index + 1] !== undefined && !SOURCE_FILE.test(args[index + 1]!)) index++;
      continue;
    }
    if (RUNNER_SUBCOMMANDS.has(word) && index === 0) continue;
    return word;
  }
  return undefined;
}
