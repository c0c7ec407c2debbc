/**
 * JUnit XML of a result, for CI systems that show test reports (GitHub Actions reporters, GitLab, Jenkins): one
 * testsuite per run, one testcase per threshold (a failed threshold is a failure, one without data is skipped), and a
 * testcase for the run itself that fails when it was interrupted.
 */
import type { RunResult } from '../result/types.js';

export function renderJunit(result: RunResult): string {
  const suite = `lambdaload ${result.scenario.name}`;
  const cases: string[] = [];
  const seconds = (result.timing.durationMs / 1000).toFixed(3);
  const ran = `completed: ${result.requests.completed} requests, ${result.requests.errors} errors`;
  cases.push(
    result.status === 'aborted'
      ? testcase(suite, 'run', `<failure message="${attr('the run was interrupted: the numbers cover only the part that ran')}">${text(ran)}</failure>`, seconds)
      : testcase(suite, 'run', `<system-out>${text(ran)}</system-out>`, seconds),
  );
  let failures = result.status === 'aborted' ? 1 : 0;
  let skipped = 0;
  for (const t of result.thresholds) {
    const name = `${t.implicit ? '(implicit) ' : ''}${t.description}`;
    const actual = t.actual === null ? 'no data' : String(t.actual);
    if (t.actual === null) {
      skipped++;
      cases.push(testcase(suite, name, `<skipped message="${attr(t.note ?? 'no data to evaluate')}"/>`));
    } else if (!t.passed) {
      failures++;
      cases.push(testcase(suite, name, `<failure message="${attr(`${t.description}: actual ${actual}`)}">${text(JSON.stringify(t.threshold))}</failure>`));
    } else cases.push(testcase(suite, name, `<system-out>${text(`actual ${actual}`)}</system-out>`));
  }
  const warnings = result.warnings.map((w) => `${w.code}: ${w.message}`).join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="lambdaload" tests="${cases.length}" failures="${failures}" skipped="${skipped}" time="${seconds}">`,
    `  <testsuite name="${attr(suite)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}" time="${seconds}" timestamp="${attr(result.timing.startedAt)}">`,
    ...cases.map((c) => `    ${c}`),
    ...(warnings === '' ? [] : [`    <system-err>${text(warnings)}</system-err>`]),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function testcase(suite: string, name: string, body: string, time?: string): string {
  return `<testcase classname="${attr(suite)}" name="${attr(name)}"${time === undefined ? '' : ` time="${time}"`}>${body}</testcase>`;
}

/** XML text: the five predefined entities, and characters XML 1.0 cannot carry dropped. */
function text(value: string): string {
  return stripInvalid(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;');
}

// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function stripInvalid(value: string): string {
  return value.replace(INVALID_XML, '');
}
