import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';

export interface Config {
  mlops?: {
    /** Prometheus module of the MLightenment backend (`@mlightenment/backstage-plugin-mlops-backend-module-prometheus`). */
    prometheus?: {
      /**
       * The Prometheus servers bindings in catalog YAML may name, by name
       * (`spec.source.prometheus.instance` on an MLMonitor,
       * `spec.businessDrivers[].prometheus.instance` on an MLUseCase).
       */
      instances?: {
        [name: string]: {
          /** The server's URL, e.g. `http://prometheus:9090`; the API is under `/api/v1`. */
          baseUrl: string;
          /**
           * Sent as `Authorization: Bearer <token>`.
           * @visibility secret
           */
          bearerToken?: string;
          /** Basic authentication, instead of a bearer token. */
          basicAuth?: {
            username: string;
            /** @visibility secret */
            password: string;
          };
          /** How long one query may take before it is abandoned and retried. Default 30 seconds. */
          timeout?: HumanDuration | string;
          /** Retries of a query that timed out or failed on the server's side (5xx), with exponential backoff. Default 2. */
          retries?: number;
          /** Queries sent to this server at once during a pull. Default 4. */
          concurrency?: number;
        };
      };
      /** How far back the first pull reaches, before any cursor exists. Default 7 days. */
      lookback?: HumanDuration | string;
      /** How often monitors' drift bindings are pulled, once per interval across replicas. Default every 15 minutes. */
      driftSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** How often use cases' KPI bindings are pulled, once per interval across replicas. Default every hour. */
      kpiSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
