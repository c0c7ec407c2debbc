/**
 * API Gateway and payload checks: peak rate and burst against the account throttle (token bucket), the latency
 * tail against the integration timeout, and request/response sizes against the Lambda and API Gateway limits.
 */
import { finding, fmt } from './finding.js';
import { LOWER_THROTTLE_REGIONS, QUOTAS } from '../facts/quotas.js';
import type { QuotaFinding, QuotaInput } from './types.js';

function throttle(input: QuotaInput): { rateRps: number; burst: number; text: string; rateQuota: typeof QUOTAS.accountThrottleRps } {
  const lower = input.region !== undefined && LOWER_THROTTLE_REGIONS.includes(input.region);
  const rateQuota = lower ? QUOTAS.newRegionThrottleRps : QUOTAS.accountThrottleRps;
  const burstQuota = lower ? QUOTAS.newRegionThrottleBurst : QUOTAS.accountThrottleBurst;
  if (input.apiThrottle) return { ...input.apiThrottle, rateQuota, text: `your throttle ${fmt(input.apiThrottle.rateRps)} req/s, burst ${fmt(input.apiThrottle.burst)}` };
  const where = input.region ? `in ${input.region}` : 'Region not given; newer Regions have 2,500 req/s';
  return { rateRps: rateQuota.value, burst: burstQuota.value, rateQuota, text: `default ${fmt(rateQuota.value)} req/s, burst ${fmt(burstQuota.value)} (${where})` };
}

const THROTTLE_HINT = 'API Gateway answers 429 above it, for all APIs of the account in the Region together. Ask for a higher throttle in Service Quotas.';

function checkThrottle(input: QuotaInput): QuotaFinding[] {
  const findings: QuotaFinding[] = [];
  const t = throttle(input);
  const traffic = input.traffic ?? {};
  for (const [kind, rps] of [['measured', traffic.peakRps], ['projected', traffic.projectedPeakRps]] as const) {
    if (rps === undefined) continue;
    findings.push(
      finding({
        id: `apigw.throttle.${kind}`,
        title: `Peak request rate (${kind}) vs the API Gateway throttle`,
        evidence: `${fmt(rps)} req/s ${kind === 'measured' ? 'over the busiest second' : 'expected at the peak'}; ${t.text}`,
        used: rps,
        limit: t.rateRps,
        quota: t.rateQuota,
        hint: THROTTLE_HINT,
      }),
    );
  }
  if (traffic.peakWindow) {
    // Token bucket: in any window it passes at most its capacity (burst) plus the refill over the window.
    const { windowMs, requests } = traffic.peakWindow;
    const allowed = t.burst + t.rateRps * (windowMs / 1000);
    findings.push(
      finding({
        id: 'apigw.throttle.burst',
        title: 'Densest burst vs the API Gateway token bucket',
        evidence: `${fmt(requests)} requests within ${fmt(windowMs)} ms; the bucket passes at most ${fmt(t.burst)} + ${fmt(t.rateRps)} req/s × ${fmt(windowMs / 1000, 3)} s = ${fmt(allowed)}`,
        used: requests,
        limit: allowed,
        quota: QUOTAS.accountThrottleBurst,
        hint: THROTTLE_HINT,
      }),
    );
  }
  return findings;
}

function checkIntegrationTimeout(input: QuotaInput): QuotaFinding[] {
  if (!input.apiType) return [];
  const quota = input.apiType === 'rest' ? QUOTAS.restIntegrationTimeoutMs : QUOTAS.httpIntegrationTimeoutMs;
  const limit = input.integrationTimeoutMs ?? quota.value;
  const findings: QuotaFinding[] = [];
  const tail = input.latency?.maxMs ?? input.latency?.p999Ms;
  if (tail !== undefined) {
    const parts = [input.latency?.maxMs !== undefined ? `max ${fmt(input.latency.maxMs)} ms` : '', input.latency?.p999Ms !== undefined ? `p99.9 ${fmt(input.latency.p999Ms)} ms` : ''];
    findings.push(
      finding({
        id: 'apigw.integration-timeout',
        title: 'Latency tail vs the integration timeout',
        evidence: `${parts.filter(Boolean).join(', ')}; integration timeout ${fmt(limit)} ms`,
        used: tail,
        limit,
        quota,
        hint: 'At the timeout API Gateway answers 504 while the function keeps running (and billing). Make the slow path faster or asynchronous.',
      }),
    );
  }
  if (input.integrationTimeoutMs !== undefined && input.integrationTimeoutMs > quota.value) {
    findings.push(
      finding({
        id: 'apigw.integration-timeout.config',
        title: 'Configured integration timeout vs the documented maximum',
        evidence: `configured ${fmt(input.integrationTimeoutMs)} ms; documented maximum ${fmt(quota.value)} ms`,
        used: input.integrationTimeoutMs,
        limit: quota.value,
        quota,
        severity: input.apiType === 'rest' ? 'info' : 'critical',
        hint:
          input.apiType === 'rest'
            ? 'Regional and private REST APIs can raise it since 2024-06-04 through a quota request; raising it may lower the account throttle.'
            : 'HTTP APIs cannot go above 30 s.',
      }),
    );
  }
  for (const fn of input.functions ?? []) {
    if (fn.timeoutMs <= limit) continue;
    findings.push(
      finding({
        id: `apigw.integration-timeout.function.${fn.name}`,
        title: `${fn.name}: timeout longer than the integration timeout`,
        evidence: `function timeout ${fmt(fn.timeoutMs)} ms; API Gateway stops waiting at ${fmt(limit)} ms`,
        used: fn.timeoutMs,
        limit,
        quota,
        severity: 'info',
        hint: 'Clients get 504 while the function runs on and is billed up to its own timeout: set the function timeout at or below the integration timeout.',
      }),
    );
  }
  return findings;
}

function checkPayloads(input: QuotaInput): QuotaFinding[] {
  const findings: QuotaFinding[] = [];
  for (const [kind, bytes] of [['request', input.payload?.maxRequestBytes], ['response', input.payload?.maxResponseBytes]] as const) {
    if (bytes === undefined) continue;
    findings.push(
      finding({
        id: `lambda.payload.${kind}`,
        title: `Largest ${kind} vs the Lambda synchronous payload limit`,
        evidence: `${fmt(bytes)} bytes; limit ${fmt(QUOTAS.syncPayloadBytes.value)} bytes`,
        used: bytes,
        limit: QUOTAS.syncPayloadBytes.value,
        quota: QUOTAS.syncPayloadBytes,
        hint: 'The limit applies to the whole event or response JSON (headers, base64 bodies are 4/3 larger): move large bodies to S3 with presigned URLs.',
      }),
    );
    if (!input.apiType) continue;
    findings.push(
      finding({
        id: `apigw.payload.${kind}`,
        title: `Largest ${kind} vs the API Gateway payload limit`,
        evidence: `${fmt(bytes)} bytes; limit ${fmt(QUOTAS.apiPayloadBytes.value)} bytes`,
        used: bytes,
        limit: QUOTAS.apiPayloadBytes.value,
        quota: QUOTAS.apiPayloadBytes,
        hint: 'API Gateway answers 413 above it and the limit cannot be raised.',
      }),
    );
  }
  return findings;
}

export function checkGateway(input: QuotaInput): QuotaFinding[] {
  return [...(input.apiType ? checkThrottle(input) : []), ...checkIntegrationTimeout(input), ...checkPayloads(input)];
}
