/**
 * A scenario built by the bench at run time (target URL with a port only known then, phases of the benchmark):
 * the JSON in LAMBDALOAD_BENCH_SCENARIO, validated by lambdaload like any scenario file. See bench/lib/tools.js.
 */
const json = process.env.LAMBDALOAD_BENCH_SCENARIO;
if (json === undefined) throw new Error('LAMBDALOAD_BENCH_SCENARIO is not set: this file is used by bench/run.js');
export default JSON.parse(json);
