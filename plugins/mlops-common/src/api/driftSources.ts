import type { DriftObservationInput } from './drift';
import type { MLMonitorEntityV1alpha1 } from '../kinds/types';

// The drift sources' bindings as the API serves them: each binding's status
// after the scheduled pulls, and a dry run of a monitor's bindings
// (plugins/mlops-backend/src/schema/driftSources.openapi.yaml).

/**
 * How a binding's last pull went: `ok` when it imported samples, `no-data`
 * when its query answered without any, `failed` when the source refused or
 * did not answer (the span is pulled again next time).
 * @public
 */
export type DriftSourceBindingState = 'ok' | 'no-data' | 'failed';

/**
 * One binding of a monitor to a drift source (for Prometheus: one feature's
 * query) and how its scheduled pulls went.
 * @public
 */
export type DriftSourceBindingStatus = {
  /** The drift source's id, e.g. `prometheus`. */
  source: string;
  /** The binding within the monitor, e.g. the feature it fills. */
  binding: string;
  /** What is pulled, in the source's words (for Prometheus the instance and the query). */
  description?: string;
  state: DriftSourceBindingState;
  /** ISO 8601: when the binding was last pulled. */
  lastPullAt: string;
  /** ISO 8601: the end of the span imported so far; the next pull starts after it. */
  pulledThrough?: string;
  /** Samples imported by the last pull. */
  imported: number;
  /** Samples the last pull skipped because they were NaN or infinite. */
  skipped: number;
  /** Samples imported since the binding was first pulled. */
  totalImported: number;
  /** The last failure, kept after the binding recovers; `state` says whether it still fails. */
  lastError?: { at: string; message: string };
};

/** The response of `GET /drift/sources/:namespace/:name`. @public */
export type DriftSourceStatus = {
  monitor: string;
  /** Ordered by source and binding. */
  bindings: DriftSourceBindingStatus[];
};

/**
 * The body of `POST /drift/sources/dry-run`: a monitor in the catalog and,
 * to check bindings before committing them, the `spec.source` to try
 * instead of the one in the catalog.
 * @public
 */
export type DriftSourceDryRunRequest = {
  monitor: string;
  source?: MLMonitorEntityV1alpha1['spec']['source'];
};

/** What one binding would import now. @public */
export type DriftSourceDryRunBinding = {
  source: string;
  binding: string;
  description?: string;
  /** The samples it would import (all of them, also beyond `observations`). */
  samples: number;
  /** Samples it would skip because they are NaN or infinite. */
  skipped: number;
  /** ISO 8601: the span the dry run covered, when the source says. */
  from?: string;
  to?: string;
  /** The latest observations it would import, oldest first (at most 100). */
  observations: DriftObservationInput[];
  /** Why it would import nothing: the source's error verbatim, or the drift API's. */
  error?: string;
};

/** The response of `POST /drift/sources/dry-run`: nothing is stored. @public */
export type DriftSourceDryRun = {
  monitor: string;
  /** One entry per binding of every drift source; empty when no source binds the monitor. */
  bindings: DriftSourceDryRunBinding[];
};

/** The words for each state of a binding. @public */
export const DRIFT_SOURCE_BINDING_STATE_LABELS: Readonly<
  Record<DriftSourceBindingState, string>
> = {
  ok: 'Imported',
  'no-data': 'No data',
  failed: 'Failed',
};
