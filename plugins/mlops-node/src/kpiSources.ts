import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type {
  KpiActualsBatch,
  MLUseCaseEntityV1alpha1,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { SourceBindingPull } from './sourceBindings';

/**
 * A batch of one use case's KPI actuals pulled by a KPI source: the push
 * API's `KpiActualsBatch`. The idempotency key makes a batch pulled twice
 * count once; derive it from what the batch covers, e.g.
 * `${source}:${useCase}:${periodEnd}`.
 * @public
 */
export type KpiSourceBatch = KpiActualsBatch;

/**
 * What a KPI source pulled for one binding of one use case (for Prometheus:
 * one KPI's query) in one pull: the actuals of the periods it covered, the
 * samples skipped, the span covered or the source's error. A binding that
 * failed keeps its `pulledThrough`, so the next pull asks for the same
 * periods again.
 * @public
 */
export interface KpiSourceBindingPull
  extends SourceBindingPull<KpiSourceBatch> {
  /** The use case, as an entity reference. */
  useCase: string;
}

/**
 * What a KPI source is asked for on each pull.
 * @public
 */
export interface MlopsKpiSourcePullOptions {
  /**
   * The use cases in the catalog, with their declared KPIs
   * (`spec.businessDrivers`); in a dry run the one use case, with the
   * binding to try.
   */
  useCases: readonly MLUseCaseEntityV1alpha1[];
  /** When the last successful pull started; undefined on the first, and in a dry run. */
  since?: Date;
  /**
   * The end of the span a binding imported so far, as its last successful
   * {@link KpiSourceBindingPull} said (`span.to`); undefined before its
   * first success, and in a dry run. A source that reports bindings pulls
   * each from here, so periods that failed are pulled again.
   */
  pulledThrough(useCase: string, binding: string): Date | undefined;
  /** True when nothing will be stored: the owner checks a binding before committing it. */
  dryRun: boolean;
}

/**
 * A system the organisation already runs (Prometheus, a warehouse, a BI
 * tool) from which the backend pulls KPI actuals on a schedule. What it
 * returns goes through the same validation as the push API and is recorded
 * with source `source` and the source's id; a batch that fails validation
 * is logged and skipped, the others are stored.
 *
 * `pull` returns either the batches, or what it pulled per binding
 * ({@link KpiSourceBindingPull}): then each binding has a status on the use
 * case's page and in the API, is pulled from where it last succeeded
 * (`pulledThrough`), and can be run as a dry run.
 * @public
 */
export interface MlopsKpiSource {
  /** Unique among KPI sources; names the scheduled task, the logs and the ledger records. */
  id: string;
  /** How often to pull. Default every hour. */
  schedule?: SchedulerServiceTaskScheduleDefinition;
  /** Pulls the actuals of periods completed since the last successful pull. */
  pull(
    options: MlopsKpiSourcePullOptions,
  ): Promise<KpiSourceBatch[] | KpiSourceBindingPull[]>;
}

/**
 * Lets backend modules add KPI sources to the `mlops` backend plugin.
 * @public
 */
export interface MlopsKpiSourcesExtensionPoint {
  addKpiSource(source: MlopsKpiSource): void;
}

/**
 * The extension point for KPI sources: the business-value counterpart of
 * the drift sources.
 *
 * @example
 * ```ts
 * export default createBackendModule({
 *   pluginId: 'mlops',
 *   moduleId: 'warehouse-kpis',
 *   register(env) {
 *     env.registerInit({
 *       deps: { kpis: mlopsKpiSourcesExtensionPoint },
 *       async init({ kpis }) {
 *         kpis.addKpiSource({
 *           id: 'warehouse',
 *           schedule: { frequency: { hours: 6 }, timeout: { minutes: 5 } },
 *           async pull({ useCases, since }) {
 *             return queryWarehouse(useCases, since);
 *           },
 *         });
 *       },
 *     });
 *   },
 * });
 * ```
 * @public
 */
export const mlopsKpiSourcesExtensionPoint =
  createExtensionPoint<MlopsKpiSourcesExtensionPoint>({
    id: 'mlops.kpi-sources',
  });
