/**
 * User pricing files: override or extend the default tables per Region and item. Validated with errors that name
 * the key path; merged item by item (an override replaces one price, never a whole Region).
 *
 * ```json
 * { "lambda": { "ca-central-1": { "requests": { "usdPerMillion": 0.2, "asOf": "2026-05-01", "source": "AWS console" },
 *                                  "duration": { "x86_64": { "tiers": [{ "upTo": null, "usd": 0.0000166667 }], "asOf": "2026-05-01" } } } },
 *   "apiGateway": { "eu-west-1": { "rest": { "usdPerMillion": 3.5, "asOf": "2026-05-01" }, "cacheHourly": { "0.5": { "usd": 0.02, "asOf": "2026-05-01" } } } } }
 * ```
 */
import { readFile } from 'node:fs/promises';
import { LambdaloadError } from '../errors.js';
import { DEFAULT_PRICING } from './pricing.js';
import { perMillion } from './sources.js';
import type { ApiGatewayRegionPrices, FeatureRegionPrices, LambdaRegionPrices, PriceRow, PriceTier, PricingTables } from './types.js';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const LAMBDA_ITEMS: Record<string, { unit: string; byArch: boolean }> = {
  requests: { unit: 'request', byArch: false },
  duration: { unit: 'GB-s', byArch: true },
  provisionedConcurrency: { unit: 'GB-s', byArch: true },
  provisionedDuration: { unit: 'GB-s', byArch: true },
  ephemeralStorage: { unit: 'GB-s', byArch: true },
};
const API_ITEMS: Record<string, string> = {
  rest: 'request',
  http: 'request',
  websocketMessages: 'message',
  websocketConnectionMinutes: 'connection-minute',
  dataTransferOut: 'GB',
};
/** SnapStart, streaming, Lambda@Edge, ... (feature-prices.ts); only us-east-1 ships, so other Regions need these. */
const FEATURE_ITEMS: Record<string, { unit: string; byArch?: boolean }> = {
  snapStartCache: { unit: 'GB-s', byArch: true },
  snapStartRestore: { unit: 'GB', byArch: true },
  responseStreaming: { unit: 'GB', byArch: true },
  tenantIsolation: { unit: 'environment-GB', byArch: true },
  durableOperations: { unit: 'operation' },
  durableDataWritten: { unit: 'GB' },
  durableDataRetained: { unit: 'GB-month' },
  edgeRequests: { unit: 'request' },
  edgeDuration: { unit: 'GB-s' },
  managedInstancesRequests: { unit: 'request' },
  managedInstancesFee: { unit: 'USD of EC2' },
  esmProvisioned: { unit: 'EPU-hour' },
  privateEndpointHour: { unit: 'endpoint-AZ-hour' },
  privateDataProcessed: { unit: 'GB' },
};
const ARCHS = ['x86_64', 'arm64'];
const ROW_KEYS = ['usd', 'usdPerMillion', 'tiers', 'unit', 'source', 'asOf', 'unknownAbove', 'caveat'];

/** A parsed overrides file: partial Regions, merged into the tables by `mergePricing`. */
export interface PricingOverrides {
  lambda: Record<string, LambdaRegionPrices>;
  apiGateway: Record<string, ApiGatewayRegionPrices>;
  features?: Record<string, FeatureRegionPrices>;
}

function parseUsd(value: Obj, path: string, problems: string[]): number | undefined {
  const has = (k: string) => value[k] !== undefined;
  if (has('usd') === has('usdPerMillion')) {
    problems.push(`${path}: give exactly one of usd (per unit) or usdPerMillion`);
    return undefined;
  }
  const raw = has('usd') ? value.usd : value.usdPerMillion;
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) {
    problems.push(`${path}.${has('usd') ? 'usd' : 'usdPerMillion'}: expected a non-negative number, got ${JSON.stringify(raw)}`);
    return undefined;
  }
  return has('usd') ? raw : perMillion(raw);
}

function parseTiers(value: unknown, path: string, problems: string[]): PriceTier[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${path}: expected a non-empty array of { upTo, usd | usdPerMillion }`);
    return undefined;
  }
  const tiers: PriceTier[] = [];
  value.forEach((tier, i) => {
    const p = `${path}[${i}]`;
    if (!isObject(tier)) {
      problems.push(`${p}: expected an object`);
      return;
    }
    const last = i === value.length - 1;
    const upTo = tier.upTo;
    if (last ? upTo !== null : typeof upTo !== 'number' || upTo <= (tiers.at(-1)?.upTo ?? 0)) {
      problems.push(`${p}.upTo: ${last ? 'the last tier must have upTo: null' : 'expected a number above the previous tier'}`);
    }
    const usd = parseUsd(tier, p, problems);
    if (usd !== undefined) tiers.push({ upTo: (upTo as number | null) ?? null, usd });
  });
  return tiers.length === value.length ? tiers : undefined;
}

function parseRow(value: unknown, path: string, unit: string, file: string, problems: string[]): PriceRow | undefined {
  if (!isObject(value)) {
    problems.push(`${path}: expected a price object with usd, usdPerMillion or tiers, and asOf`);
    return undefined;
  }
  for (const key of Object.keys(value)) if (!ROW_KEYS.includes(key)) problems.push(`${path}.${key}: unknown key (expected one of ${ROW_KEYS.join(', ')})`);
  const before = problems.length;
  const tiers = value.tiers !== undefined ? parseTiers(value.tiers, `${path}.tiers`, problems) : [{ upTo: null, usd: parseUsd(value, path, problems) ?? 0 }];
  if (typeof value.asOf !== 'string' || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value.asOf)) {
    problems.push(`${path}.asOf: required, the date the price was read (YYYY-MM-DD)`);
  }
  for (const key of ['source', 'unit', 'caveat'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string') problems.push(`${path}.${key}: expected a string`);
  }
  if (value.unknownAbove !== undefined && typeof value.unknownAbove !== 'number') problems.push(`${path}.unknownAbove: expected a number`);
  if (problems.length > before || !tiers) return undefined;
  return {
    unit: (value.unit as string | undefined) ?? unit,
    tiers,
    source: (value.source as string | undefined) ?? `pricing override file ${file}`,
    asOf: value.asOf as string,
    ...(value.unknownAbove !== undefined ? { unknownAbove: value.unknownAbove as number } : {}),
    ...(value.caveat !== undefined ? { caveat: value.caveat as string } : {}),
  };
}

function parseRegion(value: unknown, path: string, items: Record<string, { unit: string; byArch?: boolean; bySize?: boolean }>, file: string, problems: string[]): Obj {
  const out: Obj = {};
  if (!isObject(value)) {
    problems.push(`${path}: expected an object of items`);
    return out;
  }
  for (const [key, item] of Object.entries(value)) {
    const spec = items[key];
    if (!spec) {
      problems.push(`${path}.${key}: unknown item (expected one of ${Object.keys(items).join(', ')})`);
      continue;
    }
    if (!spec.byArch && !spec.bySize) {
      out[key] = parseRow(item, `${path}.${key}`, spec.unit, file, problems);
      continue;
    }
    if (!isObject(item)) {
      problems.push(`${path}.${key}: expected an object keyed by ${spec.byArch ? 'architecture (x86_64, arm64)' : 'cache size in GB ("0.5", "1.6", ...)'}`);
      continue;
    }
    const nested: Obj = {};
    for (const [sub, row] of Object.entries(item)) {
      if (spec.byArch && !ARCHS.includes(sub)) problems.push(`${path}.${key}.${sub}: unknown architecture (expected x86_64 or arm64)`);
      else if (spec.bySize && !(Number(sub) > 0)) problems.push(`${path}.${key}.${sub}: expected a cache size in GB such as "0.5"`);
      else nested[sub] = parseRow(row, `${path}.${key}.${sub}`, spec.unit, file, problems);
    }
    out[key] = nested;
  }
  return out;
}

/** Validates a parsed overrides document; throws PRICING_FILE_INVALID listing every problem with its key path. */
export function parsePricingOverrides(json: unknown, file = 'overrides'): PricingOverrides {
  const problems: string[] = [];
  const overrides: Required<PricingOverrides> = { lambda: {}, apiGateway: {}, features: {} };
  if (!isObject(json)) problems.push('(root): expected an object with lambda, apiGateway and/or features');
  else {
    for (const key of Object.keys(json)) if (!['lambda', 'apiGateway', 'features'].includes(key)) problems.push(`${key}: unknown key (expected lambda, apiGateway, features)`);
    const apiItems = { ...Object.fromEntries(Object.entries(API_ITEMS).map(([k, unit]) => [k, { unit }])), cacheHourly: { unit: 'hour', bySize: true } };
    for (const [section, items] of [['lambda', LAMBDA_ITEMS], ['apiGateway', apiItems], ['features', FEATURE_ITEMS]] as const) {
      const regions = json[section];
      if (regions === undefined) continue;
      if (!isObject(regions)) problems.push(`${section}: expected an object keyed by Region code`);
      else for (const [region, value] of Object.entries(regions)) overrides[section][region] = parseRegion(value, `${section}.${region}`, items, file, problems);
    }
  }
  if (problems.length > 0) {
    throw new LambdaloadError('PRICING_FILE_INVALID', `${file}: invalid pricing overrides (${problems.length} problem${problems.length === 1 ? '' : 's'})`, {
      problems,
      hint: 'Each price needs usd (per unit), usdPerMillion or tiers, and asOf; see README, "Pricing overrides (--pricing)".',
    });
  }
  return overrides;
}

/** Merges overrides into tables, item by item (architectures and cache sizes one by one). Pure. */
export function mergePricing(base: PricingTables, overrides: PricingOverrides): PricingTables {
  const mergeRegions = <T extends object>(baseRegions: Record<string, T>, extra: Record<string, T>): Record<string, T> => {
    const merged: Record<string, T> = { ...baseRegions };
    for (const [region, items] of Object.entries(extra)) {
      const target: Obj = { ...((merged[region] as Obj | undefined) ?? {}) };
      for (const [key, value] of Object.entries(items as Obj)) {
        const isRow = isObject(value) && Array.isArray(value.tiers);
        target[key] = isRow ? value : { ...((target[key] as Obj | undefined) ?? {}), ...(value as Obj) };
      }
      merged[region] = target as T;
    }
    return merged;
  };
  return {
    ...base,
    lambda: mergeRegions(base.lambda, overrides.lambda),
    apiGateway: mergeRegions(base.apiGateway, overrides.apiGateway),
    features: mergeRegions(base.features ?? {}, overrides.features ?? {}),
  };
}

/** Reads a JSON overrides file and returns the default tables with it merged in. */
export async function loadPricingOverrides(path: string, base: PricingTables = DEFAULT_PRICING): Promise<PricingTables> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new LambdaloadError('PRICING_FILE_INVALID', `cannot read pricing file ${path}`, { cause, hint: 'Check the path given to --pricing.' });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new LambdaloadError('PRICING_FILE_INVALID', `${path}: not valid JSON`, { cause, hint: 'The pricing file must be a JSON object.' });
  }
  return mergePricing(base, parsePricingOverrides(json, path));
}
