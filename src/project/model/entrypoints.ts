import ts from 'typescript';
import type { ProcessRole } from '../../engine/file-context.js';
import { isModuleMember, ReferenceResolver } from '../../engine/references.js';
import { ScopeIndex } from '../../engine/scope.js';
import type { Entrypoint, EntrypointSource } from '../../model.js';
import { commandTargets, shellWords, type CommandTarget } from './commands.js';
import type { ModuleSyntax } from './module-syntax.js';
import { compareCodeUnits, folderOf, isRecord, joinPath, type ProjectFiles } from './project-files.js';
import { sourceFileFor } from './source-paths.js';
import { isYamlFile, readYamlDocuments } from './yaml-files.js';

/** An entrypoint declared by hand in the statelint configuration. */
export interface EntrypointOverride {
  /** Repository-relative path of the source file. */
  file: string;
  role: ProcessRole;
}

/** Names of processes, scripts and services that give their role away. Checked in this order. */
const WORKER_NAME = /worker|jobs?\b|queue|cron|schedul|consumer|clock|daemon|processor|subscriber|background|bull|agenda/i;
const SCRIPT_NAME = /^(?:pre|post)|migrat|seed|\bscripts?\b|\bcli\b|setup|\bbuild\b|\btest|\blint|generat|codegen|release|backup|\bsync\b|\btask|console|repl/i;
const WEB_NAME = /web|api|server|http|\bapp\b|\bstart\b|serve|\bdev\b|\bprod|\bmain\b|backend|gateway|frontend/i;

export function roleFromName(name: string): ProcessRole | undefined {
  if (WORKER_NAME.test(name)) return 'worker';
  if (SCRIPT_NAME.test(name)) return 'script';
  if (WEB_NAME.test(name)) return 'web';
  return undefined;
}

/**
 * A program named in a configuration file. `role` is set when the configuration itself names
 * the process (a Procfile `worker:` line, a service named `worker`); otherwise the
 * file's own code decides, and `defaultRole` applies when it does not.
 */
interface Declaration {
  target: CommandTarget;
  role: ProcessRole | undefined;
  defaultRole: ProcessRole;
  source: EntrypointSource;
  declaredIn: string;
  detail: string;
  /** Folder that relative paths in the command start from. */
  baseFolder: string;
}

/** The role a file's own code shows for the process it starts: `app.listen()`, `NestFactory.create()`. */
export interface ContentSignal {
  role: ProcessRole;
  source: EntrypointSource;
  detail: string;
}

const NEST_METHODS: Readonly<Record<string, ProcessRole>> = {
  create: 'web',
  createApplicationContext: 'worker',
  createMicroservice: 'worker',
};

/** Modules whose `listen()` starts an HTTP server. */
const HTTP_MODULES = new Set(['express', 'fastify', 'koa', 'http', 'https', 'http2', 'restify', 'polka', '@hono/node-server', 'hyper-express', 'connect', 'socket.io']);

/** Returns the process role a file's own code implies, or `undefined` when it implies none. `calls` are the file's calls in source order. */
export function contentSignal(sourceFile: ts.SourceFile, syntax: ModuleSyntax, calls: readonly ts.CallExpression[]): ContentSignal | undefined {
  let references: ReferenceResolver | undefined;
  const resolver = (): ReferenceResolver => (references ??= new ReferenceResolver(new ScopeIndex()));

  for (const call of calls) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee)) continue;
    const method = callee.name.text;
    const nestRole = NEST_METHODS[method];
    if (nestRole && isModuleMember(resolver().resolve(callee), '@nestjs/core', ['NestFactory', method])) {
      return { role: nestRole, source: 'nestjs-bootstrap', detail: `NestFactory.${method}()` };
    }
    if (method === 'listen' && isServerListen(call, resolver())) {
      return { role: 'web', source: 'listen-call', detail: `${callee.getText(sourceFile)}()` };
    }
  }
  if (syntax.exports.some((binding) => binding.exported === 'handler')) {
    return { role: 'web', source: 'serverless-handler', detail: 'exports `handler`' };
  }
  return undefined;
}

/** `app.listen(3000)`, `server.listen(process.env.PORT)`, `fastify.listen({ port })`. */
function isServerListen(call: ts.CallExpression, references: ReferenceResolver): boolean {
  const receiver = (call.expression as ts.PropertyAccessExpression).expression;
  const reference = references.resolve(receiver);
  if (reference && HTTP_MODULES.has(reference.module)) return true;
  const first = call.arguments[0];
  if (!first) return false;
  if (ts.isNumericLiteral(first)) return true;
  return /\bport\b/i.test(first.getText());
}

/**
 * Returns the signal of the first file, in breadth-first order of the module graph from `file`,
 * that starts a server or a Nest context. A CLI whose `bin` parses its arguments and then calls
 * `app.listen()` in a module it loads is a server all the same. An exported `handler` does not
 * count here, because a program that imports a serverless handler does not serve it.
 */
export function reachedProcessSignal(
  file: string,
  dependencies: ReadonlyMap<string, readonly string[]>,
  signalOf: (file: string) => ContentSignal | undefined,
): ContentSignal | undefined {
  const seen = new Set([file]);
  const queue = [file];
  for (let index = 0; index < queue.length; index++) {
    const signal = signalOf(queue[index]!);
    if (signal && signal.source !== 'serverless-handler') return signal;
    for (const dependency of dependencies.get(queue[index]!) ?? []) {
      if (seen.has(dependency)) continue;
      seen.add(dependency);
      queue.push(dependency);
    }
  }
  return undefined;
}

/**
 * Finds the entrypoints that configuration files declare: package.json `main`, `bin` and
 * scripts, Procfile lines, Dockerfile CMD and ENTRYPOINT, docker-compose services, PM2 ecosystem
 * files, Kubernetes workloads, serverless.yml functions and Next.js routes. Each file's role
 * comes from the declaration, else from `signalOf` of the file itself, else from the name of the
 * script that runs it, else from `reachedSignalOf` (what the modules it loads start), else from
 * the declaration's default.
 */
export function findDeclaredEntrypoints(
  project: ProjectFiles,
  signalOf: (file: string) => ContentSignal | undefined,
  reachedSignalOf: (file: string) => ContentSignal | undefined = () => undefined,
): Entrypoint[] {
  const declarations: Declaration[] = [];
  for (const path of project.configFiles()) {
    const name = path.split('/').at(-1)!;
    if (name === 'package.json') declarations.push(...packageDeclarations(project, path));
    else if (name === 'Procfile') declarations.push(...procfileDeclarations(project, path));
    else if (/^Dockerfile(?:\..+)?$|\.Dockerfile$/i.test(name)) declarations.push(...dockerfileDeclarations(project, path));
    else if (/^(?:docker-)?compose(?:\.[\w-]+)?\.ya?ml$/i.test(name)) declarations.push(...composeDeclarations(project, path));
    else if (/^(?:ecosystem\.config\.[cm]?js|ecosystem\.json|pm2\.(?:json|ya?ml)|process\.(?:json|ya?ml))$/.test(name)) declarations.push(...pm2Declarations(project, path));
    else if (/^serverless\.ya?ml$/.test(name)) declarations.push(...serverlessDeclarations(project, path));
    else if (isYamlFile(name)) declarations.push(...kubernetesDeclarations(project, path));
  }

  const entrypoints: Entrypoint[] = [];
  for (const declaration of declarations) {
    for (const file of targetFiles(project, declaration.target, declaration.baseFolder, 0)) {
      // A program that the rest of its command waits for exits first: whatever the process is called, it is a one-off step.
      const role = file.runsToCompletion
        ? 'script'
        : (declaration.role ?? signalOf(file.file)?.role ?? file.role ?? reachedSignalOf(file.file)?.role ?? declaration.defaultRole);
      entrypoints.push({ file: file.file, role, source: declaration.source, declaredIn: declaration.declaredIn, detail: declaration.detail });
    }
  }
  entrypoints.push(...nextRoutes(project));
  return entrypoints;
}

const MAX_SCRIPT_DEPTH = 8;

interface TargetFile {
  file: string;
  role?: ProcessRole;
  /** True when the file, or a script that runs it, is a step the rest of its command waits for. */
  runsToCompletion?: boolean;
}

/** Follows a command target to source files, marking those that a one-off step runs. */
function targetFiles(project: ProjectFiles, target: CommandTarget, baseFolder: string, depth: number): TargetFile[] {
  const files = scriptOrFileTargets(project, target, baseFolder, depth);
  return target.runsToCompletion ? files.map((found) => ({ ...found, runsToCompletion: true })) : files;
}

/** Follows a command target to source files; a script target takes its role from the script's name. */
function scriptOrFileTargets(project: ProjectFiles, target: CommandTarget, baseFolder: string, depth: number): TargetFile[] {
  if (depth > MAX_SCRIPT_DEPTH) return [];
  if (target.kind === 'file') {
    const file = sourceFileFor(project, target.path, baseFolder);
    return file ? [{ file }] : [];
  }
  const packageFolder = nearestPackageFolder(project, baseFolder);
  if (target.kind === 'framework' && target.framework === 'nest') {
    const nestConfig = project.readJson(joinPath(packageFolder, 'nest-cli.json'));
    const sourceRoot = isRecord(nestConfig) && typeof nestConfig.sourceRoot === 'string' ? nestConfig.sourceRoot : 'src';
    const entryFile = isRecord(nestConfig) && typeof nestConfig.entryFile === 'string' ? nestConfig.entryFile : 'main';
    const file = sourceFileFor(project, joinPath(sourceRoot, entryFile), packageFolder);
    return file ? [{ file }] : [];
  }
  if (target.kind === 'framework') return []; // Next.js routes are found by their folders.

  const manifest = project.readJson(joinPath(packageFolder, 'package.json'));
  const scripts = isRecord(manifest) && isRecord(manifest.scripts) ? manifest.scripts : {};
  const command = scripts[target.name];
  if (typeof command !== 'string') return [];
  const role = roleFromName(target.name);
  return commandTargets(command).flatMap((inner) =>
    targetFiles(project, inner, packageFolder, depth + 1).map((found) => ({ ...found, role: found.role ?? role })),
  );
}

function nearestPackageFolder(project: ProjectFiles, folder: string): string {
  for (let current = folder; ; current = folderOf(current)) {
    if (project.isFile(joinPath(current, 'package.json'))) return current;
    if (current === '') return '';
  }
}

function packageDeclarations(project: ProjectFiles, path: string): Declaration[] {
  const manifest = project.readJson(path);
  if (!isRecord(manifest)) return [];
  const folder = folderOf(path);
  const declarations: Declaration[] = [];
  const declare = (target: CommandTarget, role: ProcessRole | undefined, defaultRole: ProcessRole, source: EntrypointSource, detail: string): void => {
    declarations.push({ target, role, defaultRole, source, declaredIn: path, detail, baseFolder: folder });
  };

  if (isRecord(manifest.scripts)) {
    for (const [name, command] of Object.entries(manifest.scripts)) {
      if (typeof command !== 'string') continue;
      const named = roleFromName(name);
      // `start` only shows that the package runs, so what it runs decides the role.
      const role = name === 'start' ? undefined : named;
      for (const target of commandTargets(command)) {
        if (target.kind === 'script') continue; // Followed when the named script itself is read.
        declare(target, role, named ?? 'script', 'package-script', `scripts.${name}: ${command}`);
      }
    }
  }
  // `main` of an application is what `node .` runs; a library's main is reached through imports anyway.
  if (typeof manifest.main === 'string') declare({ kind: 'file', path: manifest.main }, undefined, 'web', 'package-main', `main: ${manifest.main}`);
  const bins = typeof manifest.bin === 'string' ? { [String(manifest.name ?? 'bin')]: manifest.bin } : isRecord(manifest.bin) ? manifest.bin : {};
  for (const [name, file] of Object.entries(bins)) {
    // A bin is a one-off command unless the code it loads starts a server, as `json-server db.json` does.
    if (typeof file === 'string') declare({ kind: 'file', path: file }, undefined, 'script', 'package-bin', `bin.${name}: ${file}`);
  }
  return declarations;
}

function procfileDeclarations(project: ProjectFiles, path: string): Declaration[] {
  const text = project.read(path) ?? '';
  const declarations: Declaration[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z0-9_-]+):\s*(.+)$/.exec(line.trim());
    if (!match) continue;
    const [, type, command] = match;
    const role = procfileRole(type!);
    for (const target of commandTargets(command!)) {
      declarations.push({ target, role, defaultRole: role, source: 'procfile', declaredIn: path, detail: `${type}: ${command}`, baseFolder: folderOf(path) });
    }
  }
  return declarations;
}

/**
 * Returns the role of a Procfile process type. Heroku routes HTTP only to `web` and runs `release`
 * once per deploy; every other type is a worker.
 */
function procfileRole(type: string): ProcessRole {
  if (type === 'web') return 'web';
  if (type === 'release') return 'script';
  return 'worker';
}

/** Reads CMD and ENTRYPOINT; a later instruction replaces an earlier one, as in Docker. */
function dockerfileDeclarations(project: ProjectFiles, path: string, role?: ProcessRole, detailPrefix = ''): Declaration[] {
  const text = (project.read(path) ?? '').replace(/\\\r?\n/g, ' ');
  let entrypoint: string[] = [];
  let command: string[] = [];
  let workdir = '';
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(CMD|ENTRYPOINT|WORKDIR|FROM)\s+(.*)$/i.exec(line);
    if (!match) continue;
    const instruction = match[1]!.toUpperCase();
    const argument = match[2]!.trim();
    if (instruction === 'FROM') {
      entrypoint = [];
      command = [];
    } else if (instruction === 'WORKDIR') {
      workdir = argument;
    } else {
      const words = dockerWords(argument);
      if (instruction === 'CMD') command = words;
      else entrypoint = words;
    }
  }
  const suffix = /^Dockerfile\.(.+)$/i.exec(path.split('/').at(-1)!)?.[1] ?? /^(.+)\.Dockerfile$/i.exec(path.split('/').at(-1)!)?.[1];
  const ownRole = role ?? (suffix ? roleFromName(suffix) : undefined);
  const combined = [...entrypoint, ...command];
  let targets = commandTargets(combined);
  if (targets.length === 0 && entrypoint.length > 0) targets = commandTargets(command);
  const detail = `${detailPrefix}${entrypoint.length > 0 ? `ENTRYPOINT ${entrypoint.join(' ')} ` : ''}CMD ${command.join(' ')}`.trim();
  return targets.map((target) => ({
    target: target.kind === 'file' && target.path.startsWith(workdir) && workdir.startsWith('/') ? { kind: 'file', path: target.path.slice(workdir.length).replace(/^\//, '') } : target,
    role: ownRole,
    defaultRole: 'web',
    source: 'dockerfile',
    declaredIn: path,
    detail,
    baseFolder: folderOf(path),
  }));
}

/** Splits the exec form `["node", "x.js"]` or the shell form `node x.js` into words. */
function dockerWords(argument: string): string[] {
  if (argument.startsWith('[')) {
    try {
      const words: unknown = JSON.parse(argument);
      if (Array.isArray(words)) return words.map(String);
    } catch {
      // Not valid JSON: Docker runs it in a shell, so read it as a shell command.
    }
  }
  return shellWords(argument);
}

function composeDeclarations(project: ProjectFiles, path: string): Declaration[] {
  const declarations: Declaration[] = [];
  for (const document of readYamlDocuments(project, path)) {
    const services = isRecord(document.value) && isRecord(document.value.services) ? document.value.services : {};
    for (const [name, service] of Object.entries(services)) {
      if (!isRecord(service)) continue;
      const role = roleFromName(name);
      const build = typeof service.build === 'string' ? { context: service.build } : isRecord(service.build) ? service.build : undefined;
      const context = build && typeof build.context === 'string' ? joinPath(folderOf(path), build.context) : folderOf(path);
      const command = typeof service.command === 'string' || Array.isArray(service.command) ? service.command : undefined;
      const line = document.lineOf(['services', name]);
      if (command !== undefined) {
        const words = typeof command === 'string' ? command : command.map(String);
        for (const target of commandTargets(words)) {
          declarations.push({ target, role, defaultRole: 'web', source: 'docker-compose', declaredIn: path, detail: `services.${name}.command (line ${line})`, baseFolder: context });
        }
      } else if (build) {
        const dockerfile = joinPath(context, typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile');
        for (const declaration of dockerfileDeclarations(project, dockerfile, role, `services.${name} builds ${dockerfile}: `)) {
          declarations.push({ ...declaration, source: 'docker-compose', declaredIn: path });
        }
      }
    }
  }
  return declarations;
}

/** PM2 app definitions. JavaScript ecosystem files are parsed, never run: only literal values count. */
export function pm2Apps(project: ProjectFiles, path: string): Record<string, unknown>[] {
  let value: unknown;
  if (/\.json$/.test(path)) value = project.readJson(path);
  else if (isYamlFile(path)) value = readYamlDocuments(project, path)[0]?.value;
  else value = literalAppsFromScript(project.read(path) ?? '', path);
  const apps = Array.isArray(value) ? value : isRecord(value) ? value.apps : undefined;
  return Array.isArray(apps) ? apps.filter(isRecord) : [];
}

function literalAppsFromScript(text: string, path: string): unknown {
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  let apps: unknown;
  const visit = (node: ts.Node): void => {
    if (apps !== undefined) return;
    if (ts.isObjectLiteralExpression(node) && node.properties.some((property) => property.name && ts.isIdentifier(property.name) && property.name.text === 'apps')) {
      apps = literalValue(node);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return apps;
}

/** Returns the value of a literal expression, or `undefined` for anything computed. */
function literalValue(node: ts.Expression): unknown {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isArrayLiteralExpression(node)) return node.elements.map(literalValue);
  if (ts.isObjectLiteralExpression(node)) {
    const object: Record<string, unknown> = {};
    for (const property of node.properties) {
      if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
        object[property.name.text] = literalValue(property.initializer);
      }
    }
    return object;
  }
  return undefined;
}

function pm2Declarations(project: ProjectFiles, path: string): Declaration[] {
  const declarations: Declaration[] = [];
  for (const app of pm2Apps(project, path)) {
    if (typeof app.script !== 'string') continue;
    const name = typeof app.name === 'string' ? app.name : app.script;
    const args = typeof app.args === 'string' ? app.args : Array.isArray(app.args) ? app.args.map(String).join(' ') : '';
    const baseFolder = typeof app.cwd === 'string' ? joinPath(folderOf(path), app.cwd) : folderOf(path);
    const targets = /^(?:npm|yarn|pnpm)$/.test(app.script) ? commandTargets(`${app.script} ${args}`) : [{ kind: 'file', path: app.script } as const];
    for (const target of targets) {
      declarations.push({ target, role: roleFromName(name), defaultRole: 'web', source: 'pm2', declaredIn: path, detail: `apps[${name}].script: ${app.script}${args ? ` ${args}` : ''}`, baseFolder });
    }
  }
  return declarations;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ReplicaSet']);

/** A Kubernetes workload and the containers it runs. */
export interface Workload {
  file: string;
  line: number;
  kind: string;
  name: string;
  containers: Record<string, unknown>[];
  labels: Record<string, unknown>;
  replicas: number | undefined;
}

export function kubernetesWorkloads(project: ProjectFiles, path: string): Workload[] {
  const workloads: Workload[] = [];
  for (const document of readYamlDocuments(project, path)) {
    const value = document.value;
    if (!isRecord(value) || typeof value.kind !== 'string' || !WORKLOAD_KINDS.has(value.kind)) continue;
    const metadata = isRecord(value.metadata) ? value.metadata : {};
    const spec = isRecord(value.spec) ? value.spec : {};
    const podSpec =
      value.kind === 'Pod' ? spec
      : value.kind === 'CronJob' ? dig(spec, ['jobTemplate', 'spec', 'template', 'spec'])
      : dig(spec, ['template', 'spec']);
    const template = dig(spec, ['template', 'metadata']);
    workloads.push({
      file: path,
      line: document.lineOf([]),
      kind: value.kind,
      name: typeof metadata.name === 'string' ? metadata.name : '',
      containers: isRecord(podSpec) && Array.isArray(podSpec.containers) ? podSpec.containers.filter(isRecord) : [],
      labels: isRecord(template) && isRecord(template.labels) ? template.labels : isRecord(metadata.labels) ? metadata.labels : {},
      replicas: typeof spec.replicas === 'number' ? spec.replicas : undefined,
    });
  }
  return workloads;
}

function dig(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return current;
}

/** Returns the role a Kubernetes workload's kind implies, else the role its name implies. */
function workloadRole(workload: Workload): ProcessRole | undefined {
  if (workload.kind === 'CronJob') return 'worker';
  if (workload.kind === 'Job') return roleFromName(workload.name) === 'worker' ? 'worker' : 'script';
  return roleFromName(workload.name);
}

function kubernetesDeclarations(project: ProjectFiles, path: string): Declaration[] {
  const declarations: Declaration[] = [];
  for (const workload of kubernetesWorkloads(project, path)) {
    for (const container of workload.containers) {
      const command = Array.isArray(container.command) ? container.command.map(String) : [];
      const args = Array.isArray(container.args) ? container.args.map(String) : [];
      // NOTE: a container without `command` runs its image's CMD, which the manifest does not show.
      for (const target of commandTargets([...command, ...args])) {
        declarations.push({
          target,
          role: workloadRole(workload),
          defaultRole: 'web',
          source: 'kubernetes',
          declaredIn: path,
          detail: `${workload.kind} ${workload.name} container ${String(container.name ?? '')}`.trim(),
          baseFolder: '',
        });
      }
    }
  }
  return declarations;
}

/** Event sources that start a function without an HTTP request; a function with only these is a worker. */
const BACKGROUND_EVENTS = new Set(['schedule', 'sqs', 'sns', 'stream', 's3', 'eventBridge', 'kafka', 'rabbitmq', 'msk', 'cloudwatchLog', 'cloudwatchEvent', 'iot', 'cognitoUserPool', 'activemq']);

function serverlessDeclarations(project: ProjectFiles, path: string): Declaration[] {
  const declarations: Declaration[] = [];
  for (const document of readYamlDocuments(project, path)) {
    const functions = isRecord(document.value) && isRecord(document.value.functions) ? document.value.functions : {};
    for (const [name, definition] of Object.entries(functions)) {
      if (!isRecord(definition) || typeof definition.handler !== 'string') continue;
      const events = Array.isArray(definition.events) ? definition.events.filter(isRecord).flatMap((event) => Object.keys(event)) : [];
      const background = events.length > 0 && events.every((event) => BACKGROUND_EVENTS.has(event));
      // `src/handlers/orders.create` is the export `create` of src/handlers/orders.
      const file = definition.handler.replace(/\.[^./]+$/, '');
      declarations.push({
        target: { kind: 'file', path: file },
        role: background ? 'worker' : 'web',
        defaultRole: 'web',
        source: 'serverless-config',
        declaredIn: path,
        detail: `functions.${name}.handler: ${definition.handler}`,
        baseFolder: folderOf(path),
      });
    }
  }
  return declarations;
}

const NEXT_ROUTE_FILE = /^(?:src\/)?(?:pages\/.+|app\/(?:.+\/)?(?:route|page|layout|template|default|loading|error|not-found)\.[cm]?[jt]sx?|(?:middleware|instrumentation)\.[cm]?[jt]sx?)$/;

/** Next.js runs every page, route handler and middleware of a package that depends on `next` in its server. */
function nextRoutes(project: ProjectFiles): Entrypoint[] {
  const entrypoints: Entrypoint[] = [];
  const nextFolders = project
    .configFiles()
    .filter((path) => path === 'package.json' || path.endsWith('/package.json'))
    .filter((path) => {
      const manifest = project.readJson(path);
      return isRecord(manifest) && ['dependencies', 'devDependencies'].some((field) => isRecord(manifest[field]) && 'next' in (manifest[field] as Record<string, unknown>));
    })
    .map(folderOf);
  for (const file of project.sourceFiles) {
    const folder = nextFolders.filter((candidate) => candidate === '' || file.startsWith(`${candidate}/`)).sort((left, right) => right.length - left.length)[0];
    if (folder === undefined) continue;
    const inside = folder === '' ? file : file.slice(folder.length + 1);
    if (!NEXT_ROUTE_FILE.test(inside) || /\.d\.[cm]?ts$/.test(inside)) continue;
    const kind = /(^|\/)pages\/api\//.test(inside) ? 'API route' : /(^|\/)app\/.*route\.[cm]?[jt]sx?$/.test(inside) ? 'route handler' : /middleware\./.test(inside) ? 'middleware' : 'page';
    entrypoints.push({ file, role: 'web', source: 'nextjs-route', declaredIn: file, detail: `Next.js ${kind}` });
  }
  return entrypoints;
}

/** Sorts entrypoints by file, then source, then detail, dropping exact duplicates. */
export function sortEntrypoints(entrypoints: readonly Entrypoint[]): Entrypoint[] {
  const seen = new Set<string>();
  return [...entrypoints]
    .sort((left, right) => compareCodeUnits(left.file, right.file) || compareCodeUnits(left.role, right.role) || compareCodeUnits(left.source, right.source) || compareCodeUnits(left.detail, right.detail))
    .filter((entrypoint) => {
      const key = `${entrypoint.file}\0${entrypoint.role}\0${entrypoint.source}\0${entrypoint.declaredIn}\0${entrypoint.detail}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
