/** JUnit XML of a saved result: one testcase per threshold plus the run, escaped so any message stays well-formed. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../../src/report/junit.js';
import type { RunResult } from '../../../src/result/types.js';

const result = JSON.parse(readFileSync(new URL('../../fixtures/results/hello.json', import.meta.url), 'utf8')) as RunResult;

function count(xml: string, pattern: RegExp): number {
  return xml.match(pattern)?.length ?? 0;
}

describe('renderJunit', () => {
  it('has the run and every threshold as testcases; the counts add up', () => {
    const xml = renderJunit(result);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="lambdaload"')).toBe(true);
    expect(count(xml, /<testcase /g)).toBe(1 + result.thresholds.length);
    const failed = result.thresholds.filter((t) => !t.passed && t.actual !== null).length;
    expect(xml).toContain(`<testsuite name="lambdaload ${result.scenario.name}" tests="${1 + result.thresholds.length}" failures="${failed}"`);
    expect(count(xml, /<failure /g)).toBe(failed);
  });

  it('fails a threshold with its actual value, skips one without data, and fails an interrupted run', () => {
    const [first] = result.thresholds;
    const xml = renderJunit({
      ...result,
      status: 'aborted',
      thresholds: [
        { ...first!, passed: false, actual: 412.5, description: 'p99 warm latency ≤ 250 ms' },
        { ...first!, passed: false, actual: null, note: 'no warm requests', description: 'p99 cold latency ≤ 250 ms' },
      ],
    });
    expect(xml).toContain('<failure message="p99 warm latency ≤ 250 ms: actual 412.5">');
    expect(xml).toContain('<skipped message="no warm requests"/>');
    expect(xml).toContain('<testcase classname="lambdaload hello" name="run"');
    expect(xml).toMatch(/name="run"[^>]*><failure message="the run was interrupted/);
    expect(xml).toMatch(/failures="2" skipped="1"/);
  });

  it('escapes markup, quotes and control characters in names and messages', () => {
    const [first] = result.thresholds;
    const xml = renderJunit({
      ...result,
      scenario: { ...result.scenario, name: 'a<b>&"c"' },
      thresholds: [{ ...first!, passed: false, actual: 1, description: "x < 'y' & \u0007z" }],
      warnings: [{ code: 'W', message: 'line1\nline2 <tag>' }],
    });
    expect(xml).toContain('name="lambdaload a&lt;b&gt;&amp;&quot;c&quot;"');
    expect(xml).toContain('<failure message="x &lt; &apos;y&apos; &amp; z: actual 1">');
    expect(xml).toContain('<system-err>W: line1\nline2 &lt;tag&gt;</system-err>');
    expect(xml).not.toContain('\u0007');
  });
});
