import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-local-fs-write.js';
import { noLocalFsWrite } from '../../src/detections/no-local-fs-write.js';
import { analyzeText } from '../../src/engine/analyze-file.js';
import { createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-local-fs-write', rule, {
  valid: [
    {
      name: 'reads of files shipped with the build',
      code: `
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
const template = readFileSync(new URL('./welcome.hbs', import.meta.url), 'utf8');
export async function GET() {
  return new Response(await readFile('./public/robots.txt', 'utf8'));
}
`,
    },
    {
      name: 'writeFile method of an object storage wrapper',
      code: `
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
class Bucket {
  constructor(private readonly client: S3Client) {}
  async writeFile(key: string, body: string) {
    await this.client.send(new PutObjectCommand({ Bucket: 'docs', Key: key, Body: body }));
  }
}
const bucket = new Bucket(new S3Client({}));
export const save = (id: string, text: string) => bucket.writeFile(id, text);
`,
    },
    {
      name: 'cache.writeFile on a parameter is not fs',
      code: `
export async function store(cache: { writeFile(key: string, value: string): Promise<void> }) {
  await cache.writeFile('report', 'body');
}
`,
    },
    {
      name: 'local function named writeFileSync',
      filename: 'app.js',
      code: `
function writeFileSync(path, data) { return { path, data }; }
writeFileSync('./out.txt', 'x');
`,
    },
    {
      name: 'promisified read',
      code: `
import { promisify } from 'node:util';
import fs from 'node:fs';
const readFileAsync = promisify(fs.readFile);
export const license = () => readFileAsync('./LICENSE', 'utf8');
`,
    },
    {
      name: 'open without flags reads',
      code: `
import { open } from 'node:fs/promises';
export async function head(path: string) {
  const handle = await open('./data/catalog.csv');
  const flagged = await open('./data/catalog.csv', 'r');
  return [handle, flagged];
}
`,
    },
    {
      name: 'open with flags computed at run time is not judged',
      code: `
import { openSync } from 'node:fs';
export const openLog = (flags: string) => openSync('./app.log', flags);
`,
    },
    {
      name: 'write in a build script',
      filename: 'scripts/generate-sitemap.ts',
      code: `
import { writeFile } from 'node:fs/promises';
await writeFile('./public/sitemap.xml', '<urlset/>');
`,
    },
    {
      name: 'write in a file that starts with a shebang',
      filename: 'tools/export.ts',
      code: `#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
writeFileSync('./export.csv', 'id');
`,
    },
    {
      name: 'scratch directory deleted in finally is an info note',
      code: `
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
export async function POST(request: Request) {
  const dir = await mkdtemp(join(tmpdir(), 'convert-'));
  try {
    const input = join(dir, 'input.docx');
    await writeFile(input, Buffer.from(await request.arrayBuffer()));
    return new Response('ok');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
`,
    },
    {
      name: 'scratch file unlinked by the same function is an info note',
      filename: 'app.js',
      code: `
const fs = require('fs');
const os = require('os');
const path = require('path');
async function thumbnail(buffer) {
  const file = path.join(os.tmpdir(), 'thumb.png');
  await fs.promises.writeFile(file, buffer);
  await fs.promises.unlink(file);
}
module.exports = { thumbnail };
`,
    },
    {
      name: 'path passed in by the caller is an info note',
      code: `
import { writeFile } from 'node:fs/promises';
export async function renderTo(path: string, html: string) {
  const out = path.replace(/\\.md$/, '.html');
  await writeFile(out, html);
}
`,
    },
    {
      name: 'in-memory SQLite database',
      code: `
import Database from 'better-sqlite3';
const db = new Database(':memory:');
const unnamed = new Database();
export { db, unnamed };
`,
    },
    {
      name: 'NeDB without a filename keeps the datastore in memory',
      filename: 'app.js',
      code: `
const Datastore = require('nedb');
const jobs = new Datastore();
const drafts = new Datastore({ inMemoryOnly: true });
module.exports = { jobs, drafts };
`,
    },
    {
      name: 'multer without dest keeps uploads in memory',
      filename: 'app.js',
      code: `
const multer = require('multer');
const { S3Client } = require('@aws-sdk/client-s3');
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 1024 } });
const plain = multer();
const s3 = new S3Client({});
module.exports = { upload, plain, s3 };
`,
    },
    {
      name: 'multer-s3 storage',
      filename: 'app.js',
      code: `
const multer = require('multer');
const multerS3 = require('multer-s3');
const upload = multer({ storage: multerS3({ s3, bucket: 'uploads' }) });
module.exports = upload;
`,
    },
    {
      name: 'formidable streaming uploads to object storage',
      code: `
import formidable from 'formidable';
export const form = formidable({ fileWriteStreamHandler: (file) => uploadStreamFor(file) });
`,
    },
    {
      name: 'pino writing to stdout',
      code: `
import pino from 'pino';
export const logger = pino(pino.destination(1));
export const sync = pino(pino.destination({ dest: process.stdout.fd, sync: true }));
`,
    },
    {
      name: 'folder created in a test hook',
      code: `
import { beforeAll } from 'vitest';
import { mkdirSync } from 'node:fs';
beforeAll(() => {
  mkdirSync('tmp/fixtures', { recursive: true });
});
`,
    },
  ],
  invalid: [
    {
      name: 'writeFileSync of a module-level path in a handler',
      code: `
import { writeFileSync } from 'node:fs';
const CONFIG_PATH = './data/alert-config.json';
app.put('/config', (req, res) => {
  writeFileSync(CONFIG_PATH, JSON.stringify(req.body));
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'localWrite', data: { api: 'fs.writeFileSync' }, line: 5, column: 3, endLine: 5, endColumn: 55 }],
    },
    {
      name: 'promises API imported as fs',
      code: `
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
export async function exportOrders(csv: string) {
  const file = path.join(process.cwd(), 'exports', 'orders.csv');
  await fs.writeFile(file, csv, 'utf8');
}
`,
      errors: [{ messageId: 'localWrite', data: { api: 'fs.promises.writeFile' }, line: 6, column: 9, endLine: 6, endColumn: 40 }],
    },
    {
      name: 'write to the temporary directory kept for a later request',
      code: `
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
app.post('/reports', async (req, res) => {
  await writeFile(join(tmpdir(), \`report-\${req.body.id}.pdf\`), req.body.pdf);
  res.sendStatus(201);
});
`,
      errors: [{ messageId: 'temporaryWrite', data: { api: 'fs.promises.writeFile' }, line: 6, column: 9, endLine: 6, endColumn: 77 }],
    },
    {
      name: 'createWriteStream under /tmp',
      code: `
import { createWriteStream } from 'node:fs';
export default function handler(req, res) {
  const out = createWriteStream(\`/tmp/\${req.query.id}.pdf\`);
  res.status(201).json({ ok: Boolean(out) });
}
`,
      errors: [{ messageId: 'temporaryWrite', data: { api: 'fs.createWriteStream' }, line: 4, column: 15, endLine: 4, endColumn: 60 }],
    },
    {
      name: 'promisified writeFile',
      filename: 'app.js',
      code: `
const { promisify } = require('util');
const fs = require('fs');
const write = promisify(fs.writeFile);
app.post('/notes', async (req, res) => {
  await write('./notes/' + req.body.id, req.body.text);
  res.end();
});
`,
      errors: [{ messageId: 'localWrite', data: { api: 'fs.writeFile' }, line: 6, column: 9, endLine: 6, endColumn: 55 }],
    },
    {
      name: 'renamed destructured require',
      filename: 'app.js',
      code: `
const { appendFileSync: append } = require('fs');
app.post('/audit', (req, res) => {
  append('audit.log', JSON.stringify(req.body) + '\\n');
  res.end();
});
`,
      errors: [{ messageId: 'localWrite', data: { api: 'fs.appendFileSync' }, line: 4, column: 3, endLine: 4, endColumn: 55 }],
    },
    {
      name: 'namespace import creates a folder at start-up',
      code: `
import * as fs from 'node:fs';
fs.mkdirSync('./uploads', { recursive: true });
`,
      errors: [{ messageId: 'localWrite', data: { api: 'fs.mkdirSync' }, line: 3, column: 1, endLine: 3, endColumn: 47 }],
    },
    {
      name: 'fs-extra outputJson and graceful-fs',
      filename: 'app.js',
      code: `
const fse = require('fs-extra');
const gracefulFs = require('graceful-fs');
app.post('/settings', async (req, res) => {
  await fse.outputJson('./data/settings.json', req.body);
  gracefulFs.writeFile('./data/last.txt', 'x', () => res.end());
});
`,
      errors: [
        { messageId: 'localWrite', data: { api: 'fs-extra.outputJson' }, line: 5, column: 9, endLine: 5, endColumn: 57 },
        { messageId: 'localWrite', data: { api: 'graceful-fs.writeFile' }, line: 6, column: 3, endLine: 6, endColumn: 64 },
      ],
    },
    {
      name: 'fs-extra ESM entry',
      code: `
import { ensureDir, move } from 'fs-extra/esm';
export async function archive(name: string) {
  await ensureDir('./archive');
  await move(\`./inbox/\${name}\`, './archive/latest');
}
`,
      errors: [
        { messageId: 'localWrite', data: { api: 'fs-extra.ensureDir' }, line: 4, column: 9, endLine: 4, endColumn: 31 },
        { messageId: 'localWrite', data: { api: 'fs-extra.move' }, line: 5, column: 9, endLine: 5, endColumn: 52 },
      ],
    },
    {
      name: 'open with write flags',
      code: `
import fs from 'node:fs';
import { open } from 'node:fs/promises';
export async function append(line: string) {
  const handle = await open('./data/events.log', 'a');
  const fd = fs.openSync('./data/counter', fs.constants.O_WRONLY | fs.constants.O_CREAT);
  return [handle, fd, line];
}
`,
      errors: [
        { messageId: 'localWrite', data: { api: 'fs.promises.open' }, line: 5, column: 24, endLine: 5, endColumn: 54 },
        { messageId: 'localWrite', data: { api: 'fs.openSync' }, line: 6, column: 14, endLine: 6, endColumn: 89 },
      ],
    },
    {
      name: 'unlink of a path taken from the request',
      filename: 'app.js',
      code: `
const fs = require('node:fs/promises');
app.delete('/avatars/:name', async (req, res) => {
  const { name } = req.params;
  await fs.unlink(\`./public/avatars/\${name}\`);
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'localWrite', data: { api: 'fs.promises.unlink' }, line: 5, column: 9, endLine: 5, endColumn: 46 }],
    },
    {
      name: 'temporary directory deleted by another function',
      code: `
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const sessions = new Map<string, string>();
export async function start(id: string, body: string) {
  const dir = await mkdtemp(join(tmpdir(), 'upload-'));
  await writeFile(join(dir, 'part-1'), body);
  sessions.set(id, dir);
}
export async function finish(id: string) {
  await rm(sessions.get(id)!, { recursive: true });
}
`,
      errors: [
        { messageId: 'temporaryWrite', data: { api: 'fs.promises.mkdtemp' }, line: 7, column: 21, endLine: 7, endColumn: 55 },
        { messageId: 'temporaryWrite', data: { api: 'fs.promises.writeFile' }, line: 8, column: 9, endLine: 8, endColumn: 45 },
        { messageId: 'localWrite', data: { api: 'fs.promises.rm' }, line: 12, column: 9, endLine: 12, endColumn: 51 },
      ],
    },
    {
      name: 'mkdirp and rimraf packages',
      filename: 'app.js',
      code: `
const mkdirp = require('mkdirp');
const { rimraf } = require('rimraf');
app.post('/cache/reset', async (req, res) => {
  await rimraf('./cache');
  await mkdirp.sync('./cache');
  res.end();
});
`,
      errors: [
        { messageId: 'localWrite', data: { api: 'rimraf.rimraf' }, line: 5, column: 9, endLine: 5, endColumn: 26 },
        { messageId: 'localWrite', data: { api: 'mkdirp.sync' }, line: 6, column: 9, endLine: 6, endColumn: 31 },
      ],
    },
    {
      name: 'multer diskStorage',
      filename: 'app.js',
      code: `
const multer = require('multer');
const storage = multer.diskStorage({ destination: './public/uploads' });
const upload = multer({ storage });
module.exports = upload;
`,
      errors: [{ messageId: 'library', line: 3, column: 17, endLine: 3, endColumn: 72 }],
    },
    {
      name: 'multer with dest',
      filename: 'app.js',
      code: `
const multer = require('multer');
const upload = multer({ dest: 'uploads/' });
module.exports = upload;
`,
      errors: [{ messageId: 'library', line: 3, column: 16, endLine: 3, endColumn: 44 }],
    },
    {
      name: 'SQLite database file',
      code: `
import Database from 'better-sqlite3';
import sqlite3 from 'sqlite3';
const db = new Database(process.env.APP_SQLITE_PATH ?? './data/app.db');
const legacy = new (sqlite3.verbose().Database)('./data/legacy.db');
export { db, legacy };
`,
      errors: [
        { messageId: 'library', line: 4, column: 12, endLine: 4, endColumn: 72 },
        { messageId: 'library', line: 5, column: 16, endLine: 5, endColumn: 68 },
      ],
    },
    {
      name: 'NeDB and lowdb files',
      code: `
import Datastore from '@seald-io/nedb';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
export const jobs = new Datastore({ filename: './data/jobs.db', autoload: true });
export const db = new Low(new JSONFile('./data/db.json'), { posts: [] });
`,
      errors: [
        { messageId: 'library', line: 5, column: 21, endLine: 5, endColumn: 82 },
        { messageId: 'library', line: 6, column: 27, endLine: 6, endColumn: 57 },
      ],
    },
    {
      name: 'formidable without a stream handler',
      code: `
import formidable from 'formidable';
export const form = formidable({ uploadDir: './uploads', keepExtensions: true });
`,
      errors: [{ messageId: 'library', line: 3, column: 21, endLine: 3, endColumn: 81 }],
    },
    {
      name: 'log files of winston and pino',
      code: `
import winston from 'winston';
import pino from 'pino';
export const logger = winston.createLogger({ transports: [new winston.transports.File({ filename: 'app.log' })] });
export const fast = pino(pino.destination('./logs/app.log'));
`,
      errors: [
        { messageId: 'library', line: 4, column: 59, endLine: 4, endColumn: 111 },
        { messageId: 'library', line: 5, column: 26, endLine: 5, endColumn: 60 },
      ],
    },
    {
      name: 'folder created in a fastify plugin',
      code: `
import fp from 'fastify-plugin';
import { mkdirSync } from 'node:fs';
export default fp(async () => {
  mkdirSync('uploads', { recursive: true });
});
`,
      errors: [{ messageId: 'localWrite', line: 5, column: 3, endLine: 5, endColumn: 44 }],
    },
  ],
});

/** Severity, message and related locations, which the ESLint rule does not show for info notes. */
describe('no-local-fs-write severities', () => {
  const findingsOf = (path: string, code: string) => analyzeText(path, code, [noLocalFsWrite]).findings;

  it('scratch directory gives one info note', () => {
    const findings = findingsOf(
      'app/api/convert/route.ts',
      `import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
export async function POST(request: Request) {
  const dir = await mkdtemp(join(tmpdir(), 'md-'));
  try {
    const src = join(dir, 'in.md');
    await writeFile(src, await request.text());
    return new Response('ok');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
`,
    );
    expect(findings.map((finding) => [finding.start.line, finding.severity, finding.messageId])).toEqual([[8, 'info', 'scratchFile']]);
  });

  it('caller path gives an info note', () => {
    const findings = findingsOf(
      'lib/convert.ts',
      `import { writeFile } from 'node:fs/promises';
export async function save(path: string, html: string) {
  await writeFile(path.replace(/\\.md$/, '.html'), html);
}
`,
    );
    expect(findings.map((finding) => [finding.start.line, finding.severity, finding.messageId])).toEqual([[3, 'info', 'callerPath']]);
  });

  it('returned temporary path gives an info note', () => {
    const findings = findingsOf(
      'storage/download.ts',
      `import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
export async function downloadToTemporaryFile(body: Uint8Array) {
  const dir = await mkdtemp(join(tmpdir(), 'download-'));
  const path = join(dir, 'body');
  await writeFile(path, body);
  return { path, size: body.length };
}
`,
    );
    expect(findings.map((finding) => [finding.start.line, finding.severity, finding.messageId])).toEqual([
      [5, 'info', 'returnedPath'],
      [7, 'info', 'returnedPath'],
    ]);
  });

  it('temporary path not returned is an error', () => {
    const findings = findingsOf(
      'storage/download.ts',
      `import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
export async function downloadToTemporaryFile(id: string, body: Uint8Array) {
  const dir = await mkdtemp(join(tmpdir(), 'download-'));
  await writeFile(join(dir, 'body'), body);
  return { id };
}
`,
    );
    expect(findings.map((finding) => [finding.start.line, finding.severity, finding.messageId])).toEqual([
      [5, 'error', 'temporaryWrite'],
      [6, 'error', 'temporaryWrite'],
    ]);
  });

  it('tmp wrapper path returned is a note', () => {
    const findings = findingsOf(
      'utils/zip.ts',
      `import { createWriteStream } from 'node:fs';
import tmp from 'tmp';
const createTemporaryFile = (options: tmp.FileOptions) =>
  new Promise<string>((resolve, reject) => {
    tmp.file({ ...options, discardDescriptor: true }, (error, path) => (error ? reject(error) : resolve(path)));
  });
export async function writeArchive(data: Uint8Array) {
  const path = await createTemporaryFile({ postfix: '.zip' });
  createWriteStream(path).end(data);
  return path;
}
`,
    );
    expect(findings.map((finding) => [finding.start.line, finding.severity, finding.messageId])).toEqual([[9, 'info', 'returnedPath']]);
  });

  it('tmp wrapper path kept is an error', () => {
    const findings = findingsOf(
      'utils/zip.ts',
      `import { createWriteStream } from 'node:fs';
import tmp from 'tmp';
const createTemporaryFile = (options: tmp.FileOptions) =>
  new Promise<string>((resolve, reject) => {
    tmp.file({ ...options, discardDescriptor: true }, (error, path) => (error ? reject(error) : resolve(path)));
  });
export async function writeArchive(data: Uint8Array) {
  const path = await createTemporaryFile({ postfix: '.zip' });
  createWriteStream(path).end(data);
  return { size: data.length };
}
`,
    );
    expect(findings.map((finding) => [finding.start.line, finding.severity, finding.messageId])).toEqual([[9, 'error', 'temporaryWrite']]);
  });

  it('tmp fileSync name is temporary', () => {
    const findings = findingsOf(
      'utils/report.ts',
      `import { writeFileSync } from 'node:fs';
import tmp from 'tmp';
export function keepReport(text: string) {
  writeFileSync(tmp.fileSync().name, text);
}
`,
    );
    expect(findings.map((finding) => [finding.start.line, finding.severity, finding.messageId])).toEqual([[4, 'error', 'temporaryWrite']]);
  });

  it('local wrapper of another path is local', () => {
    const findings = findingsOf(
      'utils/report.ts',
      `import { writeFileSync } from 'node:fs';
const reportPath = () => new Promise<string>((resolve) => resolve('reports/latest.txt'));
export async function keepReport(text: string) {
  writeFileSync(await reportPath(), text);
}
`,
    );
    expect(findings.map((finding) => [finding.start.line, finding.severity, finding.messageId])).toEqual([[4, 'error', 'localWrite']]);
  });

  it('request field as path is an error', () => {
    const findings = findingsOf(
      'routes/files.ts',
      `import { writeFile } from 'node:fs/promises';
export async function save(req: { body: { path: string } }) {
  await writeFile(req.body.path, 'x');
}
`,
    );
    expect(findings.map((finding) => [finding.start.line, finding.severity, finding.messageId])).toEqual([[3, 'error', 'localWrite']]);
  });

  it('temporary write relates later reads', () => {
    const findings = findingsOf(
      'routes/reports.ts',
      `import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
app.post('/reports', async (req, res) => {
  await writeFile(join(tmpdir(), req.body.id), req.body.pdf);
});
app.get('/reports/:id', async (req, res) => {
  res.send(await readFile(join(tmpdir(), req.params.id)));
});
`,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]!.related.map((related) => related.start.line)).toEqual([8]);
  });

  it('module-level path relates its reads', () => {
    const findings = findingsOf(
      'routes/alerts.ts',
      `import { existsSync, readFileSync, writeFileSync } from 'node:fs';
const CONFIG = './data/alerts.json';
app.put('/alerts', (req, res) => writeFileSync(CONFIG, req.body));
app.get('/alerts', (req, res) => res.json(existsSync(CONFIG) ? JSON.parse(readFileSync(CONFIG, 'utf8')) : {}));
`,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]!.related.map((related) => [related.start.line, related.start.column])).toEqual([
      [4, 43],
      [4, 75],
    ]);
  });

  it('log file transport is a warning', () => {
    const findings = findingsOf('logger.ts', `import winston from 'winston';\nexport const file = new winston.transports.File({ filename: 'app.log' });\n`);
    expect(findings.map((finding) => [finding.severity, finding.message])).toEqual([
      [
        'warning',
        "winston's file transport writes logs to a file on this worker's disk, which the other workers cannot read and a replaced container loses. Write logs to stdout and let the platform collect them, or send them to a log service.",
      ],
    ]);
  });

  it('object storage clients are compliant sites', () => {
    const analysis = analyzeText(
      'storage.ts',
      `import { S3Client } from '@aws-sdk/client-s3';
import { Storage } from '@google-cloud/storage';
import { BlobServiceClient } from '@azure/storage-blob';
export const s3 = new S3Client({});
export const gcs = new Storage();
export const blobs = BlobServiceClient.fromConnectionString(process.env.AZURE_STORAGE!);
`,
      [noLocalFsWrite],
    );
    expect(analysis.findings).toEqual([]);
    expect(analysis.compliantSites.map((site) => [site.start.line, site.backing])).toEqual([
      [4, 'Amazon S3'],
      [5, 'Google Cloud Storage'],
      [6, 'Azure Blob Storage'],
    ]);
  });

  it('scripts get no finding', () => {
    const code = `import { writeFileSync } from 'node:fs';\nwriteFileSync('./out.json', '{}');\n`;
    expect(findingsOf('scripts/seed.ts', code)).toEqual([]);
    expect(findingsOf('tools/export.ts', `#!/usr/bin/env node\n${code}`)).toEqual([]);
    expect(findingsOf('src/seed.ts', code)).toHaveLength(1);
  });
});
