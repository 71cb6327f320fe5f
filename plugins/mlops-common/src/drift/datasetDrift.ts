/** Whether a dataset drifted, and how many of its features did. @public */
export interface DatasetDriftResult {
  drifted: boolean;
  driftedFeatures: number;
  features: number;
  /** driftedFeatures / features */
  share: number;
}

/**
 * Dataset drift as Evidently defines it by default: the dataset drifted when
 * at least half of its features drifted.
 *
 * @param results - one verdict per feature
 * @param options - `share`, the share of drifted features that makes the
 *   dataset drift, 0.5 unless given
 * @throws RangeError if there are no results or the share is not in (0, 1]
 * @public
 */
export function datasetDrift(
  results: ReadonlyArray<{ drifted: boolean }>,
  options: { share?: number } = {},
): DatasetDriftResult {
  const threshold = options.share ?? 0.5;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new RangeError(`options.share is ${threshold}; it must be in (0, 1]`);
  }
  if (!Array.isArray(results) || results.length === 0) {
    throw new RangeError(
      'results is empty; dataset drift needs at least one feature',
    );
  }
  const driftedFeatures = results.filter(r => r.drifted).length;
  const share = driftedFeatures / results.length;
  return {
    drifted: share >= threshold,
    driftedFeatures,
    features: results.length,
    share,
  };
}
