/** One report to write: a format, and the file it goes to (standard output when absent). */
export interface OutputTarget {
  format: string;
  output?: string;
}

export type OutputPairingProblem =
  | { kind: 'several-to-stdout'; formats: string[] }
  | { kind: 'same-file'; output: string };

/** Reads an option written as `--name value`, `--name=value` or `-n value`; undefined for any other argument. */
function optionValue(argv: readonly string[], index: number, long: string, short: string): { value: string; next: number } | undefined {
  const argument = argv[index]!;
  if (argument === long || argument === short) {
    const value = argv[index + 1];
    return value === undefined ? undefined : { value, next: index + 2 };
  }
  if (argument.startsWith(`${long}=`)) return { value: argument.slice(long.length + 1), next: index + 1 };
  return undefined;
}

/**
 * Pairs `--format` and `--output` options in command-line order, so that
 * `--format html --output report.html --format sarif --output results.sarif` writes two files.
 * Each `--output` belongs to the latest `--format` before it that has no file yet; an `--output`
 * before any `--format` belongs to `defaultFormat`. Arguments after `--` are not read.
 */
export function pairOutputTargets(argv: readonly string[], defaultFormat: string): { targets: OutputTarget[]; problem?: OutputPairingProblem } {
  const targets: OutputTarget[] = [];
  let index = 0;
  while (index < argv.length) {
    if (argv[index] === '--') break;
    const format = optionValue(argv, index, '--format', '-f');
    if (format) {
      targets.push({ format: format.value });
      index = format.next;
      continue;
    }
    const output = optionValue(argv, index, '--output', '-o');
    if (output) {
      const open = [...targets].reverse().find((target) => target.output === undefined);
      if (open) open.output = output.value;
      else targets.push({ format: defaultFormat, output: output.value });
      index = output.next;
      continue;
    }
    index += 1;
  }
  if (targets.length === 0) targets.push({ format: defaultFormat });

  const toStdout = targets.filter((target) => target.output === undefined);
  if (toStdout.length > 1) return { targets, problem: { kind: 'several-to-stdout', formats: toStdout.map((target) => target.format) } };
  const files = targets.flatMap((target) => (target.output === undefined ? [] : [target.output]));
  const repeated = files.find((file, position) => files.indexOf(file) !== position);
  if (repeated !== undefined) return { targets, problem: { kind: 'same-file', output: repeated } };
  return { targets };
}
