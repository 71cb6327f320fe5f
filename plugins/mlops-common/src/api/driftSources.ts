import type { DriftObservationInput } from './drift';
import type { MLMonitorEntityV1alpha1 } from '../kinds/types';
import type { SourceBindingStatus } from './sourceBindings';

// The drift sources' bindings as the API serves them: each binding's status
// after the scheduled pulls, and a dry run of a monitor's bindings
// (plugins/mlops-backend/src/schema/driftSources.openapi.yaml).

/** The response of `GET /drift/sources/:namespace/:name`. @public */
export type DriftSourceStatus = {
  monitor: string;
  /** Ordered by source and binding. */
  bindings: SourceBindingStatus[];
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
