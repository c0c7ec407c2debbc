/**
 * The plan page's script (plain ES2017, run by the browser): arrivals and answers, environments, and cold starts
 * with throttles over the simulated time, each series told apart by dash as well as colour. Sets `data-rendered` on
 * each drawn chart, as the run report's script does.
 */
import { chartHelpersJs } from '../report/html/charts-script.js';

export const PLAN_SCRIPT = String.raw`(function () {
  'use strict';
  var d = JSON.parse(document.getElementById('lambdaload-data').textContent);
  var C = { blue: '#0072B2', orange: '#D55E00', grey: '#555555', green: '#009E73', purple: '#CC79A7' };
${chartHelpersJs({ time: false, label: 'seconds from the start', seriesLabel: 's' })}
  draw('plan-traffic', 'requests per second', [
    { label: 'arrivals', stroke: C.blue, width: 2 },
    { label: 'served', stroke: C.green, dash: [8, 4], width: 2 }
  ], [d.arrivals, d.served]);
  draw('plan-environments', 'environments', [
    { label: 'busy (peak)', stroke: C.blue, width: 2 },
    { label: 'idle', stroke: C.grey, dash: [2, 3], width: 2 },
    { label: 'initialising', stroke: C.orange, dash: [8, 4], width: 2 }
  ], [d.busy, d.idle, d.initialising]);
  draw('plan-cold-throttles', 'requests per second', [
    { label: 'cold starts', stroke: C.orange, width: 2 },
    { label: 'throttled', stroke: C.purple, dash: [8, 4], width: 2 },
    { label: 'integration timeouts', stroke: C.grey, dash: [2, 3], width: 2 }
  ], [d.coldStarts, d.throttles, d.timeouts]);
})();`;
