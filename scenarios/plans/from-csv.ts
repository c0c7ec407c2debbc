import { definePlan } from 'lambdaload';

/**
 * Real traffic from a CSV: two hours of a sale evening counted per minute (the shape a CloudWatch or access-log
 * export gives), replayed as it came: 60 req/s, then the marketing email at 18:30 and a jump to 900 req/s. Request
 * and response sizes: most calls are small, a few upload a photo; HTTP API meters them in 512 KB units.
 */
export default definePlan({
  name: 'sale-evening',
  description: 'A sale evening from sale-evening.csv, two routes with their payload sizes',
  region: 'us-east-1',
  traffic: { type: 'csv', file: './sale-evening.csv' },
  /** The month's volume from last month's bill; the evening gives the shape, cold starts and durations. */
  monthlyRequests: 150_000_000,
  api: { type: 'http' },
  functions: {
    shop: { memoryMb: 1024, duration: { p50: 40, p99: 180 }, init: { p50: 350, p99: 800 }, timeout: '10s' },
    upload: { memoryMb: 1024, duration: { p50: 300, p99: 900 }, init: { p50: 350, p99: 800 }, timeout: '10s' },
  },
  payload: { requestKb: 2, responseKb: 30 },
  routes: [
    { name: 'GET /products', function: 'shop', share: 19 },
    { name: 'POST /photos', function: 'upload', share: 1, payload: { requestKb: [{ sizeKb: 400, weight: 8 }, { sizeKb: 2500, weight: 2 }], responseKb: 1 } },
  ],
  thresholds: { p99Ms: 1500, maxErrorRate: 0.001 },
});
