import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-in-process-jobs.js';
import { noInProcessJobs } from '../../src/detections/no-in-process-jobs.js';
import { analyzeText } from '../../src/engine/analyze-file.js';
import { createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

/** An in-house scheduler, described the way a project adds it to `settings.statelint.catalog`. */
const IN_HOUSE_SCHEDULER = {
  id: '@acme/jobs/every',
  package: '@acme/jobs',
  category: 'timer-job',
  severity: 'error',
  site: { kind: 'call', exports: [{ module: '@acme/jobs', path: ['every'] }] },
  stateful: { when: 'always' },
  finding: '@acme/jobs `every()` runs this job in every web worker',
  remedy: 'Register the job in the jobs service instead.',
};

ruleTester.run('no-in-process-jobs', rule, {
  valid: [
    {
      name: 'request timeout cleared in finally',
      code: `
app.get('/quote', async (req, res) => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 3_000);
  try {
    res.json(await (await fetch(QUOTES, { signal: controller.signal })).json());
  } finally {
    clearTimeout(timer);
  }
});
`,
    },
    {
      name: 'AbortSignal.timeout deadline',
      code: `
export async function GET() {
  return fetch('https://weather.example.com/now', { signal: AbortSignal.timeout(2_500) });
}
`,
    },
    {
      name: 'SSE heartbeat cleared when the connection closes',
      code: `
app.get('/events', (req, res) => {
  res.setHeader('content-type', 'text/event-stream');
  const heartbeat = setInterval(() => res.write(':\\n\\n'), 15_000);
  req.on('close', () => clearInterval(heartbeat));
});
`,
    },
    {
      name: 'one-shot timeout at start-up',
      code: `
import { warmTemplates } from './templates';
setTimeout(warmTemplates, 5_000);
`,
    },
    {
      name: 'timeout that delays one response',
      code: `
app.post('/login', (req, res) => {
  setTimeout(() => res.status(401).end(), 200);
});
`,
    },
    {
      name: 'interval whose handle goes to the caller',
      code: `
export function startHeartbeat(socket: { ping(): void }) {
  return setInterval(() => socket.ping(), 30_000);
}
`,
    },
    {
      name: 'interval owned by an object that clears it',
      code: `
export class Poller {
  private timer?: NodeJS.Timeout;
  watch(fn: () => void) {
    this.timer = setInterval(fn, 1_000);
  }
  stop() {
    clearInterval(this.timer);
  }
}
`,
    },
    {
      name: 'timeout that calls another function once',
      code: `
function flush() {}
export function schedule() {
  setTimeout(flush, 100);
}
`,
    },
    {
      name: 'sleep in a request without a loop',
      code: `
import { setTimeout as sleep } from 'node:timers/promises';
app.post('/retry', async (req, res) => {
  await sleep(250);
  res.end();
});
`,
    },
    {
      name: 'unref interval is an info note',
      code: `
import { flushMetrics } from './metrics';
setInterval(flushMetrics, 10_000).unref();
`,
    },
    {
      name: 'interval in a worker script',
      filename: 'scripts/refresh-rates.ts',
      code: `
import { refreshRates } from '../src/rates';
setInterval(refreshRates, 60_000);
`,
    },
    {
      name: 'cron in a bin entry',
      filename: 'bin/worker.js',
      code: `
const cron = require('node-cron');
cron.schedule('0 7 * * *', () => {});
`,
    },
    {
      name: 'queue producer only',
      filename: 'app.js',
      code: `
const Queue = require('bull');
const invoices = new Queue('invoices', process.env.REDIS_URL);
app.post('/invoices/:id/pdf', async (req, res) => {
  await invoices.add({ id: req.params.id });
  res.status(202).end();
});
`,
    },
    {
      name: 'schedule method of a non-cron object',
      code: `
import { calendar } from './calendar';
const cron = { schedule: (expression: string) => expression };
cron.schedule('0 7 * * *');
calendar.schedule('standup');
`,
    },
    {
      name: 'start-up wait that clears its own interval',
      code: `
export async function start(child: { ready: boolean }) {
  await new Promise<void>((resolve) => {
    const wait = setInterval(() => {
      if (child.ready) {
        clearInterval(wait);
        resolve();
      }
    }, 100);
  });
}
`,
    },
    {
      name: 'reconnect retried after a failure',
      code: `
import mongoose from 'mongoose';
function connectWithRetry() {
  mongoose.connect(process.env.MONGO_URL!).catch(() => setTimeout(connectWithRetry, 5_000));
}
async function connectCache(attempt = 0) {
  try {
    await cache.connect();
  } catch {
    setTimeout(() => connectCache(attempt + 1), 1_000 * 2 ** attempt);
  }
}
connectWithRetry();
connectCache();
`,
    },
    {
      name: 'retry under a condition on attempts or errors',
      code: `
function send(message: string, attempts = 0) {
  transport.send(message, (error?: Error) => {
    if (error && attempts < 3) setTimeout(() => send(message, attempts + 1), 500);
  });
  transport.on('error', () => setTimeout(() => send(message, attempts + 1), 500));
}
`,
    },
    {
      name: 'interval in a class constructed per request',
      code: `
class Upload {
  private readonly progress = setInterval(() => this.report(), 1_000);
  report() {}
  finish() { clearInterval(this.progress); }
}
app.post('/uploads', (req, res) => res.json(new Upload()));
`,
    },
    {
      name: 'in-house scheduler not described in settings',
      code: `
import { every } from '@acme/jobs';
every('5m', () => syncPrices());
`,
    },
    {
      name: 'local function named setInterval',
      code: `
function setInterval(fn: () => void) { fn(); }
setInterval(() => {});
`,
    },
    {
      name: 'interval in a test runner callback',
      code: `
import { it } from 'vitest';
it('polls', () => {
  setInterval(() => {}, 10);
});
`,
    },
    {
      name: 'timeout whose callback calls another function, not the scheduler',
      code: `
class Reminder {
  schedule() {
    const send = async () => {
      await this.notify();
    };
    const deliver = async () => {
      this.timer = setTimeout(send, this.delayMs);
    };
    void deliver();
  }
}
`,
    },
    {
      name: 'scheduler stopped by the function that starts it',
      filename: 'maintenance.js',
      code: `
const { Cron } = require('croner');
async function validatePattern(pattern) {
  const job = new Cron(pattern, () => {});
  job.stop();
}
module.exports = { validatePattern };
`,
    },
  ],
  invalid: [
    {
      name: 'interval at module level',
      code: `
import { refreshExchangeRates } from './rates';
setInterval(() => {
  refreshExchangeRates().catch(() => {});
}, 60_000);
`,
      errors: [{ messageId: 'interval', data: { timer: 'setInterval' }, line: 3, column: 1, endLine: 5, endColumn: 11 }],
    },
    {
      name: 'interval in the listen callback',
      code: `
app.listen(3000, () => {
  setInterval(purgeExpiredCarts, 60_000);
});
`,
      errors: [{ messageId: 'interval', line: 3, column: 3, endLine: 3, endColumn: 41 }],
    },
    {
      name: 'interval in bootstrap',
      code: `
export async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  globalThis.setInterval(() => app.get(Reports).rebuild(), 300_000);
  await app.listen(3000);
}
`,
      errors: [{ messageId: 'interval', line: 4, column: 3, endLine: 4, endColumn: 68 }],
    },
    {
      name: 'interval in a function called at module load',
      filename: 'app.js',
      code: `
const { setInterval: every } = require('node:timers');
function startRefresh() {
  every(refreshRates, 60_000);
}
startRefresh();
`,
      errors: [{ messageId: 'interval', line: 4, column: 3, endLine: 4, endColumn: 30 }],
    },
    {
      name: 'interval in a NestJS lifecycle hook',
      code: `
import { Injectable, OnModuleInit } from '@nestjs/common';
@Injectable()
export class RatesService implements OnModuleInit {
  onModuleInit() {
    setInterval(() => this.refresh(), 60_000);
  }
  refresh() {}
}
`,
      errors: [{ messageId: 'interval', line: 6, column: 5, endLine: 6, endColumn: 46 }],
    },
    {
      name: 'interval in a singleton provider constructor',
      code: `
import { Injectable } from '@nestjs/common';
@Injectable()
export class CacheWarmer {
  constructor() {
    setInterval(() => this.warm(), 60_000);
  }
  warm() {}
}
`,
      errors: [{ messageId: 'interval', line: 6, column: 5, endLine: 6, endColumn: 43 }],
    },
    {
      name: 'timeout that reschedules its function',
      code: `
async function poll() {
  await syncInventory();
  setTimeout(poll, 30_000);
}
poll();
`,
      errors: [{ messageId: 'rescheduling', data: { timer: 'setTimeout', function: 'poll' }, line: 4, column: 3, endLine: 4, endColumn: 27 }],
    },
    {
      name: 'arrow function and method that reschedule themselves',
      code: `
const tick = async () => {
  await sendDigests();
  setTimeout(() => void tick(), 60_000);
};
class Sync {
  run() {
    setTimeout(this.run.bind(this), 5_000);
  }
}
`,
      errors: [
        { messageId: 'rescheduling', data: { timer: 'setTimeout', function: 'tick' }, line: 4, column: 3, endLine: 4, endColumn: 40 },
        { messageId: 'rescheduling', data: { timer: 'setTimeout', function: 'run' }, line: 8, column: 5, endLine: 8, endColumn: 43 },
      ],
    },
    {
      name: 'loop rescheduled through an error-handling wrapper',
      code: `
class Monitor {
  start() {
    const check = async () => {
      await this.ping();
      this.timer = setTimeout(safeCheck, this.intervalMs);
    };
    const safeCheck = async () => {
      try {
        await check();
      } catch (error) {
        this.log(error);
      }
    };
    safeCheck();
  }
  stop() {
    clearTimeout(this.timer);
  }
}
`,
      errors: [{ messageId: 'rescheduling', data: { timer: 'setTimeout', function: 'check' }, line: 6, column: 20, endLine: 6, endColumn: 58 }],
    },
    {
      name: 'scheduler kept past the function that starts it',
      filename: 'maintenance.js',
      code: `
const { Cron } = require('croner');
function scheduleWindow(window) {
  window.job = new Cron(window.pattern, () => openWindow(window));
}
function cancelWindow(window) {
  window.job.stop();
}
module.exports = { scheduleWindow, cancelWindow };
`,
      errors: [{ messageId: 'library', line: 4, column: 16, endLine: 4, endColumn: 66 }],
    },
    {
      name: 'polling loop rescheduled in finally',
      code: `
async function poll() {
  try {
    await syncInventory();
  } finally {
    setTimeout(poll, 30_000);
  }
}
poll();
`,
      errors: [{ messageId: 'rescheduling', line: 6, column: 5, endLine: 6, endColumn: 29 }],
    },
    {
      name: 'start-up interval cleared only at shutdown',
      code: `
const refresh = setInterval(refreshRates, 60_000);
process.on('SIGTERM', () => clearInterval(refresh));
`,
      errors: [{ messageId: 'interval', line: 2, column: 17, endLine: 2, endColumn: 50 }],
    },
    {
      name: 'interval in a class constructed at module load',
      code: `
class RatesCache {
  constructor() {
    setInterval(() => this.refresh(), 60_000);
  }
  refresh() {}
}
export const rates = new RatesCache();
`,
      errors: [{ messageId: 'interval', line: 4, column: 5, endLine: 4, endColumn: 46 }],
    },
    {
      name: 'request timeout kept in a module-level Map',
      code: `
const pendingReminders = new Map<string, NodeJS.Timeout>();
app.post('/reminders', (req, res) => {
  const handle = setTimeout(() => push(req.body.userId), req.body.delayMs);
  pendingReminders.set(req.body.id, handle);
  res.status(201).end();
});
`,
      errors: [{ messageId: 'moduleKeptTimer', data: { timer: 'setTimeout', store: 'pendingReminders' }, line: 4, column: 18, endLine: 4, endColumn: 75 }],
    },
    {
      name: 'request timeout kept in a module-level object',
      code: `
const timers: Record<string, NodeJS.Timeout> = {};
export function remindLater(id: string, delayMs: number) {
  timers[id] = setTimeout(() => push(id), delayMs);
}
`,
      errors: [{ messageId: 'moduleKeptTimer', data: { timer: 'setTimeout', store: 'timers' }, line: 4, column: 16, endLine: 4, endColumn: 51 }],
    },
    {
      name: 'interval started by a request and never cleared',
      code: `
app.post('/watch', (req, res) => {
  setInterval(() => checkPrice(req.body.sku), 60_000);
  res.status(202).end();
});
`,
      errors: [{ messageId: 'uncleared', line: 3, column: 3, endLine: 3, endColumn: 54 }],
    },
    {
      name: 'endless loop with a sleep at start-up',
      code: `
import { setTimeout as sleep } from 'node:timers/promises';
async function main() {
  for (;;) {
    await expireHolds();
    await sleep(10_000);
  }
}
main();
`,
      errors: [{ messageId: 'pollingLoop', line: 6, column: 11, endLine: 6, endColumn: 24 }],
    },
    {
      name: 'node-cron in the web server',
      filename: 'app.js',
      code: `
const cron = require('node-cron');
cron.schedule('0 7 * * *', async () => {
  await sendDailyDigest();
});
app.listen(3000);
`,
      errors: [{ messageId: 'library', line: 3, column: 1, endLine: 5, endColumn: 3 }],
    },
    {
      name: 'CronJob and node-schedule',
      code: `
import { CronJob } from 'cron';
import schedule from 'node-schedule';
export const nightly = new CronJob('0 0 * * *', () => rebuildIndex(), null, true);
schedule.scheduleJob('*/5 * * * *', () => pruneCarts());
`,
      errors: [
        { messageId: 'library', line: 4, column: 24, endLine: 4, endColumn: 82 },
        { messageId: 'library', line: 5, column: 1, endLine: 5, endColumn: 56 },
      ],
    },
    {
      name: 'bull processor and BullMQ worker',
      filename: 'app.js',
      code: `
const Queue = require('bull');
const { Worker } = require('bullmq');
const invoices = new Queue('invoices', process.env.REDIS_URL);
invoices.process(async (job) => renderInvoicePdf(job.data.id));
const mailer = new Worker('mail', async (job) => sendMail(job.data));
`,
      errors: [
        { messageId: 'library', line: 5, column: 1, endLine: 5, endColumn: 17 },
        { messageId: 'library', line: 6, column: 16, endLine: 6, endColumn: 69 },
      ],
    },
    {
      name: 'NestJS schedule decorators and module',
      code: `
import { Injectable, Module } from '@nestjs/common';
import { Cron, CronExpression, Interval, ScheduleModule } from '@nestjs/schedule';
@Injectable()
export class ExportService {
  @Cron(CronExpression.EVERY_5_MINUTES)
  exportOrders() {}
  @Interval(10_000)
  refresh() {}
}
@Module({ imports: [ScheduleModule.forRoot()], providers: [ExportService] })
export class AppModule {}
`,
      errors: [
        { messageId: 'library', line: 6, column: 3, endLine: 6, endColumn: 40 },
        { messageId: 'library', line: 8, column: 3, endLine: 8, endColumn: 20 },
        { messageId: 'library', line: 11, column: 21, endLine: 11, endColumn: 45 },
      ],
    },
    {
      name: 'SchedulerRegistry job added from a request',
      code: `
import { Controller, Post } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
@Controller('reports')
export class ReportsController {
  constructor(private readonly registry: SchedulerRegistry) {}
  @Post()
  schedule() {
    this.registry.addCronJob('report', CronJob.from({ cronTime: '0 * * * *', onTick: () => {} }));
  }
}
`,
      errors: [
        { messageId: 'schedulerRegistry', line: 10, column: 5, endLine: 10, endColumn: 98 },
        { messageId: 'library', line: 10, column: 40, endLine: 10, endColumn: 97 },
      ],
    },
    {
      name: 'Agenda processing started in the server',
      code: `
import { Agenda } from 'agenda';
const agenda = new Agenda({ db: { address: process.env.MONGO_URL! } });
agenda.define('send email', async () => {});
await agenda.start();
`,
      errors: [{ messageId: 'library', line: 5, column: 7, endLine: 5, endColumn: 19 }],
    },
    {
      name: 'in-house scheduler described in settings',
      settings: { statelint: { catalog: [IN_HOUSE_SCHEDULER] } },
      code: `
import { every } from '@acme/jobs';
every('5m', () => syncPrices());
`,
      errors: [{ messageId: 'library', line: 3, column: 1, endLine: 3, endColumn: 32 }],
    },
    {
      name: 'interval in a fastify plugin body',
      code: `
import fp from 'fastify-plugin';
export default fp(async (app) => {
  setInterval(() => app.log.info('metrics flushed'), 10_000);
});
`,
      errors: [{ messageId: 'interval', line: 4, column: 3, endLine: 4, endColumn: 61 }],
    },
    {
      name: 'interval in a fastify onReady hook',
      code: `
app.addHook('onReady', async () => {
  setInterval(syncPrices, 60_000);
});
`,
      errors: [{ messageId: 'interval', line: 3, column: 3, endLine: 3, endColumn: 34 }],
    },
    {
      name: 'interval in Next.js instrumentation register',
      filename: 'instrumentation.ts',
      code: `
export async function register() {
  setInterval(refreshFeatureFlags, 30_000);
}
`,
      errors: [{ messageId: 'interval', line: 3, column: 3, endLine: 3, endColumn: 43 }],
    },
    {
      name: 'register exported outside instrumentation',
      filename: 'src/users.ts',
      code: `
export async function register() {
  setInterval(refreshFeatureFlags, 30_000);
}
`,
      errors: [{ messageId: 'uncleared', line: 3, column: 3, endLine: 3, endColumn: 43 }],
    },
    {
      name: 'interval in a method called through an instance at load',
      code: `
class Poller {
  begin() {
    setInterval(() => this.poll(), 5_000);
  }
  poll() {}
}
const poller = new Poller();
poller.begin();
`,
      errors: [{ messageId: 'interval', line: 4, column: 5, endLine: 4, endColumn: 42 }],
    },
    {
      name: 'interval in a route handler named start',
      code: `
function start() {
  setInterval(checkQueue, 1_000);
}
app.post('/start', start);
`,
      errors: [{ messageId: 'uncleared', line: 3, column: 3, endLine: 3, endColumn: 33 }],
    },
  ],
});

/** Severities and roles, which the ESLint rule does not show for info notes. */
describe('no-in-process-jobs severities', () => {
  const findingsOf = (path: string, code: string) =>
    analyzeText(path, code, [noInProcessJobs])
      .findings.map((finding) => [finding.start.line, finding.severity, finding.messageId])
      .sort((left, right) => Number(left[0]) - Number(right[0]));

  it('unref interval is housekeeping', () => {
    expect(findingsOf('metrics.ts', `setInterval(flush, 10_000).unref();\n`)).toEqual([[1, 'info', 'housekeeping']]);
    expect(findingsOf('metrics.ts', `const timer = setInterval(flush, 10_000);\ntimer.unref();\n`)).toEqual([[1, 'info', 'housekeeping']]);
  });

  it('uncleared request interval is a warning', () => {
    expect(findingsOf('routes.ts', `app.post('/watch', () => { setInterval(check, 1_000); });\n`)).toEqual([[1, 'warning', 'uncleared']]);
  });

  it('scheduler entries are errors', () => {
    expect(findingsOf('server.js', `const cron = require('node-cron');\ncron.schedule('* * * * *', run);\n`)).toEqual([[2, 'error', 'library']]);
  });

  it('files outside the web workers get nothing', () => {
    const code = `import cron from 'node-cron';\ncron.schedule('* * * * *', run);\nsetInterval(run, 1_000);\n`;
    expect(findingsOf('scripts/jobs.ts', code)).toEqual([]);
    expect(findingsOf('worker.ts', `#!/usr/bin/env node\n${code}`)).toEqual([]);
    expect(analyzeText('src/worker.ts', code, [noInProcessJobs], new Set(['worker'])).findings).toEqual([]);
    expect(findingsOf('src/server.ts', code)).toEqual([
      [2, 'error', 'library'],
      [3, 'error', 'interval'],
    ]);
  });
});
