import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
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
import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { PolicyDecision } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { mlopsDiagnosticAnswerPermission } from '@mlightenment/backstage-plugin-mlops-common';
import type { Knex } from 'knex';
import { registerGetAdoptionDiagnosticAction } from '../actions';
import { DatabaseGateProgressStore } from '../gates/DatabaseGateProgressStore';
import { DatabaseGateStore } from '../gates/DatabaseGateStore';
import { readGateSignOffRules } from '../gates/gatesConfig';
import type { ModelHistoryStore } from '../models';
import type { ScorecardService } from '../scorecards/ScorecardService';
import type { EntityAccess } from '../shared/EntityAccess';
import type { ValueService } from '../value/ValueService';
import { DatabaseDiagnosticStore } from './DatabaseDiagnosticStore';
import { DiagnosticEntityStore } from './DiagnosticEntityStore';
import { DiagnosticInputs } from './DiagnosticInputs';
import { DiagnosticService } from './DiagnosticService';
import {
  diagnosticPermissionRules,
  TeamDiagnosticResource,
  teamDiagnosticPermissionResourceRef,
} from './permissionRules';
import { createDiagnosticRouter } from './router';

/** The scheduled task that stores each scope's monthly diagnostic summary. */
export const DIAGNOSTIC_SNAPSHOT_TASK_ID = 'mlops-diagnostic-snapshot';

export interface DiagnosticSetupOptions {
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
  actionsRegistry: ActionsRegistryService;
  access: EntityAccess;
  /** The models' version history. */
  models: ModelHistoryStore;
  /** Where each use case's KPIs stand. */
  value: Pick<ValueService, 'currentKpis'>;
  /** The scorecard refresh, which passes on the ML entities it reads. */
  scorecards: Pick<ScorecardService, 'addEntityListener'>;
}

/**
 * The adoption diagnostic: the routes (organisation, team, CSV, the team's
 * own answers, permission-checked with the `mlops-team-diagnostic`
 * resource and its rules), the action for MCP clients, and the scheduled
 * task that stores the monthly snapshots (once a day across replicas, each
 * run replacing the current month's row; `mlops.diagnostic.schedule`
 * overrides it). Limits from `mlops.diagnostic`: `gateWaitingDays`,
 * `changeFailureWindowDays`. The ML entities the scorecard refresh reads are
 * kept for the organisation's diagnostic.
 */
export async function setUpDiagnostic(
  options: DiagnosticSetupOptions,
): Promise<DiagnosticService> {
  const { config, knex } = options;
  let authorizer:
    | ((decision: PolicyDecision, resource: TeamDiagnosticResource) => boolean)
    | undefined;
  const gateWaitingDays = config.getOptionalNumber(
    'mlops.diagnostic.gateWaitingDays',
  );
  const failureWindowDays = config.getOptionalNumber(
    'mlops.diagnostic.changeFailureWindowDays',
  );
  // The ML entities as each scorecard refresh reads them: the organisation's
  // diagnostic is computed from these for callers who may read every entity.
  const entities = new DiagnosticEntityStore(knex);
  options.scorecards.addEntityListener({
    page: (page, now) => entities.save(page, now),
    done: async seen => {
      await entities.removeExcept(seen);
    },
  });
  const service = new DiagnosticService({
    catalog: options.catalog,
    auth: options.auth,
    access: options.access,
    permissions: options.permissions,
    applyConditions: (decision, resource) => {
      authorizer ??= createConditionAuthorizer(
        options.permissionsRegistry.getPermissionRuleset(
          teamDiagnosticPermissionResourceRef,
        ),
      );
      return authorizer(decision, resource);
    },
    store: new DatabaseDiagnosticStore(knex),
    inputs: new DiagnosticInputs(knex),
    entities,
    gates: new DatabaseGateStore(knex),
    gateProgress: new DatabaseGateProgressStore(knex),
    models: options.models,
    value: options.value,
    signOff: readGateSignOffRules(config),
    diagnostic: {
      ...(gateWaitingDays !== undefined ? { gateWaitingDays } : {}),
      ...(failureWindowDays !== undefined
        ? { delivery: { failureWindowDays } }
        : {}),
    },
  });

  options.permissionsRegistry.addResourceType({
    resourceRef: teamDiagnosticPermissionResourceRef,
    permissions: [mlopsDiagnosticAnswerPermission],
    rules: Object.values(diagnosticPermissionRules),
    getResources: async refs =>
      Promise.all(
        refs.map(ref =>
          service.teamResource(ref.toLowerCase()).catch(() => undefined),
        ),
      ),
  });

  const scheduleKey = 'mlops.diagnostic.schedule';
  await options.scheduler.scheduleTask({
    id: DIAGNOSTIC_SNAPSHOT_TASK_ID,
    scope: 'global',
    frequency: { hours: 24 },
    timeout: { minutes: 15 },
    initialDelay: { minutes: 5 },
    ...(config.has(scheduleKey)
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig(scheduleKey),
        )
      : {}),
    fn: async () => {
      const stored = await service.writeMonthlySnapshots();
      options.logger.info(`Stored ${stored} monthly diagnostic snapshots`);
    },
  });

  registerGetAdoptionDiagnosticAction(options.actionsRegistry, service);
  options.httpRouter.use(
    createDiagnosticRouter({
      service,
      httpAuth: options.httpAuth,
      auditor: options.auditor,
    }),
  );
  return service;
}
