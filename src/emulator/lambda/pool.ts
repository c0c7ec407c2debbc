/**
 * One function's execution environments: which are idle, which are busy, and when each goes away.
 * - Idle provisioned environments are handed out first (Lambda routes to provisioned concurrency before it spills
 *   over to on-demand), then the most recently used idle on-demand one (LIFO keeps few environments hot).
 * - An idle on-demand environment is reclaimed after `idleTimeoutMs`; provisioned ones are never reclaimed for
 *   idleness. Any environment retires once it is older than `maxLifetimeMs`, at its next idle moment (Lambda
 *   "terminates execution environments every few hours … even for functions that are invoked continuously",
 *   coldstarts.md §3); a provisioned one that retires or dies is replaced.
 * Timers are unref'd (they never keep lambdaload alive) and cleared when the environment goes.
 */
import { createScalingBucket, type ScalingBucket } from './concurrency.js';
import type { Environment } from './environment.js';
import type { FunctionConfig } from './types.js';

export interface PoolDeps {
  idleTimeoutMs: number;
  maxLifetimeMs: number;
  isClosing(): boolean;
  /** Start a provisioned environment in place of one that is gone. */
  replaceProvisioned(pool: FunctionPool): void;
  /** An environment left the pool (its process is being stopped). */
  onRetired(env: Environment): void;
}

export interface FunctionPool {
  readonly fn: FunctionConfig;
  readonly live: ReadonlySet<Environment>;
  /** Provisioned environments allocated (initialised or starting): they count against concurrency, busy or idle. */
  provisioned: number;
  /** On-demand environments serving (or initialising for) an invocation. */
  busyOnDemand: number;
  readonly scaling: ScalingBucket;
  idleCount(): number;
  /** Starts tracking a new environment. */
  adopt(env: Environment): void;
  takeProvisioned(): Environment | undefined;
  takeOnDemand(): Environment | undefined;
  /** Makes an initialised provisioned environment available. */
  offerProvisioned(env: Environment): void;
  /** After an invocation: idle again, or retired. */
  release(env: Environment, reusable: boolean): void;
  /** Removes an environment and stops its process (a provisioned one is replaced). */
  retire(env: Environment): void;
  /** Removes an environment that never served (its init failed), without replacing it. */
  discard(env: Environment): void;
  /** Stops every timer and process; resolves when all processes have exited. */
  disposeAll(): Promise<void>;
}

interface Timers {
  idle?: NodeJS.Timeout;
  lifetime?: NodeJS.Timeout;
}

export function createFunctionPool(fn: FunctionConfig, deps: PoolDeps, nowMs: number): FunctionPool {
  const live = new Set<Environment>();
  const idle: Environment[] = [];
  const idleProvisioned: Environment[] = [];
  const timers = new Map<Environment, Timers>();

  function take(list: Environment[]): Environment | undefined {
    while (list.length > 0) {
      const env = list.pop() as Environment;
      if (env.state === 'dead') continue;
      clearTimeout(timers.get(env)?.idle);
      env.reserve();
      return env;
    }
    return undefined;
  }

  function remove(list: Environment[], env: Environment): boolean {
    const at = list.indexOf(env);
    if (at >= 0) list.splice(at, 1);
    return at >= 0;
  }

  const pool: FunctionPool = {
    fn,
    live,
    provisioned: 0,
    busyOnDemand: 0,
    scaling: createScalingBucket(nowMs),
    idleCount: () => idle.length + idleProvisioned.length,

    adopt(env) {
      live.add(env);
      const lifetime = setTimeout(() => {
        // Retire now if idle; a busy environment retires when its invocation ends (release()).
        if (remove(idle, env) || remove(idleProvisioned, env)) pool.retire(env);
      }, deps.maxLifetimeMs);
      lifetime.unref();
      timers.set(env, { lifetime });
    },

    takeProvisioned: () => take(idleProvisioned),
    takeOnDemand: () => take(idle),

    offerProvisioned(env) {
      idleProvisioned.push(env);
    },

    release(env, reusable) {
      if (!reusable || deps.isClosing() || env.state === 'dead' || Date.now() - env.createdAtMs >= deps.maxLifetimeMs) {
        pool.retire(env);
        return;
      }
      if (env.provisioned) {
        idleProvisioned.push(env);
        return;
      }
      idle.push(env);
      const envTimers = timers.get(env) ?? {};
      clearTimeout(envTimers.idle);
      envTimers.idle = setTimeout(() => {
        if (remove(idle, env)) pool.retire(env);
      }, deps.idleTimeoutMs);
      envTimers.idle.unref();
      timers.set(env, envTimers);
    },

    retire(env) {
      if (!live.has(env)) return;
      pool.discard(env);
      if (env.provisioned) {
        pool.provisioned--;
        if (!deps.isClosing()) deps.replaceProvisioned(pool);
      }
    },

    discard(env) {
      if (!live.delete(env)) return;
      remove(idle, env);
      remove(idleProvisioned, env);
      clearTimers(env);
      deps.onRetired(env);
      void env.dispose();
    },

    async disposeAll() {
      for (const env of live) clearTimers(env);
      const all = [...live];
      live.clear();
      idle.length = 0;
      idleProvisioned.length = 0;
      await Promise.all(all.map((env) => env.dispose()));
    },
  };

  function clearTimers(env: Environment): void {
    const envTimers = timers.get(env);
    clearTimeout(envTimers?.idle);
    clearTimeout(envTimers?.lifetime);
    timers.delete(env);
  }

  return pool;
}
