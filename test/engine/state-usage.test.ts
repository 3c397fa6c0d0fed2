import type ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fileContextFor } from '../../src/engine/file-context.js';
import { bindingReferences } from '../../src/engine/bindings.js';
import { parseSource } from '../../src/engine/parse.js';
import { classifyStateUse, type StateUse } from '../../src/engine/state-usage.js';

/** Classifies the variable declared by the first statement of `code` from its uses in the file. */
function classifyFirst(code: string): StateUse {
  const file = fileContextFor(parseSource('src/state.ts', code), 'src/state.ts');
  const statement = file.sourceFile.statements[0] as ts.VariableStatement;
  const declaration = statement.declarationList.declarations[0]!;
  const name = (declaration.name as ts.Identifier).text;
  return classifyStateUse(name, bindingReferences(file, name, declaration));
}

describe('classifyStateUse', () => {
  it('reads a session store from its name', () => {
    expect(classifyFirst('const loginSessions = new Map();\nexport const f = (id: string) => loginSessions.set(id, 1);')).toBe('session-store');
  });

  it('reads a rate limiter from a counting name', () => {
    expect(classifyFirst('const attempts = new Map();\nexport const f = (id: string) => attempts.set(id, (attempts.get(id) ?? 0) + 1);')).toBe('rate-limit-store');
  });

  it('needs more than a rate-limit name', () => {
    const code = [
      'const throttle = new Map();',
      'export async function renewSession(token: string) {',
      '  if (throttle.get(token)) return;',
      '  throttle.set(token, true);',
      '}',
    ].join('\n');
    expect(classifyFirst(code)).toBe('module-state');
  });

  it('reads a rate limiter from a count compared with a limit', () => {
    const code = [
      'const seen = new Map<string, number>();',
      'export function allow(ip: string) {',
      '  const count = (seen.get(ip) ?? 0) + 1;',
      '  seen.set(ip, count);',
      '  return count <= 100;',
      '}',
    ].join('\n');
    expect(classifyFirst(code)).toBe('rate-limit-store');
  });

  it('reads a rate limiter from an incremented entry', () => {
    const code = [
      'const windows = new Map<string, { count: number }>();',
      'export function allow(ip: string) {',
      '  const entry = windows.get(ip) ?? { count: 0 };',
      '  entry.count++;',
      '  windows.set(ip, entry);',
      '  return entry.count <= 100;',
      '}',
    ].join('\n');
    expect(classifyFirst(code)).toBe('rate-limit-store');
  });

  it('reads a rate limiter from a time window', () => {
    const code = [
      'const lastSent = new Map<string, number>();',
      'export function maySend(email: string) {',
      '  const last = lastSent.get(email);',
      '  if (last !== undefined && Date.now() - last < 60_000) return false;',
      '  lastSent.set(email, Date.now());',
      '  return true;',
      '}',
    ].join('\n');
    expect(classifyFirst(code)).toBe('rate-limit-store');
  });

  it('reads a rate limiter from request times pushed per key', () => {
    const code = [
      'const requestLog = new Map<string, number[]>();',
      'export function allow(ip: string) {',
      '  const times = requestLog.get(ip) ?? [];',
      '  times.push(Date.now());',
      '  requestLog.set(ip, times);',
      '  return times.filter((time) => Date.now() - time < 60_000).length <= 20;',
      '}',
    ].join('\n');
    expect(classifyFirst(code)).toBe('rate-limit-store');
  });

  it('keeps a count without a bound as module state', () => {
    expect(classifyFirst('const views = new Map();\nexport const f = (id: string) => views.set(id, (views.get(id) ?? 0) + 1);')).toBe('module-state');
  });

  it('keeps an expiry check as module state', () => {
    const code = [
      'const entries = new Map<string, { value: string; expiresAt: number }>();',
      'export function read(key: string) {',
      '  const entry = entries.get(key);',
      '  return entry && entry.expiresAt > Date.now() ? entry.value : undefined;',
      '}',
      'export function write(key: string, value: string) {',
      '  entries.set(key, { value, expiresAt: Date.now() + 60_000 });',
      '}',
    ].join('\n');
    expect(classifyFirst(code)).toBe('module-state');
  });

  it('reads a rate limiter from a 429 status', () => {
    const code = ['const seen = new Map();', 'export function f(id: string, res: any) {', '  if (seen.has(id)) return res.status(429);', '  seen.set(id, 1);', '}'].join('\n');
    expect(classifyFirst(code)).toBe('rate-limit-store');
  });

  it('reads a rate limiter from a Retry-After header', () => {
    const code = ['const seen = new Map();', 'export function f(id: string, res: any) {', "  if (seen.has(id)) res.set('Retry-After', '60');", '  seen.set(id, 1);', '}'].join('\n');
    expect(classifyFirst(code)).toBe('rate-limit-store');
  });

  it('lets a 429 win over a cache name', () => {
    const code = ['const cache = new Map();', 'export function f(id: string, res: any) {', '  if (cache.has(id)) return res.status(429);', '  cache.set(id, 1);', '}'].join('\n');
    expect(classifyFirst(code)).toBe('rate-limit-store');
  });

  it('lets the state name win over a function name', () => {
    const code = ['const sessions = new Map();', 'export function attemptLogin(id: string) {', '  sessions.set(id, 1);', '}'].join('\n');
    expect(classifyFirst(code)).toBe('session-store');
  });

  it('reads a rate limiter from a function name and stored times', () => {
    const code = ['const windows = new Map();', 'export function throttle(id: string) {', '  windows.set(id, Date.now());', '}'].join('\n');
    expect(classifyFirst(code)).toBe('rate-limit-store');
  });

  it('reads a session store from a cookie key', () => {
    const code = ['const users = new Map();', 'export const me = (req: any) => users.get(req.cookies.sid);'].join('\n');
    expect(classifyFirst(code)).toBe('session-store');
  });

  it('reads a session store from a set beside res.cookie', () => {
    const code = ['const users = new Map();', 'export function login(id: string, res: any) {', '  users.set(id, {});', "  res.cookie('sid', id);", '}'].join('\n');
    expect(classifyFirst(code)).toBe('session-store');
  });

  it('reads a cache from its name', () => {
    expect(classifyFirst('const priceCache = {};\nexport const f = (id: string) => priceCache[id];')).toBe('shared-cache');
  });

  it('reads a connection registry from sockets stored on connection', () => {
    const code = ['const members = new Map();', "io.on('connection', (socket: any) => {", '  members.set(socket.id, socket);', '});'].join('\n');
    expect(classifyFirst(code)).toBe('realtime-adapter');
  });

  it('reads a connection registry from sockets stored by key', () => {
    const code = ['const users: Record<string, unknown> = {};', "io.on('connection', (socket: any) => {", '  users[socket.id] = socket;', '});'].join('\n');
    expect(classifyFirst(code)).toBe('realtime-adapter');
  });

  it('reads a connection registry from event-stream responses', () => {
    const code = [
      'const listeners = new Set();',
      'export function stream(req: any, res: any) {',
      "  res.setHeader('Content-Type', 'text/event-stream');",
      '  listeners.add(res);',
      '}',
    ].join('\n');
    expect(classifyFirst(code)).toBe('realtime-adapter');
  });

  it('keeps a response stored without an event stream as module state', () => {
    const code = ['const pending = new Set();', 'export function wait(req: any, res: any) {', '  pending.add(res);', '}'].join('\n');
    expect(classifyFirst(code)).toBe('module-state');
  });

  it('falls back to module state', () => {
    expect(classifyFirst('const pendingReminders = new Map();\nexport const f = (id: string) => pendingReminders.delete(id);')).toBe('module-state');
  });
});
