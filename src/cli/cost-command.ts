/**
 * `lambdaload cost`: a what-if calculator (no traffic is sent). Usage from flags and/or a usage file, optional
 * pricing overrides; prints the itemised table, or the estimate as JSON with `--json`.
 */
import type { CommandModule } from 'yargs';
import { LambdaloadError } from '../errors.js';
import { estimateCost } from '../cost/estimate.js';
import { loadPricingOverrides } from '../cost/overrides.js';
import { assertKnownRegion, knownRegions } from '../cost/pricing.js';
import { parseQuantity } from '../cost/quantity.js';
import { renderCostTable } from '../cost/render.js';
import { loadUsageFile } from '../cost/usage-file.js';
import type { Architecture, CostUsage, FreeTierSwitches, FunctionUsage, PayloadShare } from '../cost/types.js';

/** Numeric flags, typed as strings so that `3M` and `500k` work; each maps to a usage field. */
const QUANTITY_FLAGS = {
  requests: 'Invocations (and API requests) per month, e.g. 3M',
  'duration-ms': 'Average duration per invocation, ms (before rounding)',
  'memory-mb': 'Function memory, MB (128–10,240)',
  'ephemeral-mb': '/tmp size, MB (above 512 is priced)',
  'cold-starts': 'On-demand cold starts per month',
  'init-ms': 'Average INIT duration per cold start, ms',
  'pc-environments': 'Provisioned Concurrency environments',
  'pc-hours': 'Hours Provisioned Concurrency is enabled (rounded up to 5 min)',
  'pc-requests': 'Invocations served by Provisioned Concurrency',
  'pc-duration-ms': 'Average duration of those, ms (default --duration-ms)',
  'api-requests': 'API Gateway requests (default --requests)',
  'payload-kb': 'Average request size, KB (HTTP APIs meter per 512 KB)',
  'response-kb': 'Average API response size, KB: requests × size is priced as data transfer out',
  'ws-messages': 'WebSocket messages per month',
  'ws-message-kb': 'Average WebSocket message size, KB (metered per 32 KB)',
  'ws-minutes': 'WebSocket connection minutes per month',
  'cache-gb': 'REST cache size, GB (0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237; others round up)',
  'cache-hours': 'Hours the cache is on',
  'dto-gb': 'Data transfer out to the internet, GB',
} as const;

type QuantityFlag = keyof typeof QUANTITY_FLAGS;

type CostArgs = Partial<Record<QuantityFlag, string>> & {
  region?: string;
  arch?: string;
  api?: string;
  'free-tier'?: boolean;
  'apigw-free-tier'?: boolean;
  'free-lambda-requests'?: boolean;
  'free-lambda-compute'?: boolean;
  'free-streaming'?: boolean;
  'free-dto'?: boolean;
  'payload-mix'?: string;
  'init-always-billed'?: boolean;
  'billing-date'?: string;
  'granularity-ms'?: string;
  usage?: string;
  pricing?: string;
  json: boolean;
};

const FUNCTION_FLAGS: QuantityFlag[] = ['requests', 'duration-ms', 'memory-mb', 'ephemeral-mb', 'cold-starts', 'init-ms', 'pc-environments', 'pc-hours', 'pc-requests', 'pc-duration-ms'];
const ARCH_ALIASES: Record<string, Architecture> = { x86_64: 'x86_64', x86: 'x86_64', amd64: 'x86_64', arm64: 'arm64', arm: 'arm64', graviton: 'arm64' };

function quantities(args: CostArgs): Partial<Record<QuantityFlag, number>> {
  const out: Partial<Record<QuantityFlag, number>> = {};
  for (const flag of Object.keys(QUANTITY_FLAGS) as QuantityFlag[]) {
    const raw = args[flag];
    if (raw !== undefined) out[flag] = parseQuantity(raw, `--${flag}`);
  }
  return out;
}

/** The single function the flags describe, merged over the usage file's (if any). */
function functionFromFlags(args: CostArgs, q: Partial<Record<QuantityFlag, number>>, base: FunctionUsage | undefined): FunctionUsage {
  const fn: Partial<FunctionUsage> = { ...base };
  const set = <K extends keyof FunctionUsage>(key: K, value: FunctionUsage[K] | undefined) => {
    if (value !== undefined) fn[key] = value;
  };
  set('requests', q.requests);
  set('durationMs', q['duration-ms']);
  set('memoryMb', q['memory-mb']);
  set('ephemeralStorageMb', q['ephemeral-mb']);
  set('coldStarts', q['cold-starts']);
  set('initDurationMs', q['init-ms']);
  if (args['init-always-billed'] !== undefined) fn.initAlwaysBilled = args['init-always-billed'];
  if (args.arch !== undefined) {
    const arch = ARCH_ALIASES[args.arch.toLowerCase()];
    if (!arch) throw new LambdaloadError('USAGE', `--arch: '${args.arch}' is not an architecture`, { hint: 'Use x86_64 or arm64.' });
    fn.architecture = arch;
  }
  const pcGiven = ['pc-environments', 'pc-hours', 'pc-requests', 'pc-duration-ms'].some((f) => q[f as QuantityFlag] !== undefined);
  if (pcGiven) {
    fn.provisioned = {
      environments: q['pc-environments'] ?? fn.provisioned?.environments ?? 0,
      hoursEnabled: q['pc-hours'] ?? fn.provisioned?.hoursEnabled ?? 0,
      requests: q['pc-requests'] ?? fn.provisioned?.requests ?? 0,
      ...((q['pc-duration-ms'] ?? fn.provisioned?.durationMs) !== undefined ? { durationMs: q['pc-duration-ms'] ?? fn.provisioned?.durationMs } : {}),
    };
  }
  const missing = [
    ...(fn.memoryMb === undefined ? ['--memory-mb'] : []),
    ...(fn.requests === undefined ? ['--requests'] : []),
    ...(fn.durationMs === undefined && fn.billed === undefined ? ['--duration-ms'] : []),
  ];
  if (missing.length > 0) {
    throw new LambdaloadError('USAGE', `to price Lambda, give ${missing.join(', ')}`, { hint: 'Or describe the function in a usage file with --usage usage.json.' });
  }
  return fn as FunctionUsage;
}

/** Flag → free-tier switch; `--free-tier` and `--apigw-free-tier` stay the shorthands they always were. */
const FREE_TIER_FLAGS = {
  'free-lambda-requests': 'lambdaRequests',
  'free-lambda-compute': 'lambdaCompute',
  'free-streaming': 'responseStreaming',
  'free-dto': 'dataTransferOut',
} as const satisfies Partial<Record<keyof CostArgs, keyof FreeTierSwitches>>;

/** `20:0.9,1228.8:0.1` → [{ sizeKb: 20, share: 0.9 }, { sizeKb: 1228.8, share: 0.1 }] (checked with the usage). */
function parsePayloadMix(text: string): PayloadShare[] {
  return text.split(',').map((band) => {
    const [size, share] = band.split(':');
    if (size === undefined || share === undefined) {
      throw new LambdaloadError('USAGE', `--payload-mix: '${band}' is not sizeKb:share`, { hint: 'e.g. --payload-mix 20:0.9,1228.8:0.1 (shares add up to 1)' });
    }
    return { sizeKb: parseQuantity(size, '--payload-mix size'), share: parseQuantity(share, '--payload-mix share') };
  });
}

/**
 * True when the flags describe a function: any function flag, except a lone --requests beside --api when no usage
 * file supplies a function (`--api http --requests 3M` prices the API alone).
 */
function describesFunction(args: CostArgs, q: Partial<Record<QuantityFlag, number>>, baseFunctions: number): boolean {
  if (args.arch !== undefined || args['init-always-billed'] !== undefined) return true;
  const given = FUNCTION_FLAGS.filter((f) => q[f] !== undefined);
  const apiOnly = args.api !== undefined && args.api.toLowerCase() !== 'none' && baseFunctions === 0;
  if (given.length === 1 && given[0] === 'requests' && apiOnly) return false;
  return given.length > 0;
}

/** Builds the usage: the usage file first, then every flag given on top of it. */
export async function usageFromArgs(args: CostArgs): Promise<CostUsage> {
  const base: Partial<CostUsage> = args.usage ? await loadUsageFile(args.usage, { regionFromCaller: args.region !== undefined }) : {};
  const q = quantities(args);
  const usage: Partial<CostUsage> = { ...base };
  if (args.region !== undefined) usage.region = args.region;
  if (!usage.region) {
    throw new LambdaloadError('USAGE', '--region is required: prices differ by Region and there is no default', {
      hint: `Known Regions: ${knownRegions().join(', ')}.`,
    });
  }
  // An unknown Region is named before any missing flag (prices for it may come only from --pricing).
  if (args.pricing === undefined) assertKnownRegion(usage.region);
  if (args['free-tier'] !== undefined) usage.freeTier = args['free-tier'];
  if (args['apigw-free-tier'] !== undefined) usage.apiGatewayFreeTier = args['apigw-free-tier'];
  for (const [flag, key] of Object.entries(FREE_TIER_FLAGS) as Array<[keyof typeof FREE_TIER_FLAGS, keyof FreeTierSwitches]>) {
    if (args[flag] !== undefined) usage.freeTiers = { ...usage.freeTiers, [key]: args[flag] };
  }
  if (args['billing-date'] !== undefined || args['granularity-ms'] !== undefined) {
    const granularity = args['granularity-ms'] === undefined ? undefined : Number(args['granularity-ms']);
    if (granularity !== undefined && granularity !== 1 && granularity !== 100) {
      throw new LambdaloadError('USAGE', `--granularity-ms: '${args['granularity-ms']}' must be 1 or 100`, { hint: '1 ms since December 2020; 100 ms before.' });
    }
    usage.billing = { ...usage.billing, ...(args['billing-date'] ? { date: args['billing-date'] } : {}), ...(granularity ? { granularityMs: granularity } : {}) };
  }
  if (describesFunction(args, q, base.functions?.length ?? 0)) {
    if ((base.functions?.length ?? 0) > 1) {
      throw new LambdaloadError('USAGE', `function flags describe one function, but ${args.usage} has ${base.functions!.length}`, {
        hint: 'Edit the functions in the usage file instead.',
      });
    }
    usage.functions = [functionFromFlags(args, q, base.functions?.[0])];
  }
  if (args.api !== undefined) {
    const type = args.api.toLowerCase();
    if (type === 'none') delete usage.api;
    else if (type !== 'rest' && type !== 'http') throw new LambdaloadError('USAGE', `--api: '${args.api}' must be rest, http or none`, { hint: 'REST (v1) or HTTP API (v2).' });
    else {
      const requests = q['api-requests'] ?? q.requests ?? usage.api?.requests;
      if (requests === undefined) throw new LambdaloadError('USAGE', '--api needs --api-requests or --requests', { hint: 'e.g. --api http --requests 3M' });
      usage.api = { type, requests };
    }
  }
  const mix = args['payload-mix'] !== undefined ? parsePayloadMix(args['payload-mix']) : undefined;
  if (usage.api && q['api-requests'] !== undefined) usage.api = { ...usage.api, requests: q['api-requests'] };
  if (usage.api) {
    if (q['payload-kb'] !== undefined) usage.api = { ...usage.api, payloadKb: q['payload-kb'] };
    if (q['response-kb'] !== undefined) usage.api = { ...usage.api, responseKb: q['response-kb'] };
    if (mix) usage.api = { ...usage.api, payloadDistribution: mix };
  } else if (q['payload-kb'] !== undefined || q['response-kb'] !== undefined || mix) {
    throw new LambdaloadError('USAGE', '--payload-kb, --payload-mix and --response-kb describe an API: give --api rest or --api http too', { hint: 'e.g. --api http --requests 3M --response-kb 12' });
  }
  if (q['ws-messages'] !== undefined || q['ws-minutes'] !== undefined || q['ws-message-kb'] !== undefined) {
    usage.websocket = {
      messages: q['ws-messages'] ?? usage.websocket?.messages ?? 0,
      messageKb: q['ws-message-kb'] ?? usage.websocket?.messageKb,
      connectionMinutes: q['ws-minutes'] ?? usage.websocket?.connectionMinutes,
    };
  }
  if (q['cache-gb'] !== undefined || q['cache-hours'] !== undefined) {
    const sizeGb = q['cache-gb'] ?? usage.cache?.sizeGb;
    const hours = q['cache-hours'] ?? usage.cache?.hours;
    if (sizeGb === undefined || hours === undefined) throw new LambdaloadError('USAGE', 'give both --cache-gb and --cache-hours', { hint: 'e.g. --cache-gb 1.6 --cache-hours 730' });
    usage.cache = { sizeGb, hours };
  }
  if (q['dto-gb'] !== undefined) usage.dataTransferOutGb = q['dto-gb'];
  const u = usage as CostUsage;
  const products = u.edgeFunctions?.length || u.managedInstances?.length || u.eventSourceMappings?.length || u.apis?.length;
  if (!u.functions?.length && !u.api && !products && !u.websocket && !u.cache && u.dataTransferOutGb === undefined) {
    throw new LambdaloadError('USAGE', 'nothing to price', { hint: 'e.g. lambdaload cost --region us-east-1 --requests 3M --duration-ms 120 --memory-mb 1536' });
  }
  return u;
}

const FREE_TIER_HELP = [
  "Free tiers: every allowance is OFF unless switched on, because AWS's own examples apply some and not others (the REST example prices data transfer with no allowance; the Lambda examples take off 1M requests and 400,000 GB-s).",
  "Lambda's allowances (--free-lambda-requests, --free-lambda-compute, --free-streaming) and the 100 GB of data transfer (--free-dto) are always free for every account: switch them on to match a real bill. --free-tier switches on all four. --apigw-free-tier applies only to accounts created before 2025-07-15, in their first 12 months.",
  'Usage files: "freeTiers": { "lambdaRequests", "lambdaCompute", "responseStreaming", "apiGateway", "dataTransferOut" }; "freeTier": true is the shorthand for all but apiGateway, "apiGatewayFreeTier": true for apiGateway; a freeTiers key wins over a shorthand.',
].join('\n\n');

export const costCommand: CommandModule<object, CostArgs> = {
  command: 'cost',
  describe: 'What-if cost of a monthly usage (no traffic sent): Lambda, API Gateway, data transfer, itemised',
  builder: (y) => {
    let b = y
      .option('region', { type: 'string', describe: 'AWS Region (required; no default)' })
      .option('arch', { type: 'string', describe: 'x86_64 (default) or arm64' })
      .option('api', { type: 'string', describe: 'rest, http or none' })
      .option('free-tier', { type: 'boolean', describe: 'Shorthand: all four --free-lambda-*, --free-streaming, --free-dto' })
      .option('free-lambda-requests', { type: 'boolean', describe: 'Take off Lambda\'s always-free 1M requests' })
      .option('free-lambda-compute', { type: 'boolean', describe: 'Take off Lambda\'s always-free 400,000 GB-s' })
      .option('free-streaming', { type: 'boolean', describe: 'Take off the free 100 GiB of response streaming' })
      .option('free-dto', { type: 'boolean', describe: 'Take off the free 100 GB of data transfer out' })
      .option('apigw-free-tier', { type: 'boolean', describe: 'Take off API Gateway\'s 12-month free tier' })
      .option('payload-mix', { type: 'string', describe: 'Request sizes as sizeKb:share,... (HTTP API metering per band)' })
      .option('init-always-billed', { type: 'boolean', describe: 'Custom runtime or container image: INIT billed before 2025-08-01 too' })
      .option('billing-date', { type: 'string', describe: 'Billing rules of this date (YYYY-MM-DD); default today' })
      .option('granularity-ms', { type: 'string', describe: 'Duration rounding: 1 or 100 (before Dec 2020)' })
      .option('usage', { type: 'string', describe: 'Usage JSON file (CostUsage); flags override it' })
      .option('pricing', { type: 'string', describe: 'Pricing overrides JSON file' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the estimate as JSON' });
    for (const [flag, describe] of Object.entries(QUANTITY_FLAGS)) b = b.option(flag, { type: 'string', describe });
    return b
      .example('$0 cost --region ap-northeast-2 --requests 3M --duration-ms 120 --memory-mb 1536 --arch arm64 --api http --payload-kb 20 --free-tier', '')
      .example('$0 cost --region us-east-1 --api http --requests 3M --payload-mix 20:0.9,1228.8:0.1 --response-kb 12', '')
      .epilog(FREE_TIER_HELP) as never;
  },
  handler: async (args) => {
    const usage = await usageFromArgs(args);
    const pricing = args.pricing ? await loadPricingOverrides(args.pricing) : undefined;
    const estimate = estimateCost(usage, { pricing });
    process.stdout.write(args.json ? `${JSON.stringify(estimate, null, 2)}\n` : renderCostTable(estimate));
  },
};
