import type { ProcessRole } from '../engine/file-context.js';
import type { ModuleReference } from '../engine/references.js';
import type { Category, Severity } from '../model.js';

/**
 * The form in which a library's stateful object appears in code:
 * - `call`: the export is called, `session({...})`, `CacheModule.register()`;
 * - `new`: the export is constructed, `new LRUCache({...})`;
 * - `plugin`: the export is passed to `register`, `fastify.register(rateLimit, {...})`, whose
 *   options are then argument 1;
 * - `decorator`: the export decorates a class or member, `@Cron('* * * * *')`;
 * - `member`: a property chain is read, `io.sockets.sockets`.
 */
export type SiteKind = 'call' | 'new' | 'plugin' | 'decorator' | 'member';

export const SITE_KINDS: readonly SiteKind[] = ['call', 'new', 'plugin', 'decorator', 'member'];

/** The code that uses an entry's behaviour. */
export interface SiteMatcher {
  kind: SiteKind;
  /**
   * The exports that start the behaviour, as the reference resolver spells them: the function
   * called, the class constructed, the plugin registered, or, for `member`, the whole chain read
   * (`{ module: 'socket.io', path: ['Server', 'new', 'sockets', 'sockets'] }`).
   */
  exports: readonly ModuleReference[];
  /**
   * Report only the first site in a file. For module singletons such as memory-cache, whose state
   * is the module itself, so that ten `put` calls count as one per-process cache, not ten.
   */
  firstInFile?: boolean;
  /** For `new` sites: the export may also be called without `new`, as socket.io's default export can. */
  calledWithoutNew?: boolean;
}

/** Where a library takes the store that decides whether its state is shared. */
export interface StoreLocation {
  /** Index of the argument that contains the options object. For `plugin` sites, argument 1 is the options. */
  argument: number;
  /**
   * Index of an argument to read instead when `argument` is absent and this one is an object
   * literal: socket.io accepts `new Server(httpServer, options)` and `new Server(options)`.
   */
  fallbackArgument?: number;
  /** Option names that hold the store; any one of them present counts. */
  options: readonly string[];
  /** True when the argument may be the store itself instead of an options object: `new Keyv('redis://…')`. */
  argumentMayBeStore?: boolean;
  /** String values that name an in-process store, such as cache-manager's `'memory'`. */
  inProcessValues?: readonly string[];
  /**
   * A boolean property by which a store declares that it keeps its state per process, such as
   * express-rate-limit's `localKeys`. Read on object literals and on classes declared in the file.
   */
  localFlag?: string;
  /** Instance methods that set the store after construction, such as socket.io's `io.adapter(...)`. */
  configureMethods?: readonly string[];
  /**
   * The place where the library keeps state when no store is given, if every worker can read it,
   * such as koa-session's signed cookie. Without it, a missing store makes the site stateful.
   */
  sharedDefault?: string;
}

/** When a site keeps state per process. */
export type StatefulCondition =
  /** Every site is stateful: `new PubSub()`, `new NodeCache()`. */
  | { when: 'always' }
  /** No site is stateful, by design of the library: cookie-session keeps the session in the cookie. */
  | { when: 'never'; backing: string }
  /** Stateful unless a store is given that lives outside the process. */
  | { when: 'no-shared-store'; store: StoreLocation }
  /** Stateful when any of the options is given, such as multer's `dest`. */
  | { when: 'option-present'; argument: number; options: readonly string[] };

export type StatefulConditionKind = StatefulCondition['when'];

export const CONDITION_KINDS: readonly StatefulConditionKind[] = ['always', 'never', 'no-shared-store', 'option-present'];

/**
 * One stateful behaviour of one library. The shape is plain JSON, so a project can describe its
 * in-house libraries the same way (see `user-entries.ts`).
 */
export interface CatalogEntry {
  /** Unique, `<package>/<behaviour>`, for example `express-session/default-store`. */
  id: string;
  /** The npm package the behaviour comes from. */
  package: string;
  category: Category;
  /** Severity of a stateful site, by its consequence. */
  severity: Severity;
  site: SiteMatcher;
  stateful: StatefulCondition;
  /**
   * The stateful behaviour as the start of a sentence, which the rule's message continues with
   * the consequence: "express-session without a `store` keeps sessions in this process's memory".
   */
  finding: string;
  /** The fix, as one or more full sentences. */
  remedy: string;
  /** The library's own documentation that shows the default. Optional only for user entries. */
  source: string;
  /** The processes in which the behaviour breaks scaling; `['web']` when absent. */
  processes?: readonly ProcessRole[];
  /**
   * Let `classifyStateUse` decide the category from how the instance is used: a cache instance
   * that counts requests per key against a limit, or is used by a function that responds with
   * status 429, is a rate limiter.
   */
  classifyByUse?: boolean;
  /**
   * Option names under which the site is harmless because another library wraps it: a
   * RateLimiterMemory given as the `insuranceLimiter` of a Redis limiter only runs while Redis
   * is down.
   */
  exemptAsOption?: readonly string[];
}
