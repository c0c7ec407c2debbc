/**
 * The trend page's script (plain ES2017, run by the browser): latency, rates and cost per run on a time axis, with
 * the runs `compare` flags marked by large hollow circles (a shape, not only a colour). Sets `data-rendered` on each
 * drawn chart, as the run report's script does.
 */
import { chartHelpersJs } from '../report/html/charts-script.js';

export const TREND_SCRIPT = String.raw`(function () {
  'use strict';
  var d = JSON.parse(document.getElementById('lambdaload-data').textContent);
  var C = { blue: '#0072B2', orange: '#D55E00', grey: '#555555', green: '#009E73', purple: '#CC79A7' };
${chartHelpersJs({ time: true, seriesLabel: 'started' })}
  function flaggedAt(col) { return col.map(function (v, i) { return d.flagged[i] ? v : null; }); }
  var flagMark = { label: 'flagged by compare', stroke: C.purple, width: 0, paths: function () { return null; }, points: { show: true, size: 16, width: 3, stroke: C.purple, fill: 'rgba(0,0,0,0)' } };
  draw('trend-latency', 'latency (ms)', [
    { label: 'warm p50', stroke: C.blue, width: 2 },
    { label: 'warm p99', stroke: C.blue, dash: [8, 4], width: 2 },
    { label: 'cold p50', stroke: C.orange, dash: [2, 3], width: 2 },
    { label: 'cold p99', stroke: C.orange, dash: [12, 3, 2, 3], width: 2 },
    flagMark
  ], [d.warmP50, d.warmP99, d.coldP50, d.coldP99, flaggedAt(d.warmP99)]);
  draw('trend-rates', 'percent of requests', [
    { label: 'cold starts %', stroke: C.orange, dash: [6, 3], width: 2 },
    { label: 'errors %', stroke: C.grey, width: 2 },
    flagMark
  ], [d.coldRate, d.errorRate, flaggedAt(d.errorRate)]);
  if (d.cost.some(function (v) { return v != null; })) {
    draw('trend-cost', 'USD per million requests', [{ label: 'cost / 1M', stroke: C.green, width: 2 }, flagMark], [d.cost, flaggedAt(d.cost)]);
  }
})();`;
