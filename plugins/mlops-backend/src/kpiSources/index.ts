import type {
  AuthService,
  HttpAuthService,
  HttpRouterService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { MlopsKpiSource } from '@mlightenment/backstage-plugin-mlops-node';
import type { Knex } from 'knex';
import { DatabaseSourceBindingStore } from '../shared/sourceBindings/DatabaseSourceBindingStore';
import { scheduleSourcePulls } from '../shared/sourceBindings/schedulePulls';
import type { KpiStore } from '../value/KpiStore';
import type { KpiSourceServiceOptions } from './KpiSourceService';
import { KpiSourceService } from './KpiSourceService';
import { createKpiSourcesRouter } from './router';

/** The scheduled task of a KPI source. */
export const kpiSourceTaskId = (sourceId: string) =>
  `mlops-kpi-source-${sourceId}`;

/** What the KPI sources need from the value ledger and the plugin. */
export interface KpiSourcesSetupOptions {
  logger: LoggerService;
  knex: Knex;
  scheduler: SchedulerService;
  httpRouter: HttpRouterService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  sources: readonly MlopsKpiSource[];
  /** Records what the sources pull, through the push API's validation. */
  value: KpiSourceServiceOptions['value'];
  /** Where the cursor of a source of plain batches is kept. */
  cursors: Pick<KpiStore, 'sourceCursor' | 'setSourceCursor'>;
  /** The value rules, for the `mlops.kpi-source.dry-run` permission on a use case. */
  applyConditions: KpiSourceServiceOptions['applyConditions'];
}

/**
 * The KPI sources backend modules add: each pulled on its schedule once
 * per interval across replicas, the status of each binding, and the
 * status and dry-run routes. The dry run's permission is a resource
 * permission of the use case's value ledger, judged by the value rules.
 */
export async function setUpKpiSources(
  options: KpiSourcesSetupOptions,
): Promise<KpiSourceService> {
  const service = new KpiSourceService({
    sources: options.sources,
    store: new DatabaseSourceBindingStore(options.knex, 'kpi'),
    cursors: options.cursors,
    value: options.value,
    catalog: options.catalog,
    auth: options.auth,
    permissions: options.permissions,
    applyConditions: options.applyConditions,
    logger: options.logger,
  });
  await scheduleSourcePulls({
    scheduler: options.scheduler,
    sources: options.sources,
    taskId: kpiSourceTaskId,
    defaults: {
      frequency: { hours: 1 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 1 },
    },
    pull: source => service.pull(source),
  });
  options.httpRouter.use(
    createKpiSourcesRouter({ service, httpAuth: options.httpAuth }),
  );
  return service;
}

export { KpiSourceService } from './KpiSourceService';
