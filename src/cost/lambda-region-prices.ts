/**
 * Lambda list prices of the Regions other than us-east-1, one row per Region, as AWS publishes them in the Pricing
 * Calculator's metered-unit map (calculator.aws/pricing/2.0/meteredUnitMaps/lambda/USD/current/lambda.json, the same
 * SKUs as the AWSLambda Price List offer). The copy read is remotion-dev/remotion
 * `packages/lambda-client/src/price-per-1s.ts` @024b341a (aws-facts §1.8). Each row names the second, independent copy
 * it was checked against, and where the two disagree the newer one wins and the row says so.
 *
 * Independent checks used for many rows at once:
 * - ARTILLERY: artilleryio/artillery `lib/platform/aws-lambda/prices.js` (v2.0.x): x86 tier-1 duration, base price
 *   $0.0000166667 everywhere except af-south-1, ap-east-1, eu-south-1, me-south-1, me-central-1.
 * - POWER_TUNING: alexcasalboni/aws-lambda-power-tuning `template.yml` v4.3.4 `baseCosts` (x86 per ms at 128 MB,
 *   rounded to 2 digits): 2.1e-9 by default, i.e. $0.0000168/GB-s.
 * Both predate eu-central-2 (2022-11) and ap-southeast-5 (2024-08) and list them at the base price; the calculator
 * map is newer and lists them at their own prices, which are used.
 */

/** One Region's published Lambda prices (USD per base unit; requests per million as AWS prints them). */
export interface LambdaRegionRow {
  /** Price List usage-type prefix (`EUW2` in `EUW2-Lambda-GB-Second`); absent where it was not confirmed. */
  usageTypePrefix?: string;
  /** SKU of the x86 on-demand duration row (the rate code's first part in the calculator map). */
  durationSku: string;
  x86GbSecondUsd: number;
  armGbSecondUsd: number;
  requestsUsdPerMillion: number;
  /** Provisioned Concurrency allocation, x86 (arm64 is not in the map outside us-east-1). */
  provisionedX86GbSecondUsd?: number;
  /** Duration of invocations on Provisioned Concurrency, x86. */
  provisionedDurationX86GbSecondUsd?: number;
  /** Ephemeral storage above 512 MB; the map lists the same price for x86 and arm64 in every Region. */
  storageGbSecondUsd?: number;
  /** The public copy of the calculator map that was read; default remotion @024b341a. */
  copy?: string;
  /** The second copy the row was checked against, and any disagreement. */
  crossCheck: string;
  /** Date of the newest copy that confirms the row (`YYYY` when only the year is known). */
  asOf: string;
}

const BASE = { x86GbSecondUsd: 0.0000166667, armGbSecondUsd: 0.0000133334, requestsUsdPerMillion: 0.2 };
const ARTILLERY = 'artilleryio/artillery prices.js (x86 duration at the base price)';
const ARTILLERY_AND_POWER_TUNING = `${ARTILLERY} and alexcasalboni/aws-lambda-power-tuning template.yml v4.3.4 (2.1e-9 $/ms at 128 MB)`;

/** Lambda prices keyed by Region code (us-east-1 lives in lambda-prices.ts, with its tier 2/3 prices). */
export const LAMBDA_REGION_ROWS: Record<string, LambdaRegionRow> = {
  'us-east-2': {
    ...BASE,
    usageTypePrefix: 'USE2',
    durationSku: '3BYZH4NKJN8TJUQ6',
    provisionedX86GbSecondUsd: 0.0000041667,
    provisionedDurationX86GbSecondUsd: 0.0000097222,
    storageGbSecondUsd: 0.0000000309,
    crossCheck: ARTILLERY_AND_POWER_TUNING,
    asOf: '2026',
  },
  'us-west-1': {
    ...BASE,
    usageTypePrefix: 'USW1',
    durationSku: '46GNEXAQAPS9YGE2',
    provisionedX86GbSecondUsd: 0.0000049041,
    provisionedDurationX86GbSecondUsd: 0.000011443,
    storageGbSecondUsd: 0.000000037,
    crossCheck: `AWS Price List bulk file us-west-1 read 2026-09-29 (USW1-Request-ARM $0.20/M, USW1-Lambda-GB-Second-ARM $0.0000133334), quoted in a repository cost packet; ${ARTILLERY}`,
    asOf: '2026-09-29',
  },
  'us-west-2': {
    ...BASE,
    usageTypePrefix: 'USW2',
    durationSku: 'XCU6U9G4FCKZQWG9',
    provisionedX86GbSecondUsd: 0.0000041667,
    provisionedDurationX86GbSecondUsd: 0.0000097222,
    storageGbSecondUsd: 0.0000000309,
    crossCheck: ARTILLERY_AND_POWER_TUNING,
    asOf: '2026',
  },
  'ca-central-1': {
    ...BASE,
    usageTypePrefix: 'CAN1',
    durationSku: 'KS26AK5FJMDYPXSF',
    provisionedX86GbSecondUsd: 0.000004646,
    provisionedDurationX86GbSecondUsd: 0.0000108407,
    storageGbSecondUsd: 0.000000034,
    crossCheck: ARTILLERY_AND_POWER_TUNING,
    asOf: '2026',
  },
  'sa-east-1': {
    ...BASE,
    usageTypePrefix: 'SAE1',
    durationSku: 'JNXN2GCNDMDR7JAF',
    provisionedX86GbSecondUsd: 0.0000066372,
    provisionedDurationX86GbSecondUsd: 0.0000154867,
    storageGbSecondUsd: 0.0000000586,
    crossCheck: `${ARTILLERY_AND_POWER_TUNING}; an older remotion-derived copy of the map lists the same PC prices`,
    asOf: '2026',
  },
  'eu-west-1': {
    ...BASE,
    usageTypePrefix: 'EU',
    durationSku: 'SGGKTWDV7PGMPPSJ',
    provisionedX86GbSecondUsd: 0.000004646,
    provisionedDurationX86GbSecondUsd: 0.0000108407,
    storageGbSecondUsd: 0.000000034,
    crossCheck: ARTILLERY_AND_POWER_TUNING,
    asOf: '2026',
  },
  'eu-west-2': {
    ...BASE,
    usageTypePrefix: 'EUW2',
    durationSku: 'RP9RSZYUC96SQ4G2',
    provisionedX86GbSecondUsd: 0.0000048304,
    provisionedDurationX86GbSecondUsd: 0.0000112709,
    storageGbSecondUsd: 0.0000000358,
    crossCheck:
      'AWS Price List snapshot dated 2026-09-05 in a repository test fixture (EUW2-Request $0.20/M, EUW2-Lambda-GB-Second SKU RP9RSZYUC96SQ4G2 first 6B GB-s, -ARM first 7.5B, EUW2-Lambda-Storage-GB-Second) and a repository cost review (EUW2-Lambda-Provisioned-Concurrency $0.0000048304)',
    asOf: '2026-09-05',
  },
  'eu-west-3': {
    ...BASE,
    usageTypePrefix: 'EUW3',
    durationSku: '7V27U9PFRJGUDWJ8',
    provisionedX86GbSecondUsd: 0.0000048673,
    provisionedDurationX86GbSecondUsd: 0.0000113569,
    storageGbSecondUsd: 0.0000000358,
    crossCheck: ARTILLERY_AND_POWER_TUNING,
    asOf: '2026',
  },
  'eu-central-1': {
    ...BASE,
    usageTypePrefix: 'EUC1',
    durationSku: 'S4ZKFHQ6B28FBYVW',
    provisionedX86GbSecondUsd: 0.0000050147,
    provisionedDurationX86GbSecondUsd: 0.0000117011,
    storageGbSecondUsd: 0.0000000367,
    crossCheck: ARTILLERY_AND_POWER_TUNING,
    asOf: '2026',
  },
  'eu-north-1': {
    ...BASE,
    usageTypePrefix: 'EUN1',
    durationSku: '7N49FRQMXS49C2QS',
    provisionedX86GbSecondUsd: 0.0000044248,
    provisionedDurationX86GbSecondUsd: 0.0000103245,
    storageGbSecondUsd: 0.0000000323,
    crossCheck: `${ARTILLERY_AND_POWER_TUNING}; an older remotion-derived copy of the map lists the same PC prices`,
    asOf: '2026',
  },
  'eu-south-1': {
    usageTypePrefix: 'EUS1',
    durationSku: 'SWU8SVYB8U6S2RXR',
    x86GbSecondUsd: 0.0000195172,
    armGbSecondUsd: 0.0000156138,
    requestsUsdPerMillion: 0.23,
    provisionedX86GbSecondUsd: 0.0000048783,
    provisionedDurationX86GbSecondUsd: 0.0000113827,
    storageGbSecondUsd: 0.0000000357,
    crossCheck: 'artilleryio/artillery prices.js (x86 1951720e-11 = $0.0000195172); power-tuning 2.4e-9 $/ms at 128 MB',
    asOf: '2026',
  },
  'eu-central-2': {
    usageTypePrefix: 'EUC2',
    durationSku: 'U6YRFNVKQZTX8VF2',
    x86GbSecondUsd: 0.0000183334,
    armGbSecondUsd: 0.0000146667,
    requestsUsdPerMillion: 0.22,
    provisionedX86GbSecondUsd: 0.0000055162,
    provisionedDurationX86GbSecondUsd: 0.0000128712,
    storageGbSecondUsd: 0.0000000441,
    crossCheck:
      'single copy: artillery and power-tuning predate the Region and list only the base price ($0.0000166667); the newer calculator map is used',
    asOf: '2026',
  },
  'af-south-1': {
    usageTypePrefix: 'AFS1',
    durationSku: 'Z6UGBG979PFHQNPH',
    x86GbSecondUsd: 0.0000221,
    armGbSecondUsd: 0.00001768,
    requestsUsdPerMillion: 0.27,
    provisionedX86GbSecondUsd: 0.00000553,
    provisionedDurationX86GbSecondUsd: 0.0000129,
    storageGbSecondUsd: 0.0000000404,
    crossCheck: 'artilleryio/artillery prices.js (x86 2210000e-11 = $0.0000221); power-tuning 2.8e-9 $/ms at 128 MB',
    asOf: '2026',
  },
  'ap-east-1': {
    usageTypePrefix: 'APE1',
    durationSku: 'Y3J9NSBFENB45VFD',
    x86GbSecondUsd: 0.00002292,
    armGbSecondUsd: 0.0000183,
    requestsUsdPerMillion: 0.28,
    provisionedX86GbSecondUsd: 0.0000057153,
    provisionedDurationX86GbSecondUsd: 0.0000133358,
    storageGbSecondUsd: 0.0000000407,
    crossCheck: 'artilleryio/artillery prices.js (x86 2292000e-11 = $0.00002292); power-tuning 2.9e-9 $/ms at 128 MB',
    asOf: '2026',
  },
  'ap-south-1': {
    ...BASE,
    usageTypePrefix: 'APS3',
    durationSku: 'PHDF9YNAFR3HDSR8',
    provisionedX86GbSecondUsd: 0.0000044985,
    provisionedDurationX86GbSecondUsd: 0.0000104966,
    storageGbSecondUsd: 0.0000000352,
    crossCheck: ARTILLERY_AND_POWER_TUNING,
    asOf: '2026',
  },
  'ap-northeast-1': {
    ...BASE,
    usageTypePrefix: 'APN1',
    durationSku: 'FSYUV9NMNDEXRJ5H',
    provisionedX86GbSecondUsd: 0.0000053835,
    provisionedDurationX86GbSecondUsd: 0.0000125615,
    storageGbSecondUsd: 0.000000037,
    crossCheck: ARTILLERY_AND_POWER_TUNING,
    asOf: '2026',
  },
  'ap-northeast-2': {
    ...BASE,
    usageTypePrefix: 'APN2',
    durationSku: 'AW8K7Q9ZMMBBP9W6',
    provisionedX86GbSecondUsd: 0.0000051254,
    provisionedDurationX86GbSecondUsd: 0.0000119592,
    storageGbSecondUsd: 0.0000000352,
    crossCheck: ARTILLERY_AND_POWER_TUNING,
    asOf: '2026',
  },
  'ap-northeast-3': {
    ...BASE,
    usageTypePrefix: 'APN3',
    durationSku: 'HQWXQQHHTTTVSUH2',
    provisionedX86GbSecondUsd: 0.0000053835,
    provisionedDurationX86GbSecondUsd: 0.0000125615,
    storageGbSecondUsd: 0.000000037,
    crossCheck:
      'artilleryio/artillery prices.js agrees (base price); power-tuning v4.3.4 disagrees (2.7e-9 $/ms at 128 MB, about $0.0000216/GB-s): the newer calculator map is used (aws-facts Appendix A)',
    asOf: '2026',
  },
  'ap-southeast-1': {
    ...BASE,
    usageTypePrefix: 'APS1',
    durationSku: '67ZV6RMYY72YSRDC',
    provisionedX86GbSecondUsd: 0.0000051991,
    provisionedDurationX86GbSecondUsd: 0.0000121313,
    storageGbSecondUsd: 0.000000037,
    crossCheck: ARTILLERY_AND_POWER_TUNING,
    asOf: '2026',
  },
  'ap-southeast-2': {
    ...BASE,
    usageTypePrefix: 'APS2',
    durationSku: '4NX7CSSF3DVPXWBT',
    provisionedX86GbSecondUsd: 0.000005236,
    provisionedDurationX86GbSecondUsd: 0.0000122173,
    storageGbSecondUsd: 0.000000037,
    crossCheck:
      'AWS Pricing API ap-southeast-2, effective 2026-07-01, quoted in a repository design note (PC $0.0000052360, duration tier 1 $0.0000166667, PC duration $0.0000122173)',
    asOf: '2026-07-01',
  },
  // Melbourne and Malaysia: the usage-type prefixes were not confirmed, so the rows cite the SKU only.
  'ap-southeast-4': {
    ...BASE,
    durationSku: 'H6FQK2WA7RDQ5V8X',
    provisionedX86GbSecondUsd: 0.000005236,
    provisionedDurationX86GbSecondUsd: 0.0000122173,
    storageGbSecondUsd: 0.000000037,
    crossCheck: 'artilleryio/artillery prices.js (base price); no second copy of the PC and storage prices',
    asOf: '2026',
  },
  'ap-southeast-5': {
    durationSku: 'D9T9NECWKTB5WH67',
    x86GbSecondUsd: 0.000015,
    armGbSecondUsd: 0.000012,
    requestsUsdPerMillion: 0.18,
    provisionedX86GbSecondUsd: 0.0000046791,
    provisionedDurationX86GbSecondUsd: 0.0000109181,
    storageGbSecondUsd: 0.0000000333,
    crossCheck:
      'single copy: artillery and power-tuning predate the Region (launched 2024-08) and list only the base price; the newer calculator map is used',
    asOf: '2026',
  },
  // Bahrain is missing from remotion @024b341a; an older remotion-derived copy of the map has its duration, requests
  // and PC; the arm64 price is artillery's. No ephemeral storage price was found.
  'me-south-1': {
    usageTypePrefix: 'MES1',
    copy: 'an older remotion-derived copy of the map that still lists me-south-1',
    durationSku: 'N7S38YMSMVSPHNAH',
    x86GbSecondUsd: 0.0000206667,
    armGbSecondUsd: 0.0000165334,
    requestsUsdPerMillion: 0.25,
    provisionedX86GbSecondUsd: 0.0000051108,
    provisionedDurationX86GbSecondUsd: 0.0000119251,
    crossCheck:
      'artilleryio/artillery prices.js (x86 2066670e-11, arm 1653340e-11, the arm price taken from it); power-tuning 2.6e-9 $/ms at 128 MB; requests and PC from the single copy',
    asOf: '2026',
  },
};
