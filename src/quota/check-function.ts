/**
 * Per-function checks: configuration within the documented ranges, the longest duration against the function
 * timeout, INIT against its 10 s limit, and Max Memory Used against configured memory (headroom and over-provisioning).
 */
import { finding, fmt, pct } from './finding.js';
import { QUOTAS } from '../facts/quotas.js';
import type { QuotaFinding, QuotaFunctionInput, QuotaInput } from './types.js';

/** Below this share of memory used, a function is flagged as possibly over-provisioned (lambdaload's choice). */
export const OVERPROVISIONED_FRACTION = 0.3;

function checkConfig(fn: QuotaFunctionInput): QuotaFinding[] {
  const findings: QuotaFinding[] = [];
  const maxTimeoutMs = QUOTAS.functionTimeoutMax.value * 1000;
  if (fn.timeoutMs > maxTimeoutMs) {
    findings.push(
      finding({
        id: `lambda.timeout.config.${fn.name}`,
        title: `${fn.name}: timeout above the maximum`,
        evidence: `configured ${fmt(fn.timeoutMs / 1000)} s; maximum ${QUOTAS.functionTimeoutMax.value} s`,
        used: fn.timeoutMs,
        limit: maxTimeoutMs,
        quota: QUOTAS.functionTimeoutMax,
        hint: 'Lambda rejects the configuration; move long work to Step Functions or split it.',
      }),
    );
  }
  const { memoryMinMb, memoryMaxMb } = QUOTAS;
  if (fn.memoryMb < memoryMinMb.value || fn.memoryMb > memoryMaxMb.value) {
    const quota = fn.memoryMb > memoryMaxMb.value ? memoryMaxMb : memoryMinMb;
    findings.push(
      finding({
        id: `lambda.memory.config.${fn.name}`,
        title: `${fn.name}: memory outside ${fmt(memoryMinMb.value)}–${fmt(memoryMaxMb.value)} MB`,
        evidence: `configured ${fmt(fn.memoryMb)} MB`,
        used: fn.memoryMb,
        limit: quota.value,
        quota,
        severity: 'critical',
        hint: `Lambda accepts ${fmt(memoryMinMb.value)}–${fmt(memoryMaxMb.value)} MB in 1 MB steps.`,
      }),
    );
  }
  return findings;
}

function checkMemory(fn: QuotaFunctionInput): QuotaFinding | undefined {
  if (fn.maxMemoryUsedMb === undefined || fn.memoryMb <= 0) return undefined;
  const used = fn.maxMemoryUsedMb / fn.memoryMb;
  const over = used < OVERPROVISIONED_FRACTION;
  return finding({
    id: `lambda.memory.${fn.name}`,
    title: `${fn.name}: Max Memory Used vs configured memory`,
    evidence: `${fmt(fn.maxMemoryUsedMb)} MB used at most of ${fmt(fn.memoryMb)} MB configured (${pct(used)}; ${fmt(fn.memoryMb - fn.maxMemoryUsedMb)} MB headroom)`,
    used: fn.maxMemoryUsedMb,
    limit: fn.memoryMb,
    quota: { ...QUOTAS.memoryMaxMb, name: 'Configured memory (function configuration)', value: fn.memoryMb, source: 'function configuration', asOf: 'this run' },
    ...(over ? { severity: 'info' as const } : {}),
    hint: over
      ? 'Possibly over-provisioned, but memory also sets CPU (one vCPU at 1,769 MB): measure a smaller size for latency and cost before cutting it.'
      : 'Little headroom means out-of-memory errors under larger inputs: raise memory or reduce what the function holds.',
  });
}

/**
 * Checks one function. Without a measured Duration, a single function is held against the client-side latency tail
 * instead (an upper bound: it includes the network and API Gateway).
 */
export function checkFunction(fn: QuotaFunctionInput, input: QuotaInput = {}): QuotaFinding[] {
  const findings = checkConfig(fn);
  const clientTailMs = (input.functions?.length ?? 0) === 1 ? (input.latency?.maxMs ?? input.latency?.p999Ms) : undefined;
  const longestMs = fn.maxDurationMs ?? clientTailMs;
  if (longestMs !== undefined) {
    findings.push(
      finding({
        id: `lambda.timeout.${fn.name}`,
        title: `${fn.name}: longest duration vs the function timeout`,
        evidence: `${fn.maxDurationMs !== undefined ? 'longest Duration' : 'client-side latency tail (an upper bound of Duration)'} ${fmt(longestMs)} ms; timeout ${fmt(fn.timeoutMs)} ms`,
        used: longestMs,
        limit: fn.timeoutMs,
        quota: { ...QUOTAS.functionTimeoutMax, name: 'Function timeout (function configuration)', value: fn.timeoutMs, unit: 'ms', source: 'function configuration', asOf: 'this run' },
        hint: 'At the timeout the invocation fails (Status: timeout) and is billed in full: raise the timeout or make the slow path faster.',
      }),
    );
  }
  if (fn.maxInitMs !== undefined) {
    const limitMs = QUOTAS.initMaxS.value * 1000;
    findings.push(
      finding({
        id: `lambda.init.${fn.name}`,
        title: `${fn.name}: longest INIT vs the 10 s INIT limit`,
        evidence: `longest INIT ${fmt(fn.maxInitMs)} ms; limit ${fmt(limitMs)} ms for on-demand functions`,
        used: fn.maxInitMs,
        limit: limitMs,
        quota: QUOTAS.initMaxS,
        hint: 'Above 10 s the init is retried inside the first invoke, under the function timeout: lazy-load dependencies or use Provisioned Concurrency / SnapStart.',
      }),
    );
  }
  const memory = checkMemory(fn);
  if (memory) findings.push(memory);
  return findings;
}
