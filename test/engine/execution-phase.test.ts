import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { executionPhasesOf, runsPerRequest, type ExecutionPhase } from '../../src/engine/execution-phase.js';
import { fileContextFor, type FileContext } from '../../src/engine/file-context.js';
import { findBindingMutations, findModuleStateBindings } from '../../src/engine/mutations.js';
import { parseSource } from '../../src/engine/parse.js';

function contextOf(code: string, path = 'src/example.ts'): FileContext {
  return fileContextFor(parseSource(path, code), path);
}

/** Finds the first node of a kind whose text is `text`. */
function findNode<T extends ts.Node>(file: FileContext, test: (node: ts.Node) => node is T, text: string): T {
  let found: T | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (test(node) && node.getText(file.sourceFile) === text) found = node;
    else ts.forEachChild(node, visit);
  };
  visit(file.sourceFile);
  if (!found) throw new Error(`no node with text ${text}`);
  return found;
}

function phasesAt(file: FileContext, assignment: string): ExecutionPhase[] {
  return [...executionPhasesOf(findNode(file, ts.isBinaryExpression, assignment), file)].sort();
}

describe('runsPerRequest', () => {
  const code = [
    "import express from 'express';",
    'const app = express();',
    'let n = 0;',
    'n = 1;',
    'app.get("/", () => { n = 2; });',
    'app.listen(3000, () => { n = 3; });',
    '(() => { n = 4; })();',
    'async function start() { n = 5; }',
    'start();',
    'export function helper() { n = 6; }',
    'function bootstrap() { [1].forEach(() => { n = 7; }); }',
    'export { bootstrap };',
    'process.once("SIGINT", () => { n = 8; });',
  ].join('\n');
  const file = contextOf(code);
  const expected: [string, boolean][] = [
    ['n = 1', false],
    ['n = 2', true],
    ['n = 3', false],
    ['n = 4', false],
    ['n = 5', false],
    ['n = 6', true],
    ['n = 7', false],
    ['n = 8', false],
  ];
  it.each(expected)('%s per request: %s', (text, perRequest) => {
    expect(runsPerRequest(findNode(file, ts.isBinaryExpression, text), file)).toBe(perRequest);
  });

  it('treats a function called from a handler as per request', () => {
    const helperFile = contextOf(['let n = 0;', 'function bump() { n++; }', 'export function handler() { bump(); }'].join('\n'));
    const [binding] = findModuleStateBindings(helperFile);
    const [site] = findBindingMutations(helperFile, binding!);
    expect(runsPerRequest(site!.node, helperFile)).toBe(true);
  });
});

interface PhaseCase {
  name: string;
  path?: string;
  code: string;
  /** The assignment whose phases are checked, by its text. */
  at: string;
  phases: ExecutionPhase[];
}

const cases: PhaseCase[] = [
  { name: 'top-level statement', code: 'let n = 0;\nn = 1;', at: 'n = 1', phases: ['module-load'] },
  {
    name: 'express error handler',
    code: "import express from 'express';\nconst app = express();\nlet n = 0;\napp.use((err, req, res, next) => { n = 1; next(err); });",
    at: 'n = 1',
    phases: ['per-request'],
  },
  {
    name: 'express route chained from route()',
    code: "import { Router } from 'express';\nconst router = Router();\nlet n = 0;\nrouter.route('/orders').post((req, res) => { n = 1; });",
    at: 'n = 1',
    phases: ['per-request'],
  },
  {
    name: 'handler named like start-up code',
    code: "let n = 0;\nfunction start() { n = 1; }\napp.post('/start', start);",
    at: 'n = 1',
    phases: ['per-request'],
  },
  {
    name: 'helper called at start-up and per request',
    code: "let n = 0;\nfunction reset() { n = 1; }\nexport async function main() { reset(); }\napp.post('/reset', () => reset());",
    at: 'n = 1',
    phases: ['per-request', 'startup'],
  },
  {
    name: 'exported function called at module load',
    code: 'let n = 0;\nexport function load() { n = 1; }\nload();',
    at: 'n = 1',
    phases: ['module-load', 'per-request'],
  },
  {
    name: 'fastify plugin body',
    code: 'let n = 0;\napp.register(async (instance) => {\n  n = 1;\n  instance.get("/", async () => { n = 2; });\n});',
    at: 'n = 1',
    phases: ['startup'],
  },
  {
    name: 'route inside a fastify plugin',
    code: 'let n = 0;\napp.register(async (instance) => {\n  n = 1;\n  instance.get("/", async () => { n = 2; });\n});',
    at: 'n = 2',
    phases: ['per-request'],
  },
  {
    name: 'fastify-plugin wrapper',
    code: "import fp from 'fastify-plugin';\nlet n = 0;\nexport default fp(async (app) => { n = 1; });",
    at: 'n = 1',
    phases: ['startup'],
  },
  {
    name: 'plugin typed FastifyPluginAsync',
    code: "import type { FastifyPluginAsync } from 'fastify';\nlet n = 0;\nconst routes: FastifyPluginAsync = async (app) => { n = 1; };\nexport default routes;",
    at: 'n = 1',
    phases: ['startup'],
  },
  {
    name: 'function taking a FastifyInstance',
    code: "import type { FastifyInstance } from 'fastify';\nlet n = 0;\nexport async function routes(app: FastifyInstance) { n = 1; }",
    at: 'n = 1',
    phases: ['startup'],
  },
  { name: 'fastify onRequest hook', code: "let n = 0;\napp.addHook('onRequest', async () => { n = 1; });", at: 'n = 1', phases: ['per-request'] },
  { name: 'fastify onReady hook', code: "let n = 0;\napp.addHook('onReady', async () => { n = 1; });", at: 'n = 1', phases: ['startup'] },
  { name: 'fastify onClose hook', code: "let n = 0;\napp.addHook('onClose', async () => { n = 1; });", at: 'n = 1', phases: ['shutdown'] },
  { name: 'fastify decorated function', code: "let n = 0;\napp.decorate('bump', () => { n = 1; });", at: 'n = 1', phases: ['per-request'] },
  {
    name: 'koa middleware',
    code: "import Koa from 'koa';\nconst app = new Koa();\nlet n = 0;\napp.use(async (ctx, next) => { n = 1; await next(); });",
    at: 'n = 1',
    phases: ['per-request'],
  },
  {
    name: 'nestjs controller route',
    code: "import { Controller, Get } from '@nestjs/common';\nlet n = 0;\n@Controller('stats')\nexport class StatsController {\n  @Get()\n  start() { n = 1; }\n}",
    at: 'n = 1',
    phases: ['per-request'],
  },
  {
    name: 'nestjs onModuleInit hook',
    code: "import { Injectable } from '@nestjs/common';\nlet n = 0;\n@Injectable()\nexport class Warmup {\n  onModuleInit() { n = 1; }\n}",
    at: 'n = 1',
    phases: ['startup'],
  },
  {
    name: 'nestjs onModuleDestroy hook',
    code: "import { Injectable } from '@nestjs/common';\nlet n = 0;\n@Injectable()\nexport class Warmup {\n  onModuleDestroy() { n = 1; }\n}",
    at: 'n = 1',
    phases: ['shutdown'],
  },
  {
    name: 'nestjs message pattern',
    code: "import { MessagePattern } from '@nestjs/microservices';\nlet n = 0;\nexport class Orders {\n  @MessagePattern('order.created')\n  init() { n = 1; }\n}",
    at: 'n = 1',
    phases: ['per-request'],
  },
  {
    name: 'nestjs gateway message',
    code: "import { SubscribeMessage } from '@nestjs/websockets';\nlet n = 0;\nexport class Chat {\n  @SubscribeMessage('join')\n  join() { n = 1; }\n}",
    at: 'n = 1',
    phases: ['per-request'],
  },
  {
    name: 'nestjs graphql mutation',
    code: "import { Mutation } from '@nestjs/graphql';\nlet n = 0;\nexport class Votes {\n  @Mutation()\n  setup() { n = 1; }\n}",
    at: 'n = 1',
    phases: ['per-request'],
  },
  {
    name: 'nestjs singleton constructor',
    code: "import { Injectable } from '@nestjs/common';\nlet n = 0;\n@Injectable()\nexport class Rates {\n  constructor() { n = 1; }\n}",
    at: 'n = 1',
    phases: ['startup'],
  },
  {
    name: 'next.js app router handler',
    path: 'app/api/orders/route.ts',
    code: 'let n = 0;\nexport async function POST() { n = 1; }',
    at: 'n = 1',
    phases: ['per-request'],
  },
  {
    name: 'next.js api route default export',
    path: 'pages/api/hello.ts',
    code: 'let n = 0;\nfunction init(req, res) { n = 1; }\nexport default init;',
    at: 'n = 1',
    phases: ['per-request'],
  },
  {
    name: 'next.js middleware',
    path: 'middleware.ts',
    code: 'let n = 0;\nexport function middleware() { n = 1; }',
    at: 'n = 1',
    phases: ['per-request'],
  },
  {
    name: 'next.js instrumentation register',
    path: 'instrumentation.ts',
    code: 'let n = 0;\nexport async function register() { n = 1; }',
    at: 'n = 1',
    phases: ['startup'],
  },
  {
    name: 'register outside instrumentation',
    path: 'src/users.ts',
    code: 'let n = 0;\nexport async function register() { n = 1; }',
    at: 'n = 1',
    phases: ['per-request'],
  },
  {
    name: 'server action file',
    code: "'use server';\nlet n = 0;\nexport async function connect() { n = 1; }",
    at: 'n = 1',
    phases: ['per-request'],
  },
  {
    name: 'server action function',
    code: "let n = 0;\nexport async function setup() {\n  'use server';\n  n = 1;\n}",
    at: 'n = 1',
    phases: ['per-request'],
  },
  {
    name: 'lambda handler in exports',
    path: 'handler.js',
    code: 'let n = 0;\nexports.handler = async () => { n = 1; };',
    at: 'n = 1',
    phases: ['per-request'],
  },
  {
    name: 'lambda handler named start',
    path: 'handler.js',
    code: 'let n = 0;\nconst start = async () => { n = 1; };\nmodule.exports = { handler: start };',
    at: 'n = 1',
    phases: ['per-request'],
  },
  {
    name: 'graphql resolver map entry',
    code: 'let n = 0;\nfunction start() { n = 1; }\nexport const resolvers = { Mutation: { start } };',
    at: 'n = 1',
    phases: ['per-request'],
  },
  {
    name: 'listener added per connection',
    code: "let n = 0;\nio.on('connection', (socket) => {\n  socket.once('auth', () => { n = 1; });\n});",
    at: 'n = 1',
    phases: ['per-request'],
  },
  { name: 'ready event at start-up', code: "let n = 0;\nredis.once('ready', () => { n = 1; });", at: 'n = 1', phases: ['startup'] },
  { name: 'process signal', code: "let n = 0;\nprocess.on('SIGTERM', () => { n = 1; });", at: 'n = 1', phases: ['shutdown'] },
  { name: 'process message', code: "let n = 0;\nprocess.on('message', () => { n = 1; });", at: 'n = 1', phases: ['per-request'] },
  { name: 'setImmediate at module load', code: 'let n = 0;\nsetImmediate(() => { n = 1; });', at: 'n = 1', phases: ['module-load'] },
  { name: 'process.nextTick in a route', code: "let n = 0;\napp.get('/', () => process.nextTick(() => { n = 1; }));", at: 'n = 1', phases: ['per-request'] },
  { name: 'test runner callback', code: "let n = 0;\nit('counts', () => { n = 1; });", at: 'n = 1', phases: ['test'] },
  {
    name: 'field of a class built at module load',
    code: 'let n = 0;\nclass Counter { value = (n = 1); }\nexport const counter = new Counter();',
    at: 'n = 1',
    phases: ['module-load'],
  },
  {
    name: 'public method called through an instance',
    code: 'let n = 0;\nclass Poller { start() { n = 1; } }\nconst poller = new Poller();\npoller.start();',
    at: 'n = 1',
    phases: ['module-load', 'per-request'],
  },
  {
    name: 'private method called from the constructor',
    code: 'let n = 0;\nclass Poller {\n  constructor() { this.#tick(); }\n  #tick() { n = 1; }\n}\nnew Poller();',
    at: 'n = 1',
    phases: ['module-load'],
  },
  { name: 'recursive function', code: 'let n = 0;\nfunction loop() { n = 1; loop(); }\nloop();', at: 'n = 1', phases: ['module-load'] },
  {
    name: 'mutual recursion reached per request',
    code: "let n = 0;\nfunction a() { b(); }\nfunction b() { n = 1; a(); }\na();\napp.get('/', () => b());",
    at: 'n = 1',
    phases: ['module-load', 'per-request'],
  },
];

describe('executionPhasesOf', () => {
  it.each(cases.map((phaseCase) => [phaseCase.name, phaseCase] as const))('%s', (_name, phaseCase) => {
    const file = contextOf(phaseCase.code, phaseCase.path);
    expect(phasesAt(file, phaseCase.at)).toEqual(phaseCase.phases);
  });
});
