import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../../src/cost/estimate.js';
import { formatCostMarkdown, formatUsd, renderComparisonTable, renderCostTable, formatComparisonMarkdown } from '../../../src/cost/render.js';
import { compareCosts } from '../../../src/cost/compare.js';

const busy = estimateCost({
  region: 'ap-northeast-2',
  freeTier: true,
  functions: [
    {
      memoryMb: 1536,
      architecture: 'arm64',
      requests: 3e9,
      durationMs: 120,
      ephemeralStorageMb: 2048,
      provisioned: { environments: 500, hoursEnabled: 730, requests: 1e9 },
    },
  ],
  api: { type: 'rest', requests: 25e9 },
  websocket: { messages: 2e9, connectionMinutes: 1e9 },
  cache: { sizeGb: 1.6, hours: 730 },
  dataTransferOutGb: 300_000,
});

describe('renderCostTable', () => {
  const text = renderCostTable(busy);

  it('fits 80 columns', () => {
    for (const line of text.split('\n').filter((l) => !l.startsWith('⚠') && !l.startsWith('·'))) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('shows each line with its tier, unit price and amount, and the total', () => {
    expect(text).toMatch(/API Gateway REST requests\s+first 333M\s+333M req\s+\$3\.50\/M\s+\$1,165\.50/);
    expect(text).toMatch(/API Gateway REST requests\s+over 20B\s+5B req\s+\$1\.72\/M\s+\$8,600\.00/);
    expect(text).toMatch(/Lambda duration \(arm64\)\s+free tier\s+400k GB-s\s+free\s+\$0\.00/);
    expect(text).toContain(`Total (ap-northeast-2)`);
    expect(text).toContain(formatUsd(busy.totalUsd));
  });

  it('prints every warning so a missing price cannot go unnoticed', () => {
    expect(busy.warnings.length).toBeGreaterThan(2);
    for (const w of busy.warnings) expect(text).toContain(`⚠ ${w.message}`);
    expect(text).toContain('API Gateway cache (1.6 GB): no price for this size in ap-northeast-2');
  });
});

describe('formatUsd', () => {
  it.each([
    [0, '$0.00'],
    [1234.567, '$1,234.57'],
    [0.4, '$0.40'],
    [0.0000321667, '$0.0000322'],
    [-2.5, '-$2.50'],
  ])('%d → %s', (usd, text) => {
    expect(formatUsd(usd)).toBe(text);
  });
});

describe('formatCostMarkdown', () => {
  it('renders a Markdown table with the total and the warnings as a list', () => {
    const md = formatCostMarkdown(busy);
    const lines = md.split('\n');
    expect(lines[0]).toBe('| Item | Tier | Quantity | Unit price | Amount |');
    expect(lines[1]).toBe('|---|---|---:|---:|---:|');
    expect(md).toContain(`| **Total (ap-northeast-2)** | | | | **${formatUsd(busy.totalUsd)}** |`);
    expect(md).toContain('- ⚠ API Gateway cache (1.6 GB)');
    expect(lines.filter((l) => l.startsWith('| ')).length).toBe(busy.lines.length + 2);
  });
});

describe('comparison rendering', () => {
  const comparison = compareCosts(
    {
      region: 'us-east-1',
      functions: [
        { name: 'a', memoryMb: 1024, architecture: 'x86_64', invocationsPerRequest: 1, avgBilledMs: 100, coldStartRate: 0, avgBilledInitMs: 0, provisionedShare: 0 },
      ],
      api: { type: 'rest', meteredPerRequest: 1, responseBytesPerRequest: 0 },
    },
    { monthlyRequests: 10e6 },
  );

  it('marks the measured variant and the deltas of the others, within 80 columns', () => {
    const text = renderComparisonTable(comparison);
    expect(text).toMatch(/x86_64 \+ REST\s+\$53\.67\s+\$5\.37\s+\(measured\)/);
    expect(text).toMatch(/x86_64 \+ HTTP API\s+\$28\.67\s+\$2\.87\s+-\$25\.00/);
    for (const line of text.split('\n').filter((l) => !l.startsWith('·'))) expect(line.length).toBeLessThanOrEqual(80);
    expect(formatComparisonMarkdown(comparison)).toContain('| arm64 + HTTP API |');
  });
});
