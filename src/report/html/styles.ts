/**
 * The report's CSS: a readable column on a laptop, tables that fit, and print rules (no page break inside a chart or a
 * table row, bars printed as drawn). Meaning never rests on colour alone: verdicts carry ✓ ✗ ! symbols and words,
 * bars carry their numbers.
 */
export const REPORT_CSS = `
:root { --fg: #1b1b1b; --muted: #5a5a5a; --line: #d0d0d0; --ok: #00704a; --bad: #b00020; --warn: #8a5a00; --bar: #5b8fc7; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0 auto; padding: 1.5rem; max-width: 1100px; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; }
.description, .facts, figcaption, small, caption { color: var(--muted); }
caption { text-align: left; font-size: .9rem; padding: .2rem 0; }
.verdict { font-size: 1.2rem; padding: .4rem .7rem; border: 2px solid; display: inline-block; }
.verdict.passed { color: var(--ok); }
.verdict.failed { color: var(--bad); border-style: double; border-width: 4px; }
.verdict.aborted { color: var(--warn); border-style: dashed; }
.nowrap { white-space: nowrap; }
.ok { color: var(--ok); } .bad, .sev-critical { color: var(--bad); font-weight: 600; } .sev-warning { color: var(--warn); font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .92rem; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code { font-size: .88em; overflow-wrap: anywhere; }
.bar-cell { display: flex; align-items: center; gap: .4rem; min-width: 9rem; }
.bar { display: inline-block; height: .8rem; background: var(--bar); border: 1px solid #333; min-width: 1px; }
.bar.base { background: repeating-linear-gradient(45deg, var(--bar) 0 3px, #fff 3px 6px); }
.bar.bad { background: repeating-linear-gradient(-45deg, var(--bad) 0 2px, #fff 2px 5px); }
.bar.warn { background: repeating-linear-gradient(90deg, var(--warn) 0 2px, #fff 2px 4px); }
.bar-label { white-space: nowrap; font-variant-numeric: tabular-nums; }
figure.chart { margin: 1rem 0; }
figure.chart .plot { width: 100%; min-height: 2rem; }
.uplot { font-family: inherit; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  figure.chart, tr, .verdict { break-inside: avoid; }
  h2 { break-after: avoid; }
  canvas { max-width: 100% !important; height: auto !important; }
}
`;
