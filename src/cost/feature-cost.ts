/**
 * Lines of the charges a function adds (SnapStart cache and restores, response streaming, tenant isolation, durable
 * functions) and of the other Lambda products (Lambda@Edge, Managed Instances, event source mappings in provisioned
 * mode). A charge whose price the tables lack is a PRICE_UNKNOWN warning naming what is missing, never a guess.
 */
import { billedMsPerInvocation, gbSeconds, roundUpMs, type BillingRules } from './billing.js';
import { ESM_MINIMUM_HOURS, SNAPSTART_MINIMUM_HOURS, STREAMING_FREE_PER_RESPONSE_KB } from './feature-prices.js';
import { resolveFreeTiers } from './free-tier.js';
import { addWarning, priceQuantity } from './tiers.js';
import type { Architecture, CostLine, CostUsage, CostWarning, FeatureRegionPrices, FreeTierAllowance, PriceRow, PricingTables } from './types.js';

const GB_PER_KB = 1 / 1024 ** 2;
const ARCHS: Architecture[] = ['x86_64', 'arm64'];
type PerArch = Record<Architecture, number>;
const zero = (): PerArch => ({ x86_64: 0, arm64: 0 });

interface Pricer {
  (id: string, item: string, quantity: number, row: PriceRow | undefined, missing: string, free?: FreeTierAllowance): void;
}

function makePricer(region: string, lines: CostLine[], warnings: CostWarning[]): Pricer {
  return (id, item, quantity, row, missing, free) => {
    if (quantity <= 0) return;
    if (row) lines.push(...priceQuantity({ id, item, quantity, row, free }, warnings));
    else {
      addWarning(warnings, {
        code: 'PRICE_UNKNOWN',
        message: `${item}: price unknown in ${region} (${missing} is not in the pricing tables; add it with --pricing); not included in the total`,
      });
    }
  };
}

/** Function add-ons, summed per architecture (SnapStart, streaming, tenant isolation) or overall (durable). */
function functionFeatureLines(usage: CostUsage, prices: FeatureRegionPrices, pricing: PricingTables, price: Pricer, notes: string[]): void {
  const cacheGbS = zero();
  const restoredGb = zero();
  const streamedGb = zero();
  const tenantEnvGb = zero();
  let operations = 0;
  let writtenGb = 0;
  let retainedGbMonths = 0;
  for (const fn of usage.functions ?? []) {
    const arch = fn.architecture ?? 'x86_64';
    const memoryGb = fn.memoryMb / 1024;
    const snap = fn.snapStart;
    if (snap && snap.javaManagedRuntime) notes.push(`${fn.name ?? 'function'}: SnapStart on a Java managed runtime has no cache or restore charge (Lambda pricing page)`);
    else if (snap) {
      cacheGbS[arch] += memoryGb * Math.max(snap.cachedHours, SNAPSTART_MINIMUM_HOURS) * 3600 * (snap.versions ?? 1);
      restoredGb[arch] += memoryGb * (snap.restores ?? fn.coldStarts ?? 0);
    }
    if (fn.streaming) {
      // The free 6 MB is per response, so a mix is priced band by band: half 1 MB and half 11 MB responses bill 2.5 MB
      // a response, where their 6 MB average would bill nothing.
      const bands = fn.streaming.responseDistribution ?? [{ sizeKb: fn.streaming.responseKb ?? 0, share: 1 }];
      const billableKb = bands.reduce((kb, band) => kb + band.share * Math.max(0, band.sizeKb - STREAMING_FREE_PER_RESPONSE_KB), 0);
      streamedGb[arch] += (fn.streaming.requests ?? fn.requests) * billableKb * GB_PER_KB;
    }
    if (fn.tenantIsolation) tenantEnvGb[arch] += fn.tenantIsolation.environmentsCreated * memoryGb;
    if (fn.durable) {
      operations += fn.durable.operations;
      writtenGb += fn.durable.dataWrittenGb ?? 0;
      retainedGbMonths += fn.durable.dataRetainedGbMonths ?? 0;
    }
  }
  // The 100 GiB of free streaming is one monthly allowance, taken from x86_64 first (like the free GB-s).
  let freeStreamGb = resolveFreeTiers(usage).responseStreaming ? (pricing.freeTier.responseStreamingGb?.quantity ?? 0) : 0;
  for (const arch of ARCHS) {
    price(`lambda.snapstart.cache.${arch}`, `SnapStart cache (${arch})`, cacheGbS[arch], prices.snapStartCache?.[arch], `the ${arch} SnapStart cache price`);
    price(`lambda.snapstart.restore.${arch}`, `SnapStart restore (${arch})`, restoredGb[arch], prices.snapStartRestore?.[arch], `the ${arch} SnapStart restore price`);
    const free = freeStreamGb > 0 && pricing.freeTier.responseStreamingGb ? { ...pricing.freeTier.responseStreamingGb, quantity: freeStreamGb } : undefined;
    price(`lambda.streaming.${arch}`, `Response streaming (${arch})`, streamedGb[arch], prices.responseStreaming?.[arch], `the ${arch} response streaming price`, free);
    freeStreamGb = Math.max(0, freeStreamGb - streamedGb[arch]);
    price(`lambda.tenant-isolation.${arch}`, `Tenant isolation (${arch})`, tenantEnvGb[arch], prices.tenantIsolation?.[arch], `the ${arch} tenant isolation price`);
  }
  price('lambda.durable.operations', 'Durable operations', operations, prices.durableOperations, 'the durable operations price');
  price('lambda.durable.data-written', 'Durable data written', writtenGb, prices.durableDataWritten, 'the durable data written price');
  price('lambda.durable.data-retained', 'Durable data retained', retainedGbMonths, prices.durableDataRetained, 'the durable data retention price');
}

/** Lambda@Edge, Managed Instances and provisioned event source mappings. */
function productLines(usage: CostUsage, prices: FeatureRegionPrices, rules: BillingRules, price: Pricer, lines: CostLine[], warnings: CostWarning[]): void {
  const edge = usage.edgeFunctions ?? [];
  price('lambda.edge.requests', 'Lambda@Edge requests', edge.reduce((n, fn) => n + fn.requests, 0), prices.edgeRequests, 'the Lambda@Edge request price');
  const edgeGbS = edge.reduce((gbS, fn) => {
    const cold = Math.min(fn.coldStarts ?? 0, fn.requests);
    const warmMs = roundUpMs(fn.durationMs, rules.granularityMs);
    const coldMs = billedMsPerInvocation(fn.durationMs, fn.initDurationMs ?? 0, rules);
    return gbS + gbSeconds((fn.requests - cold) * warmMs + cold * coldMs, fn.memoryMb);
  }, 0);
  price('lambda.edge.compute', 'Lambda@Edge duration', edgeGbS, prices.edgeDuration, 'the Lambda@Edge duration price');

  const managed = usage.managedInstances ?? [];
  price('lambda.managed-instances.requests', 'Managed Instances requests', managed.reduce((n, m) => n + m.requests, 0), prices.managedInstancesRequests, 'the Managed Instances request price');
  for (const m of managed) {
    const label = m.name ? ` ${m.name}` : '';
    if (m.instanceHours <= 0) continue;
    if (m.ec2OnDemandHourlyUsd === undefined) {
      addWarning(warnings, {
        code: 'PRICE_UNKNOWN',
        message: `Managed Instances${label}: price unknown: the EC2 on-demand price of ${m.instanceType ?? 'the instance type'} is not in lambdaload's tables (give ec2OnDemandHourlyUsd); the instances and the management fee on them are not included in the total`,
      });
      continue;
    }
    const ec2Usd = m.instanceHours * m.ec2OnDemandHourlyUsd;
    lines.push({
      id: 'lambda.managed-instances.ec2',
      item: `Managed Instances EC2${label}`,
      quantity: m.instanceHours,
      unit: 'instance-hour',
      unitPriceUsd: m.ec2OnDemandHourlyUsd,
      amountUsd: ec2Usd,
      source: `given in the usage (ec2OnDemandHourlyUsd${m.instanceType ? ` of ${m.instanceType}` : ''})`,
    });
    price('lambda.managed-instances.fee', `Managed Instances fee${label}`, ec2Usd, prices.managedInstancesFee, 'the Managed Instances management fee');
  }

  const epuHours = (usage.eventSourceMappings ?? []).reduce((h, esm) => h + esm.pollers * Math.max(esm.hours, ESM_MINIMUM_HOURS), 0);
  price('lambda.esm.provisioned', 'ESM provisioned pollers', epuHours, prices.esmProvisioned, 'the event poller unit price');
}

export function priceFeatures(usage: CostUsage, pricing: PricingTables, rules: BillingRules, warnings: CostWarning[], notes: string[]): CostLine[] {
  const prices = pricing.features?.[usage.region] ?? {};
  const lines: CostLine[] = [];
  const price = makePricer(usage.region, lines, warnings);
  functionFeatureLines(usage, prices, pricing, price, notes);
  productLines(usage, prices, rules, price, lines, warnings);
  return lines;
}
