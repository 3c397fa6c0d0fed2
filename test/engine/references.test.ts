import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fileContextFor } from '../../src/engine/file-context.js';
import { parseSource } from '../../src/engine/parse.js';
import type { ModuleReference } from '../../src/engine/references.js';

/** Resolves the expression of the file's last statement, the way detections resolve a callee. */
function resolveLastExpression(text: string, path = 'src/compiled.js'): ModuleReference | undefined {
  const file = fileContextFor(parseSource(path, text), path);
  const last = file.sourceFile.statements.at(-1);
  if (!last || !ts.isExpressionStatement(last)) throw new Error('The last statement of the sample must be an expression.');
  return file.references.resolve(last.expression);
}

describe('ReferenceResolver', () => {
  it.each([
    ['Babel default interop', `var _rateLimit = _interopRequireDefault(require('express-rate-limit'));\n_rateLimit.default;`, { module: 'express-rate-limit', path: [] }],
    ['Babel wildcard interop', `var _winston = _interopRequireWildcard(require('winston'));\n_winston.format;`, { module: 'winston', path: ['format'] }],
    ['TypeScript __importDefault', `const fs_1 = __importDefault(require('fs'));\nfs_1.default.writeFileSync;`, { module: 'fs', path: ['writeFileSync'] }],
    ['TypeScript __importStar', `const os = __importStar(require('node:os'));\nos.tmpdir;`, { module: 'os', path: ['tmpdir'] }],
    ['bundler __toESM as a member', `const debug = require_runtime.__toESM(require('debug'));\ndebug.default;`, { module: 'debug', path: [] }],
    ['default of a required module', `require('lru-cache').default;`, { module: 'lru-cache', path: [] }],
    ['named member of a required module', `require('lru-cache').LRUCache;`, { module: 'lru-cache', path: ['LRUCache'] }],
  ])('%s', (_name, text, expected) => {
    expect(resolveLastExpression(text)).toEqual(expected);
  });

  it('ignores a wrapper that is no interop helper', () => {
    expect(resolveLastExpression(`const store = wrapStore(require('memorystore'));\nstore.default;`)).toBeUndefined();
  });

  it('keeps default when the path is not empty', () => {
    expect(resolveLastExpression(`const lib = require('pkg');\nlib.sub.default;`)).toEqual({ module: 'pkg', path: ['sub', 'default'] });
  });

  it('returns the same reference when resolved twice', () => {
    const path = 'src/twice.js';
    const file = fileContextFor(parseSource(path, `const { writeFile } = require('fs');\nwriteFile;`), path);
    const statement = file.sourceFile.statements[1] as ts.ExpressionStatement;

    const first = file.references.resolve(statement.expression);
    const second = file.references.resolve(statement.expression);

    expect(first).toEqual({ module: 'fs', path: ['writeFile'] });
    expect(second).toEqual(first);
  });

  it('stops at alias chains deeper than the limit', () => {
    const aliases = Array.from({ length: 20 }, (_, index) => `const alias${index + 1} = alias${index};`).join('\n');
    const text = `const alias0 = require('fs');\n${aliases}\nalias20.writeFile;`;

    expect(resolveLastExpression(text)).toBeUndefined();
  });
});
