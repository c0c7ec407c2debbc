/**
 * The threshold a scenario gets without asking: a broken system must not pass. A scenario that declares no
 * `errorRate` threshold is held to IMPLICIT_ERROR_RATE_MAX, so a missing handler (every request 502) fails the run
 * with exit 3 instead of printing a table of fast errors and exiting 0. Declaring any `errorRate` threshold replaces
 * it (`{ metric: 'errorRate', max: 1 }` turns it off). Pure.
 */
import type { Threshold } from '../scenario/types.js';

/**
 * 1%: a healthy API under load answers (nearly) every request; 1% leaves room for a stray reset or one cold-start
 * timeout in a run of hundreds of requests, and catches anything systematic (a broken route among several, a
 * handler that fails one request in twenty). It is also the error-rate bound k6's documentation uses in its
 * threshold examples (`http_req_failed: ['rate<0.01']`, https://grafana.com/docs/k6/latest/using-k6/thresholds/).
 */
export const IMPLICIT_ERROR_RATE_MAX = 0.01;

/** Why an implicit threshold applies, as the summary shows it. */
export const IMPLICIT_NOTE = 'implicit: no errorRate threshold declared';

/** The thresholds that apply on top of the declared ones (none when the scenario bounds its error rate itself). */
export function implicitThresholds(declared: readonly Threshold[]): Threshold[] {
  return declared.some((t) => t.metric === 'errorRate') ? [] : [{ metric: 'errorRate', max: IMPLICIT_ERROR_RATE_MAX }];
}
