import ts from 'typescript';
import type { ProcessRole } from '../../engine/file-context.js';
import { isModuleMember, NEW_INSTANCE, ReferenceResolver } from '../../engine/references.js';
import { ScopeIndex } from '../../engine/scope.js';
import { propertyValue } from '../../engine/object-literals.js';
import type { DeploymentEvidence, DeploymentFact, DeploymentFacts, DeploymentNote, Entrypoint, Finding } from '../../model.js';
import { kubernetesWorkloads, pm2Apps, roleFromName, type Workload } from './entrypoints.js';
import { allDirectives, parseNginxConfig, type NginxDirective } from './nginx-config.js';
import { isRecord, type ProjectFiles } from './project-files.js';
import { isYamlFile, readYamlDocuments, type YamlDocument } from './yaml-files.js';

/** The minimum number of web workers that counts as running several. */
const MIN_REPLICAS = 2;

/** Facts found so far, before each becomes yes, no or unknown. */
interface FactBuilder {
  /** Files were found that would show the fact if it held. */
  examined: boolean;
  positive: DeploymentEvidence[];
  negative: DeploymentEvidence[];
}

const newFact = (): FactBuilder => ({ examined: false, positive: [], negative: [] });

function settle(fact: FactBuilder): DeploymentFact {
  if (fact.positive.length > 0) return { state: 'yes', evidence: sortEvidence(fact.positive) };
  if (fact.examined || fact.negative.length > 0) return { state: 'no', evidence: sortEvidence(fact.negative) };
  return { state: 'unknown', evidence: [] };
}

function sortEvidence(evidence: readonly DeploymentEvidence[]): DeploymentEvidence[] {
  return [...evidence].sort((left, right) => (left.file < right.file ? -1 : left.file > right.file ? 1 : left.line - right.line));
}

/**
 * Reads the deployment facts about scaling the web workers from Kubernetes manifests
 * (HorizontalPodAutoscaler, KEDA ScaledObject, Service, Ingress), docker-compose files, PM2
 * ecosystem files and nginx configuration. A fact no present file could show is `unknown`.
 */
export function findDeploymentFacts(project: ProjectFiles, longPollingSites: Iterable<LongPollingSites>, entrypoints: readonly Entrypoint[]): DeploymentFacts {
  const autoscaling = newFact();
  const loadBalancing = newFact();
  const stickyRouting = newFact();

  const yamlDocuments: YamlDocument[] = [];
  const workloads: Workload[] = [];
  for (const path of project.configFiles()) {
    if (!isYamlFile(path)) continue;
    yamlDocuments.push(...readYamlDocuments(project, path));
    workloads.push(...kubernetesWorkloads(project, path));
  }
  const roleOfWorkload = (name: string): ProcessRole => {
    const workload = workloads.find((candidate) => candidate.name === name);
    const declared = workload && entrypoints.find((entrypoint) => entrypoint.source === 'kubernetes' && entrypoint.declaredIn === workload.file && entrypoint.detail.startsWith(`${workload.kind} ${workload.name} `));
    return declared?.role ?? roleFromName(name) ?? 'web';
  };
  const webWorkloads = workloads.filter((workload) => ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(workload.kind) && roleOfWorkload(workload.name) === 'web');

  readKubernetes(yamlDocuments, webWorkloads, roleOfWorkload, { autoscaling, loadBalancing, stickyRouting });
  if (workloads.length > 0) autoscaling.examined = true;
  readCompose(project, { autoscaling, loadBalancing, stickyRouting });
  readPm2(project, autoscaling);
  readNginx(project, { loadBalancing, stickyRouting });

  return {
    autoscaling: settle(autoscaling),
    loadBalancing: settle(loadBalancing),
    stickyRouting: settle(stickyRouting),
    longPolling: longPollingFact(longPollingSites),
    notes: [],
  };
}

interface Facts {
  autoscaling: FactBuilder;
  loadBalancing: FactBuilder;
  stickyRouting: FactBuilder;
}

function readKubernetes(documents: readonly YamlDocument[], webWorkloads: readonly Workload[], roleOfWorkload: (name: string) => ProcessRole, facts: Facts): void {
  for (const document of documents) {
    const value = document.value;
    if (!isRecord(value) || typeof value.kind !== 'string') continue;
    const spec = isRecord(value.spec) ? value.spec : {};
    const name = isRecord(value.metadata) && typeof value.metadata.name === 'string' ? value.metadata.name : '';

    if (value.kind === 'HorizontalPodAutoscaler' || (value.kind === 'ScaledObject' && String(value.apiVersion ?? '').startsWith('keda.sh'))) {
      const target = isRecord(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
      const targetName = typeof target.name === 'string' ? target.name : '';
      if (roleOfWorkload(targetName) !== 'web') continue;
      const isHpa = value.kind === 'HorizontalPodAutoscaler';
      // Kubernetes defaults minReplicas to 1; KEDA defaults minReplicaCount to 0.
      let minimum = isHpa ? 1 : 0;
      if (isHpa && typeof spec.minReplicas === 'number') minimum = spec.minReplicas;
      if (!isHpa && typeof spec.minReplicaCount === 'number') minimum = spec.minReplicaCount;
      const line = document.lineOf(isHpa ? ['spec', 'minReplicas'] : ['spec', 'minReplicaCount']);
      const evidence = { file: document.file, line, detail: `${value.kind} ${name} scales ${targetName} from ${minimum} replicas` };
      (minimum >= MIN_REPLICAS ? facts.autoscaling.positive : facts.autoscaling.negative).push(evidence);
      facts.autoscaling.examined = true;
    } else if (value.kind === 'Service') {
      const selector = isRecord(spec.selector) ? spec.selector : {};
      const selected = webWorkloads.filter((workload) => Object.keys(selector).length > 0 && Object.entries(selector).every(([key, label]) => workload.labels[key] === label));
      if (selected.length === 0) continue;
      facts.loadBalancing.examined = true;
      facts.stickyRouting.examined = true;
      facts.loadBalancing.positive.push({ file: document.file, line: document.lineOf([]), detail: `Service ${name} spreads requests over the pods of ${selected.map((workload) => workload.name).join(', ')}` });
      if (spec.sessionAffinity === 'ClientIP') {
        facts.stickyRouting.positive.push({ file: document.file, line: document.lineOf(['spec', 'sessionAffinity']), detail: `Service ${name} has sessionAffinity: ClientIP` });
      }
    } else if (value.kind === 'Ingress') {
      facts.stickyRouting.examined = true;
      const annotations = isRecord(value.metadata) && isRecord(value.metadata.annotations) ? value.metadata.annotations : {};
      const affinity = annotations['nginx.ingress.kubernetes.io/affinity'];
      if (affinity === 'cookie') {
        facts.stickyRouting.positive.push({ file: document.file, line: document.lineOf(['metadata', 'annotations', 'nginx.ingress.kubernetes.io/affinity']), detail: `Ingress ${name} has affinity: cookie` });
      }
    }
  }
}

function readCompose(project: ProjectFiles, facts: Facts): void {
  for (const path of project.configFiles()) {
    if (!/(?:^|\/)(?:docker-)?compose(?:\.[\w-]+)?\.ya?ml$/i.test(path)) continue;
    for (const document of readYamlDocuments(project, path)) {
      const services = isRecord(document.value) && isRecord(document.value.services) ? document.value.services : {};
      for (const [name, service] of Object.entries(services)) {
        if (!isRecord(service) || !(service.build || service.command) || (roleFromName(name) ?? 'web') !== 'web') continue;
        facts.autoscaling.examined = true;
        const deploy = isRecord(service.deploy) ? service.deploy : {};
        const replicas = typeof deploy.replicas === 'number' ? deploy.replicas : 1;
        const evidence = { file: path, line: document.lineOf(['services', name, 'deploy', 'replicas']), detail: `service ${name} runs ${replicas} replicas` };
        (replicas >= MIN_REPLICAS ? facts.autoscaling.positive : facts.autoscaling.negative).push(evidence);
        const labels = Array.isArray(service.labels) ? service.labels.map(String) : isRecord(service.labels) ? Object.entries(service.labels).map(([key, label]) => `${key}=${String(label)}`) : [];
        const sticky = labels.find((label) => /loadbalancer\.sticky/i.test(label));
        if (sticky) facts.stickyRouting.positive.push({ file: path, line: document.lineOf(['services', name, 'labels']), detail: `service ${name}: ${sticky}` });
      }
    }
  }
}

function readPm2(project: ProjectFiles, autoscaling: FactBuilder): void {
  for (const path of project.configFiles()) {
    if (!/(?:^|\/)(?:ecosystem\.config\.[cm]?js|ecosystem\.json|pm2\.(?:json|ya?ml)|process\.(?:json|ya?ml))$/.test(path)) continue;
    for (const app of pm2Apps(project, path)) {
      const name = typeof app.name === 'string' ? app.name : String(app.script ?? '');
      if ((roleFromName(name) ?? 'web') !== 'web') continue;
      autoscaling.examined = true;
      const cluster = app.exec_mode === 'cluster' || app.exec_mode === 'cluster_mode';
      const instances = app.instances;
      // PM2 reads `max`, 0 and -1 as one instance per CPU core (or all but one for -1).
      const perCore = instances === 'max' || instances === 0 || instances === -1 || instances === '0' || instances === '-1';
      const count = typeof instances === 'number' ? instances : Number(instances ?? 1);
      const line = lineOfText(project.read(path) ?? '', /exec_mode|instances/);
      const evidence = { file: path, line, detail: `PM2 app ${name}: exec_mode ${String(app.exec_mode ?? 'fork')}, instances ${String(instances ?? 1)}` };
      (cluster && (perCore || count >= MIN_REPLICAS) ? autoscaling.positive : autoscaling.negative).push(evidence);
    }
  }
}

function lineOfText(text: string, pattern: RegExp): number {
  const index = text.split(/\r?\n/).findIndex((line) => pattern.test(line));
  return index === -1 ? 1 : index + 1;
}

/** nginx configuration files: `nginx.conf`, `*.conf` under a folder named for nginx, and `conf.d`. */
function isNginxFile(path: string): boolean {
  return /(?:^|\/)nginx[^/]*\.conf(?:\.template)?$/.test(path) || (/\.conf(?:\.template)?$/.test(path) && /(?:^|\/)(?:nginx|conf\.d|sites-(?:available|enabled))\//.test(path));
}

function readNginx(project: ProjectFiles, facts: Pick<Facts, 'loadBalancing' | 'stickyRouting'>): void {
  for (const path of project.configFiles()) {
    if (!isNginxFile(path)) continue;
    const directives = allDirectives(parseNginxConfig(project.read(path) ?? ''));
    const upstreams = directives.filter((directive) => directive.name === 'upstream' && directive.children);
    const proxied = new Set(directives.filter((directive) => directive.name === 'proxy_pass').map((directive) => upstreamName(directive.args[0] ?? '')));
    for (const upstream of upstreams) {
      const name = upstream.args[0] ?? '';
      if (!proxied.has(name)) continue;
      facts.loadBalancing.examined = true;
      facts.stickyRouting.examined = true;
      const servers = (upstream.children ?? []).filter((directive) => directive.name === 'server' && !directive.args.includes('backup') && !directive.args.includes('down'));
      const evidence = { file: path, line: upstream.line, detail: `nginx upstream ${name} has ${servers.length} server${servers.length === 1 ? '' : 's'}` };
      (servers.length >= MIN_REPLICAS ? facts.loadBalancing.positive : facts.loadBalancing.negative).push(evidence);
      for (const directive of upstream.children ?? []) {
        const sticky = stickyDirective(directive);
        if (sticky) facts.stickyRouting.positive.push({ file: path, line: directive.line, detail: `nginx upstream ${name}: ${sticky}` });
      }
    }
  }
}

/** `proxy_pass http://app/;` names the upstream `app`. */
function upstreamName(url: string): string {
  return url.replace(/^[a-z]+:\/\//, '').replace(/[/:].*$/, '');
}

/** Returns the directive text when it pins each client to one server, else `undefined`. */
function stickyDirective(directive: NginxDirective): string | undefined {
  const text = [directive.name, ...directive.args].join(' ');
  if (directive.name === 'ip_hash' || directive.name === 'sticky') return text;
  // `hash $cookie_sid consistent` or `hash $remote_addr` pins a client; `hash $request_uri` pins a URL.
  if (directive.name === 'hash' && /\$(?:cookie_|remote_addr|binary_remote_addr|http_x_forwarded_for|arg_session)/.test(directive.args[0] ?? '')) return text;
  return undefined;
}

/** The socket.io servers of one file. */
export interface LongPollingSites {
  /** Servers that allow the long-polling transport. */
  evidence: DeploymentEvidence[];
  /** The file's last server that allows only the websocket transport. */
  websocketOnly?: DeploymentEvidence;
}

const NO_SOCKET_IO: LongPollingSites = { evidence: [] };

/**
 * Finds the socket.io servers of one file, and whether each allows the long-polling transport, the
 * default. Long polling sends each client's requests to whichever worker the balancer picks, so
 * socket.io needs sticky routing to work at all with several workers.
 */
export function findLongPollingSites(file: string, sourceFile: ts.SourceFile): LongPollingSites {
  if (!sourceFile.text.includes('socket.io')) return NO_SOCKET_IO;
  const sites: LongPollingSites = { evidence: [] };
  const references = new ReferenceResolver(new ScopeIndex());
  const visit = (node: ts.Node): void => {
    if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && isSocketIoServer(node, references)) {
      const options = node.arguments?.find((argument) => ts.isObjectLiteralExpression(argument)) as ts.ObjectLiteralExpression | undefined;
      const transports = options && propertyValue(options, 'transports');
      const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
      const onlyWebsocket = transports && ts.isArrayLiteralExpression(transports) && transports.elements.every((element) => ts.isStringLiteralLike(element) && element.text === 'websocket');
      if (onlyWebsocket) sites.websocketOnly = { file, line, detail: 'socket.io server allows only the websocket transport' };
      else sites.evidence.push({ file, line, detail: 'socket.io server allows the long-polling transport' });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return sites;
}

/** Settles the long-polling fact from the sites of every file, in the order the files were scanned. */
function longPollingFact(sitesByFile: Iterable<LongPollingSites>): DeploymentFact {
  const evidence: DeploymentEvidence[] = [];
  let websocketOnly: DeploymentEvidence | undefined;
  for (const sites of sitesByFile) {
    evidence.push(...sites.evidence);
    websocketOnly = sites.websocketOnly ?? websocketOnly;
  }
  if (evidence.length > 0) return { state: 'yes', evidence: sortEvidence(evidence) };
  return { state: 'no', evidence: websocketOnly ? [websocketOnly] : [] };
}

function isSocketIoServer(node: ts.NewExpression | ts.CallExpression, references: ReferenceResolver): boolean {
  const reference = references.resolve(node);
  return (
    isModuleMember(reference, 'socket.io', ['Server', NEW_INSTANCE]) ||
    isModuleMember(reference, 'socket.io', [NEW_INSTANCE]) ||
    isModuleMember(reference, 'socket.io', ['()']) ||
    isModuleMember(reference, 'socket.io', ['default', NEW_INSTANCE])
  );
}

/** Criteria whose findings are per-worker state that sticky routing hides. */
const MASKABLE_CRITERIA = new Set(['sessions', 'cache', 'state']);

/**
 * Returns the deployment facts with notes that need the findings: in-process state or sessions
 * behind sticky routing work until a worker restarts or the pool scales, so they are reported as
 * state masked by sticky routing. With a socket.io server that allows long polling, stickiness is
 * required and is noted as such; its own connection-registry findings are then not called masked.
 */
export function withDeploymentNotes(facts: DeploymentFacts, findings: readonly Finding[]): DeploymentFacts {
  const notes: DeploymentNote[] = [];
  if (facts.stickyRouting.state === 'yes') {
    const longPolling = facts.longPolling.state === 'yes';
    if (longPolling) {
      notes.push({
        code: 'sticky-routing-required-by-socket-io',
        message: 'Sticky routing is configured and socket.io allows long polling, which needs it: this combination is expected and not a fault.',
        related: facts.longPolling.evidence.map((evidence) => ({ file: evidence.file, start: { line: evidence.line, column: 1 }, end: { line: evidence.line, column: 1 } })),
      });
    }
    const masked = findings.filter(
      (finding) => finding.severity !== 'info' && MASKABLE_CRITERIA.has(finding.criterion) && !(longPolling && finding.category === 'realtime-adapter'),
    );
    if (masked.length > 0) {
      notes.push({
        code: 'state-masked-by-sticky-routing',
        message: `Sticky routing sends each client back to the same worker, which hides ${masked.length} in-process state finding${masked.length === 1 ? '' : 's'} until a worker restarts, is replaced or the pool scales. Move that state to a shared store; then the stickiness can go.`,
        related: masked.map((finding) => ({ file: finding.file, start: finding.start, end: finding.end })),
      });
    }
  }
  return { ...facts, notes };
}
