import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  CheckDefinition,
  mlopsPermissions,
} from '@mlightenment/backstage-plugin-mlops-common';
import {
  MlopsFactSource,
  mlopsChecksExtensionPoint,
} from '@mlightenment/backstage-plugin-mlops-node';
import {
  registerGetEntityMaturityAction,
  registerGetTeamMaturityAction,
} from './actions';
import { applyDatabaseMigrations } from './database/migrations';
import { setUpGates } from './gates';
import { initDriftMonitoring, registerDriftSources } from './drift';
import { DatabaseScorecardStore } from './scorecards/DatabaseScorecardStore';
import { EntityAccess } from './shared/EntityAccess';
import { createLevelDropNotifier } from './scorecards/levelDropNotifier';
import { rubricFromConfig } from './scorecards/rubricFromConfig';
import { createScorecardRouter } from './scorecards/router';
import { ScorecardService } from './scorecards/ScorecardService';
import { createSchemaRouter } from './schemas/router';
import { setUpModelHistory } from './models';
import { registerKpiSources, setUpValue } from './value';

/** The id of the scheduled task that evaluates every ML entity. */
export const MATURITY_REFRESH_TASK_ID = 'mlops-maturity-refresh';

/**
 * The MLightenment backend plugin: MLOps maturity scorecards evaluated on a
 * schedule and on demand, stored with their history, team roll-ups, a push
 * API for external check results, badges and level-drop notifications; stage
 * gates with permission-checked sign-off and an append-only audit trail;
 * drift observations ingested, evaluated against each monitor's thresholds
 * and alerted on; actions for MCP clients.
 * @public
 */
export const mlopsPlugin = createBackendPlugin({
  pluginId: 'mlops',
  register(env) {
    const moduleChecks: CheckDefinition[] = [];
    const factSources: MlopsFactSource[] = [];
    env.registerExtensionPoint(mlopsChecksExtensionPoint, {
      addChecks(...checks) {
        moduleChecks.push(...checks);
      },
      addFactSource(source) {
        factSources.push(source);
      },
    });
    const driftSources = registerDriftSources(env);
    const kpiSources = registerKpiSources(env);

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler, httpRouter } = deps;
        const { rubric, exemptions } = rubricFromConfig(config, moduleChecks);
        const store = new DatabaseScorecardStore(
          await applyDatabaseMigrations(deps.database),
        );
        const notifyLevelDrops =
          config.getOptionalBoolean('mlops.maturity.notifyLevelDrops') ?? true;
        const service = new ScorecardService({
          store,
          catalog: deps.catalog,
          auth: deps.auth,
          access: new EntityAccess(deps.permissions, deps.catalog),
          logger,
          rubric,
          exemptions,
          factSources,
          onChanges: notifyLevelDrops
            ? createLevelDropNotifier({
                notifications: deps.notifications,
                rubric,
                logger,
              })
            : undefined,
        });

        deps.permissionsRegistry.addPermissions(mlopsPermissions);
        // First: its router parses /drift bodies with the drift body limit.
        const drift = await initDriftMonitoring({
          ...deps,
          knex: await deps.database.getClient(),
          sources: driftSources,
          factSources,
        });
        const gates = await setUpGates({
          ...deps,
          access: new EntityAccess(deps.permissions, deps.catalog),
          scorecards: service,
          factSources,
        });

        const models = await setUpModelHistory({
          ...deps,
          knex: await deps.database.getClient(),
        });
        await setUpValue({
          ...deps,
          models,
          knex: await deps.database.getClient(),
          kpiSources,
          scorecards: service,
          gates,
          drift,
          factSources,
        });

        const retentionDays =
          config.getOptionalNumber('mlops.maturity.retentionDays') ?? 365;
        await scheduler.scheduleTask({
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

        registerGetEntityMaturityAction(deps.actionsRegistry, service);
        registerGetTeamMaturityAction(deps.actionsRegistry, service);

        const publicBadges =
          config.getOptionalBoolean('mlops.badges.public') ?? false;
        httpRouter.use(
          createScorecardRouter({
            service,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            publicBadges,
          }),
        );
        httpRouter.use(createSchemaRouter());
        httpRouter.addAuthPolicy({
          path: '/schemas',
          allow: 'unauthenticated',
        });
        if (publicBadges) {
          httpRouter.addAuthPolicy({
            path: '/badges',
            allow: 'unauthenticated',
          });
        }
      },
    });
  },
});
