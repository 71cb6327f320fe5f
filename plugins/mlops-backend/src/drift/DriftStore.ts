import type { DriftState } from '@mlightenment/backstage-plugin-mlops-common';
import type { DriftWindow } from '@mlightenment/backstage-plugin-mlops-common';
import type { NewAlertDelivery } from '../alerting/AlertDeliveryStore';
import type { FeatureColumns } from './observationChunks';

/** A point of a feature's recent values. */
export interface DriftPoint {
  at: string;
  value: number | null;
  pValue: number | null;
}

/** The latest observation of one monitor feature. */
export interface FeatureStateRow {
  monitorRef: string;
  feature: string;
  observedAt: Date;
  value: number | null;
  pValue: number | null;
  referenceRows: number | null;
  currentRows: number | null;
  window: DriftWindow | null;
  /** The latest points, oldest first (at most {@link RECENT_POINTS}). */
  recent: DriftPoint[];
}

/** How many recent points a feature keeps for its sparkline. */
export const RECENT_POINTS = 30;

/** A monitor's evaluated state, with the health document served to callers. */
export interface MonitorStateRow {
  monitorRef: string;
  modelRef: string | null;
  ownerRef: string | null;
  title: string;
  state: DriftState;
  since: Date;
  lastObservationAt: Date | null;
  evaluatedAt: Date;
  /** Counts alert/stale episodes; the current one while `inEpisode`. */
  episode: number;
  inEpisode: boolean;
  /** JSON-serialisable MonitorHealth (features without their recent points). */
  health: Record<string, unknown>;
}

/** A change of a monitor's state. */
export interface DriftTransition {
  monitorRef: string;
  from: DriftState;
  to: DriftState;
  episode: number;
  at: Date;
}

/** What an evaluation of a monitor saves. */
/** What an evaluation of a monitor reads: its feature states and its stored state. */
export interface CurrentMonitorState {
  features: FeatureStateRow[];
  previous?: MonitorStateRow;
}

export interface EvaluatedMonitorState {
  row: MonitorStateRow;
  /** When the state changed. */
  transition?: DriftTransition;
  /**
   * Messages to the monitor's alert channels, enqueued with the new state
   * (a message already enqueued for the same episode, event and channel is
   * not enqueued again).
   */
  deliveries?: NewAlertDelivery[];
}

/** A batch already stored under an idempotency key. */
export interface StoredBatch {
  idempotencyKey: string;
  monitorRef: string;
  bodyHash: string;
  stored: number;
}

/** A point of a feature's series, raw or a daily aggregate. */
export interface SeriesPoint {
  feature: string;
  at: Date;
  value: number | null;
  pValue: number | null;
}

/** A batch to store, its observations validated, column by column per feature. */
export interface NewBatch {
  idempotencyKey: string;
  monitorRef: string;
  bodyHash: string;
  submittedBy: string;
  features: FeatureColumns[];
  /** The observations in the batch, all features together. */
  count: number;
  receivedAt: Date;
}

/** What storing a batch did: stored its observations, or found its key taken (nothing stored). */
export type StoreBatchResult = { stored: number } | { existing: StoredBatch };

/** Persistence of drift observations and state. */
export interface DriftStore {
  /** The batch stored under a key, if any. */
  findBatch(idempotencyKey: string): Promise<StoredBatch | undefined>;
  /** The batches stored under any of these keys. */
  findBatches(idempotencyKeys: readonly string[]): Promise<StoredBatch[]>;
  /**
   * Stores a batch and updates the latest state of its features, all in
   * one transaction. Returns the batch already stored when the key was
   * taken meanwhile (nothing stored then).
   */
  storeBatch(batch: NewBatch): Promise<StoreBatchResult>;
  /**
   * Stores batches (a source's pull of a monitor's bindings) in one
   * transaction, the features' latest state merged once. A batch whose key
   * is taken comes back as `existing`, nothing of it stored; when a key is
   * taken meanwhile by a concurrent retry, each batch is stored on its own.
   */
  storeBatches(batches: readonly NewBatch[]): Promise<StoreBatchResult[]>;
  /** The latest state of the features of these monitors. */
  featureStates(monitorRefs: readonly string[]): Promise<FeatureStateRow[]>;
  /** Monitor states, by monitor, by model, or by state. */
  monitorStates(filter: {
    monitorRefs?: readonly string[];
    modelRefs?: readonly string[];
    states?: readonly DriftState[];
  }): Promise<MonitorStateRow[]>;
  /**
   * Evaluates distinct monitors, in the order given, and saves each one's
   * state and, when it changed, the transition, all in one transaction (a
   * source's pull of some monitors). `evaluate` gets each monitor's
   * feature states and stored state as they are once no other evaluation
   * of it is under way; evaluations of one monitor run one after the
   * other, on every replica, so a later evaluation never reads what an
   * earlier one is about to replace, and a transition is stored once.
   * `batches` (of these monitors, their keys free) are stored first in the
   * same transaction, which fails whole, storing nothing, when one's key
   * was taken meanwhile. Returns the evaluations in the order given.
   */
  updateMonitorStates(
    monitorRefs: readonly string[],
    evaluate: (
      monitorRef: string,
      current: CurrentMonitorState,
    ) => EvaluatedMonitorState | Promise<EvaluatedMonitorState>,
    batches?: readonly NewBatch[],
  ): Promise<EvaluatedMonitorState[]>;
  /** Removes the state and the alert delivery log of monitors no longer in the catalog. */
  deleteMonitorStates(monitorRefs: readonly string[]): Promise<void>;
  /** A monitor's transitions, oldest first. */
  transitions(monitorRef: string): Promise<DriftTransition[]>;
  /** Raw observations since a time, oldest first. */
  rawSeries(monitorRef: string, since: Date): Promise<SeriesPoint[]>;
  /** Daily aggregates since a day (the last value of each day), oldest first. */
  dailySeries(monitorRef: string, since: Date): Promise<SeriesPoint[]>;
  /**
   * Folds raw observations older than `rawBefore` into daily aggregates and
   * deletes them; deletes aggregates and batches older than `rollupsBefore`.
   */
  applyRetention(options: {
    rawBefore: Date;
    rollupsBefore: Date;
  }): Promise<{ downsampled: number; deletedRollups: number }>;
  /** How many raw observations and daily aggregates are stored. */
  counts(): Promise<{ observations: number; rollups: number }>;
  /** When a drift source last pulled successfully. */
  sourceCursor(sourceId: string): Promise<Date | undefined>;
  /** Records a successful pull. */
  setSourceCursor(sourceId: string, pulledAt: Date): Promise<void>;
}
