/**
 * Validation of the newer parts of a CostUsage: free-tier switches, APIs (payload mixes, caches, private endpoints),
 * function add-ons (SnapStart, streaming, tenant isolation, durable) and the other Lambda products. Each problem
 * names its key path and, for an unknown key, the keys allowed there.
 */
import { QUOTAS } from '../facts/quotas.js';
import { ESM_SQS_MINIMUM_POLLERS } from './feature-prices.js';
import type { Checker, Obj } from './usage-checker.js';

export const FUNCTION_FEATURE_KEYS = ['snapStart', 'streaming', 'tenantIsolation', 'durable'];
export const PRODUCT_KEYS = ['edgeFunctions', 'managedInstances', 'eventSourceMappings'];
const FREE_TIER_KEYS = ['lambdaRequests', 'lambdaCompute', 'responseStreaming', 'apiGateway', 'dataTransferOut'];
const API_KEYS = ['name', 'type', 'requests', 'payloadKb', 'payloadDistribution', 'meteredRequests', 'responseKb', 'cache', 'private'];
// Shares are fractions typed by people (0.9 + 0.1); a sum within 0.001 of 1 is taken as 1.
const SHARE_TOLERANCE = 0.001;

export function checkFreeTiers(c: Checker, value: unknown, path: string): void {
  const free = c.object(value, path, FREE_TIER_KEYS);
  if (free) for (const key of FREE_TIER_KEYS) c.oneOf(free, key, path, [undefined, true, false]);
}

function checkPayloadDistribution(c: Checker, value: unknown, path: string): void {
  let total = 0;
  c.array(value, path, (band, p) => {
    const b = c.object(band, p, ['sizeKb', 'share']);
    if (!b) return;
    c.number(b, 'sizeKb', p, { required: true });
    c.number(b, 'share', p, { required: true, max: 1 });
    if (typeof b.share === 'number') total += b.share;
  });
  if (Array.isArray(value) && value.length > 0 && Math.abs(total - 1) > SHARE_TOLERANCE) {
    c.problems.push(`${path}: shares add up to ${Number(total.toFixed(6))}, expected 1 (e.g. [{ "sizeKb": 20, "share": 0.9 }, { "sizeKb": 1200, "share": 0.1 }])`);
  }
}

export function checkApi(c: Checker, value: unknown, path: string): void {
  const api = c.object(value, path, API_KEYS);
  if (!api) return;
  c.string(api, 'name', path);
  c.oneOf(api, 'type', path, ['rest', 'http'], true);
  c.number(api, 'requests', path, { required: true });
  c.number(api, 'payloadKb', path);
  c.number(api, 'meteredRequests', path);
  c.number(api, 'responseKb', path);
  if (api.payloadDistribution !== undefined) checkPayloadDistribution(c, api.payloadDistribution, `${path}.payloadDistribution`);
  if (api.cache !== undefined) {
    if (api.type === 'http') c.problems.push(`${path}.cache: only REST APIs have a cache`);
    const cache = c.object(api.cache, `${path}.cache`, ['sizeGb', 'hours']);
    if (cache) for (const key of ['sizeGb', 'hours']) c.number(cache, key, `${path}.cache`, { required: true });
  }
  if (api.private !== undefined) {
    if (api.type === 'http') c.problems.push(`${path}.private: private APIs are REST APIs (HTTP APIs have no private endpoint type)`);
    const p = c.object(api.private, `${path}.private`, ['azs', 'hours', 'dataProcessedGb']);
    if (p) {
      c.number(p, 'azs', `${path}.private`, { required: true, min: 1 });
      c.number(p, 'hours', `${path}.private`, { required: true });
      c.number(p, 'dataProcessedGb', `${path}.private`);
    }
  }
}

export function checkFunctionFeatures(c: Checker, fn: Obj, path: string): void {
  if (fn.snapStart !== undefined) {
    const p = `${path}.snapStart`;
    const snap = c.object(fn.snapStart, p, ['cachedHours', 'versions', 'restores', 'restoreDurationMs', 'javaManagedRuntime']);
    if (snap) {
      c.number(snap, 'cachedHours', p, { required: true });
      c.number(snap, 'versions', p, { min: 1 });
      c.number(snap, 'restores', p);
      c.number(snap, 'restoreDurationMs', p);
      c.oneOf(snap, 'javaManagedRuntime', p, [undefined, true, false]);
    }
    if (fn.provisioned !== undefined) c.problems.push(`${p}: SnapStart cannot be combined with Provisioned Concurrency (Lambda SnapStart docs)`);
  }
  if (fn.streaming !== undefined) {
    const p = `${path}.streaming`;
    const s = c.object(fn.streaming, p, ['requests', 'responseKb', 'responseDistribution']);
    if (s) {
      c.number(s, 'requests', p, { max: typeof fn.requests === 'number' ? fn.requests : undefined });
      c.number(s, 'responseKb', p, { required: s.responseDistribution === undefined, max: QUOTAS.streamedResponseBytes.value / 1024 });
      if (s.responseDistribution !== undefined) checkPayloadDistribution(c, s.responseDistribution, `${p}.responseDistribution`);
    }
  }
  if (fn.tenantIsolation !== undefined) {
    const t = c.object(fn.tenantIsolation, `${path}.tenantIsolation`, ['environmentsCreated']);
    if (t) c.number(t, 'environmentsCreated', `${path}.tenantIsolation`, { required: true });
  }
  if (fn.durable !== undefined) {
    const p = `${path}.durable`;
    const d = c.object(fn.durable, p, ['operations', 'dataWrittenGb', 'dataRetainedGbMonths']);
    if (d) {
      c.number(d, 'operations', p, { required: true });
      c.number(d, 'dataWrittenGb', p);
      c.number(d, 'dataRetainedGbMonths', p);
    }
  }
}

export function checkProducts(c: Checker, usage: Obj, path: string): void {
  if (usage.edgeFunctions !== undefined) {
    c.array(usage.edgeFunctions, `${path}.edgeFunctions`, (value, p) => {
      const fn = c.object(value, p, ['name', 'memoryMb', 'requests', 'durationMs', 'coldStarts', 'initDurationMs']);
      if (!fn) return;
      c.string(fn, 'name', p);
      c.number(fn, 'memoryMb', p, { required: true, min: QUOTAS.memoryMinMb.value, max: QUOTAS.memoryMaxMb.value });
      c.number(fn, 'requests', p, { required: true });
      c.number(fn, 'durationMs', p, { required: true });
      c.number(fn, 'coldStarts', p, { max: typeof fn.requests === 'number' ? fn.requests : undefined });
      c.number(fn, 'initDurationMs', p);
    });
  }
  if (usage.managedInstances !== undefined) {
    c.array(usage.managedInstances, `${path}.managedInstances`, (value, p) => {
      const m = c.object(value, p, ['name', 'requests', 'instanceHours', 'instanceType', 'ec2OnDemandHourlyUsd']);
      if (!m) return;
      c.string(m, 'name', p);
      c.string(m, 'instanceType', p);
      c.number(m, 'requests', p, { required: true });
      c.number(m, 'instanceHours', p, { required: true });
      c.number(m, 'ec2OnDemandHourlyUsd', p);
    });
  }
  if (usage.eventSourceMappings !== undefined) {
    c.array(usage.eventSourceMappings, `${path}.eventSourceMappings`, (value, p) => {
      const esm = c.object(value, p, ['name', 'source', 'pollers', 'hours']);
      if (!esm) return;
      c.string(esm, 'name', p);
      c.oneOf(esm, 'source', p, ['sqs', 'kafka'], true);
      c.number(esm, 'pollers', p, { required: true, min: esm.source === 'sqs' ? ESM_SQS_MINIMUM_POLLERS : 1 });
      c.number(esm, 'hours', p, { required: true });
    });
  }
}
