import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type {
  BackendPluginRegistrationPoints,
  AuditorService,
  AuthService,
  HttpAuthService,
  HttpRouterService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { PolicyDecision } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  mlopsKpiSourceDryRunPermission,
  mlopsValueRecordPermission,
} from '@mlightenment/backstage-plugin-mlops-common';
import {
  MlopsFactSource,
  MlopsKpiSource,
  mlopsKpiSourcesExtensionPoint,
} from '@mlightenment/backstage-plugin-mlops-node';
import type { ScorecardService } from '../scorecards/ScorecardService';
import type { Knex } from 'knex';
import {
  registerGetUseCaseValueAction,
  registerRecordKpiActualAction,
} from '../actions';
import { DatabaseDriftStore } from '../drift/DatabaseDriftStore';
import { DatabaseGateStore } from '../gates/DatabaseGateStore';
import type { ModelHistoryStore } from '../models';
import type { EntityAccess } from '../shared/EntityAccess';
import { setUpKpiSources } from '../kpiSources';
import { DatabaseKpiStore } from './DatabaseKpiStore';
import { readGateSignOffRules } from '../gates/gatesConfig';
import { configuredSignOffGroups } from '../gates/signOffGroups';
import type { SponsorHomeDeps } from './home';
import { createMarkerReader } from './markers';
import { coalesced } from '../shared/coalesced';
import { sendValueReminders } from './reminders';
import {
  useCaseValuePermissionResourceRef,
  UseCaseValueResource,
  valuePermissionRules,
} from './permissionRules';
import { createValueRouter } from './router';
import { ValueService } from './ValueService';

/** The scheduled task that records changed KPI definitions and sends check-in and off-track reminders. */
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
  notifications: NotificationService;
  access: EntityAccess;
  actionsRegistry: ActionsRegistryService;
  /** From {@link registerKpiSources}. */
  kpiSources: readonly MlopsKpiSource[];
  /** The models' version history, for the markers. */
  models: ModelHistoryStore;
  /** Re-evaluated after each write, so the value checks follow the ledger; read for the home. */
  scorecards: Pick<ScorecardService, 'refreshEntity' | 'getStoredScorecard'>;
  /** For the home: the gates waiting for the caller. */
  gates: SponsorHomeDeps['gates'];
  /** For the home: the models in drift alert. */
  drift: SponsorHomeDeps['drift'];
  userInfo: UserInfoService;
  /** The scorecards' fact sources; where a use case's KPIs stand is added to them. */
  factSources: MlopsFactSource[];
}

/**
 * Registers the KPI sources extension point; returns the sources that
 * backend modules add, for {@link setUpValue}.
 */
export function registerKpiSources(
  env: BackendPluginRegistrationPoints,
): MlopsKpiSource[] {
  const sources: MlopsKpiSource[] = [];
  env.registerExtensionPoint(mlopsKpiSourcesExtensionPoint, {
    addKpiSource(source) {
      if (sources.some(s => s.id === source.id)) {
        throw new Error(`A KPI source with id ${source.id} is already added`);
      }
      sources.push(source);
    },
  });
  return sources;
}

/**
 * Business value realised: the KPI ledger, the `mlops-use-case-value`
 * permission resource with its rules, the routes, and the scheduled sync of
 * KPI definitions (so a changed baseline or target becomes a new definition
 * version even when nobody reports an actual), and the KPI sources that
 * backend modules added, each pulled on its own schedule.
 */
export async function setUpValue(
  options: ValueSetupOptions,
): Promise<ValueService> {
  const { knex, catalog, auth, logger } = options;
  const store = new DatabaseKpiStore(knex);
  let authorizer:
    | ((decision: PolicyDecision, resource: UseCaseValueResource) => boolean)
    | undefined;
  const applyValueConditions = (
    decision: PolicyDecision,
    resource: UseCaseValueResource,
  ) => {
    authorizer ??= createConditionAuthorizer(
      options.permissionsRegistry.getPermissionRuleset(
        useCaseValuePermissionResourceRef,
      ),
    );
    return authorizer(decision, resource);
  };
  const reevaluate = async (useCaseRef: string) => {
    try {
      await options.scorecards.refreshEntity(useCaseRef);
    } catch (error) {
      logger.warn(
        `Could not re-evaluate ${useCaseRef} after a KPI actual was recorded: ${error}`,
      );
    }
  };
  const service = new ValueService({
    store,
    catalog,
    auth,
    permissions: options.permissions,
    applyConditions: applyValueConditions,
    markers: createMarkerReader({
      catalog,
      gates: new DatabaseGateStore(knex),
      drift: new DatabaseDriftStore(knex),
      models: options.models,
      credentials: () => auth.getOwnServiceCredentials(),
    }),
    onWrite: reevaluate,
    onBatchWrite: coalesced(reevaluate),
    access: options.access,
    maxActuals:
      options.config.getOptionalNumber('mlops.value.maxActualsPerBatch') ??
      10_000,
  });

  options.factSources.push({
    id: 'value',
    getFacts: entities => service.factsOf(entities),
  });

  options.permissionsRegistry.addResourceType({
    resourceRef: useCaseValuePermissionResourceRef,
    permissions: [mlopsValueRecordPermission, mlopsKpiSourceDryRunPermission],
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
      await sendValueReminders({
        store,
        catalog,
        auth,
        notifications: options.notifications,
        logger,
        now: new Date(),
      });
    },
  });

  await setUpKpiSources({
    ...options,
    sources: options.kpiSources,
    value: service,
    cursors: store,
    applyConditions: applyValueConditions,
  });

  registerGetUseCaseValueAction(options.actionsRegistry, service);
  registerRecordKpiActualAction(options.actionsRegistry, service);

  options.httpRouter.use(
    createValueRouter({
      service,
      home: {
        catalog,
        userInfo: options.userInfo,
        value: service,
        gates: options.gates,
        drift: options.drift,
        checkOutcome: async (entityRef, checkId) =>
          (
            await options.scorecards.getStoredScorecard(entityRef)
          )?.results.find(r => r.checkId === checkId)?.outcome,
        // Also the groups a risk tier adds: a model-risk member sees high-risk gates.
        signOffGroups: configuredSignOffGroups(
          readGateSignOffRules(options.config),
        ),
      },
      httpAuth: options.httpAuth,
      permissions: options.permissions,
      auditor: options.auditor,
    }),
  );
  return service;
}
