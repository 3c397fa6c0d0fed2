import type { EntryCase } from './types.js';

export const JOB_CASES: readonly EntryCase[] = [
  {
    entry: 'node-cron/schedule',
    kind: 'positive',
    name: 'schedule in the server',
    filename: 'src/server.js',
    code: `const cron = require('node-cron');
cron.schedule('0 7 * * *', () => sendDigest());`,
    line: 2,
  },
  {
    entry: 'node-cron/schedule',
    kind: 'negative',
    name: 'schedule in a worker entry under bin',
    filename: 'bin/worker.js',
    code: `const cron = require('node-cron');
cron.schedule('0 7 * * *', () => sendDigest());`,
  },
  {
    entry: 'cron/cron-job',
    kind: 'positive',
    name: 'new CronJob',
    code: `import { CronJob } from 'cron';
export const job = new CronJob('0 0 * * *', () => rebuild(), null, true);`,
    line: 2,
  },
  {
    entry: 'cron/cron-job',
    kind: 'negative',
    name: 'type only',
    code: `import type { CronJob } from 'cron';
export const stop = (job: CronJob) => job.stop();`,
  },
  {
    entry: 'cron/cron-job-from',
    kind: 'positive',
    name: 'CronJob.from',
    code: `import { CronJob } from 'cron';
export const job = CronJob.from({ cronTime: '0 * * * *', onTick: () => rebuild(), start: true });`,
    line: 2,
  },
  {
    entry: 'cron/cron-job-from',
    kind: 'negative',
    name: 'from of a local class',
    code: `class CronJob { static from(options: object) { return options; } }
export const job = CronJob.from({ cronTime: '0 * * * *' });`,
  },
  {
    entry: 'croner/cron',
    kind: 'positive',
    name: 'new Cron from the CommonJS export',
    filename: 'src/jobs.js',
    code: `const Cron = require('croner');
exports.start = () => new Cron('*/5 * * * *', { name: 'vacuum' }, () => vacuum());`,
    line: 2,
  },
  {
    entry: 'croner/cron',
    kind: 'positive',
    name: 'Cron called without new',
    code: `import { Cron } from 'croner';
export const job = Cron('0 3 * * *', () => pruneOldRows());`,
    line: 2,
  },
  {
    entry: 'croner/cron',
    kind: 'negative',
    name: 'Cron in a worker entry under bin',
    filename: 'bin/worker.js',
    code: `const { Cron } = require('croner');
new Cron('0 3 * * *', () => pruneOldRows());`,
  },
  {
    entry: 'croner/cron',
    kind: 'negative',
    name: 'a local class named Cron',
    code: `class Cron { constructor(readonly pattern: string) {} }
export const daily = new Cron('0 0 * * *');`,
  },
  {
    entry: 'node-schedule/schedule-job',
    kind: 'positive',
    name: 'scheduleJob',
    code: `import schedule from 'node-schedule';
schedule.scheduleJob('*/5 * * * *', () => prune());`,
    line: 2,
  },
  {
    entry: 'node-schedule/schedule-job',
    kind: 'negative',
    name: 'cancelJob only',
    code: `import schedule from 'node-schedule';
export const cancel = (name: string) => schedule.cancelJob(name);`,
  },
  {
    entry: 'agenda/start',
    kind: 'positive',
    name: 'start in the server',
    code: `import { Agenda } from 'agenda';
const agenda = new Agenda({ db: { address: process.env.MONGO_URL! } });
await agenda.start();`,
    line: 3,
  },
  {
    entry: 'agenda/start',
    kind: 'negative',
    name: 'producer only',
    code: `import { Agenda } from 'agenda';
const agenda = new Agenda({ db: { address: process.env.MONGO_URL! } });
export const remind = (id: string) => agenda.schedule('in 10 minutes', 'remind', { id });`,
  },
  {
    entry: 'bree/start',
    kind: 'positive',
    name: 'start',
    filename: 'src/server.js',
    code: `const Bree = require('bree');
const bree = new Bree({ jobs: ['cleanup'] });
bree.start();`,
    line: 3,
  },
  {
    entry: 'bree/start',
    kind: 'negative',
    name: 'in a worker script',
    filename: 'scripts/jobs.js',
    code: `const Bree = require('bree');
new Bree({ jobs: ['cleanup'] }).start();`,
  },
  {
    entry: 'toad-scheduler/add-job',
    kind: 'positive',
    name: 'simple interval job',
    code: `import { SimpleIntervalJob, Task, ToadScheduler } from 'toad-scheduler';
const scheduler = new ToadScheduler();
scheduler.addSimpleIntervalJob(new SimpleIntervalJob({ seconds: 20 }, new Task('sync', () => sync())));`,
    line: 3,
  },
  {
    entry: 'toad-scheduler/add-job',
    kind: 'negative',
    name: 'stop only',
    code: `import { ToadScheduler } from 'toad-scheduler';
const scheduler = new ToadScheduler();
export const shutdown = () => scheduler.stop();`,
  },
  {
    entry: '@nestjs/schedule/decorator',
    kind: 'positive',
    name: 'Cron decorator',
    code: `import { Cron } from '@nestjs/schedule';
export class ExportService {
  @Cron('*/5 * * * *')
  run() {}
}`,
    line: 3,
  },
  {
    entry: '@nestjs/schedule/decorator',
    kind: 'negative',
    name: 'decorator of another package',
    code: `import { Cron } from './decorators';
export class ExportService {
  @Cron('*/5 * * * *')
  run() {}
}`,
  },
  {
    entry: '@nestjs/schedule/module',
    kind: 'positive',
    name: 'ScheduleModule.forRoot',
    code: `import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
@Module({ imports: [ScheduleModule.forRoot()] })
export class AppModule {}`,
    line: 3,
  },
  {
    entry: '@nestjs/schedule/module',
    kind: 'negative',
    name: 'in the worker entry under bin',
    filename: 'bin/worker.ts',
    code: `import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
@Module({ imports: [ScheduleModule.forRoot()] })
export class WorkerModule {}`,
  },
  {
    entry: 'bull/process',
    kind: 'positive',
    name: 'process on a queue',
    filename: 'src/app.js',
    code: `const Queue = require('bull');
const invoices = new Queue('invoices', process.env.REDIS_URL);
invoices.process(async (job) => render(job.data));`,
    line: 3,
  },
  {
    entry: 'bull/process',
    kind: 'negative',
    name: 'add only',
    filename: 'src/app.js',
    code: `const Queue = require('bull');
const invoices = new Queue('invoices', process.env.REDIS_URL);
app.post('/invoices', async (req, res) => res.json(await invoices.add(req.body)));`,
  },
  {
    entry: 'bullmq/worker',
    kind: 'positive',
    name: 'Worker',
    code: `import { Worker } from 'bullmq';
export const worker = new Worker('mail', async (job) => send(job.data));`,
    line: 2,
  },
  {
    entry: 'bullmq/worker',
    kind: 'negative',
    name: 'Queue producer',
    code: `import { Queue } from 'bullmq';
export const mail = new Queue('mail');`,
  },
  {
    entry: '@nestjs/bull/processor',
    kind: 'positive',
    name: 'Processor decorator',
    code: `import { Processor, WorkerHost } from '@nestjs/bullmq';
@Processor('audio')
export class AudioConsumer extends WorkerHost {
  async process() {}
}`,
    line: 2,
  },
  {
    entry: '@nestjs/bull/processor',
    kind: 'negative',
    name: 'InjectQueue producer',
    code: `import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
export class AudioService {
  constructor(@InjectQueue('audio') private readonly queue: Queue) {}
}`,
  },
  {
    entry: 'pg-boss/work',
    kind: 'positive',
    name: 'work',
    code: `import PgBoss from 'pg-boss';
const boss = new PgBoss(process.env.DATABASE_URL!);
await boss.work('email', async () => {});`,
    line: 3,
  },
  {
    entry: 'pg-boss/work',
    kind: 'negative',
    name: 'send only',
    code: `import PgBoss from 'pg-boss';
const boss = new PgBoss(process.env.DATABASE_URL!);
export const enqueue = (data: object) => boss.send('email', data);`,
  },
];
