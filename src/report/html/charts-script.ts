/**
 * The page's own script (plain ES2017, run by the browser, not by Node): reads the embedded chart data and draws each
 * chart with uPlot. Charts tell series apart by line dash, bars, hatching and point shape as well as colour
 * (Okabe–Ito, readable with colour-blindness), and name them in the legend. Each drawn chart gets
 * `data-rendered="<points>"`, which the browser test checks. A string, not a function's source: a bundler's helpers
 * must never end up in the page.
 */
/**
 * The legend marker in the line's own style (solid, dashed, dotted, double for dash-dot), not only its colour: a uPlot
 * `legend.markers.dash`. Shared with the trend page's script.
 */
export const MARKER_DASH_JS = String.raw`  function markerDash(u, i) {
    var d = u.series[i].dash;
    return !d || d.length === 0 ? 'solid' : d.length > 2 ? 'double' : d[0] <= 3 ? 'dotted' : 'dashed';
  }`;

/**
 * The chart helpers a page script shares (`charts`, `markerDash`, `draw(name, yLabel, series, columns)` over the
 * page data's `d.t` axis, and resizing for the window and for print), for pages whose x axis is `xAxis`.
 */
export function chartHelpersJs(xAxis: { time: boolean; label?: string; seriesLabel: string }): string {
  const axis = xAxis.label === undefined ? '{}' : `{ label: ${JSON.stringify(xAxis.label)} }`;
  return String.raw`  var charts = [];
${MARKER_DASH_JS}
  function draw(name, yLabel, series, columns) {
    var figure = document.querySelector('figure[data-chart="' + name + '"]');
    if (!figure) return;
    var holder = figure.querySelector('.plot');
    var opts = {
      width: Math.max(320, holder.clientWidth || 800), height: 260,
      scales: { x: { time: ${xAxis.time} } },
      axes: [${axis}, { label: yLabel, size: 60 }],
      series: [{ label: ${JSON.stringify(xAxis.seriesLabel)} }].concat(series),
      legend: { markers: { width: 3, dash: markerDash } }
    };
    charts.push({ chart: new uPlot(opts, [d.t].concat(columns), holder), holder: holder });
    figure.setAttribute('data-rendered', String(d.t.length));
  }
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.chart.setSize({ width: Math.max(320, c.holder.clientWidth), height: 260 }); }); });
  window.addEventListener('beforeprint', function () { charts.forEach(function (c) { c.chart.setSize({ width: 680, height: 260 }); }); });`;
}

export const CHARTS_SCRIPT = String.raw`(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('lambdaload-data').textContent);
  var C = { blue: '#0072B2', orange: '#D55E00', grey: '#555555', green: '#009E73', purple: '#CC79A7', yellow: '#E69F00' };
  var charts = [];

  function hatch(color) {
    var c = document.createElement('canvas');
    c.width = 8; c.height = 8;
    var g = c.getContext('2d');
    g.strokeStyle = color; g.lineWidth = 2;
    g.beginPath(); g.moveTo(0, 8); g.lineTo(8, 0); g.stroke();
    return function (u) { return u.ctx.createPattern(c, 'repeat'); };
  }
${MARKER_DASH_JS}
  function fmtMs(v) { return v == null ? '–' : (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) + ' ms'; }
  function fmtN(v) { return v == null ? '–' : String(Math.round(v * 100) / 100); }
  function pctLabel(x) {
    var q = 100 * (1 - Math.pow(10, -x));
    return x === 0 ? 'min' : 'p' + String(Math.round(q * 1000) / 1000);
  }

  function draw(name, opts, columns) {
    var figure = document.querySelector('figure[data-chart="' + name + '"]');
    if (!figure) return;
    var holder = figure.querySelector('.plot');
    opts.width = Math.max(320, holder.clientWidth || 800);
    opts.height = opts.height || 280;
    opts.legend = { markers: { width: 3, dash: markerDash } };
    var chart = new uPlot(opts, columns, holder);
    charts.push({ chart: chart, holder: holder });
    figure.setAttribute('data-rendered', String(columns[0].length));
  }

  var curves = data.curves;
  if (curves.curves.length > 0) {
    var styles = { warm: { stroke: C.blue, dash: [] }, cold: { stroke: C.orange, dash: [10, 5] }, unknown: { stroke: C.grey, dash: [2, 4] } };
    draw('percentiles', {
      scales: { x: { time: false }, y: { distr: 3 } },
      axes: [
        { label: 'percentile', splits: function () { return [0, 1, 2, 3, 4]; }, values: function (u, xs) { return xs.map(pctLabel); } },
        { label: 'latency (ms, log scale)', size: 70, values: function (u, ys) { return ys.map(function (y) { return fmtN(y); }); } }
      ],
      series: [{ label: 'percentile', value: function (u, x) { return x == null ? '–' : pctLabel(x); } }].concat(curves.curves.map(function (c) {
        var s = styles[c.label] || styles.unknown;
        return { label: c.label + ' (' + c.count + ')', stroke: s.stroke, dash: s.dash, width: 2, spanGaps: false, value: function (u, v) { return fmtMs(v); } };
      }))
    }, [curves.nines].concat(curves.curves.map(function (c) { return c.valuesMs; })));
  }

  var t = data.timeline;
  if (t.second.length > 0) {
    var marks = [
      { label: 'cold starts / s', scale: 'count', stroke: C.orange, fill: hatch(C.orange), width: 1, paths: uPlot.paths.bars({ size: [0.8, 12] }), points: { show: false } }
    ];
    var markCols = [t.coldStarts];
    if (t.throttles) {
      marks.push({ label: 'throttles / s', scale: 'count', stroke: C.purple, width: 0, paths: function () { return null; }, points: { show: true, size: 9, width: 2, stroke: C.purple, fill: '#ffffff' } });
      markCols.push(t.throttles.map(function (n) { return n > 0 ? n : null; }));
    }
    marks.push({ label: 'errors / s', scale: 'count', stroke: C.grey, width: 0, paths: function () { return null; }, points: { show: true, size: 6, stroke: C.grey, fill: C.grey } });
    markCols.push(t.errors.map(function (n) { return n > 0 ? n : null; }));
    draw('latency-time', {
      scales: { x: { time: false }, count: { range: function (u, min, max) { return [0, Math.max(1, max) * 1.1]; } } },
      axes: [
        { label: 'seconds since start' },
        { label: 'latency (ms)', size: 60 },
        { scale: 'count', side: 1, label: 'per second', grid: { show: false }, size: 50 }
      ],
      series: [{ label: 'second' },
        { label: 'p50', stroke: C.blue, width: 2, value: function (u, v) { return fmtMs(v); } },
        { label: 'p99', stroke: C.blue, dash: [8, 4], width: 2, value: function (u, v) { return fmtMs(v); } }
      ].concat(marks)
    }, [t.second, t.p50Ms, t.p99Ms].concat(markCols));

    var load = [
      { label: 'sent / s', stroke: C.green, width: 2 },
      { label: 'completed / s', stroke: C.blue, dash: [6, 3], width: 2 },
      { label: 'in flight', stroke: C.orange, dash: [2, 3], width: 2, scale: 'n' }
    ];
    var loadCols = [t.sent, t.completed, t.inFlight];
    if (t.environments) {
      load.push({ label: 'environments', stroke: C.purple, dash: [12, 3, 2, 3], width: 2, scale: 'n' });
      loadCols.push(t.environments);
    }
    draw('throughput', {
      scales: { x: { time: false } },
      axes: [
        { label: 'seconds since start' },
        { label: 'requests / s', size: 60 },
        { scale: 'n', side: 1, label: 'in flight' + (t.environments ? ' · environments' : ''), grid: { show: false }, size: 50 }
      ],
      series: [{ label: 'second' }].concat(load)
    }, [t.second].concat(loadCols));
  }

  function resize(width) {
    charts.forEach(function (c) { c.chart.setSize({ width: width || Math.max(320, c.holder.clientWidth), height: c.chart.height }); });
  }
  window.addEventListener('resize', function () { resize(); });
  // Paper is narrower than most screens: fit the canvases to the printed column, then back.
  window.addEventListener('beforeprint', function () { resize(680); });
  window.addEventListener('afterprint', function () { resize(); });
})();`;
