// One benchmark measurement, run by bench/run.js in a child process of its own so that its peak
// memory is its own: `node bench/measure.js <mode> <corpus folder> <file list JSON>`.
// Prints one JSON object on stdout: the mode, the work's wall and CPU time in milliseconds, the peak
// resident set size in kilobytes (process.resourceUsage().maxRSS) and what the mode counted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ts from 'typescript';

const SOURCE_FILE_GLOBS = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

/** Counts lines as editors number them: a final line without a newline still counts. */
function countLines(text) {
  if (text.length === 0) return 0;
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
  return text.endsWith('\n') ? lines - 1 : lines;
}

/** Reads, parses with parent pointers and visits each node once: the lower bound for any scan on TypeScript's parser. */
async function measureFloor(corpusDir, files) {
  const { scriptKindFor } = await import('../dist/src/engine/parse.js');
  let lines = 0;
  let nodes = 0;
  const visit = (node) => {
    nodes++;
    ts.forEachChild(node, visit);
  };
  for (const file of files) {
    const text = readFileSync(join(corpusDir, file), 'utf8');
    lines += countLines(text);
    visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindFor(file)));
  }
  return { files: files.length, lines, nodes };
}

async function measureEslint(corpusDir, files, config) {
  const { ESLint } = await import('eslint');
  const eslint = new ESLint({ cwd: corpusDir, overrideConfigFile: true, overrideConfig: config, cache: false });
  const results = await eslint.lintFiles(files);
  let parseErrors = 0;
  let ruleMessages = 0;
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) parseErrors++;
      else if (message.ruleId) ruleMessages++;
    }
  }
  return { files: results.length, parseErrors, ruleMessages };
}

async function measureEslintTrivial(corpusDir, files) {
  const { default: tsParser } = await import('@typescript-eslint/parser');
  // `no-debugger` looks at one node type only: the cost is ESLint's own parse, scope analysis and traversal.
  const config = [{ files: SOURCE_FILE_GLOBS, languageOptions: { parser: tsParser }, rules: { 'no-debugger': 'error' } }];
  return measureEslint(corpusDir, files, config);
}

async function measureEslintPlugin(corpusDir, files) {
  const { default: plugin } = await import('../dist/src/index.js');
  return measureEslint(corpusDir, files, [plugin.configs.recommended]);
}

async function measureStatelint(corpusDir, files) {
  const { scanProject } = await import('../dist/src/project/analyze-project.js');
  // The files are named one by one: the corpus sits in .cache/, which this repository's .gitignore
  // excludes, and statelint skips git-ignored files found by walking a folder. The corpus packages
  // are libraries that no entrypoint of theirs imports, so every file is declared web code, which
  // makes the scan run every detection on every file, as it does in an application.
  const webOnly = new Set(['web']);
  const result = await scanProject({ cwd: corpusDir, paths: files, roles: { get: () => webOnly } });
  return {
    files: result.coverage.analyzed,
    findings: result.findings.length,
    diagnostics: result.diagnostics.length,
  };
}

const MODES = {
  floor: measureFloor,
  'eslint-trivial': measureEslintTrivial,
  'eslint-plugin': measureEslintPlugin,
  statelint: measureStatelint,
};

async function main() {
  const [mode, corpusDir, fileListPath] = process.argv.slice(2);
  const measure = MODES[mode];
  if (!measure || !corpusDir || !fileListPath) {
    throw new Error(`Usage: node bench/measure.js <${Object.keys(MODES).join('|')}> <corpus folder> <file list JSON>, got: ${process.argv.slice(2).join(' ')}`);
  }
  const files = JSON.parse(readFileSync(fileListPath, 'utf8'));

  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const counts = await measure(corpusDir, files);
  const cpu = process.cpuUsage(cpuBefore);
  const workMs = performance.now() - started;
  const cpuMs = (cpu.user + cpu.system) / 1000;

  process.stdout.write(`${JSON.stringify({ mode, workMs, cpuMs, maxRssKb: process.resourceUsage().maxRSS, ...counts })}\n`);
}

await main();
