/**
 * Validation of a CostUsage (from code, flags or a usage file): every problem at once, each naming its key path.
 */
import { LambdaloadError } from '../errors.js';
import { QUOTAS } from '../facts/quotas.js';
import { Checker } from './usage-checker.js';
import { checkApi, checkFunctionFeatures, checkFreeTiers, checkProducts, FUNCTION_FEATURE_KEYS, PRODUCT_KEYS } from './usage-validate-features.js';
import type { CostUsage } from './types.js';

const FUNCTION_KEYS = [
  'name',
  'memoryMb',
  'architecture',
  'ephemeralStorageMb',
  'requests',
  'durationMs',
  'coldStarts',
  'initDurationMs',
  'initAlwaysBilled',
  'billed',
  'provisioned',
  ...FUNCTION_FEATURE_KEYS,
];

function checkFunction(c: Checker, value: unknown, path: string): void {
  const fn = c.object(value, path, FUNCTION_KEYS);
  if (!fn) return;
  if (fn.name !== undefined && typeof fn.name !== 'string') c.problems.push(`${path}.name: expected a string, got ${JSON.stringify(fn.name)}`);
  c.number(fn, 'memoryMb', path, { required: true, min: QUOTAS.memoryMinMb.value, max: QUOTAS.memoryMaxMb.value });
  c.oneOf(fn, 'architecture', path, [undefined, 'x86_64', 'arm64']);
  c.number(fn, 'ephemeralStorageMb', path, { min: QUOTAS.ephemeralStorageMinMb.value, max: QUOTAS.ephemeralStorageMaxMb.value });
  c.number(fn, 'requests', path, { required: true });
  c.number(fn, 'durationMs', path, { required: fn.billed === undefined && fn.requests !== 0 });
  c.number(fn, 'coldStarts', path, { max: typeof fn.requests === 'number' ? fn.requests : undefined });
  c.number(fn, 'initDurationMs', path);
  c.oneOf(fn, 'initAlwaysBilled', path, [undefined, true, false]);
  if (fn.billed !== undefined) {
    const billed = c.object(fn.billed, `${path}.billed`, ['onDemandMs', 'initMs', 'provisionedMs']);
    if (billed) for (const key of ['onDemandMs', 'initMs', 'provisionedMs']) c.number(billed, key, `${path}.billed`, { required: key === 'onDemandMs' });
  }
  checkFunctionFeatures(c, fn, path);
  if (fn.provisioned !== undefined) {
    const pc = c.object(fn.provisioned, `${path}.provisioned`, ['environments', 'hoursEnabled', 'requests', 'durationMs']);
    if (!pc) return;
    c.number(pc, 'environments', `${path}.provisioned`, { required: true });
    c.number(pc, 'hoursEnabled', `${path}.provisioned`, { required: true });
    c.number(pc, 'requests', `${path}.provisioned`, { required: true, max: typeof fn.requests === 'number' ? fn.requests : undefined });
    c.number(pc, 'durationMs', `${path}.provisioned`);
  }
}

const USAGE_KEYS = ['region', 'freeTier', 'apiGatewayFreeTier', 'freeTiers', 'billing', 'functions', 'api', 'apis', 'websocket', 'cache', 'dataTransferOutGb', ...PRODUCT_KEYS];

/** Every problem of a usage, as `path: what is wrong` lines. Empty when valid. */
export function validateCostUsage(value: unknown, path = 'usage'): string[] {
  const c = new Checker();
  const usage = c.object(value, path, USAGE_KEYS);
  if (!usage) return c.problems;
  if (typeof usage.region !== 'string' || usage.region === '') c.problems.push(`${path}.region: required (an AWS Region such as us-east-1; there is no default)`);
  c.oneOf(usage, 'freeTier', path, [undefined, true, false]);
  c.oneOf(usage, 'apiGatewayFreeTier', path, [undefined, true, false]);
  if (usage.freeTiers !== undefined) checkFreeTiers(c, usage.freeTiers, `${path}.freeTiers`);
  if (usage.billing !== undefined) {
    const billing = c.object(usage.billing, `${path}.billing`, ['date', 'granularityMs']);
    if (billing && billing.date !== undefined && !(typeof billing.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(billing.date))) {
      c.problems.push(`${path}.billing.date: expected an ISO date such as 2025-08-01, got ${JSON.stringify(billing.date)}`);
    }
    if (billing) c.oneOf(billing, 'granularityMs', `${path}.billing`, [undefined, 1, 100]);
  }
  if (usage.functions !== undefined) {
    if (!Array.isArray(usage.functions)) c.problems.push(`${path}.functions: expected an array`);
    else usage.functions.forEach((fn, i) => checkFunction(c, fn, `${path}.functions[${i}]`));
  }
  if (usage.api !== undefined) checkApi(c, usage.api, `${path}.api`);
  if (usage.apis !== undefined) c.array(usage.apis, `${path}.apis`, (api, p) => checkApi(c, api, p));
  checkProducts(c, usage, path);
  if (usage.websocket !== undefined) {
    const ws = c.object(usage.websocket, `${path}.websocket`, ['messages', 'messageKb', 'connectionMinutes']);
    if (ws) {
      c.number(ws, 'messages', `${path}.websocket`, { required: true });
      c.number(ws, 'messageKb', `${path}.websocket`, { max: QUOTAS.websocketMessageBytes.value / 1024 });
      c.number(ws, 'connectionMinutes', `${path}.websocket`);
    }
  }
  if (usage.cache !== undefined) {
    const cache = c.object(usage.cache, `${path}.cache`, ['sizeGb', 'hours']);
    if (cache) {
      c.number(cache, 'sizeGb', `${path}.cache`, { required: true });
      c.number(cache, 'hours', `${path}.cache`, { required: true });
    }
  }
  c.number(usage, 'dataTransferOutGb', path);
  return c.problems;
}

/** Throws USAGE with every problem when the usage is invalid. */
export function assertValidCostUsage(value: unknown, path = 'usage'): asserts value is CostUsage {
  const problems = validateCostUsage(value, path);
  if (problems.length === 0) return;
  throw new LambdaloadError('USAGE', `invalid cost usage: ${problems.length} problem${problems.length === 1 ? '' : 's'}`, {
    problems,
    hint: 'Fix the listed keys; README.md "Usage files" lists every field and its unit (CostUsage in the library types).',
  });
}
