import type { CatalogEntry } from '../types.js';

const SEPARATE_SCHEDULER = 'Start the schedule in a separate worker process that runs once, or use a shared queue\'s repeatable jobs (BullMQ) or the platform\'s cron.';
const SEPARATE_CONSUMER = 'Consume the queue in a separate worker process, and only add jobs from the web workers.';

/** Builds the entry of a scheduler, which every web worker that loads it starts. */
function scheduler(entry: Pick<CatalogEntry, 'id' | 'package' | 'site' | 'finding' | 'source'>): CatalogEntry {
  return { ...entry, category: 'timer-job', severity: 'error', stateful: { when: 'always' }, remedy: SEPARATE_SCHEDULER };
}

/** Builds the entry of a queue consumer, whose jobs compete with the web worker's requests. */
function consumer(entry: Pick<CatalogEntry, 'id' | 'package' | 'site' | 'finding' | 'source'>): CatalogEntry {
  return { ...entry, category: 'timer-job', severity: 'error', stateful: { when: 'always' }, remedy: SEPARATE_CONSUMER };
}

/**
 * Schedulers and queue consumers, the `jobs` criterion. Producers, such as bull's `queue.add()`,
 * are not entries: adding a job from a request is how work leaves the web workers.
 */
export const JOB_ENTRIES: readonly CatalogEntry[] = [
  scheduler({
    id: 'node-cron/schedule',
    package: 'node-cron',
    site: {
      kind: 'call',
      exports: [
        { module: 'node-cron', path: ['schedule'] },
        { module: 'node-cron', path: ['createTask'] },
      ],
    },
    finding: 'node-cron starts this schedule in every web worker, so the task runs once per worker',
    source: 'https://github.com/node-cron/node-cron#usage',
  }),
  scheduler({
    id: 'cron/cron-job',
    package: 'cron',
    site: { kind: 'new', exports: [{ module: 'cron', path: ['CronJob'] }] },
    finding: 'This CronJob starts in every web worker, so the job runs once per worker',
    source: 'https://github.com/kelektiv/node-cron#usage-basic-cron-usage',
  }),
  scheduler({
    id: 'cron/cron-job-from',
    package: 'cron',
    site: {
      kind: 'call',
      exports: [
        { module: 'cron', path: ['CronJob', 'from'] },
        { module: 'cron', path: ['job'] },
      ],
    },
    finding: 'This CronJob starts in every web worker, so the job runs once per worker',
    source: 'https://github.com/kelektiv/node-cron#usage-basic-cron-usage',
  }),
  scheduler({
    id: 'croner/cron',
    package: 'croner',
    // NOTE: croner schedules only when a function is given; `Cron(pattern).nextRuns(5)`, which
    // only computes run times, is reported too.
    site: {
      kind: 'new',
      exports: [
        { module: 'croner', path: [] },
        { module: 'croner', path: ['Cron'] },
      ],
      calledWithoutNew: true,
    },
    finding: 'croner starts this job in every web worker, so it runs once per worker',
    source: 'https://github.com/hexagon/croner#documentation',
  }),
  scheduler({
    id: 'node-schedule/schedule-job',
    package: 'node-schedule',
    site: { kind: 'call', exports: [{ module: 'node-schedule', path: ['scheduleJob'] }] },
    finding: 'node-schedule starts this job in every web worker, so it runs once per worker',
    source: 'https://github.com/node-schedule/node-schedule#usage',
  }),
  scheduler({
    id: 'agenda/start',
    package: 'agenda',
    site: {
      kind: 'member',
      exports: [
        { module: 'agenda', path: ['new', 'start'] },
        { module: 'agenda', path: ['Agenda', 'new', 'start'] },
        { module: '@hokify/agenda', path: ['Agenda', 'new', 'start'] },
      ],
    },
    finding: 'Agenda processes jobs inside every web worker, where they compete with requests for CPU',
    source: 'https://github.com/agenda/agenda#starting-the-job-processor',
  }),
  scheduler({
    id: 'bree/start',
    package: 'bree',
    site: { kind: 'member', exports: [{ module: 'bree', path: ['new', 'start'] }] },
    finding: 'Bree starts its scheduler in every web worker, so each job runs once per worker',
    source: 'https://github.com/breejs/bree#usage-and-examples',
  }),
  scheduler({
    id: 'toad-scheduler/add-job',
    package: 'toad-scheduler',
    site: {
      kind: 'member',
      exports: ['addSimpleIntervalJob', 'addIntervalJob', 'addLongIntervalJob', 'addCronJob'].map((method) => ({
        module: 'toad-scheduler',
        path: ['ToadScheduler', 'new', method],
      })),
    },
    finding: 'toad-scheduler starts this job in every web worker, so it runs once per worker',
    source: 'https://github.com/kibertoad/toad-scheduler#usage-with-custom-scheduler',
  }),
  scheduler({
    id: '@nestjs/schedule/decorator',
    package: '@nestjs/schedule',
    site: {
      kind: 'decorator',
      exports: [
        { module: '@nestjs/schedule', path: ['Cron'] },
        { module: '@nestjs/schedule', path: ['Interval'] },
        { module: '@nestjs/schedule', path: ['Timeout'] },
      ],
    },
    finding: 'This @nestjs/schedule job starts in every instance of the application, so it runs once per instance',
    source: 'https://docs.nestjs.com/techniques/task-scheduling#declarative-cron-jobs',
  }),
  scheduler({
    id: '@nestjs/schedule/module',
    package: '@nestjs/schedule',
    site: { kind: 'call', exports: [{ module: '@nestjs/schedule', path: ['ScheduleModule', 'forRoot'] }] },
    finding: 'ScheduleModule.forRoot() starts the job scheduler in every instance of the application, so each job runs once per instance',
    source: 'https://docs.nestjs.com/techniques/task-scheduling#installation',
  }),
  consumer({
    id: 'bull/process',
    package: 'bull',
    site: {
      kind: 'member',
      exports: [
        { module: 'bull', path: ['new', 'process'] },
        { module: 'bull', path: ['()', 'process'] },
        { module: 'bee-queue', path: ['new', 'process'] },
      ],
    },
    finding: 'This queue processor runs jobs inside every web worker, where they compete with requests for CPU',
    source: 'https://github.com/OptimalBits/bull/blob/develop/REFERENCE.md#queueprocess',
  }),
  consumer({
    id: 'bullmq/worker',
    package: 'bullmq',
    site: { kind: 'new', exports: [{ module: 'bullmq', path: ['Worker'] }] },
    finding: 'This BullMQ Worker runs jobs inside every web worker, where they compete with requests for CPU',
    source: 'https://docs.bullmq.io/guide/workers',
  }),
  consumer({
    id: '@nestjs/bull/processor',
    package: '@nestjs/bull',
    site: {
      kind: 'decorator',
      exports: [
        { module: '@nestjs/bull', path: ['Processor'] },
        { module: '@nestjs/bullmq', path: ['Processor'] },
      ],
    },
    finding: 'This queue @Processor runs jobs inside every instance of the application, where they compete with requests for CPU',
    source: 'https://docs.nestjs.com/techniques/queues#consumers',
  }),
  consumer({
    id: 'pg-boss/work',
    package: 'pg-boss',
    site: { kind: 'member', exports: [{ module: 'pg-boss', path: ['new', 'work'] }] },
    finding: 'pg-boss runs jobs inside every web worker, where they compete with requests for CPU',
    source: 'https://github.com/timgit/pg-boss/blob/master/docs/readme.md#work',
  }),
];
