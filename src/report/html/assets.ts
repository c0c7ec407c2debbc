/**
 * The chart library, read from node_modules when a report is rendered and inlined into the page, so a report is one
 * file that opens offline (no CDN, no network request). uPlot: ~50 kB minified, MIT, canvas charts of time series
 * (README: HTML report, for why uPlot). Read once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { LambdaloadError } from '../../errors.js';

export interface ChartAssets {
  script: string;
  css: string;
}

let cached: ChartAssets | undefined;

export function loadChartAssets(): ChartAssets {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  try {
    const script = readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
    const css = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
    // Inlined into a <script>: the library must not hold the sequence that would end it early.
    if (/<\/script/i.test(script) || /<\/style/i.test(css)) throw new Error('the chart library holds a closing </script> or </style> tag');
    cached = { script, css };
    return cached;
  } catch (error) {
    throw new LambdaloadError('INTERNAL', `cannot read the chart library (uplot) for the HTML report: ${(error as Error).message}`, {
      hint: 'Reinstall lambdaload (npm ci): the uplot package is one of its dependencies.',
      cause: error,
    });
  }
}
