import {
  AuditorService,
  AuthService,
  HttpAuthService,
  HttpRouterService,
  LoggerService,
  PermissionsService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { CheckDefinition } from '@mlightenment/backstage-plugin-mlops-common';
import type { MlopsFactSource } from '@mlightenment/backstage-plugin-mlops-node';
import type { Knex } from 'knex';
import {
  registerGetEntityMaturityAction,
  registerGetTeamMaturityAction,
} from '../actions';
import type { EntityAccess } from '../shared/EntityAccess';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';
import { createLevelDropNotifier } from './levelDropNotifier';
import { rubricFromConfig } from './rubricFromConfig';
import { createScorecardRouter } from './router';
import { ScorecardService } from './ScorecardService';

/** The id of the scheduled task that evaluates every ML entity. @public */
export const MATURITY_REFRESH_TASK_ID = 'mlops-maturity-refresh';

/** What the scorecards need from the plugin. */
export interface ScorecardSetupOptions {
  config: RootConfigService;
  logger: LoggerService;
  /** The plugin's database, migrated. */
  knex: Knex;
  scheduler: SchedulerService;
  httpRouter: HttpRouterService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  notifications: NotificationService;
  actionsRegistry: ActionsRegistryService;
  access: EntityAccess;
  /** Checks that backend modules added through the extension point. */
  moduleChecks: readonly CheckDefinition[];
  /** Every feature's fact sources; read at each evaluation. */
  factSources: MlopsFactSource[];
}

/**
 * MLOps maturity scorecards: the rubric from `mlops.maturity` (a mistake
 * stops the start with the key named), evaluation on a global schedule with
 * retention, level-drop notifications, the routes (badges public when
 * configured) and the actions. Returns the service the gates and the value
 * read.
 */
export async function setUpScorecards(
  options: ScorecardSetupOptions,
): Promise<ScorecardService> {
  const { config, logger } = options;
  const { rubric, exemptions } = rubricFromConfig(config, options.moduleChecks);
  const notifyLevelDrops =
    config.getOptionalBoolean('mlops.maturity.notifyLevelDrops') ?? true;
  const service = new ScorecardService({
    store: new DatabaseScorecardStore(options.knex),
    catalog: options.catalog,
    auth: options.auth,
    access: options.access,
    logger,
    rubric,
    exemptions,
    factSources: options.factSources,
    onChanges: notifyLevelDrops
      ? createLevelDropNotifier({
          notifications: options.notifications,
          rubric,
          logger,
        })
      : undefined,
  });

  const retentionDays =
    config.getOptionalNumber('mlops.maturity.retentionDays') ?? 365;
  await options.scheduler.scheduleTask({
    id: MATURITY_REFRESH_TASK_ID,
    scope: 'global',
    ...(config.has('mlops.maturity.schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('mlops.maturity.schedule'),
        )
      : {
          frequency: { minutes: 30 },
          timeout: { minutes: 15 },
          initialDelay: { seconds: 15 },
        }),
    fn: async () => {
      await service.refreshAll('schedule');
      const deleted = await service.applyRetention(retentionDays);
      if (deleted > 0) {
        logger.info(
          `Deleted ${deleted} scorecard rows older than ${retentionDays} days`,
        );
      }
    },
  });

  registerGetEntityMaturityAction(options.actionsRegistry, service);
  registerGetTeamMaturityAction(options.actionsRegistry, service);

  const publicBadges =
    config.getOptionalBoolean('mlops.badges.public') ?? false;
  options.httpRouter.use(
    createScorecardRouter({
      service,
      httpAuth: options.httpAuth,
      permissions: options.permissions,
      auditor: options.auditor,
      publicBadges,
    }),
  );
  if (publicBadges) {
    options.httpRouter.addAuthPolicy({
      path: '/badges',
      allow: 'unauthenticated',
    });
  }
  return service;
}
