import ts from 'typescript';
import type { Detector, DetectionSink } from '../engine/detector.js';
import type { FileContext } from '../engine/file-context.js';
import { hasModifier, thisFieldAccesses } from '../engine/bindings.js';
import { functionPhasesOf } from '../engine/execution-phase.js';
import { isNestSingleton } from '../engine/framework-roles.js';
import { classifyReference, instanceFieldKinds, STATEFUL_MUTATIONS, type MutationSite } from '../engine/mutations.js';
import { isModuleMember, type ModuleReference } from '../engine/references.js';
import { classifyStateUse } from '../engine/state-usage.js';

export type MessageIds = 'singletonField';

/** Scheduling decorators; methods carrying them run on a timer, which no-in-process-jobs reports. */
const SCHEDULE_DECORATORS = ['Cron', 'Interval', 'Timeout'];

function detect(file: FileContext, sink: DetectionSink<MessageIds>): void {
  if (!file.roles.has('web')) return;

  for (const owner of file.syntax.classes) {
    if (!ts.isClassDeclaration(owner) || !owner.name || !isNestSingleton(owner, file)) continue;
    const fieldKinds = instanceFieldKinds(owner, file);
    const changesByField = new Map<string, MutationSite[]>();

    for (const member of requestMembers(owner, file)) {
      for (const access of thisFieldAccesses(member, undefined)) {
        const kind = fieldKinds.get(access.name.text);
        if (kind === undefined) continue; // Not a declared field: a constructor parameter property or an accessor.
        const site = classifyReference(access, kind, file, undefined);
        if (!site || !STATEFUL_MUTATIONS.has(site.kind)) continue;
        const changes = changesByField.get(access.name.text) ?? [];
        changes.push(site);
        changesByField.set(access.name.text, changes);
      }
    }

    for (const field of owner.members) {
      if (!ts.isPropertyDeclaration(field) || !(ts.isIdentifier(field.name) || ts.isPrivateIdentifier(field.name))) continue;
      const fieldName = field.name.text;
      const changes = changesByField.get(fieldName);
      if (!changes) continue;
      const uses = owner.members.flatMap((member) => thisFieldAccesses(member, fieldName)).map((access) => access.name as ts.Identifier);
      const provider = owner.name.text;
      sink.report({
        node: field.name,
        messageId: 'singletonField',
        data: { name: fieldName, provider },
        category: classifyStateUse(fieldName, uses),
        severity: 'error',
        related: changes.map((site) => ({ node: site.node, message: `${provider}.${fieldName} is changed here, in a method that runs per request.` })),
      });
    }
  }
}

/**
 * The members whose code runs when a request reaches the provider: methods, accessors and arrow
 * function fields that run per request. Constructors and lifecycle hooks run at start-up or
 * shutdown, and scheduled methods run on a timer, which no-in-process-jobs reports.
 */
function requestMembers(owner: ts.ClassDeclaration, file: FileContext): ts.ClassElement[] {
  const members: ts.ClassElement[] = [];
  for (const member of owner.members) {
    if (ts.canHaveModifiers(member) && hasModifier(member, ts.SyntaxKind.StaticKeyword)) continue;
    if (ts.isMethodDeclaration(member) || ts.isGetAccessor(member) || ts.isSetAccessor(member)) {
      if (isScheduled(member, file) || !functionPhasesOf(member, file).has('per-request')) continue;
      members.push(member);
    } else if (ts.isPropertyDeclaration(member) && member.initializer && (ts.isArrowFunction(member.initializer) || ts.isFunctionExpression(member.initializer))) {
      if (functionPhasesOf(member.initializer, file).has('per-request')) members.push(member);
    }
  }
  return members;
}

function isScheduled(member: ts.MethodDeclaration | ts.AccessorDeclaration, file: FileContext): boolean {
  return (ts.getDecorators(member) ?? []).some((decorator) => {
    const expression = decorator.expression;
    const reference: ModuleReference | undefined = file.references.resolve(ts.isCallExpression(expression) ? expression.expression : expression);
    return SCHEDULE_DECORATORS.some((name) => isModuleMember(reference, '@nestjs/schedule', [name]));
  });
}

export const noSingletonProviderState: Detector<MessageIds> = {
  id: 'no-singleton-provider-state',
  description: 'Disallow instance fields of singleton NestJS providers that request handlers change',
  categories: ['module-state', 'session-store', 'rate-limit-store', 'shared-cache', 'realtime-adapter'],
  messages: {
    singletonField:
      '`{{name}}` is a field of `{{provider}}`, which NestJS creates once per process and shares among all requests, so each worker keeps its own value and a request served by another worker sees a different one. Keep the data in a shared store such as Redis or the database, or in a provider with `scope: Scope.REQUEST`.',
  },
  detect,
};
