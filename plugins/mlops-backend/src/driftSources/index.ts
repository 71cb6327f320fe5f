import type {
  AuthService,
  HttpAuthService,
  HttpRouterService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { PolicyDecision } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { mlopsDriftSourceDryRunPermission } from '@mlightenment/backstage-plugin-mlops-common';
import type { MlopsDriftSource } from '@mlightenment/backstage-plugin-mlops-node';
import type { Knex } from 'knex';
import type { DriftService } from '../drift/DriftService';
import type { DriftStore } from '../drift/DriftStore';
import type { EntityAccess } from '../shared/EntityAccess';
import { DatabaseSourceBindingStore } from '../shared/sourceBindings/DatabaseSourceBindingStore';
import { scheduleSourcePulls } from '../shared/sourceBindings/schedulePulls';
import { DriftSourceService } from './DriftSourceService';
import {
  monitorSourcePermissionResourceRef,
  monitorSourcePermissionRules,
  MonitorSourceResource,
} from './permissionRules';
import { createDriftSourcesRouter } from './router';

/** The id of the scheduled task that pulls a drift source. */
export const driftSourceTaskId = (sourceId: string) =>
  `mlops-drift-source-${sourceId}`;

/** What the drift sources need from drift monitoring and the plugin. */
export interface DriftSourcesSetupOptions {
  logger: LoggerService;
  knex: Knex;
  scheduler: SchedulerService;
  httpRouter: HttpRouterService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  catalog: CatalogService;
  access: EntityAccess;
  sources: readonly MlopsDriftSource[];
  /** Takes what the sources pull, through the push API's validation. */
  drift: Pick<DriftService, 'ingest' | 'ingestPulled'>;
  /** Where the cursor of a source of plain batches is kept. */
  cursors: Pick<DriftStore, 'sourceCursor' | 'setSourceCursor'>;
}

/**
 * The drift sources backend modules add: each pulled on its schedule once
 * per interval across replicas, the status of each binding, the
 * `mlops-monitor-source` permission resource with its rule, and the
 * status and dry-run routes.
 */
export async function setUpDriftSources(
  options: DriftSourcesSetupOptions,
): Promise<DriftSourceService> {
  let authorizer:
    | ((decision: PolicyDecision, resource: MonitorSourceResource) => boolean)
    | undefined;
  const service = new DriftSourceService({
    sources: options.sources,
    store: new DatabaseSourceBindingStore(options.knex, 'drift'),
    cursors: options.cursors,
    drift: options.drift,
    catalog: options.catalog,
    auth: options.auth,
    access: options.access,
    permissions: options.permissions,
    applyConditions: (decision, resource) => {
      authorizer ??= createConditionAuthorizer(
        options.permissionsRegistry.getPermissionRuleset(
          monitorSourcePermissionResourceRef,
        ),
      );
      return authorizer(decision, resource);
    },
    logger: options.logger,
  });
  options.permissionsRegistry.addResourceType({
    resourceRef: monitorSourcePermissionResourceRef,
    permissions: [mlopsDriftSourceDryRunPermission],
    rules: Object.values(monitorSourcePermissionRules),
    getResources: async refs =>
      Promise.all(
        refs.map(ref =>
          service.resource(ref.toLowerCase()).catch(() => undefined),
        ),
      ),
  });

  await scheduleSourcePulls({
    scheduler: options.scheduler,
    sources: options.sources,
    taskId: driftSourceTaskId,
    defaults: {
      frequency: { minutes: 15 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 30 },
    },
    pull: source => service.pull(source),
  });

  options.httpRouter.use(
    createDriftSourcesRouter({ service, httpAuth: options.httpAuth }),
  );
  return service;
}

export { DriftSourceService } from './DriftSourceService';
