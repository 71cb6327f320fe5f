import type {
  AuditorService,
  AuthService,
  HttpAuthService,
  HttpRouterService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Knex } from 'knex';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { PolicyDecision } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  GateCheckResult,
  mlopsGateDecidePermission,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { MlopsFactSource } from '@mlightenment/backstage-plugin-mlops-node';
import {
  registerGetEntityGatesAction,
  registerRecordGateDecisionAction,
} from '../actions';
import type { EntityAccess } from '../shared/EntityAccess';
import { refOf } from '../shared/entityRefs';
import type { ScorecardService } from '../scorecards/ScorecardService';
import { DatabaseGateProgressStore } from './DatabaseGateProgressStore';
import { DatabaseGateStore } from './DatabaseGateStore';
import { readGateSignOffRules } from './gatesConfig';
import { SignOffGroups } from './signOffGroups';
import { GateService } from './GateService';
import { createGateNotifier } from './notifications';
import {
  GateResource,
  gatePermissionResourceRef,
  gatePermissionRules,
  parseGateResourceRef,
} from './permissionRules';
import { createGateRouter } from './router';
import { createGateFunnelReader } from './funnel';

/** What the gates need from the plugin. */
export interface GateSetupOptions {
  config: RootConfigService;
  logger: LoggerService;
  /** The plugin's database, migrated. */
  knex: Knex;
  httpRouter: HttpRouterService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  auditor: AuditorService;
  catalog: CatalogService;
  notifications: NotificationService;
  actionsRegistry: ActionsRegistryService;
  access: EntityAccess;
  /** The scorecards: their check results are the gates' automated criteria. */
  scorecards: ScorecardService;
  /** The scorecards' fact sources: the gates add the approval facts (`gate.<stage>`). */
  factSources: MlopsFactSource[];
}

/**
 * Stage gates: reads `mlops.gates` (a mistake stops the start with the key
 * named), registers the `mlops-gate` permission resource with its rules,
 * the routes, the actions and the fact source that feeds the rubric and
 * invalidates stale approvals on every scheduled scorecard refresh.
 */
export async function setUpGates(
  options: GateSetupOptions,
): Promise<GateService> {
  const signOff = readGateSignOffRules(options.config);
  const signOffGroups = new SignOffGroups({
    signOff,
    catalog: options.catalog,
    auth: options.auth,
    logger: options.logger,
  });
  const store = new DatabaseGateStore(options.knex);
  // The rules are registered below, before any request is served.
  let authorizer:
    | ((decision: PolicyDecision, resource: GateResource) => boolean)
    | undefined;
  const service = new GateService({
    store,
    progress: new DatabaseGateProgressStore(options.knex),
    catalog: options.catalog,
    auth: options.auth,
    userInfo: options.userInfo,
    permissions: options.permissions,
    applyConditions: (decision, resource) => {
      authorizer ??= createConditionAuthorizer(
        options.permissionsRegistry.getPermissionRuleset(
          gatePermissionResourceRef,
        ),
      );
      return authorizer(decision, resource);
    },
    access: options.access,
    checkResults: async entity => {
      const ref = refOf(entity);
      // The latest stored evaluation; an entity never evaluated is evaluated now.
      const scorecard =
        (await options.scorecards.getStoredScorecard(ref)) ??
        (await options.scorecards.refreshEntity(ref));
      return new Map<string, GateCheckResult>(
        (scorecard?.results ?? []).map(r => [r.checkId, r]),
      );
    },
    signOff,
    unresolvedGroups: () => signOffGroups.missing(),
    notifier: createGateNotifier({
      notifications: options.notifications,
      logger: options.logger,
    }),
    logger: options.logger,
  });

  options.permissionsRegistry.addResourceType({
    resourceRef: gatePermissionResourceRef,
    permissions: [mlopsGateDecidePermission],
    rules: Object.values(gatePermissionRules),
    getResources: async refs => {
      const resources: Array<GateResource | undefined> = [];
      for (const ref of refs) {
        const parsed = parseGateResourceRef(ref);
        resources.push(
          parsed
            ? await service
                .gateResource(parsed.entityRef, parsed.stage)
                .catch(() => undefined)
            : undefined,
        );
      }
      return resources;
    },
  });

  options.scorecards.addChangeListener(changes =>
    service.notifyReadyAfterCheckChanges(changes),
  );

  options.factSources.push({
    id: 'gates',
    getFacts: async entities => {
      // With the refreshes: a configured sign-off group missing from the
      // catalog is logged once the catalog holds ML entities, rather than
      // leaving its gates silently unsignable.
      if (entities.length > 0) await signOffGroups.report();
      return service.syncAndGetFacts(entities);
    },
  });

  registerGetEntityGatesAction(options.actionsRegistry, service);
  registerRecordGateDecisionAction(options.actionsRegistry, service);

  options.httpRouter.use(
    createGateRouter({
      service,
      funnel: createGateFunnelReader({
        store,
        catalog: options.catalog,
        auth: options.auth,
        access: options.access,
        signOff,
      }),
      httpAuth: options.httpAuth,
      auditor: options.auditor,
    }),
  );
  return service;
}
