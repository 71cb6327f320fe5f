import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  freePort,
  startTestPrometheus,
  type TestPrometheus,
} from '@internal/test-prometheus';
import {
  gateFactsVersionOf,
  validateMlopsEntity,
} from '@mlightenment/backstage-plugin-mlops-common';
import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import request from 'supertest';
import { DatabaseGateStore } from '../gates/DatabaseGateStore';
import { mlopsPlugin } from '../plugin';
import { DatabaseKpiStore } from '../value/DatabaseKpiStore';
import {
  TENURE_PSI,
  CARE_CONTACTS_KS,
  CHURN_RATE_DRIVER,
  churnInputDrift,
} from '../__testUtils__/entities';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const useCase: Entity = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLUseCase',
  metadata: { name: 'churn-prevention', title: 'Churn prevention' },
  spec: {
    owner: 'group:default/retention-analytics',
    sponsor: 'user:default/maria-silva',
    lifecycle: 'production',
    businessDrivers: [CHURN_RATE_DRIVER],
  },
};

const model: Entity = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'churn-gbm', title: 'Churn GBM' },
  spec: {
    owner: 'group:default/retention-analytics',
    useCase: 'churn-prevention',
    lifecycle: 'production',
    type: 'classification',
  },
};

const monitor: Entity = churnInputDrift({
  features: [TENURE_PSI, CARE_CONTACTS_KS],
});

const entities = [useCase, model, monitor];
const USE_CASE = 'mlusecase:default/churn-prevention';
const MONITOR = 'mlmonitor:default/churn-gbm-input-drift';
const auth = { Authorization: mockCredentials.user.header() };

/** An instant query's samples as `{ labels, value }`. */
async function query(prometheus: TestPrometheus, promql: string) {
  const res = await fetch(
    `${prometheus.url}/api/v1/query?query=${encodeURIComponent(promql)}`,
  );
  const body = (await res.json()) as {
    data: {
      result: Array<{ metric: Record<string, string>; value: string[] }>;
    };
  };
  return body.data.result.map(r => ({
    labels: r.metric,
    value: Number(r.value[1]),
  }));
}

/** Queries until Prometheus has scraped the series (it scrapes every second). */
async function scraped(prometheus: TestPrometheus, promql: string) {
  for (let i = 0; i < 100; i++) {
    const samples = await query(prometheus, promql);
    if (samples.length) return samples;
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  throw new Error(`Prometheus never scraped ${promql}`);
}

describe.each(databases.eachSupportedId())(
  'the portal state scraped by Prometheus, on %s',
  databaseId => {
    let prometheus: TestPrometheus;
    let provider: MeterProvider;
    let server: any;

    beforeAll(async () => {
      // As a Backstage backend exports metrics ("Metrics exported" in
      // docs/prometheus.md): the OpenTelemetry SDK with a Prometheus
      // exporter, set up before the backend starts, which Backstage's
      // metrics service then writes to.
      const port = await freePort();
      provider = new MeterProvider({
        readers: [new PrometheusExporter({ host: '127.0.0.1', port })],
      });
      metrics.disable();
      metrics.setGlobalMeterProvider(provider);

      const knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          mlopsPlugin,
          catalogServiceMock.factory({ entities }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({ data: {} }),
          actionsRegistryServiceMock.factory(),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: async () => {} }),
          }),
        ],
      }));

      // The state: a drifting monitor, a rejected gate, a KPI actual, a
      // scorecard.
      const drift = await request(server)
        .post('/api/mlops/drift/observations')
        .set(auth)
        .send({
          monitor: MONITOR,
          idempotencyKey: 'metrics-1',
          observations: [
            {
              feature: 'tenure_months',
              observedAt: new Date(Date.now() - 3_600_000).toISOString(),
              value: 0.31,
            },
            {
              feature: 'care_contacts_30d',
              observedAt: new Date(Date.now() - 3_600_000).toISOString(),
              value: 0.08,
              pValue: 0.2,
            },
          ],
        });
      if (drift.status !== 201) throw new Error(JSON.stringify(drift.body));
      const version = gateFactsVersionOf(useCase);
      await new DatabaseGateStore(knex).append(USE_CASE, 'strategy', 0, [
        {
          type: 'decision',
          decision: 'reject',
          role: 'sponsor',
          actor: 'user:default/maria-silva',
          comment: 'The target needs the finance team.',
          entityHash: version.hash,
          facts: version.facts,
        },
      ]);
      const now = new Date();
      await new DatabaseKpiStore(knex).appendActuals([
        {
          useCaseRef: USE_CASE,
          kpiId: 'churn-rate',
          periodStart: new Date(
            Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1),
          ),
          periodEnd: new Date(
            Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1),
          ),
          value: 2.5,
          unit: '%',
          sourceKind: 'pipeline',
          sourceName: 'churn-kpi-export',
          recordedBy: 'plugin:churn-pipeline',
        },
      ]);
      const refreshed = await request(server)
        .post(
          '/api/mlops/scorecards/mlusecase/default/churn-prevention/refresh',
        )
        .set(auth);
      if (refreshed.status !== 200) {
        throw new Error(JSON.stringify(refreshed.body));
      }

      // Scraped only now: the state read for the first scrape has it all.
      prometheus = await startTestPrometheus([], {
        scrape: { job: 'backstage', targets: [`127.0.0.1:${port}`] },
      });
    });

    afterAll(async () => {
      await prometheus?.stop();
      await provider?.shutdown();
      metrics.disable();
    });

    it('uses valid entities as fixtures', () => {
      for (const entity of entities) {
        expect(validateMlopsEntity(entity as any)).toEqual([]);
      }
    });

    it("has the monitor's state and its features' statistics, as the drift health API says", async () => {
      const health = (
        await request(server)
          .get(
            '/api/mlops/drift/health/mlmonitor/default/churn-gbm-input-drift',
          )
          .set(auth)
      ).body;
      const [state] = await scraped(prometheus, 'mlops_monitor_state');
      expect(state.labels).toMatchObject({
        job: 'backstage',
        monitor: MONITOR,
        model: 'mlmodel:default/churn-gbm',
        state: 'alert',
      });
      expect(state.value).toBe(1);
      expect(health.state).toBe('alert');

      const statistics = await scraped(
        prometheus,
        `mlops_feature_statistic{monitor="${MONITOR}"}`,
      );
      expect(
        Object.fromEntries(
          statistics.map(s => [
            `${s.labels.feature} ${s.labels.statistic}`,
            s.value,
          ]),
        ),
      ).toEqual({
        'tenure_months psi': 0.31,
        'care_contacts_30d kolmogorov-smirnov': 0.08,
      });
      expect(await scraped(prometheus, 'mlops_feature_p_value')).toMatchObject([
        { labels: { feature: 'care_contacts_30d' }, value: 0.2 },
      ]);
      const featureStates = await scraped(
        prometheus,
        'mlops_feature_state == 1',
      );
      expect(
        Object.fromEntries(
          featureStates.map(s => [s.labels.feature, s.labels.state]),
        ),
      ).toEqual(
        Object.fromEntries(
          health.monitors[0].features.map((f: any) => [f.name, f.state]),
        ),
      );
      expect(
        await scraped(prometheus, 'mlops_monitor_drifted_features'),
      ).toMatchObject([{ value: 1 }]);
    });

    it("has the use case's gates, KPI and maturity level, as the portal's API says", async () => {
      const gates = (
        await request(server)
          .get('/api/mlops/gates/mlusecase/default/churn-prevention')
          .set(auth)
      ).body;
      const gateStates = await scraped(
        prometheus,
        `mlops_gate_state{entity="${USE_CASE}"}`,
      );
      const scrapedStates = Object.fromEntries(
        gateStates.map(s => [s.labels.stage, s.labels.state]),
      );
      expect(scrapedStates).toEqual(
        Object.fromEntries(gates.stages.map((g: any) => [g.stage, g.state])),
      );
      expect(scrapedStates.strategy).toBe('rejected');

      const value = (
        await request(server)
          .get('/api/mlops/value/default/churn-prevention')
          .set(auth)
      ).body;
      const kpi = value.kpis[0];
      expect(kpi.progress).toBeCloseTo(0.5);
      const [progress] = await scraped(prometheus, 'mlops_kpi_progress');
      expect(progress.labels).toMatchObject({
        use_case: USE_CASE,
        kpi: 'churn-rate',
      });
      expect(progress.value).toBeCloseTo(kpi.progress);
      expect(await scraped(prometheus, 'mlops_kpi_actual')).toMatchObject([
        { value: 2.5 },
      ]);
      expect(await scraped(prometheus, 'mlops_kpi_status')).toMatchObject([
        { labels: { kpi: 'churn-rate', status: kpi.status }, value: 1 },
      ]);

      const scorecard = (
        await request(server)
          .get('/api/mlops/scorecards/mlusecase/default/churn-prevention')
          .set(auth)
      ).body;
      const levels = await scraped(prometheus, 'mlops_maturity_level');
      expect(levels).toContainEqual({
        labels: expect.objectContaining({
          entity: USE_CASE,
          kind: 'MLUseCase',
        }),
        value: scorecard.level,
      });
    });
  },
);
