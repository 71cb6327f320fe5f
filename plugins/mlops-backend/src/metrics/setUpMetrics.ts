import type {
  AuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Knex } from 'knex';
import { DatabaseDriftStore } from '../drift/DatabaseDriftStore';
import { DatabaseGateStore } from '../gates/DatabaseGateStore';
import { readGateSignOffRules } from '../gates/gatesConfig';
import { DatabaseScorecardStore } from '../scorecards/DatabaseScorecardStore';
import type { ValueService } from '../value/ValueService';
import { PORTAL_METRICS } from './portalMetrics';
import { PortalStateReader } from './PortalStateReader';

/** How long the state read for one scrape serves the next ones. */
const STATE_TTL_MS = 15_000;

/** What the metrics need from the plugin. */
export interface MetricsSetupOptions {
  config: RootConfigService;
  logger: LoggerService;
  knex: Knex;
  auth: AuthService;
  catalog: CatalogService;
  metrics: MetricsService;
  value: Pick<ValueService, 'currentKpis'>;
}

/**
 * The portal's state as observable gauges of Backstage's metrics service:
 * monitor and feature drift states and statistics, maturity levels, gate
 * states and KPI progress (see {@link PORTAL_METRICS}). They are read only
 * when collected, so a backend without an OpenTelemetry exporter reads
 * nothing.
 */
export function setUpMetrics(options: MetricsSetupOptions): PortalStateReader {
  const reader = new PortalStateReader({
    catalog: options.catalog,
    auth: options.auth,
    drift: new DatabaseDriftStore(options.knex),
    scorecards: new DatabaseScorecardStore(options.knex),
    gates: new DatabaseGateStore(options.knex),
    value: options.value,
    signOff: readGateSignOffRules(options.config),
    ttlMs: STATE_TTL_MS,
  });
  for (const metric of PORTAL_METRICS) {
    options.metrics
      .createObservableGauge(metric.name, { description: metric.description })
      .addCallback(async result => {
        try {
          for (const { value, attributes } of metric.observe(
            await reader.read(),
          )) {
            result.observe(value, attributes);
          }
        } catch (error) {
          options.logger.warn(`Metric ${metric.name} not collected: ${error}`);
        }
      });
  }
  return reader;
}
