import type {
  DriftState,
  DriftThresholds,
} from '@mlightenment/backstage-plugin-mlops-common';

// The drift response bodies of the mlops backend, mirroring the schemas of
// its spec (plugins/mlops-backend/src/schema/drift.openapi.yaml) field for
// field. The state and the thresholds are the common package's.

/** The reference and current windows an observation compares. @public */
export interface DriftWindow {
  referenceStart?: string;
  referenceEnd?: string;
  currentStart?: string;
  currentEnd?: string;
}

/** A feature's latest observation, its state and its recent values. @public */
export interface FeatureHealth {
  name: string;
  type: 'numerical' | 'categorical';
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
  recent: { at: string; value: number }[];
}

/** A monitor's state, from its features and the freshness of its data. @public */
export interface MonitorHealth {
  entityRef: string;
  title: string;
  type: 'data-drift' | 'prediction-drift' | 'performance';
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
}

/** The drift health of a model, monitor or use case. @public */
export interface DriftHealth {
  entityRef: string;
  state: DriftState;
  evaluatedAt?: string;
  monitors: MonitorHealth[];
  /** A use case's models. */
  models?: { entityRef: string; title: string; state: DriftState }[];
}

/** A monitor's features over a period. @public */
export interface DriftSeries {
  monitor: string;
  days: number;
  /** Raw observations, or the last value of each day for long periods. */
  resolution: 'raw' | 'daily';
  features: DriftSeriesFeature[];
}

/** One feature of a monitor over a period. @public */
export interface DriftSeriesFeature {
  name: string;
  statistic: string;
  thresholds: DriftThresholds;
  /** Oldest first. */
  points: { at: string; value: number; state: DriftState }[];
}

/** A model in warning, alert or stale. @public */
export interface DriftAlertModel {
  entityRef: string;
  title: string;
  owner?: string;
  state: DriftState;
  /** When the model entered its state. */
  since?: string;
  monitors: { entityRef: string; state: DriftState; since?: string }[];
}

/** The models in warning, alert or stale that the caller may read. @public */
export interface DriftAlerts {
  models: DriftAlertModel[];
}
