import { describe, expect, it } from 'vitest';
import { commandTargets, shellWords } from '../../../src/project/model/commands.js';

describe('commandTargets', () => {
  it.each([
    ['node dist/server.js', [{ kind: 'file', path: 'dist/server.js' }]],
    ['node --enable-source-maps -r dotenv/config dist/server.js', [{ kind: 'file', path: 'dist/server.js' }]],
    ['node --watch src/server.js', [{ kind: 'file', path: 'src/server.js' }]],
    ['nodemon --watch src src/server.ts', [{ kind: 'file', path: 'src/server.ts' }]],
    ['tsx watch src/server.ts', [{ kind: 'file', path: 'src/server.ts' }]],
    ['cross-env NODE_ENV=production node ./dist/worker.js', [{ kind: 'file', path: './dist/worker.js' }]],
    ['NODE_ENV=production node dist/main.js', [{ kind: 'file', path: 'dist/main.js' }]],
    ['npm run build && node dist/server.js', [{ kind: 'script', name: 'build', runsToCompletion: true }, { kind: 'file', path: 'dist/server.js' }]],
    ['node dist/migrate.js; node dist/server.js', [{ kind: 'file', path: 'dist/migrate.js', runsToCompletion: true }, { kind: 'file', path: 'dist/server.js' }]],
    ['node dist/server.js || exit 1', [{ kind: 'file', path: 'dist/server.js' }]],
    ['node dist/server.js & node dist/worker.js', [{ kind: 'file', path: 'dist/server.js' }, { kind: 'file', path: 'dist/worker.js' }]],
    ['run-s check-db serve', [{ kind: 'script', name: 'check-db', runsToCompletion: true }, { kind: 'script', name: 'serve' }]],
    ['npm-run-all check-db serve', [{ kind: 'script', name: 'check-db', runsToCompletion: true }, { kind: 'script', name: 'serve' }]],
    ['npm-run-all --parallel serve worker', [{ kind: 'script', name: 'serve' }, { kind: 'script', name: 'worker' }]],
    ['run-p serve worker', [{ kind: 'script', name: 'serve' }, { kind: 'script', name: 'worker' }]],
    ['npm start', [{ kind: 'script', name: 'start' }]],
    ['yarn worker', [{ kind: 'script', name: 'worker' }]],
    ['concurrently "node dist/server.js" "npm:worker"', [{ kind: 'file', path: 'dist/server.js' }, { kind: 'script', name: 'worker' }]],
    ['sh -c "node dist/server.js"', [{ kind: 'file', path: 'dist/server.js' }]],
    ['next start', [{ kind: 'framework', framework: 'next' }]],
    ['nest start', [{ kind: 'framework', framework: 'nest' }]],
    ['pm2-runtime start dist/server.js -i max', [{ kind: 'file', path: 'dist/server.js' }]],
    ['fastify start -l info dist/app.js', [{ kind: 'file', path: 'dist/app.js' }]],
  ] as const)('%s', (command, expected) => {
    expect(commandTargets(command)).toEqual(expected);
  });

  it('reads the exec form as words', () => {
    expect(commandTargets(['node', 'dist/server.js'])).toEqual([{ kind: 'file', path: 'dist/server.js' }]);
  });

  it('ignores tools that run no project file', () => {
    expect(commandTargets('tsc -p tsconfig.build.json')).toEqual([]);
    expect(commandTargets('vitest run')).toEqual([]);
  });
});

describe('shellWords', () => {
  it('keeps quoted words together', () => {
    expect(shellWords(`node -e 'a b' "c d"`)).toEqual(['node', '-e', 'a b', 'c d']);
  });

  it('splits separators written without spaces', () => {
    expect(shellWords('a&&b;c')).toEqual(['a', '&&', 'b', ';', 'c']);
  });
});
