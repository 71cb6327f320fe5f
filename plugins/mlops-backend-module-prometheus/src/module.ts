import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import {
  mlopsDriftSourcesExtensionPoint,
  mlopsKpiSourcesExtensionPoint,
} from '@mlightenment/backstage-plugin-mlops-node';
import { readLookbackMs, readPrometheusInstances } from './config';
import { pullDriftObservations } from './driftSource';
import { pullKpiActuals } from './kpiSource';
import { PrometheusClient } from './PrometheusClient';

/**
 * Pulls drift observations and KPI actuals from the Prometheus instances in
 * `mlops.prometheus.instances`, for the monitors and use cases whose catalog
 * YAML binds them to a query.
 * @public
 */
export const mlopsModulePrometheus = createBackendModule({
  pluginId: 'mlops',
  moduleId: 'prometheus',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        drift: mlopsDriftSourcesExtensionPoint,
        kpis: mlopsKpiSourcesExtensionPoint,
      },
      async init({ config, logger, drift, kpis }) {
        const clients = new Map(
          [...readPrometheusInstances(config)].map(([name, instance]) => [
            name,
            new PrometheusClient(instance),
          ]),
        );
        const lookbackMs = readLookbackMs(config);
        const schedule = (key: string) =>
          config.has(key)
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                config.getConfig(key),
              )
            : undefined;
        const context = () => ({
          clients,
          logger,
          lookbackMs,
          now: new Date(),
        });
        drift.addDriftSource({
          id: 'prometheus',
          schedule: schedule('mlops.prometheus.driftSchedule'),
          pull: ({ monitors, pulledThrough }) =>
            pullDriftObservations(monitors, pulledThrough, context()),
        });
        kpis.addKpiSource({
          id: 'prometheus',
          schedule: schedule('mlops.prometheus.kpiSchedule'),
          pull: ({ useCases, pulledThrough }) =>
            pullKpiActuals(useCases, pulledThrough, context()),
        });
      },
    });
  },
});
