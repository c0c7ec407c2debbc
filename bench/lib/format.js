/** Number formatting for the table: units always shown. */

export const rps = (v) => (Number.isFinite(v) ? `${Math.round(v).toLocaleString('en-US')} req/s` : 'n/a');
export const int = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : 'n/a');
export const krps = (v) => (Number.isFinite(v) ? `${(v / 1000).toFixed(1)}k` : 'n/a');
export const ms = (v, digits) => {
  if (!Number.isFinite(v)) return 'n/a';
  const d = digits ?? (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2);
  return `${v.toFixed(d)} ms`;
};
export const mb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1048576).toFixed(1)} MB` : 'n/a');
export const pct = (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(2)}%` : 'n/a');
export const ratio = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : 'n/a');
export const seconds = (v) => (Number.isFinite(v) ? `${v.toFixed(2)} s` : 'n/a');
