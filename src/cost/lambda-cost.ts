/**
 * Lambda lines of an estimate: requests, on-demand duration (tiered per architecture on the month's aggregate,
 * free tier first), Provisioned Concurrency allocation and duration, ephemeral storage.
 */
import { billedMsPerInvocation, FREE_EPHEMERAL_STORAGE_MB, gbSeconds, provisionedBilledSeconds, roundUpMs, type BillingRules } from './billing.js';
import { resolveFreeTiers } from './free-tier.js';
import { addWarning, priceQuantity } from './tiers.js';
import type {
  Architecture,
  CostEstimate,
  CostLine,
  CostUsage,
  CostWarning,
  FreeTierAllowance,
  FunctionUsage,
  LambdaRegionPrices,
  PriceRow,
  PricingTables,
} from './types.js';

const ARCHITECTURES: Architecture[] = ['x86_64', 'arm64'];

type PerArch = Record<Architecture, number>;
const zero = (): PerArch => ({ x86_64: 0, arm64: 0 });

interface Totals {
  requests: number;
  onDemandGbS: PerArch;
  initGbS: PerArch;
  provisionedDurationGbS: PerArch;
  provisionedAllocationGbS: PerArch;
  storageGbS: PerArch;
  hasProvisioned: boolean;
}

/**
 * Billed ms of one function: on-demand (INIT included where billed), its INIT part, and provisioned. With SnapStart a
 * cold start restores instead of running INIT: its REPORT has Billed Restore Duration, billed with the invocation
 * (docs.aws.amazon.com/lambda/latest/dg/snapstart-monitoring.html, read 2026-12; aws-facts §1.7), so the restore
 * takes INIT's place whatever the billing date.
 */
function billedMs(fn: FunctionUsage, rules: BillingRules): { onDemandMs: number; initMs: number; provisionedMs: number } {
  if (fn.billed) return { onDemandMs: fn.billed.onDemandMs, initMs: fn.billed.initMs ?? 0, provisionedMs: fn.billed.provisionedMs ?? 0 };
  const durationMs = fn.durationMs ?? 0;
  const provisionedRequests = fn.provisioned?.requests ?? 0;
  const onDemandRequests = fn.requests - provisionedRequests;
  const snap = fn.snapStart;
  const coldStarts = Math.min(snap ? (snap.restores ?? fn.coldStarts ?? 0) : (fn.coldStarts ?? 0), onDemandRequests);
  const warmBilledMs = roundUpMs(durationMs, rules.granularityMs);
  const coldBilledMs = snap
    ? billedMsPerInvocation(durationMs, snap.restoreDurationMs ?? 0, rules, true)
    : billedMsPerInvocation(durationMs, fn.initDurationMs ?? 0, rules, fn.initAlwaysBilled);
  return {
    onDemandMs: (onDemandRequests - coldStarts) * warmBilledMs + coldStarts * coldBilledMs,
    initMs: coldStarts * (coldBilledMs - warmBilledMs),
    provisionedMs: provisionedRequests * roundUpMs(fn.provisioned?.durationMs ?? durationMs, rules.granularityMs),
  };
}

function aggregate(functions: FunctionUsage[], rules: BillingRules): Totals {
  const totals: Totals = {
    requests: 0,
    onDemandGbS: zero(),
    initGbS: zero(),
    provisionedDurationGbS: zero(),
    provisionedAllocationGbS: zero(),
    storageGbS: zero(),
    hasProvisioned: false,
  };
  for (const fn of functions) {
    const arch = fn.architecture ?? 'x86_64';
    const billed = billedMs(fn, rules);
    totals.requests += fn.requests;
    totals.onDemandGbS[arch] += gbSeconds(billed.onDemandMs, fn.memoryMb);
    totals.initGbS[arch] += gbSeconds(billed.initMs, fn.memoryMb);
    totals.provisionedDurationGbS[arch] += gbSeconds(billed.provisionedMs, fn.memoryMb);
    if (fn.provisioned && fn.provisioned.environments > 0) {
      totals.hasProvisioned = true;
      totals.provisionedAllocationGbS[arch] += fn.provisioned.environments * (fn.memoryMb / 1024) * provisionedBilledSeconds(fn.provisioned.hoursEnabled);
    }
    // /tmp above 512 MB is priced per GB-s of billed duration.
    const extraStorageMb = Math.max(0, (fn.ephemeralStorageMb ?? FREE_EPHEMERAL_STORAGE_MB) - FREE_EPHEMERAL_STORAGE_MB);
    totals.storageGbS[arch] += gbSeconds(billed.onDemandMs + billed.provisionedMs, extraStorageMb);
  }
  return totals;
}

function missing(warnings: CostWarning[], item: string, region: string): CostLine[] {
  addWarning(warnings, {
    code: 'PRICE_MISSING',
    message: `${item}: no price for ${region} in the pricing tables; not included in the total (add it with --pricing)`,
  });
  return [];
}

/** Before tiered pricing existed, the whole month was priced at the first tier's rate. */
function untiered(row: PriceRow): PriceRow {
  return { ...row, tiers: [{ upTo: null, usd: row.tiers[0]!.usd }], unknownAbove: undefined };
}

export interface LambdaLines {
  lines: CostLine[];
  compute: CostEstimate['compute'];
}

/** Prices the functions of a usage. `warnings` collects what could not be priced or rests on a caveat. */
export function priceLambda(usage: CostUsage, pricing: PricingTables, rules: BillingRules, warnings: CostWarning[]): LambdaLines {
  const functions = usage.functions ?? [];
  const compute: CostEstimate['compute'] = { onDemandGbSeconds: 0, initGbSeconds: 0, provisionedGbSeconds: 0, computeUsd: 0, initUsd: 0 };
  if (functions.length === 0) return { lines: [], compute };
  const prices: LambdaRegionPrices = pricing.lambda[usage.region] ?? {};
  const totals = aggregate(functions, rules);
  const lines: CostLine[] = [];
  const freeTiers = resolveFreeTiers(usage);
  const price = (id: string, item: string, quantity: number, row: PriceRow | undefined, free?: FreeTierAllowance, tiered = false) =>
    quantity <= 0 ? [] : row ? priceQuantity({ id, tiered, item, quantity, row, free }, warnings) : missing(warnings, item, usage.region);
  const sum = (ls: CostLine[]) => ls.reduce((acc, l) => acc + l.amountUsd, 0);

  lines.push(...price('lambda.requests', 'Lambda requests', totals.requests, prices.requests, freeTiers.lambdaRequests ? pricing.freeTier.lambdaRequests : undefined));
  if ((freeTiers.lambdaRequests || freeTiers.lambdaCompute) && totals.hasProvisioned) {
    addWarning(warnings, {
      code: 'FREE_TIER_PC',
      message:
        'free tier applied to a function with Provisioned Concurrency: the pricing page says it does not apply, but its own PC example subtracts it (aws-facts §1.1); turn the free tier off for the strict reading',
    });
  }
  // The 400,000 free GB-s are shared by both architectures; taken from x86_64 first.
  let freeGbS = freeTiers.lambdaCompute ? pricing.freeTier.lambdaGbSeconds.quantity : 0;
  for (const arch of ARCHITECTURES) {
    const gbS = totals.onDemandGbS[arch];
    const row = prices.duration?.[arch];
    const free = freeGbS > 0 ? { ...pricing.freeTier.lambdaGbSeconds, quantity: freeGbS } : undefined;
    const durationLines = price(`lambda.compute.${arch}`, `Lambda duration (${arch})`, gbS, row && !rules.tieredDuration ? untiered(row) : row, free, true);
    freeGbS = Math.max(0, freeGbS - gbS);
    const durationUsd = sum(durationLines);
    lines.push(...durationLines);
    compute.onDemandGbSeconds += gbS;
    compute.initGbSeconds += totals.initGbS[arch];
    compute.computeUsd += durationUsd;
    if (gbS > 0) compute.initUsd += (durationUsd * totals.initGbS[arch]) / gbS;
  }
  for (const arch of ARCHITECTURES) {
    const allocation = price(`lambda.provisioned.${arch}`, `Lambda provisioned (${arch})`, totals.provisionedAllocationGbS[arch], prices.provisionedConcurrency?.[arch]);
    const duration = price(`lambda.provisioned-compute.${arch}`, `Lambda PC duration (${arch})`, totals.provisionedDurationGbS[arch], prices.provisionedDuration?.[arch]);
    compute.provisionedGbSeconds += totals.provisionedDurationGbS[arch];
    compute.computeUsd += sum(allocation) + sum(duration);
    lines.push(...allocation, ...duration);
  }
  for (const arch of ARCHITECTURES) {
    lines.push(...price(`lambda.ephemeral-storage.${arch}`, `Lambda /tmp (${arch})`, totals.storageGbS[arch], prices.ephemeralStorage?.[arch]));
  }
  return { lines, compute };
}
