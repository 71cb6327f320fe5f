import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type {
  DriftObservationBatch,
  DriftObservationInput,
  MLMonitorEntityV1alpha1,
} from '@mlightenment/backstage-plugin-mlops-common';

/**
 * One feature's observation, as a drift source returns it: the push API's
 * `DriftObservationInput` of the common package.
 * @public
 */
export type DriftSourceObservation = DriftObservationInput;

/**
 * A batch of one monitor's observations pulled by a drift source: the push
 * API's `DriftObservationBatch`. The idempotency key makes a batch pulled
 * twice count once; derive it from what the batch covers, e.g.
 * `${source}:${monitor}:${windowEnd}`.
 * @public
 */
export type DriftSourceBatch = DriftObservationBatch;

/**
 * A system the organisation already runs (Prometheus, Evidently, a
 * warehouse) from which the backend pulls drift observations on a
 * schedule. What it returns goes through the same validation as the push
 * API; a batch that fails it is logged and skipped, the others are stored.
 * @public
 */
export interface MlopsDriftSource {
  /** Unique among drift sources; names the scheduled task and the logs. */
  id: string;
  /** How often to pull. Default every 15 minutes. */
  schedule?: SchedulerServiceTaskScheduleDefinition;
  /**
   * Pulls the observations made since the last successful pull (`since` is
   * undefined on the first) for the monitors in the catalog.
   */
  pull(options: MlopsDriftSourcePullOptions): Promise<DriftSourceBatch[]>;
}

/**
 * What a drift source is asked for on each pull.
 * @public
 */
export interface MlopsDriftSourcePullOptions {
  /** The monitors in the catalog. */
  monitors: readonly MLMonitorEntityV1alpha1[];
  /** When the last successful pull started; undefined on the first. */
  since?: Date;
}

/**
 * Lets backend modules add drift sources to the `mlops` backend plugin.
 * @public
 */
export interface MlopsDriftSourcesExtensionPoint {
  addDriftSource(source: MlopsDriftSource): void;
}

/**
 * The extension point for drift sources.
 *
 * @example
 * ```ts
 * export default createBackendModule({
 *   pluginId: 'mlops',
 *   moduleId: 'prometheus-drift',
 *   register(env) {
 *     env.registerInit({
 *       deps: { drift: mlopsDriftSourcesExtensionPoint },
 *       async init({ drift }) {
 *         drift.addDriftSource({
 *           id: 'prometheus',
 *           schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
 *           async pull({ monitors, since }) {
 *             return queryPrometheus(monitors, since);
 *           },
 *         });
 *       },
 *     });
 *   },
 * });
 * ```
 * @public
 */
export const mlopsDriftSourcesExtensionPoint =
  createExtensionPoint<MlopsDriftSourcesExtensionPoint>({
    id: 'mlops.drift-sources',
  });
