/**
 * Spare runtime processes: per function, a few runtime processes started ahead of need up to their bootstrap (no user
 * code run), so that a cold start costs what the function's own INIT costs rather than what many simultaneous process
 * start-ups on a few local cores cost. On AWS every new environment gets CPU of its own; here start-ups share the
 * host, and each one that runs slow keeps requests waiting, which starts yet more environments (the cascade that made
 * the same scenario give 2 or 40 cold starts from run to run).
 *
 * - A cold start takes a ready spare (Lambda's rule is untouched: the service decided a new environment is needed;
 *   this only supplies its process). With none ready it waits for the next one; the wait is reported by the caller.
 * - The runtime start a cold start reports is the function's reference boot: the median boot of its first
 *   REFERENCE_BOOTS spares, started one at a time at normal priority (before traffic, from `fill()`). A boot measured
 *   later, while the run's traffic and other start-ups share the cores, says more about this machine than about the
 *   runtime.
 * - Every other spare starts in the background (the lowest CPU weight, cgroup.ts), at most `maxBooting` at once:
 *   environments serving requests keep the CPU they would have without it, so a refill cannot slow them into more
 *   cold starts (the feedback the spares exist to break). A start-up that a cold start waits on is that request's
 *   own environment starting (on AWS it would have CPU of its own): it runs at normal weight, and a background one
 *   is hurried when a cold start arrives to wait on it. Left at the lowest weight on a busy host, those start-ups
 *   took seconds and every request arriving meanwhile started yet another environment.
 * - Node.js and Python only: a custom runtime's `bootstrap` is the function's own code, so its start is its INIT.
 * - A function whose runtime fails to prestart three times in a row gets no more spares (cold starts then spawn
 *   their process, as without spares).
 */
import type { Environment } from './environment.js';
import { runtimeKind } from './runtime-launch.js';
import type { FunctionConfig } from './types.js';

/** Boots per function, one at a time at normal priority, whose median is the function's reference boot. */
const REFERENCE_BOOTS = 3;
/** Consecutive failed prestarts after which a function's cold starts spawn their own process. */
const MAX_CONSECUTIVE_FAILURES = 3;

export interface SpareOptions {
  functions: readonly FunctionConfig[];
  /** Ready spares kept per function (0: none). */
  perFunction: number;
  /** Start-ups running at once, all functions together. */
  maxBooting: number;
  /** How long a runtime may take to reach its bootstrap's wait. */
  bootLimitMs: number;
  create(fn: FunctionConfig): Promise<Environment>;
  /** A spare could not be started (the reason, for the function's log). */
  onFailure(fn: FunctionConfig, reason: string): void;
}

export interface SpareRuntimes {
  /** Whether cold starts of this function take spares. */
  serves(fn: FunctionConfig): boolean;
  /** A prestarted environment, waiting for one if none is ready; `undefined` when this function has no spares. */
  take(fn: FunctionConfig): Promise<Environment | undefined>;
  /** Starts the first spares; resolves once every function has its spares ready (or has given up). */
  fill(): Promise<void>;
  counts(): { ready: number; booting: number; waiting: number };
  /** The function's reference boot (ms), once its first spares have started; `undefined` before. */
  referenceBootMs(fn: FunctionConfig): number | undefined;
  /** Stops every spare process and answers waiters with `undefined`. */
  close(): Promise<void>;
}

interface FunctionSpares {
  fn: FunctionConfig;
  ready: Environment[];
  booting: number;
  /** Start-ups under way at the lowest weight, oldest first: the ones a new waiter can hurry. */
  background: Environment[];
  waiters: ((env: Environment | undefined) => void)[];
  failures: number;
  enabled: boolean;
  /** Boots of the first spares (up to `perFunction`), for the reference. */
  firstBootsMs: number[];
  referenceBootMs?: number;
}

export function createSpareRuntimes(options: SpareOptions): SpareRuntimes {
  const byName = new Map<string, FunctionSpares>();
  for (const fn of options.functions) {
    const enabled = options.perFunction > 0 && runtimeKind(fn.runtime) !== 'provided';
    byName.set(fn.name, { fn, ready: [], booting: 0, background: [], waiters: [], failures: 0, enabled, firstBootsMs: [] });
  }
  let booting = 0;
  let referenceBooting = false;
  let closed = false;
  const boots = new Set<Promise<void>>();
  let cursor = 0;
  const filled: (() => void)[] = [];

  /** Spares a function still needs: its target plus the cold starts waiting, minus what is ready or booting. */
  const deficit = (s: FunctionSpares) => (s.enabled ? options.perFunction + s.waiters.length - s.ready.length - s.booting : 0);

  /** Boots still needed for the function's reference (counting those under way). */
  const referenceNeeded = (s: FunctionSpares) => Math.min(REFERENCE_BOOTS, Math.max(1, options.perFunction)) - s.firstBootsMs.length;

  function pump(): void {
    const all = [...byName.values()];
    while (!closed && booting < options.maxBooting && !referenceBooting) {
      // Round robin over functions, waiters first: a cold start waiting matters more than a spare for later.
      let pick: FunctionSpares | undefined;
      for (let i = 0; i < all.length && !pick; i++) {
        const s = all[(cursor + i) % all.length]!;
        if (s.waiters.length > s.booting && deficit(s) > 0) pick = s;
      }
      for (let i = 0; i < all.length && !pick; i++) {
        const s = all[(cursor + i) % all.length]!;
        if (deficit(s) > 0) pick = s;
      }
      if (!pick) break;
      cursor = (all.indexOf(pick) + 1) % all.length;
      // A reference boot runs alone: nothing else starts until it is done.
      const reference = referenceNeeded(pick) > 0;
      if (reference && booting > 0) break;
      const started = boot(pick, reference);
      boots.add(started);
      void started.finally(() => boots.delete(started));
    }
    if (booting === 0 && all.every((s) => deficit(s) <= 0)) for (const done of filled.splice(0)) done();
  }

  async function boot(s: FunctionSpares, reference: boolean): Promise<void> {
    booting++;
    s.booting++;
    referenceBooting = reference;
    let env: Environment | undefined;
    let failure: string | undefined;
    try {
      env = await options.create(s.fn);
      // Waiters beyond the start-ups already under way are waiting on this one.
      const background = !reference && s.waiters.length < s.booting;
      if (background) s.background.push(env);
      const outcome = await env.prestart(options.bootLimitMs, background ? 'background' : 'normal');
      if (!outcome.ok) failure = outcome.reason;
      else if (reference) noteBoot(s, outcome.bootMs);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (env) s.background = s.background.filter((e) => e !== env);
    booting--;
    s.booting--;
    referenceBooting = false;
    if (failure !== undefined || !env) {
      if (env) void env.dispose();
      if (!closed) noteFailure(s, failure ?? 'unknown');
    } else if (closed) {
      void env.dispose();
    } else {
      s.failures = 0;
      const waiter = s.waiters.shift();
      if (waiter) waiter(env);
      else s.ready.push(env);
    }
    pump();
  }

  function noteBoot(s: FunctionSpares, bootMs: number): void {
    s.firstBootsMs.push(bootMs);
    const sorted = [...s.firstBootsMs].sort((a, b) => a - b);
    s.referenceBootMs = sorted[Math.floor((sorted.length - 1) / 2)];
  }

  function noteFailure(s: FunctionSpares, reason: string): void {
    s.failures++;
    options.onFailure(s.fn, reason);
    if (s.failures < MAX_CONSECUTIVE_FAILURES) return;
    s.enabled = false;
    for (const waiter of s.waiters.splice(0)) waiter(undefined);
  }

  return {
    serves: (fn) => byName.get(fn.name)?.enabled === true,

    take(fn) {
      const s = byName.get(fn.name);
      if (!s || !s.enabled || closed) return Promise.resolve(undefined);
      while (s.ready.length > 0) {
        // The oldest first: a spare that waited longest has the most settled process.
        const env = s.ready.shift()!;
        if (env.state === 'dead') continue;
        pump();
        return Promise.resolve(env);
      }
      const taken = new Promise<Environment | undefined>((resolve) => s.waiters.push(resolve));
      s.background.shift()?.hurry();
      pump();
      return taken;
    },

    fill() {
      if (closed) return Promise.resolve();
      const done = new Promise<void>((resolve) => filled.push(resolve));
      pump();
      return done;
    },

    referenceBootMs: (fn) => byName.get(fn.name)?.referenceBootMs,

    counts() {
      let ready = 0;
      let waiting = 0;
      for (const s of byName.values()) {
        ready += s.ready.length;
        waiting += s.waiters.length;
      }
      return { ready, booting, waiting };
    },

    async close() {
      closed = true;
      for (const done of filled.splice(0)) done();
      const spares: Environment[] = [];
      for (const s of byName.values()) {
        for (const waiter of s.waiters.splice(0)) waiter(undefined);
        spares.push(...s.ready.splice(0));
      }
      await Promise.all(spares.map((env) => env.dispose()));
      // Start-ups under way dispose of their environment themselves when they finish.
      await Promise.allSettled([...boots]);
    },
  };
}
