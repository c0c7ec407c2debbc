/**
 * A `lambda` target's own configuration, read from AWS before the run (lookup.ts), folded into the resolved target:
 * memory, timeout, architecture, runtime and /tmp from GetFunctionConfiguration, reserved concurrency from
 * GetFunctionConcurrency, provisioned concurrency of the version or alias the run invokes from
 * ListProvisionedConcurrencyConfigs (Lambda sets it per version or alias: an unqualified Invoke runs $LATEST, which has
 * none on AWS), the account's concurrency limit from GetAccountSettings. Each value read replaces the
 * documented default the resolver had to assume, and is listed in `defaults` with the API it came from, so the result
 * tells what was looked up from what was assumed. Pure.
 */
import { ARCHITECTURES, RUNTIMES, type Architecture, type Runtime } from '../scenario/types.js';
import type { AppliedDefault, ResolvedFunction, ResolvedTarget } from './types.js';

/** One version's or alias's provisioned concurrency, as ListProvisionedConcurrencyConfigs gives it. */
export interface ProvisionedConcurrencyConfig {
  /** The version or alias, from the end of its FunctionArn. */
  qualifier: string;
  /** Environments initialised and ready: what serves invocations now. */
  allocated: number;
  requested: number;
  /** `IN_PROGRESS`, `READY` or `FAILED`. */
  status?: string;
}

/** What the lookups returned; a field AWS left out stays undefined. */
export interface LambdaConfiguration {
  functionArn?: string;
  memoryMb?: number;
  /** Seconds, as the API gives it. */
  timeoutS?: number;
  /** `Architectures[0]`. */
  architecture?: string;
  /** Absent for container images. */
  runtime?: string;
  ephemeralStorageMb?: number;
  /** Undefined: the function has no reserved concurrency (it draws on the unreserved pool). */
  reservedConcurrency?: number;
  /** Every version and alias with provisioned concurrency; undefined when it was not looked up. */
  provisionedConcurrency?: ProvisionedConcurrencyConfig[];
  accountConcurrency?: number;
}

export const LOOKUP_SOURCES = {
  configuration: 'AWS lookup: lambda:GetFunctionConfiguration',
  concurrency: 'AWS lookup: lambda:GetFunctionConcurrency',
  provisioned: 'AWS lookup: lambda:ListProvisionedConcurrencyConfigs',
  account: 'AWS lookup: lambda:GetAccountSettings',
} as const;

/** What an Invoke without a qualifier runs. */
const EXECUTED_BY_UNQUALIFIED = '$LATEST';

export function withLambdaConfiguration(target: ResolvedTarget, config: LambdaConfiguration): ResolvedTarget {
  const { fn, read, accountConcurrency } = applyLambdaConfiguration(target.functions[0]!, config, 'target', target.invoke?.qualifier);
  const replaced = new Set(read.map((r) => r.path));
  return {
    ...target,
    accountConcurrency: accountConcurrency ?? target.accountConcurrency,
    functions: [fn, ...target.functions.slice(1)],
    ...(target.invoke ? { invoke: { ...target.invoke, ...(config.functionArn === undefined ? {} : { functionArn: config.functionArn }) } } : {}),
    defaults: [...target.defaults.filter((d) => !replaced.has(d.path)), ...read],
  };
}

/**
 * One function's configuration folded in: the function with the values read, each read value as an entry at
 * `{at}.memoryMb` (and so on) naming its API, and the account's concurrency when it was read. `qualifier`: the version
 * or alias invoked (its provisioned concurrency is the one that serves), default `$LATEST`.
 */
export function applyLambdaConfiguration(
  given: ResolvedFunction,
  config: LambdaConfiguration,
  at: string,
  qualifier: string | undefined,
): { fn: ResolvedFunction; read: AppliedDefault[]; accountConcurrency?: number } {
  const fn: ResolvedFunction = { ...given };
  const read: AppliedDefault[] = [];
  const note = (key: string, value: unknown, source: string): void => {
    read.push({ path: `${at}.${key}`, value, source });
  };
  const { configuration, concurrency, account } = LOOKUP_SOURCES;
  if (config.memoryMb !== undefined) note('memoryMb', (fn.memoryMb = config.memoryMb), configuration);
  if (config.timeoutS !== undefined) note('timeout', (fn.timeoutMs = config.timeoutS * 1_000), configuration);
  if (isArchitecture(config.architecture)) note('architecture', (fn.architecture = config.architecture), configuration);
  if (isRuntime(config.runtime)) note('runtime', (fn.runtime = config.runtime), configuration);
  // A runtime lambdaload has no model for (java21, a container image) stays unknown, visibly.
  else note('runtime', config.runtime ?? null, `${configuration} (${config.runtime === undefined ? 'no runtime: a container image' : 'not a runtime lambdaload models'}; left unknown)`);
  if (config.ephemeralStorageMb !== undefined) note('ephemeralStorageMb', (fn.ephemeralStorageMb = config.ephemeralStorageMb), configuration);
  if (config.reservedConcurrency !== undefined) note('reservedConcurrency', (fn.reservedConcurrency = config.reservedConcurrency), concurrency);
  else note('reservedConcurrency', null, `${concurrency} (none reserved: the function draws on the unreserved pool)`);
  if (config.provisionedConcurrency !== undefined) {
    const invoked = qualifier ?? EXECUTED_BY_UNQUALIFIED;
    const own = config.provisionedConcurrency.find((c) => c.qualifier === invoked);
    const others = config.provisionedConcurrency.filter((c) => c !== own).map((c) => `${c.qualifier}: ${c.allocated}`);
    const elsewhere = others.length > 0 ? `; also on ${others.join(', ')}, which this run does not invoke` : '';
    const state = own && own.status !== undefined && own.status !== 'READY' ? ` (${own.status}: ${own.allocated} of ${own.requested} requested ready)` : '';
    fn.provisionedConcurrency = own?.allocated ?? 0;
    note('provisionedConcurrency', fn.provisionedConcurrency, `${LOOKUP_SOURCES.provisioned}${own ? ` on ${invoked}${state}` : ` (none on ${invoked})`}${elsewhere}`);
  }
  if (config.accountConcurrency === undefined) return { fn, read };
  read.push({ path: 'target.accountConcurrency', value: config.accountConcurrency, source: account });
  return { fn, read, accountConcurrency: config.accountConcurrency };
}

function isArchitecture(value: string | undefined): value is Architecture {
  return (ARCHITECTURES as readonly string[]).includes(value ?? '');
}

function isRuntime(value: string | undefined): value is Runtime {
  return (RUNTIMES as readonly string[]).includes(value ?? '');
}
