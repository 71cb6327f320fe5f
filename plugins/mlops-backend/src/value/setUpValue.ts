import type {
  AuditorService,
  AuthService,
  HttpAuthService,
  HttpRouterService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { PolicyDecision } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { mlopsValueRecordPermission } from '@mlightenment/backstage-plugin-mlops-common';
import type { Knex } from 'knex';
import { DatabaseDriftStore } from '../drift/DatabaseDriftStore';
import { DatabaseGateStore } from '../gates/DatabaseGateStore';
import { DatabaseKpiStore } from './DatabaseKpiStore';
import { createMarkerReader } from './markers';
import {
  useCaseValuePermissionResourceRef,
  UseCaseValueResource,
  valuePermissionRules,
} from './permissionRules';
import { createValueRouter } from './router';
import { ValueService } from './ValueService';

/** The scheduled task that records changed KPI definitions. */
export const VALUE_SYNC_TASK_ID = 'mlops-value-sync';

export interface ValueSetupOptions {
  config: RootConfigService;
  logger: LoggerService;
  knex: Knex;
  scheduler: SchedulerService;
  httpRouter: HttpRouterService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  auditor: AuditorService;
  catalog: CatalogService;
}

/**
 * Business value realised: the KPI ledger, the `mlops-use-case-value`
 * permission resource with its rules, the routes, and the scheduled sync of
 * KPI definitions (so a changed baseline or target becomes a new definition
 * version even when nobody reports an actual).
 */
export async function setUpValue(
  options: ValueSetupOptions,
): Promise<ValueService> {
  const { knex, catalog, auth } = options;
  let authorizer:
    | ((decision: PolicyDecision, resource: UseCaseValueResource) => boolean)
    | undefined;
  const service = new ValueService({
    store: new DatabaseKpiStore(knex),
    catalog,
    auth,
    permissions: options.permissions,
    applyConditions: (decision, resource) => {
      authorizer ??= createConditionAuthorizer(
        options.permissionsRegistry.getPermissionRuleset(
          useCaseValuePermissionResourceRef,
        ),
      );
      return authorizer(decision, resource);
    },
    markers: createMarkerReader({
      catalog,
      gates: new DatabaseGateStore(knex),
      drift: new DatabaseDriftStore(knex),
      credentials: () => auth.getOwnServiceCredentials(),
    }),
    maxActuals:
      options.config.getOptionalNumber('mlops.value.maxActualsPerBatch') ??
      10_000,
  });

  options.permissionsRegistry.addResourceType({
    resourceRef: useCaseValuePermissionResourceRef,
    permissions: [mlopsValueRecordPermission],
    rules: Object.values(valuePermissionRules),
    getResources: async refs =>
      Promise.all(
        refs.map(ref =>
          service.valueResource(ref.toLowerCase()).catch(() => undefined),
        ),
      ),
  });

  await options.scheduler.scheduleTask({
    id: VALUE_SYNC_TASK_ID,
    scope: 'global',
    frequency: { minutes: 30 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      const added = await service.syncAllDefinitions();
      if (added > 0) {
        options.logger.info(`Recorded ${added} new KPI definition versions`);
      }
    },
  });

  options.httpRouter.use(
    createValueRouter({
      service,
      httpAuth: options.httpAuth,
      permissions: options.permissions,
      auditor: options.auditor,
    }),
  );
  return service;
}
