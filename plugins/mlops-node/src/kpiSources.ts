import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type {
  KpiActualsBatch,
  MLUseCaseEntityV1alpha1,
} from '@mlightenment/backstage-plugin-mlops-common';

/**
 * A batch of one use case's KPI actuals pulled by a KPI source: the push
 * API's `KpiActualsBatch`. The idempotency key makes a batch pulled twice
 * count once; derive it from what the batch covers, e.g.
 * `${source}:${useCase}:${periodEnd}`.
 * @public
 */
export type KpiSourceBatch = KpiActualsBatch;

/**
 * What a KPI source is asked for on each pull.
 * @public
 */
export interface MlopsKpiSourcePullOptions {
  /** The use cases in the catalog, with their declared KPIs (`spec.businessDrivers`). */
  useCases: readonly MLUseCaseEntityV1alpha1[];
  /** When the last successful pull started; undefined on the first. */
  since?: Date;
}

/**
 * A system the organisation already runs (Prometheus, a warehouse, a BI
 * tool) from which the backend pulls KPI actuals on a schedule. What it
 * returns goes through the same validation as the push API and is recorded
 * with source `source` and the source's id; a batch that fails validation
 * is logged and skipped, the others are stored.
 * @public
 */
export interface MlopsKpiSource {
  /** Unique among KPI sources; names the scheduled task, the logs and the ledger records. */
  id: string;
  /** How often to pull. Default every hour. */
  schedule?: SchedulerServiceTaskScheduleDefinition;
  /** Pulls the actuals of periods completed since the last successful pull. */
  pull(options: MlopsKpiSourcePullOptions): Promise<KpiSourceBatch[]>;
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
