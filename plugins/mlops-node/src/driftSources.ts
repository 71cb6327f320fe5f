import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type {
  DriftObservationBatch,
  DriftObservationInput,
  MLMonitorEntityV1alpha1,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { SourceBindingPull } from './sourceBindings';

/**
 * One feature's observation, as a drift source returns it: the push API's
 * `DriftObservationInput` of the common package.
 * @public
 */
export type DriftSourceObservation = DriftObservationInput;

/**
 * One feature's observations as a series, column by column: the times and,
 * in step with them, the statistic's values or its p-values (as the
 * feature's thresholds are on). A source that pulls time series hands them
 * over so, without an object per observation; typed arrays are welcome.
 * @public
 */
export interface DriftSourceSeries {
  /** The feature of the monitor the series is of. */
  feature: string;
  /** Each observation's time, in milliseconds since the epoch, ascending. */
  at: ArrayLike<number>;
  /** The statistic at each time, for a feature whose thresholds are on the value. */
  value?: ArrayLike<number>;
  /** The p-value at each time, for a feature whose thresholds are on the p-value. */
  pValue?: ArrayLike<number>;
}

/**
 * A batch of one feature's series pulled by a drift source: validated as
 * the push API validates observations (finite numbers, p-values between 0
 * and 1, no time in the future, at most `maxObservations` of them), with
 * its times ascending.
 * @public
 */
export interface DriftSourceSeriesBatch {
  /** The monitor, as an entity reference. */
  monitor: string;
  /** Makes a batch pulled twice count once; see {@link DriftSourceBatch}. */
  idempotencyKey: string;
  series: DriftSourceSeries;
}

/**
 * A batch of one monitor's observations pulled by a drift source: the push
 * API's `DriftObservationBatch`, or one feature's series
 * ({@link DriftSourceSeriesBatch}). The idempotency key makes a batch
 * pulled twice count once; derive it from what the batch covers, e.g.
 * `${source}:${monitor}:${windowEnd}`.
 * @public
 */
export type DriftSourceBatch = DriftObservationBatch | DriftSourceSeriesBatch;

/**
 * What a drift source pulled for one binding of one monitor (for Prometheus:
 * one feature's query) in one pull: its observations, the samples skipped,
 * the span covered or the source's error. A binding that failed keeps its
 * `pulledThrough`, so the next pull asks for the same span again.
 * @public
 */
export interface DriftSourceBindingPull
  extends SourceBindingPull<DriftSourceBatch> {
  /** The monitor, as an entity reference. */
  monitor: string;
}

/**
 * A system the organisation already runs (Prometheus, Evidently, a
 * warehouse) from which the backend pulls drift observations on a
 * schedule. What it returns goes through the same validation as the push
 * API; a batch that fails it is logged and skipped, the others are stored.
 *
 * `pull` returns either the batches, or what it pulled per binding
 * ({@link DriftSourceBindingPull}): then each binding has a status on the
 * monitor's page and in the API, is pulled from where it last succeeded
 * (`pulledThrough`), and can be run as a dry run. A source that pulls much
 * returns those as an async iterable, each part holding all the bindings of
 * the monitors in it: the parts are stored ten at a time (one transaction
 * and one evaluation per monitor) while the source pulls the next, and no
 * more of the pull is held in memory than the parts not stored yet (at
 * most twenty read ahead).
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
  pull(
    options: MlopsDriftSourcePullOptions,
  ):
    | Promise<DriftSourceBatch[] | DriftSourceBindingPull[]>
    | AsyncIterable<DriftSourceBindingPull[]>;
}

/**
 * What a drift source is asked for on each pull.
 * @public
 */
export interface MlopsDriftSourcePullOptions {
  /** The monitors in the catalog (in a dry run: the one monitor, with the bindings to try). */
  monitors: readonly MLMonitorEntityV1alpha1[];
  /** When the last successful pull started; undefined on the first, and in a dry run. */
  since?: Date;
  /**
   * The end of the span a binding imported so far, as its last successful
   * {@link DriftSourceBindingPull} said (`span.to`); undefined before its
   * first success, and in a dry run. A source that reports bindings pulls
   * each from here, so a span that failed is pulled again.
   */
  pulledThrough(monitor: string, binding: string): Date | undefined;
  /** True when nothing will be stored: the owner checks a binding before committing it. */
  dryRun: boolean;
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
