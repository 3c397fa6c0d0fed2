import type { Level } from '../model.js';
import type { LinkKind, SpecialFileType } from '../project/read-source.js';
import type { CoverageSkipReason, Messages, NumberFormats } from './messages.js';
import { asSentence } from './sentence.js';

function plural(count: number, one: string, other: string): string {
  return count === 1 ? one : other;
}

const LEVELS: Readonly<Record<Level, string>> = { failing: 'failing', acceptable: 'acceptable', target: 'target', optimal: 'optimal' };

/** Each reason as a noun phrase, singular and plural, for `Not analysed: 2 symbolic links`. */
const SKIP_REASONS: Readonly<Record<CoverageSkipReason, readonly [one: string, other: string]>> = {
  'read-error': ['unreadable file', 'unreadable files'],
  'binary-file': ['binary file', 'binary files'],
  'file-too-large': ['file too large', 'files too large'],
  'invalid-encoding': ['file not valid text', 'files not valid text'],
  'symlink-skipped': ['symbolic link', 'symbolic links'],
  'special-file': ['special file (not a regular file)', 'special files (not regular files)'],
  'unreached': ['file not loaded by any entrypoint', 'files not loaded by any entrypoint'],
  'parse-error': ['file with a syntax error', 'files with syntax errors'],
};

const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or folder (it may have been removed during the scan)',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
};

const LINK_MESSAGES: Readonly<Record<LinkKind, string>> = {
  'loop': 'Symbolic link that loops back on itself; not followed.',
  'broken': 'Broken symbolic link: its target does not exist.',
  'outside-root': 'Symbolic link to a target outside the current folder; not followed.',
  'inside-root': 'Symbolic link not followed, so the files it leads to were not scanned through it.',
  'folder-outside-root': 'The file is in a folder that leads outside the current folder through a symbolic link, so it was not read.',
  'swapped': 'The file was replaced by a symbolic link during the scan, so it was not read.',
};

const LINK_HINTS: Readonly<Record<LinkKind, string>> = {
  'loop': 'Remove the link, or add it to .gitignore.',
  'broken': 'Remove the link, or add it to .gitignore.',
  'outside-root': 'If the target is code of this backend, run statelint from a folder that contains it.',
  'inside-root': 'To scan its target, pass the target\'s own path, or a folder that contains it, instead of the link.',
  'folder-outside-root': 'If that code belongs to this backend, run statelint from a folder that contains it.',
  'swapped': 'Run statelint again once the files stop changing.',
};

const FILE_TYPES: Readonly<Record<SpecialFileType, string>> = {
  'fifo': 'a FIFO',
  'socket': 'a socket',
  'character-device': 'a character device',
  'block-device': 'a block device',
  'directory': 'a folder',
  'other': 'an unknown file type',
};

export function englishMessages(format: NumberFormats): Messages {
  const count = (value: number, one: string, other: string): string => `${format.number(value)} ${plural(value, one, other)}`;

  return {
    severity: { error: 'error', warning: 'warning', info: 'info' },
    criterion: {
      sessions: 'Sessions',
      cache: 'Cache',
      files: 'Files',
      jobs: 'Background jobs',
      state: 'In-process state',
    },
    level: LEVELS,
    skipReason: (reason) => skipReasonLabel(reason, 2),
    systemError: (code) => SYSTEM_ERRORS[code] ?? `system error ${code}`,

    report: {
      problemSummary({ errors, warnings, infos }) {
        const problems = errors + warnings;
        let line = `${count(problems, 'problem', 'problems')} (${count(errors, 'error', 'errors')}, ${count(warnings, 'warning', 'warnings')})`;
        if (infos > 0) line += `, ${count(infos, 'note', 'notes')}`;
        return line;
      },
      noFindings: 'No findings.',
      noFindingsWithScanErrors: 'No findings in the files that were analysed, but the scan problems below make the result untrustworthy.',
      moreRelated: (value) => `and ${count(value, 'more related location', 'more related locations')}`,
      suppressedHeading: (value) => `Suppressed: ${count(value, 'finding', 'findings')} silenced in the source and not scored`,
      criteriaColumns: { criterion: 'Criterion', score: 'Score', compliant: 'Compliant', violations: 'Violations', weight: 'Weight' },
      notApplicable: 'n/a',
      score: (score, level) => `Score: ${format.percent(score)} (${LEVELS[level]})`,
      gatePassed: (minScore) => `Gate passed: the score reaches the minimum of ${format.percent(minScore)}.`,
      gateFailed: (score, minScore) => `Gate failed: the score ${format.percent(score)} is below the minimum of ${format.percent(minScore)}.`,
      gateUntrustworthy: (errorCount, problemCount) =>
        errorCount === problemCount
          ? `Result not trustworthy: ${count(errorCount, 'scan problem', 'scan problems')} listed above. Fix ${plural(errorCount, 'it', 'them')} and run statelint again.`
          : `Result not trustworthy: ${format.number(errorCount)} of the ${count(problemCount, 'scan problem', 'scan problems')} listed above ${plural(errorCount, 'is an error', 'are errors')}. Fix ${plural(errorCount, 'it', 'them')} and run statelint again.`,
      coverage: (analyzed, eligible) => `Files: ${format.number(analyzed)} of ${format.number(eligible)} analysed.`,
      skipped: (counts) => `Not analysed: ${counts.map(([reason, value]) => `${format.number(value)} ${skipReasonLabel(reason, value)}`).join(', ')}.`,
      diagnosticsHeading: 'Scan problems',
    },

    processMap: {
      heading: 'Process map',
      entrypointCount: (value) => count(value, 'entrypoint', 'entrypoints'),
      fileCount: (value) => count(value, 'file', 'files'),
      more: (value) => `and ${format.number(value)} more`,
      noEntrypoints: 'No entrypoint found, so each file has its default role: script when it starts with #! or sits in a scripts, bin, migrations or seeds folder, web otherwise.',
      unreachedSummary: (value) => `${count(value, 'file is', 'files are')} not loaded by any entrypoint and not scored; run statelint roles to list ${plural(value, 'it', 'them')}.`,
      entrypointsHeading: 'Entrypoints',
      processesHeading: 'Processes',
      columns: { role: 'Role', file: 'File', declaredIn: 'Declared in', detail: 'How', entrypoints: 'Entrypoints', files: 'Files' },
      unreachedHeading: (value) => `Not loaded by any entrypoint, so not scored (${count(value, 'file', 'files')})`,
      noUnreached: 'Every analysed file is loaded by an entrypoint.',
    },

    deployment: {
      heading: 'Deployment',
      fact: { autoscaling: 'Auto-scaling', loadBalancing: 'Load balancing', stickyRouting: 'Sticky routing', longPolling: 'socket.io long polling' },
      state: { yes: 'yes', no: 'no', unknown: 'unknown' },
      note: (note) => {
        switch (note.code) {
          case 'state-masked-by-sticky-routing':
            return `Sticky routing sends each client back to the same worker, which hides ${count(note.related.length, 'in-process state finding', 'in-process state findings')} until a worker restarts, is replaced or the pool scales. Move that state to a shared store; then the stickiness can go.`;
          case 'sticky-routing-required-by-socket-io':
            return 'Sticky routing is configured and socket.io allows long polling, which needs it, so this combination is expected and not a fault.';
        }
      },
    },

    diagnostics: {
      pathNotFound: (path) => ({
        message: `Path not found: ${path}.`,
        hint: 'Check the spelling, or run statelint from the folder the path is relative to.',
      }),
      pathUnreadable: (path, reason) => ({
        message: `Path ${path} could not be examined: ${reason}.`,
        hint: 'Check that you may read the folders on the way to it, then run statelint again.',
      }),
      notASourceFile: (path) => ({
        message: `${path} is not a JavaScript or TypeScript source file, so it was not scanned.`,
        hint: 'Pass files ending in .js, .jsx, .mjs, .cjs, .ts, .tsx, .mts or .cts, or the folders that contain them.',
      }),
      folderReadFailed: (reason) => ({
        message: `The folder could not be listed: ${reason}. The files in it were not analysed.`,
        hint: 'Check that you may read the folder, or add it to .gitignore if it holds no code of this backend.',
      }),
      noSourceFiles: (paths, ignoredCount) => ({
        message:
          ignoredCount > 0
            ? `No JavaScript or TypeScript source files to scan under ${paths}; .gitignore excludes ${count(ignoredCount, 'file or folder', 'files or folders')} there.`
            : `No JavaScript or TypeScript source files found under ${paths}.`,
        hint: 'Pass the folder that contains the backend\'s code, and check the include and exclude patterns of the statelint configuration. Files matched by .gitignore, node_modules and .git are never scanned.',
      }),
      outsideWorkingFolder: (path) => ({
        message: `${path} is outside the current folder, so it was not scanned.`,
        hint: 'Run statelint from the project folder, or from a folder that contains every path you pass.',
      }),
      skipped: (detail) => {
        switch (detail.reason) {
          case 'read-error':
            return {
              message: `The file could not be read: ${SYSTEM_ERRORS[detail.errorCode] ?? `system error ${detail.errorCode}`}.`,
              hint: 'Check that the file exists and that you may read it, then run statelint again.',
            };
          case 'binary-file':
            return {
              message: `The file looks binary (a NUL byte at byte ${format.number(detail.byteOffset)}), so it was not analysed.`,
              hint: 'Add it to .gitignore if it is not source code; otherwise save it as UTF-8 text.',
            };
          case 'file-too-large':
            return {
              message: `The file has ${format.number(detail.size)} bytes, more than the limit of ${format.number(detail.maxFileBytes)}, so it was not analysed.`,
              hint: 'Generated or bundled code does not belong in the scan: add it to the exclude patterns of the statelint configuration, or scan the folder with its sources.',
            };
          case 'invalid-encoding':
            return {
              message: `The file is not valid ${detail.encoding.toUpperCase()}: the byte at offset ${format.number(detail.byteOffset)} cannot be decoded, so it was not analysed.`,
              hint: 'Save the file as UTF-8, then run statelint again.',
            };
          case 'symlink-skipped':
            return { message: LINK_MESSAGES[detail.link], hint: LINK_HINTS[detail.link] };
          case 'special-file':
            return {
              message: `Not a regular file (${FILE_TYPES[detail.fileType]}), so it was not read.`,
              hint: 'Nothing to do unless it should be a source file.',
            };
        }
      },
      parseFailed: (reason) => ({
        message: `The file could not be parsed: ${asSentence(reason)}`,
        hint: 'Fix the syntax error, or add the file to .gitignore if it is not source code. Its findings are left out of the score until it parses.',
      }),
      detectorFailed: (ruleId, reason) => ({
        message: `Rule ${ruleId} failed on this file: ${asSentence(reason)}`,
        hint: 'The other rules still ran on this file. Run again with DEBUG=statelint:* to see the stack trace, and report it as a statelint bug with the file attached.',
      }),
      entrypointNotFound: (file) => ({
        message: `The configuration declares the entrypoint ${file}, but no analysed file matches it, so it starts no process.`,
        hint: 'Write the path relative to the project folder. A file that is excluded, ignored by .gitignore or fails to parse is not matched.',
      }),
      tsconfigInvalid: (file, reason, partial) => ({
        message: partial
          ? `${file} was read only in part: ${reason}`
          : `${file} is not valid JSON, so its compiler options were not used: ${reason}`,
        hint: 'Fix the file so that `tsc --showConfig` accepts it. Until then, path aliases it defines do not resolve, and files reached only through them may get the wrong process role.',
      }),
    },

    cli: {
      description:
        'Scan a Node.js backend for state kept inside the worker process, score each criterion (sessions, cache, files, jobs, state), and fail the release gate when the score is below the minimum.',
      usage: '[options] [paths...]',
      pathsArgument: 'files or folders to scan (default: the current folder)',
      groups: { output: 'Output:', gate: 'Gate:', project: 'Project:', other: 'Other:' },
      options: {
        format: 'report format: terminal, json, markdown, html or sarif (default: terminal); repeat it, each followed by --output, to write several reports',
        output: 'write the report of the --format before it to this file instead of standard output',
        noColor: 'print the terminal report without colours (default when output is not a terminal)',
        locale: 'language of the report and messages: en or es (default: from LC_ALL, LC_MESSAGES or LANG)',
        minScore: (defaultScore) => `minimum overall score, in percent from 0 to 100, that passes the gate (default: ${format.number(defaultScore)})`,
        maxUnanalyzed:
          'number of files that may fail to be analysed (unreadable, binary, too large, not UTF-8 or UTF-16, or with syntax errors) without exit code 2; they are still reported (default: 0)',
        weight: 'weight of one criterion in the overall score, as criterion=number; repeat for several (default: 1 each)',
        config: (fileName) => `configuration file (default: ${fileName} in the current folder, if present)`,
        version: 'print the version and exit',
        help: 'print this help and exit',
      },
      titles: { usage: 'Usage:', arguments: 'Arguments:' },
      exitCodes:
        'Exit codes:\n  0  the gate passed\n  1  the gate failed: the score is below the minimum\n  2  no trustworthy result: invalid arguments or configuration, or a file that could not be\n     read, parsed or analysed',
      seeHelp: 'Run statelint --help to see the options.',
      unknownOption: (option) => `Unknown option: ${option}.`,
      missingOptionValue: (option) => `Option ${option} needs a value.`,
      invalidFormat: (value) => `Invalid value for --format: "${value}". Use terminal, json, markdown, html or sarif.`,
      invalidLocale: (value) => `Invalid value for --locale: "${value}". Use en or es.`,
      invalidMinScore: (value) => `Invalid value for --min-score: "${value}". Use a number from 0 to 100.`,
      invalidMaxUnanalyzed: (value) => `Invalid value for --max-unanalyzed: "${value}". Use a whole number, 0 or more.`,
      invalidWeight: (value, criteria) =>
        `Invalid value for --weight: "${value}". Use criterion=number with a criterion among ${criteria} and a positive number, for example --weight sessions=2.`,
      configReadFailed: (file, reason) => `Could not read the configuration file ${file}: ${reason}. Check the path given to --config.`,
      configInvalidJson: (file, reason) => `The configuration file ${file} is not valid JSON: ${reason}. Fix the syntax and run statelint again.`,
      configInvalid: (file, problems) => `The configuration file ${file} is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\nFix these entries and run statelint again.`,
      config: {
        notAnObject: (key) => `${key} must be an object.`,
        unknownKey: (key, allowed) => `${key} is not a known setting; the known settings are ${allowed}.`,
        notAScore: (key) => `${key} must be a number from 0 to 100.`,
        notAWeight: (key) => `${key} must be a positive number.`,
        unknownCriterion: (key, criteria) => `${key} is not a criterion; the criteria are ${criteria}.`,
        notARoleList: (key, roles) => `${key} must be a non-empty list of process roles among ${roles}.`,
      },
      outputWriteFailed: (file, reason) => `Could not write the report to ${file}: ${reason}. Check that the folder exists and is writable.`,
      outputIsFolder: (file) => `Could not write the report to ${file}: it is a folder. Give --output a file path, such as ${file.replace(/\/+$/, '')}/statelint-report.txt.`,
      outputIsScannedFile: (file) =>
        `--output ${file} is one of the source files this run scans, so writing the report there would replace it. Write the report to another file, such as statelint-report.txt.`,
      internalError: (reason) => `statelint failed unexpectedly: ${reason}. Run again with DEBUG=statelint:* and report the output as a bug.`,
      commands:
        'Commands:\n  statelint [paths...]           scan, report and gate the release (the default)\n  statelint baseline [paths...]  record the current findings in the baseline file\n  statelint roles [paths...]     print the process map: entrypoints and how each was found, the\n                                 files each role loads, unreached files and deployment facts;\n                                 exits with 0, or 2 when the result is not trustworthy',
      invalidRolesFormat: (value) => `Invalid value for --format with statelint roles: "${value}". Use terminal or json.`,
    },
  };
}

function skipReasonLabel(reason: string, value: number): string {
  const labels = SKIP_REASONS[reason as CoverageSkipReason];
  return labels ? plural(value, ...labels) : reason;
}
