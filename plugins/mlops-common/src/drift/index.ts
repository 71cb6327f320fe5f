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
  DRIFT_STATISTICS,
  DRIFT_STATISTIC_NAMES,
  driftStatistic,
  featureTypeProblem,
  isDriftStatisticName,
} from './statistics';
export type {
  DriftFeatureType,
  DriftStatisticDefinition,
  DriftStatisticInput,
  DriftStatisticName,
  DriftStatisticResult,
  PushedStatisticName,
} from './statistics';
export { datasetDrift } from './datasetDrift';
export type { DatasetDriftResult } from './datasetDrift';
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
  DriftThresholdLevels,
  DriftThresholds,
  MonitorDriftSummary,
} from './health';
export { driftHealthFact } from './healthFact';
export type { DriftHealthFact } from './healthFact';
