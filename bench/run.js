// `npm run bench`: measures the statelint scan and the ESLint plugin on a pinned corpus of published
// server code, each mode in a child process of its own. Both are compared with the floor (read, parse
// and visit every node once) and with ESLint running one trivial rule on the same files.
//
//   node bench/run.js [--runs N] [--modes floor,eslint-trivial,eslint-plugin,statelint]
//
// Expects `npm run build` to have produced dist/. Writes the figures to .cache/bench/results.json
// and sets exit code 1 when a target is missed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureCorpus, listSourceFiles, packageFolderName, readPinnedPackages } from './corpus.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const REPOSITORY_DIR = join(BENCH_DIR, '..');
const CACHE_DIR = join(REPOSITORY_DIR, '.cache', 'bench');
const CORPUS_DIR = join(CACHE_DIR, 'corpus');
const ALL_MODES = ['floor', 'eslint-trivial', 'eslint-plugin', 'statelint'];

/** The targets, from the project's performance requirement. */
const TARGETS = {
  statelintToFloor: 2.5,
  statelintPeakMbPer500kLines: 600,
  pluginToEslintTrivial: 1.1,
};

function parseOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      modes: { type: 'string', default: ALL_MODES.join(',') },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`Invalid --runs value "${values.runs}": expected a whole number of at least 1.`);
  const modes = values.modes.split(',');
  const unknown = modes.filter((mode) => !ALL_MODES.includes(mode));
  if (unknown.length > 0) throw new Error(`Unknown --modes value "${unknown.join(',')}": expected some of ${ALL_MODES.join(',')}.`);
  return { runs, modes };
}

/** Runs one mode in a fresh Node process and returns its report plus the process's wall time. */
function measureInChild(mode, fileListPath) {
  const started = performance.now();
  const child = spawnSync(process.execPath, [join(BENCH_DIR, 'measure.js'), mode, CORPUS_DIR, fileListPath], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const wallMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`Benchmark mode ${mode} failed with exit code ${child.status}. Its error output is printed above.`);
  return { ...JSON.parse(child.stdout), wallMs };
}

function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summarize(mode, measurements) {
  return {
    mode,
    runs: measurements.length,
    wallMs: median(measurements.map((measurement) => measurement.wallMs)),
    workMs: median(measurements.map((measurement) => measurement.workMs)),
    cpuMs: median(measurements.map((measurement) => measurement.cpuMs)),
    peakMb: Math.max(...measurements.map((measurement) => measurement.maxRssKb)) / 1024,
    counts: Object.fromEntries(Object.entries(measurements[0]).filter(([key]) => !['mode', 'wallMs', 'workMs', 'cpuMs', 'maxRssKb'].includes(key))),
  };
}

function machineDescription() {
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    processors: availableParallelism(),
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
  };
}

function formatRatio(value) {
  return value === undefined ? '-' : `${value.toFixed(2)}x`;
}

function printTable(summaries, lines) {
  const floor = summaries.find((summary) => summary.mode === 'floor');
  const trivial = summaries.find((summary) => summary.mode === 'eslint-trivial');
  const rows = [['mode', 'wall s', 'work s', 'work CPU s', 'vs floor', 'vs eslint-trivial', 'CPU vs floor', 'CPU vs eslint-trivial', 'peak MB', 'MB per 500k lines']];
  for (const summary of summaries) {
    rows.push([
      summary.mode,
      (summary.wallMs / 1000).toFixed(2),
      (summary.workMs / 1000).toFixed(2),
      (summary.cpuMs / 1000).toFixed(2),
      formatRatio(floor && summary.wallMs / floor.wallMs),
      formatRatio(trivial && summary.wallMs / trivial.wallMs),
      formatRatio(floor && summary.cpuMs / floor.cpuMs),
      formatRatio(trivial && summary.cpuMs / trivial.cpuMs),
      summary.peakMb.toFixed(0),
      ((summary.peakMb * 500_000) / lines).toFixed(0),
    ]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column])).join('  ')}\n`);
}

/** Compares the summaries with the targets. A target whose modes were not run is left out. */
function checkTargets(summaries, lines) {
  const byMode = Object.fromEntries(summaries.map((summary) => [summary.mode, summary]));
  const checks = [];
  if (byMode.statelint && byMode.floor) {
    checks.push({ target: `statelint wall time at most ${TARGETS.statelintToFloor}x the floor`, value: byMode.statelint.wallMs / byMode.floor.wallMs, limit: TARGETS.statelintToFloor });
  }
  if (byMode.statelint) {
    checks.push({ target: `statelint peak memory at most ${TARGETS.statelintPeakMbPer500kLines} MB per 500k lines`, value: (byMode.statelint.peakMb * 500_000) / lines, limit: TARGETS.statelintPeakMbPer500kLines });
  }
  if (byMode['eslint-plugin'] && byMode['eslint-trivial']) {
    checks.push({ target: `ESLint with the plugin at most ${TARGETS.pluginToEslintTrivial}x ESLint with one trivial rule`, value: byMode['eslint-plugin'].wallMs / byMode['eslint-trivial'].wallMs, limit: TARGETS.pluginToEslintTrivial });
  }
  return checks.map((check) => ({ ...check, met: check.value <= check.limit }));
}

function main() {
  const { runs, modes } = parseOptions();
  const pinnedPackages = readPinnedPackages(join(BENCH_DIR, 'corpus.json'));
  ensureCorpus(CORPUS_DIR, pinnedPackages);

  const files = pinnedPackages.flatMap((pinned) => {
    const folder = packageFolderName(pinned);
    return listSourceFiles(join(CORPUS_DIR, folder)).map((file) => `${folder}/${file}`);
  });
  const fileListPath = join(CACHE_DIR, 'files.json');
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(fileListPath, JSON.stringify(files));

  // Modes take turns within each run, so that a slow phase of the machine affects all of them alike.
  const measurements = Object.fromEntries(modes.map((mode) => [mode, []]));
  for (let run = 1; run <= runs; run++) {
    for (const mode of modes) {
      process.stderr.write(`run ${run}/${runs}: ${mode}\n`);
      measurements[mode].push(measureInChild(mode, fileListPath));
    }
  }

  const summaries = modes.map((mode) => summarize(mode, measurements[mode]));
  const lines = summaries.find((summary) => summary.counts.lines !== undefined)?.counts.lines ?? measureInChild('floor', fileListPath).lines;
  const checks = checkTargets(summaries, lines);
  const machine = machineDescription();

  process.stdout.write(`corpus: ${pinnedPackages.length} packages, ${files.length} files, ${lines} lines\n`);
  process.stdout.write(`machine: ${machine.cpuModel}, ${machine.processors} processors, ${machine.memoryGb} GB, Node ${machine.node}\n`);
  // The ratios use the wall time of the whole child process. The CPU time of the work alone is shown
  // beside them because it varies less when other programs share the machine.
  process.stdout.write(`median of ${runs} run(s); ratios of wall time, then of CPU time:\n`);
  printTable(summaries, lines);
  for (const check of checks) process.stdout.write(`${check.met ? 'met   ' : 'MISSED'} ${check.target}: ${check.value.toFixed(2)}\n`);

  writeFileSync(
    join(CACHE_DIR, 'results.json'),
    `${JSON.stringify({ corpus: { packages: pinnedPackages, files: files.length, lines }, machine, runs, summaries, checks }, null, 2)}\n`,
  );
  if (checks.some((check) => !check.met)) process.exitCode = 1;
}

main();
