/**
 * Collects the defaults applied while a target is resolved (resolve.ts, resolve-url.ts): each value the scenario left
 * out, the documented default used instead and its source.
 */
import { accountThrottle, type DefaultValue } from '../facts/defaults.js';
import { parseDurationMs } from '../scenario/duration.js';
import type { Duration } from '../scenario/types.js';
import type { AppliedDefault, ResolvedThrottle } from './types.js';

export class Defaults {
  readonly applied: AppliedDefault[] = [];

  /** `value` when given, else the default (recorded at `path`). */
  pick<T>(value: T | undefined, path: string, fallback: DefaultValue<T>): T {
    if (value !== undefined) return value;
    this.applied.push({ path, value: fallback.value, source: `${fallback.source} (as of ${fallback.asOf})` });
    return fallback.value;
  }

  /** A duration in ms when given, else the default in ms. */
  ms(value: Duration | undefined, path: string, fallback: DefaultValue<number>): number {
    return value === undefined ? this.pick(undefined, path, fallback) : parseDurationMs(value);
  }

  /** The account-level throttle of the Region, shared by every API of the account. */
  accountThrottle(region: string): ResolvedThrottle {
    return this.pick<ResolvedThrottle>(undefined, 'target.api.accountThrottle', accountThrottle(region));
  }
}
