/**
 * When a difference between two runs counts as a regression. A change must be both statistically real (compare.ts)
 * and larger than these tolerances: a 0.3 ms move of a 3 ms median is real on a quiet machine and meaningless to a
 * user. The defaults are lambdaload's choices; every one can be set on the command line.
 */
export interface CompareRules {
  /** The median (p50). */
  latency: LatencyRule;
  /**
   * The tail (p99): a few samples decide it, and a shared machine moves them from run to run more than it moves the
   * median, so it gets wider tolerances. Below ~660 samples (n > z²·q/(1−q) at 99% confidence) the upper end of its
   * interval is the run's maximum, so nothing can be concluded: 700 at least. Its absolute floor is 10 ms: two
   * back-to-back runs of one 5 ms loopback scenario on a shared 2-core CI machine gave p99 12.6 and 19.7 ms, their
   * order-statistic intervals apart (a machine's hiccups come in bursts, so the samples are not independent).
   */
  latencyTail: LatencyRule;
  errorRate: { absolute: number; minSamples: number };
  coldStartRate: { absolute: number; minSamples: number };
  /** Relative tolerance of the cost per million requests. */
  costRelative: number;
  /** Absolute tolerance of the largest quota use (0.1 = 10 points of the limit). */
  quotaUseAbsolute: number;
}

export interface LatencyRule {
  /** Relative tolerance (0.1 = 10%). */
  relative: number;
  /** Absolute tolerance in ms: smaller moves are never a regression. */
  absoluteMs: number;
  /** Samples needed on both sides. */
  minSamples: number;
}

export const DEFAULT_RULES: CompareRules = {
  latency: { relative: 0.1, absoluteMs: 2, minSamples: 20 },
  latencyTail: { relative: 0.25, absoluteMs: 10, minSamples: 700 },
  errorRate: { absolute: 0.005, minSamples: 100 },
  coldStartRate: { absolute: 0.01, minSamples: 100 },
  costRelative: 0.1,
  quotaUseAbsolute: 0.1,
};
