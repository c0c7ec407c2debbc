import { defineScenario } from 'lambdaload';
import { fuzzTarget } from '../../test/support/hostile-http.js';

/**
 * The fuzz benchmark's emulator (bench/benchmarks/fuzz.js), served by `lambdaload serve`: the target the fuzz test
 * serves (test/support/hostile-http.ts `fuzzTarget`), for the API type in LAMBDALOAD_FUZZ_API (`rest`, the default,
 * or `http`). The phases and requests are never run; a scenario needs them.
 */
const api = process.env.LAMBDALOAD_FUZZ_API === 'http' ? 'http' : 'rest';

export default defineScenario({
  name: `fuzz-${api}`,
  target: fuzzTarget(api, '../../test/fixtures'),
  phases: [{ type: 'constant', duration: '1s', rate: 1 }],
  requests: [{ path: '/hello' }],
});
