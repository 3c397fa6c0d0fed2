import type { CatalogEntry } from '../types.js';

const OBJECT_STORAGE = 'Store the files in object storage such as S3 (multer-s3, or `memoryStorage()` and an S3 upload), and keep only their keys in the database.';
const SHARED_DATABASE = 'Use a database server that every worker connects to, such as PostgreSQL or MySQL.';
const LOG_TO_STDOUT = 'Write logs to stdout and let the platform collect them, or send them to a log service.';

/**
 * Libraries that write to the local disk, and object-storage clients that keep files where every
 * worker can read them. Entries whose site may write no file at all are listed in
 * `FILE_ARGUMENT_ENTRY_IDS`.
 */
export const FILE_ENTRIES: readonly CatalogEntry[] = [
  {
    id: 'multer/disk-storage',
    package: 'multer',
    category: 'local-fs',
    severity: 'error',
    site: { kind: 'call', exports: [{ module: 'multer', path: ['diskStorage'] }] },
    stateful: { when: 'always' },
    finding: "multer's diskStorage saves every upload on this worker's disk",
    remedy: OBJECT_STORAGE,
    source: 'https://github.com/expressjs/multer#diskstorage',
  },
  {
    id: 'multer/dest',
    package: 'multer',
    category: 'local-fs',
    severity: 'error',
    site: { kind: 'call', exports: [{ module: 'multer', path: [] }] },
    stateful: { when: 'option-present', argument: 0, options: ['dest'] },
    finding: "multer with `dest` saves every upload in that folder on this worker's disk",
    remedy: OBJECT_STORAGE,
    source: 'https://github.com/expressjs/multer#multeropts',
  },
  {
    id: 'formidable/upload-dir',
    package: 'formidable',
    category: 'local-fs',
    // A warning: the upload lands in a temporary folder, and a request that moves it to shared
    // storage before it responds loses nothing. Reading it in a later request breaks.
    severity: 'warning',
    site: {
      kind: 'call',
      exports: [
        { module: 'formidable', path: [] },
        { module: 'formidable', path: ['formidable'] },
      ],
    },
    stateful: { when: 'no-shared-store', store: { argument: 0, options: ['fileWriteStreamHandler'] } },
    finding: "formidable without a `fileWriteStreamHandler` writes every upload to this worker's temporary directory",
    remedy: 'Stream uploads to object storage with `fileWriteStreamHandler`, or upload and delete each file within its request.',
    source: 'https://github.com/node-formidable/formidable#options',
  },
  {
    id: 'formidable/incoming-form',
    package: 'formidable',
    category: 'local-fs',
    severity: 'warning',
    site: {
      kind: 'new',
      exports: [
        { module: 'formidable', path: ['IncomingForm'] },
        { module: 'formidable', path: ['Formidable'] },
      ],
    },
    stateful: { when: 'no-shared-store', store: { argument: 0, options: ['fileWriteStreamHandler'] } },
    finding: "formidable without a `fileWriteStreamHandler` writes every upload to this worker's temporary directory",
    remedy: 'Stream uploads to object storage with `fileWriteStreamHandler`, or upload and delete each file within its request.',
    source: 'https://github.com/node-formidable/formidable#options',
  },
  {
    id: 'express-fileupload/temp-files',
    package: 'express-fileupload',
    category: 'local-fs',
    severity: 'warning',
    site: { kind: 'call', exports: [{ module: 'express-fileupload', path: [] }] },
    stateful: { when: 'option-present', argument: 0, options: ['useTempFiles', 'tempFileDir'] },
    finding: "express-fileupload with `useTempFiles` writes every upload to a folder on this worker's disk",
    remedy: 'Keep uploads in memory and send them to object storage such as S3 within the request.',
    source: 'https://github.com/richardgirges/express-fileupload#using-usetempfiles-options',
  },
  {
    id: 'better-sqlite3/file',
    package: 'better-sqlite3',
    category: 'local-fs',
    severity: 'error',
    site: { kind: 'new', exports: [{ module: 'better-sqlite3', path: [] }] },
    stateful: { when: 'always' },
    finding: "better-sqlite3 keeps this database in a file on this worker's disk",
    remedy: SHARED_DATABASE,
    source: 'https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md#new-databasepath-options',
  },
  {
    id: 'sqlite3/file',
    package: 'sqlite3',
    category: 'local-fs',
    severity: 'error',
    site: {
      kind: 'new',
      exports: [
        { module: 'sqlite3', path: ['Database'] },
        { module: 'sqlite3', path: ['verbose', '()', 'Database'] },
        { module: 'sqlite3', path: ['cached', 'Database'] },
      ],
    },
    stateful: { when: 'always' },
    finding: "sqlite3 keeps this database in a file on this worker's disk",
    remedy: SHARED_DATABASE,
    source: 'https://github.com/TryGhost/node-sqlite3/wiki/API#new-sqlite3databasefilename--mode--callback',
  },
  {
    id: 'sqlite/file',
    package: 'sqlite',
    category: 'local-fs',
    severity: 'error',
    site: { kind: 'call', exports: [{ module: 'sqlite', path: ['open'] }] },
    stateful: { when: 'always' },
    finding: "sqlite keeps this database in a file on this worker's disk",
    remedy: SHARED_DATABASE,
    source: 'https://github.com/kriasoft/node-sqlite#opening-the-database',
  },
  {
    // `node:sqlite`, which the reference resolver names `sqlite` like the npm package.
    id: 'node:sqlite/file',
    package: 'node:sqlite',
    category: 'local-fs',
    severity: 'error',
    site: { kind: 'new', exports: [{ module: 'sqlite', path: ['DatabaseSync'] }] },
    stateful: { when: 'always' },
    finding: "node:sqlite keeps this database in a file on this worker's disk",
    remedy: SHARED_DATABASE,
    source: 'https://nodejs.org/api/sqlite.html#new-databasesyncpath-options',
  },
  {
    id: 'lowdb/json-file',
    package: 'lowdb',
    category: 'local-fs',
    severity: 'error',
    site: {
      kind: 'new',
      exports: [
        { module: 'lowdb/node', path: ['JSONFile'] },
        { module: 'lowdb/node', path: ['JSONFileSync'] },
        { module: 'lowdb/node', path: ['TextFile'] },
        { module: 'lowdb/node', path: ['TextFileSync'] },
        { module: 'lowdb/adapters/FileSync', path: [] },
        { module: 'lowdb/adapters/FileAsync', path: [] },
      ],
    },
    stateful: { when: 'always' },
    finding: "lowdb's file adapter keeps this database in a JSON file on this worker's disk",
    remedy: SHARED_DATABASE,
    source: 'https://github.com/typicode/lowdb#adapters',
  },
  {
    id: 'lowdb/json-file-preset',
    package: 'lowdb',
    category: 'local-fs',
    severity: 'error',
    site: {
      kind: 'call',
      exports: [
        { module: 'lowdb/node', path: ['JSONFilePreset'] },
        { module: 'lowdb/node', path: ['JSONFileSyncPreset'] },
      ],
    },
    stateful: { when: 'always' },
    finding: "lowdb's JSONFilePreset keeps this database in a JSON file on this worker's disk",
    remedy: SHARED_DATABASE,
    source: 'https://github.com/typicode/lowdb#usage',
  },
  {
    id: 'nedb/file',
    package: 'nedb',
    category: 'local-fs',
    severity: 'error',
    site: {
      kind: 'new',
      exports: [
        { module: 'nedb', path: [] },
        { module: '@seald-io/nedb', path: [] },
      ],
    },
    stateful: { when: 'always' },
    finding: "NeDB with a `filename` keeps this datastore in a file on this worker's disk",
    remedy: SHARED_DATABASE,
    source: 'https://github.com/louischatriot/nedb#creatingloading-a-database',
  },
  {
    id: 'level/directory',
    package: 'level',
    category: 'local-fs',
    severity: 'error',
    site: {
      kind: 'new',
      exports: [
        { module: 'level', path: ['Level'] },
        { module: 'classic-level', path: ['ClassicLevel'] },
      ],
    },
    stateful: { when: 'always' },
    finding: "LevelDB keeps this database in a folder on this worker's disk",
    remedy: SHARED_DATABASE,
    source: 'https://github.com/Level/classic-level#db--new-classiclevellocation-options',
  },
  {
    id: 'winston/file-transport',
    package: 'winston',
    category: 'local-fs',
    // A warning: the application keeps working, but each worker's logs stay on its own disk and
    // are lost when the worker is replaced.
    severity: 'warning',
    site: {
      kind: 'new',
      exports: [
        { module: 'winston', path: ['transports', 'File'] },
        { module: 'winston', path: ['transports', 'DailyRotateFile'] },
        { module: 'winston-daily-rotate-file', path: [] },
      ],
    },
    stateful: { when: 'always' },
    finding: "winston's file transport writes logs to a file on this worker's disk",
    remedy: LOG_TO_STDOUT,
    source: 'https://github.com/winstonjs/winston/blob/master/docs/transports.md#file-transport',
  },
  {
    id: 'pino/file-destination',
    package: 'pino',
    category: 'local-fs',
    severity: 'warning',
    site: { kind: 'call', exports: [{ module: 'pino', path: ['destination'] }] },
    stateful: { when: 'always' },
    finding: "pino.destination with a file path writes logs to a file on this worker's disk",
    remedy: LOG_TO_STDOUT,
    source: 'https://github.com/pinojs/pino/blob/main/docs/api.md#pino-destination',
  },
  {
    id: '@aws-sdk/client-s3/client',
    package: '@aws-sdk/client-s3',
    category: 'local-fs',
    severity: 'error',
    site: {
      kind: 'new',
      exports: [
        { module: '@aws-sdk/client-s3', path: ['S3Client'] },
        { module: '@aws-sdk/client-s3', path: ['S3'] },
        { module: 'aws-sdk', path: ['S3'] },
        { module: 'aws-sdk/clients/s3', path: [] },
      ],
      firstInFile: true,
    },
    stateful: { when: 'never', backing: 'Amazon S3' },
    finding: 'The S3 client keeps files in object storage',
    remedy: 'Nothing to change.',
    source: 'https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/client/s3/',
  },
  {
    id: '@google-cloud/storage/client',
    package: '@google-cloud/storage',
    category: 'local-fs',
    severity: 'error',
    site: { kind: 'new', exports: [{ module: '@google-cloud/storage', path: ['Storage'] }], firstInFile: true },
    stateful: { when: 'never', backing: 'Google Cloud Storage' },
    finding: 'The Cloud Storage client keeps files in object storage',
    remedy: 'Nothing to change.',
    source: 'https://cloud.google.com/nodejs/docs/reference/storage/latest',
  },
  {
    id: '@azure/storage-blob/client',
    package: '@azure/storage-blob',
    category: 'local-fs',
    severity: 'error',
    site: {
      kind: 'call',
      exports: [{ module: '@azure/storage-blob', path: ['BlobServiceClient', 'fromConnectionString'] }],
      firstInFile: true,
    },
    stateful: { when: 'never', backing: 'Azure Blob Storage' },
    finding: 'The Blob Storage client keeps files in object storage',
    remedy: 'Nothing to change.',
    source: 'https://learn.microsoft.com/en-us/javascript/api/@azure/storage-blob/blobserviceclient',
  },
  {
    id: '@azure/storage-blob/new-client',
    package: '@azure/storage-blob',
    category: 'local-fs',
    severity: 'error',
    site: {
      kind: 'new',
      exports: [
        { module: '@azure/storage-blob', path: ['BlobServiceClient'] },
        { module: '@azure/storage-blob', path: ['ContainerClient'] },
      ],
      firstInFile: true,
    },
    stateful: { when: 'never', backing: 'Azure Blob Storage' },
    finding: 'The Blob Storage client keeps files in object storage',
    remedy: 'Nothing to change.',
    source: 'https://learn.microsoft.com/en-us/javascript/api/@azure/storage-blob/blobserviceclient',
  },
  {
    id: 'multer-s3/storage',
    package: 'multer-s3',
    category: 'local-fs',
    severity: 'error',
    site: { kind: 'call', exports: [{ module: 'multer-s3', path: [] }] },
    stateful: { when: 'never', backing: 'Amazon S3' },
    finding: 'multer-s3 streams uploads to S3',
    remedy: 'Nothing to change.',
    source: 'https://github.com/anacronw/multer-s3#usage',
  },
];

/**
 * Entries whose site writes no file when its first argument names none: an in-memory database
 * (`:memory:`, no file name, NeDB's `inMemoryOnly`) or a log destination that is a file
 * descriptor such as stdout.
 */
export const FILE_ARGUMENT_ENTRY_IDS: ReadonlySet<string> = new Set([
  'better-sqlite3/file',
  'sqlite3/file',
  'sqlite/file',
  'node:sqlite/file',
  'nedb/file',
  'pino/file-destination',
]);
