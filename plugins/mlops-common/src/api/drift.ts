import type { DriftState, DriftThresholds } from '../drift/health';
import type { DriftFeatureType } from '../drift/statistics';
import type { MLMonitorEntityV1alpha1 } from '../kinds/types';

// The drift routes' bodies (plugins/mlops-backend/src/schema/drift.openapi.yaml).
// A drift source of `mlops-node` returns the same observations as the push API.

/** The reference and current windows an observation compares. @public */
export type DriftWindow = {
  referenceStart?: string;
  referenceEnd?: string;
  currentStart?: string;
  currentEnd?: string;
};

/** A histogram: counts per bin (numerical) or per category (categorical). @public */
export type DriftCounts = number[] | Record<string, number>;

/**
 * One feature's observation, as pushed or pulled: a value computed by the
 * pipeline, or samples, or histograms from which the backend computes the
 * statistic the monitor declares for the feature.
 * @public
 */
export type DriftObservationInput = {
  /** A feature the monitor declares in `spec.features`. */
  feature: string;
  /** ISO 8601: when the current window ended. */
  observedAt: string;
  value?: number;
  pValue?: number;
  reference?: Array<number | string | boolean>;
  current?: Array<number | string | boolean>;
  referenceCounts?: DriftCounts;
  currentCounts?: DriftCounts;
  referenceRows?: number;
  currentRows?: number;
  window?: DriftWindow;
};

/**
 * A batch of one monitor's observations. A retried batch with the same
 * idempotency key and body is stored once.
 * @public
 */
export type DriftObservationBatch = {
  /** The MLMonitor's entity reference. */
  monitor: string;
  idempotencyKey: string;
  observations: DriftObservationInput[];
};

/** What a pushed batch stored, and the monitor's state after it. @public */
export type DriftIngestionResult = {
  /** Observations stored by this request (0 for a duplicate). */
  stored: number;
  duplicate: boolean;
  monitor: string;
  state?: DriftState;
};

/** A feature's value at one time. @public */
export type DriftRecentPoint = {
  at: string;
  value: number;
};

/** A feature's latest observation, its state and its recent values. @public */
export type FeatureHealth = {
  name: string;
  /** As the monitor declares it; absent for a metric declared without one. */
  type?: DriftFeatureType;
  /** A `DriftStatisticName` of the common package (`metric` for a performance metric). */
  statistic: string;
  /** `null` before the feature's first observation. */
  value: number | null;
  pValue?: number;
  thresholds: DriftThresholds;
  state: DriftState;
  observedAt?: string;
  referenceRows?: number;
  currentRows?: number;
  window?: DriftWindow;
  /** The latest values, oldest first. */
  recent: DriftRecentPoint[];
};

/** A monitor's state, from its features and the freshness of its data. @public */
export type MonitorHealth = {
  entityRef: string;
  title: string;
  type: MLMonitorEntityV1alpha1['spec']['type'];
  state: DriftState;
  /** When the monitor entered its current state. */
  since?: string;
  lastObservationAt?: string;
  /** The declared cadence, an ISO 8601 duration. */
  cadence?: string;
  /** When the monitor turns stale if no data arrives. */
  staleAfter?: string;
  evaluatedAt?: string;
  featureCount: number;
  /** Features in warning or alert. */
  driftedFeatures: number;
  driftedShare: number;
  /** At least half the features drifted (Evidently's dataset drift rule). */
  datasetDrift: boolean;
  /** Worst first. */
  features: FeatureHealth[];
};

/** The drift health of a model, monitor or use case. @public */
export type DriftHealth = {
  entityRef: string;
  state: DriftState;
  evaluatedAt?: string;
  monitors: MonitorHealth[];
  /** A use case's models. */
  models?: { entityRef: string; title: string; state: DriftState }[];
};

/** A monitor's features over a period. @public */
export type DriftSeries = {
  monitor: string;
  days: number;
  /** Raw observations, or the last value of each day for long periods. */
  resolution: 'raw' | 'daily';
  features: DriftSeriesFeature[];
};

/** One feature of a monitor over a period. @public */
export type DriftSeriesFeature = {
  name: string;
  statistic: string;
  thresholds: DriftThresholds;
  /** Oldest first. */
  points: { at: string; value: number; state: DriftState }[];
};

/** A model in warning, alert or stale. @public */
export type DriftAlertModel = {
  entityRef: string;
  title: string;
  owner?: string;
  state: DriftState;
  /** When the model entered its state. */
  since?: string;
  monitors: { entityRef: string; state: DriftState; since?: string }[];
};

/** The models in warning, alert or stale that the caller may read. @public */
export type DriftAlerts = {
  models: DriftAlertModel[];
};
