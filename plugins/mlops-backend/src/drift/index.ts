import {
  AuthService,
  BackendPluginRegistrationPoints,
  HttpAuthService,
  HttpRouterService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { mlopsDriftPermissions } from '@mlightenment/backstage-plugin-mlops-common';
import {
  MlopsDriftSource,
  MlopsFactSource,
  mlopsDriftSourcesExtensionPoint,
} from '@mlightenment/backstage-plugin-mlops-node';
import type { Knex } from 'knex';
import { registerGetModelDriftHealthAction } from '../actions/getModelDriftHealthAction';
import type { Alerting } from '../alerting';
import { setUpDriftSources } from '../driftSources';
import type { EntityAccess } from '../shared/EntityAccess';
import { DatabaseDriftStore } from './DatabaseDriftStore';
import { driftFactSource } from './factSource';
import { DriftService } from './DriftService';
import { createDriftRouter } from './router';

/** The id of the scheduled task that evaluates every monitor and applies retention. */
export const DRIFT_EVALUATION_TASK_ID = 'mlops-drift-evaluation';

const DAY = 86_400_000;

/**
 * Registers the drift sources extension point; returns the sources that
 * backend modules add, for {@link setUpDrift}.
 */
export function registerDriftSources(
  env: BackendPluginRegistrationPoints,
): MlopsDriftSource[] {
  const sources: MlopsDriftSource[] = [];
  env.registerExtensionPoint(mlopsDriftSourcesExtensionPoint, {
    addDriftSource(source) {
      if (sources.some(s => s.id === source.id)) {
        throw new Error(`A drift source with id ${source.id} is already added`);
      }
      sources.push(source);
    },
  });
  return sources;
}

/** What drift monitoring needs from the plugin. */
export interface DriftSetupOptions {
  config: RootConfigService;
  logger: LoggerService;
  knex: Knex;
  scheduler: SchedulerService;
  httpRouter: HttpRouterService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  catalog: CatalogService;
  notifications: NotificationService;
  actionsRegistry: ActionsRegistryService;
  /** From {@link registerDriftSources}. */
  sources: readonly MlopsDriftSource[];
  access: EntityAccess;
  /** The scorecards' fact sources; drift health is added to them. */
  factSources: MlopsFactSource[];
  /** Alert delivery, told when messages to alert channels were enqueued. */
  alerting?: Alerting;
}

/**
 * Drift monitoring: the ingestion and health routes, evaluation after each
 * batch and on a schedule (staleness, retention), drift sources pulled on
 * their schedules (with each binding's status and a dry run), the
 * drift-health fact for the maturity rubric and the drift-health action. Call before the other routers are added, so that
 * `/drift` bodies are parsed with the drift body limit.
 */
export async function setUpDrift(
  deps: DriftSetupOptions,
): Promise<DriftService> {
  const { config, logger, scheduler } = deps;
  const drift = config.getOptionalConfig('mlops.drift');
  const store = new DatabaseDriftStore(deps.knex);
  const service = new DriftService({
    store,
    catalog: deps.catalog,
    auth: deps.auth,
    access: deps.access,
    notifications: deps.notifications,
    logger,
    maxObservations:
      drift?.getOptionalNumber('ingestion.maxObservations') ?? 10_000,
    graceFactor: drift?.getOptionalNumber('staleGraceFactor'),
    appBaseUrl: config.getOptionalString('app.baseUrl'),
    onAlertsEnqueued: () => deps.alerting?.trigger(),
  });
  deps.permissionsRegistry.addPermissions(mlopsDriftPermissions);
  deps.factSources.push(driftFactSource(store));

  const rawDays = drift?.getOptionalNumber('retention.rawDays') ?? 30;
  const rollupDays = drift?.getOptionalNumber('retention.rollupDays') ?? 730;
  await scheduler.scheduleTask({
    id: DRIFT_EVALUATION_TASK_ID,
    scope: 'global',
    ...(drift?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          drift.getConfig('schedule'),
        )
      : {
          frequency: { minutes: 10 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 20 },
        }),
    fn: async () => {
      await service.evaluateAll();
      const now = Date.now();
      const { downsampled, deletedRollups } = await store.applyRetention({
        rawBefore: new Date(now - rawDays * DAY),
        rollupsBefore: new Date(now - rollupDays * DAY),
      });
      if (downsampled || deletedRollups) {
        logger.info(
          `Drift retention: ${downsampled} observations folded into daily aggregates, ${deletedRollups} aggregates deleted`,
        );
      }
    },
  });

  await setUpDriftSources({
    ...deps,
    drift: service,
    cursors: store,
  });

  registerGetModelDriftHealthAction(deps.actionsRegistry, service);
  deps.httpRouter.use(
    createDriftRouter({
      service,
      httpAuth: deps.httpAuth,
      permissions: deps.permissions,
    }),
  );
  return service;
}

export { DriftService } from './DriftService';
export type { DriftStore } from './DriftStore';
export { DatabaseDriftStore } from './DatabaseDriftStore';
