import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
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
import { setUpAlerting } from './alerting';
import { applyDatabaseMigrations } from './database/migrations';
import { registerDriftSources, setUpDrift } from './drift';
import { DRIFT_NOTIFICATION_TOPIC } from './drift/DriftService';
import { setUpDiagnostic } from './diagnostic';
import { setUpGates } from './gates';
import { setUpMetrics } from './metrics';
import { setUpModelHistory } from './models';
import { setUpRejectedEntities } from './rejected';
import { createOpenApiDocumentRouter } from './schema/featureSpec';
import { createSchemaRouter } from './schemas/router';
import { setUpScorecards } from './scorecards/setUpScorecards';
import { EntityAccess } from './shared/EntityAccess';
import { createJsonBodyParser } from './shared/jsonBody';
import { namingUnknownFields } from './shared/unknownFields';
import { registerKpiSources, setUpValue } from './value';

export { MATURITY_REFRESH_TASK_ID } from './scorecards/setUpScorecards';

/**
 * The MLightenment backend plugin: MLOps maturity scorecards evaluated on a
 * schedule and on demand, stored with their history, team roll-ups, a push
 * API for external check results, badges and level-drop notifications; stage
 * gates with permission-checked sign-off and an append-only audit trail;
 * drift observations ingested, evaluated against each monitor's thresholds
 * and alerted on, also to the webhook, e-mail and Slack channels monitors
 * declare; business value realised (a KPI ledger per use case, fed
 * by pipelines, sponsors and sources); the history of model versions; the
 * ML entities the catalog rejected, for their owners; actions for MCP
 * clients; the portal's state as metrics (monitor and gate states, feature
 * statistics, maturity levels, KPI progress) for Prometheus to scrape.
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
        discovery: coreServices.discovery,
        urlReader: coreServices.urlReader,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
        metrics: metricsServiceRef,
      },
      async init(deps) {
        // What the features share, built once.
        const shared = {
          ...deps,
          knex: await applyDatabaseMigrations(deps.database),
          access: new EntityAccess(deps.permissions, deps.catalog),
          factSources,
        };
        deps.permissionsRegistry.addPermissions(mlopsPermissions);

        // First: the push routes' bodies, parsed with their own limits.
        deps.httpRouter.use(createJsonBodyParser(deps.config));
        // The whole OpenAPI document; each feature's router validates its part.
        deps.httpRouter.use(createOpenApiDocumentRouter());
        const alerting = await setUpAlerting({
          ...shared,
          topic: DRIFT_NOTIFICATION_TOPIC,
        });
        const drift = await setUpDrift({
          ...shared,
          sources: driftSources,
          alerting,
        });
        const scorecards = await setUpScorecards({ ...shared, moduleChecks });
        const gates = await setUpGates({ ...shared, scorecards });
        const models = await setUpModelHistory(shared);
        const value = await setUpValue({
          ...shared,
          kpiSources,
          scorecards,
          gates,
          drift,
          models,
        });
        await setUpDiagnostic({ ...shared, models, value, scorecards });
        setUpRejectedEntities(shared);
        setUpMetrics({ ...shared, value });

        deps.httpRouter.use(createSchemaRouter());
        // Last: validation errors that leave out the unknown field, named.
        deps.httpRouter.use(namingUnknownFields());
        deps.httpRouter.addAuthPolicy({
          path: '/schemas',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
