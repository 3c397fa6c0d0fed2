import type { EntryCase } from './types.js';

export const FILE_CASES: readonly EntryCase[] = [
  {
    entry: 'multer/disk-storage',
    kind: 'positive',
    name: 'diskStorage with a destination',
    filename: 'src/uploads.js',
    code: `const multer = require('multer');
const storage = multer.diskStorage({ destination: './public/uploads' });
module.exports = multer({ storage });`,
    line: 2,
  },
  {
    entry: 'multer/disk-storage',
    kind: 'negative',
    name: 'memoryStorage',
    filename: 'src/uploads.js',
    code: `const multer = require('multer');
module.exports = multer({ storage: multer.memoryStorage() });`,
  },
  {
    entry: 'multer/dest',
    kind: 'positive',
    name: 'dest option',
    code: `import multer from 'multer';
export const upload = multer({ dest: 'uploads/' });`,
    line: 2,
  },
  {
    entry: 'multer/dest',
    kind: 'negative',
    name: 'no dest keeps uploads in memory',
    code: `import multer from 'multer';
export const upload = multer({ limits: { fileSize: 1024 } });`,
  },
  {
    entry: 'formidable/upload-dir',
    kind: 'positive',
    name: 'default upload directory',
    code: `import formidable from 'formidable';
export const form = formidable({ keepExtensions: true });`,
    line: 2,
  },
  {
    entry: 'formidable/upload-dir',
    kind: 'negative',
    name: 'stream handler',
    code: `import formidable from 'formidable';
export const form = formidable({ fileWriteStreamHandler: (file) => toBucket(file) });`,
  },
  {
    entry: 'formidable/incoming-form',
    kind: 'positive',
    name: 'IncomingForm of version 1',
    filename: 'src/upload.js',
    code: `const formidable = require('formidable');
const form = new formidable.IncomingForm();`,
    line: 2,
  },
  {
    entry: 'formidable/incoming-form',
    kind: 'negative',
    name: 'stream handler',
    code: `import { IncomingForm } from 'formidable';
export const form = new IncomingForm({ fileWriteStreamHandler: () => uploadStream() });`,
  },
  {
    entry: 'express-fileupload/temp-files',
    kind: 'positive',
    name: 'useTempFiles',
    code: `import fileUpload from 'express-fileupload';
app.use(fileUpload({ useTempFiles: true, tempFileDir: '/tmp/' }));`,
    line: 2,
  },
  {
    entry: 'express-fileupload/temp-files',
    kind: 'negative',
    name: 'uploads kept in memory',
    code: `import fileUpload from 'express-fileupload';
app.use(fileUpload({ limits: { fileSize: 1024 } }));`,
  },
  {
    entry: 'better-sqlite3/file',
    kind: 'positive',
    name: 'database file',
    code: `import Database from 'better-sqlite3';
export const db = new Database('./data/app.db');`,
    line: 2,
  },
  {
    entry: 'better-sqlite3/file',
    kind: 'negative',
    name: 'in a migration script',
    filename: 'migrations/001-init.ts',
    code: `import Database from 'better-sqlite3';
new Database('./data/app.db').exec('CREATE TABLE t (id INTEGER)');`,
  },
  {
    entry: 'sqlite3/file',
    kind: 'positive',
    name: 'verbose Database',
    filename: 'src/db.js',
    code: `const sqlite3 = require('sqlite3').verbose();
const db = new sqlite3.Database('./data/app.db');`,
    line: 2,
  },
  {
    entry: 'sqlite3/file',
    kind: 'negative',
    name: 'local class with the same name',
    code: `class Database { constructor(readonly url: string) {} }
export const db = new Database(process.env.DATABASE_URL!);`,
  },
  {
    entry: 'sqlite/file',
    kind: 'positive',
    name: 'open with a file name',
    code: `import { open } from 'sqlite';
import sqlite3 from 'sqlite3';
export const db = await open({ filename: './data/app.db', driver: sqlite3.Database });`,
    line: 3,
  },
  {
    entry: 'sqlite/file',
    kind: 'negative',
    name: 'open of another module',
    code: `import { open } from 'node:fs/promises';
export const handle = await open('./data/app.db');`,
  },
  {
    entry: 'node:sqlite/file',
    kind: 'positive',
    name: 'DatabaseSync',
    code: `import { DatabaseSync } from 'node:sqlite';
export const db = new DatabaseSync('./data/app.db');`,
    line: 2,
  },
  {
    entry: 'node:sqlite/file',
    kind: 'negative',
    name: 'in a seed script',
    filename: 'seeds/dev.ts',
    code: `import { DatabaseSync } from 'node:sqlite';
new DatabaseSync('./data/app.db').exec('INSERT INTO t VALUES (1)');`,
  },
  {
    entry: 'lowdb/json-file',
    kind: 'positive',
    name: 'JSONFile adapter',
    code: `import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
export const db = new Low(new JSONFile('db.json'), {});`,
    line: 3,
  },
  {
    entry: 'lowdb/json-file',
    kind: 'negative',
    name: 'Memory adapter',
    code: `import { Low, Memory } from 'lowdb';
export const db = new Low(new Memory(), {});`,
  },
  {
    entry: 'lowdb/json-file-preset',
    kind: 'positive',
    name: 'JSONFilePreset',
    code: `import { JSONFilePreset } from 'lowdb/node';
export const db = await JSONFilePreset('db.json', { posts: [] });`,
    line: 2,
  },
  {
    entry: 'lowdb/json-file-preset',
    kind: 'negative',
    name: 'in a script',
    filename: 'scripts/export.ts',
    code: `import { JSONFilePreset } from 'lowdb/node';
await JSONFilePreset('export.json', { posts: [] });`,
  },
  {
    entry: 'nedb/file',
    kind: 'positive',
    name: 'datastore with a file name',
    filename: 'src/db.js',
    code: `const Datastore = require('nedb');
const users = new Datastore({ filename: './data/users.db', autoload: true });`,
    line: 2,
  },
  {
    entry: 'nedb/file',
    kind: 'negative',
    name: 'in a bin script',
    filename: 'bin/import.js',
    code: `const Datastore = require('@seald-io/nedb');
new Datastore({ filename: './data/users.db' });`,
  },
  {
    entry: 'level/directory',
    kind: 'positive',
    name: 'Level',
    code: `import { Level } from 'level';
export const db = new Level('./data/level', { valueEncoding: 'json' });`,
    line: 2,
  },
  {
    entry: 'level/directory',
    kind: 'negative',
    name: 'type only',
    code: `import type { Level } from 'level';
export function close(db: Level) { return db.close(); }`,
  },
  {
    entry: 'winston/file-transport',
    kind: 'positive',
    name: 'File transport',
    code: `import winston from 'winston';
export const logger = winston.createLogger({ transports: [new winston.transports.File({ filename: 'app.log' })] });`,
    line: 2,
  },
  {
    entry: 'winston/file-transport',
    kind: 'negative',
    name: 'Console transport',
    code: `import winston from 'winston';
export const logger = winston.createLogger({ transports: [new winston.transports.Console()] });`,
  },
  {
    entry: 'pino/file-destination',
    kind: 'positive',
    name: 'destination with a path',
    code: `import pino from 'pino';
export const logger = pino(pino.destination('./logs/app.log'));`,
    line: 2,
  },
  {
    entry: 'pino/file-destination',
    kind: 'negative',
    name: 'default destination',
    code: `import pino from 'pino';
export const logger = pino();`,
  },
  {
    entry: '@aws-sdk/client-s3/client',
    kind: 'negative',
    name: 'S3Client',
    code: `import { S3Client } from '@aws-sdk/client-s3';
export const s3 = new S3Client({ region: 'eu-west-1' });`,
  },
  {
    entry: '@google-cloud/storage/client',
    kind: 'negative',
    name: 'Storage',
    code: `import { Storage } from '@google-cloud/storage';
export const bucket = new Storage().bucket('uploads');`,
  },
  {
    entry: '@azure/storage-blob/client',
    kind: 'negative',
    name: 'fromConnectionString',
    code: `import { BlobServiceClient } from '@azure/storage-blob';
export const blobs = BlobServiceClient.fromConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING!);`,
  },
  {
    entry: '@azure/storage-blob/new-client',
    kind: 'negative',
    name: 'new BlobServiceClient',
    code: `import { BlobServiceClient } from '@azure/storage-blob';
export const blobs = new BlobServiceClient(process.env.AZURE_BLOB_URL!, credential);`,
  },
  {
    entry: 'multer-s3/storage',
    kind: 'negative',
    name: 'multer-s3 storage',
    filename: 'src/uploads.js',
    code: `const multer = require('multer');
const multerS3 = require('multer-s3');
module.exports = multer({ storage: multerS3({ s3, bucket: 'uploads' }) });`,
  },
];
