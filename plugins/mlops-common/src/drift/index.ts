export type { NumericArray } from './validate';
export { ksTwoSample } from './ks';
export type { TestResult } from './ks';
export { wassersteinDistance } from './wasserstein';
export { jensenShannonDistance } from './jensenShannon';
export { chiSquareGoodnessOfFit } from './chiSquare';
export { populationStabilityIndex } from './psi';
export { hellingerDistance } from './hellinger';
export { quantileBinEdges, histogram, alignCategories } from './binning';
export type { Category, CategoricalData, AlignedCategories } from './binning';
export {
  chooseDriftTest,
  featureDrift,
  datasetDrift,
  normedWassersteinDistance,
  SMALL_REFERENCE_ROWS,
} from './chooseTest';
export type {
  FeatureKind,
  DriftTestName,
  DriftTestChoice,
  FeatureDriftResult,
  FeatureData,
  DatasetDriftResult,
} from './chooseTest';
export {
  DRIFT_STATE_LABELS,
  DRIFT_STATE_SEVERITY,
  DRIFT_STATES,
  STALE_GRACE_FACTOR,
  aggregateDriftState,
  compareDriftStates,
  durationMillis,
  featureDriftState,
  isDrifted,
  monitorDriftHealth,
  driftScoreOf,
  staleAfter,
  thresholdsOf,
  worstDriftState,
} from './health';
export type {
  DriftState,
  DriftThresholds,
  MonitorDriftSummary,
} from './health';
export { driftHealthFact } from './healthFact';
export type { DriftHealthFact } from './healthFact';
