import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  BackstageCredentials,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ksTwoSample,
  mlopsDriftObservationCreatePermission,
  validateMlopsEntity,
} from '@mlightenment/backstage-plugin-mlops-common';
import { mlopsDriftSourcesExtensionPoint } from '@mlightenment/backstage-plugin-mlops-node';
import type { Knex } from 'knex';
import request from 'supertest';
import {
  startMlopsBackend,
  useMlopsBackend,
} from '../__testUtils__/testBackend';
import { DatabaseDriftStore } from './DatabaseDriftStore';
import {
  TENURE_PSI,
  CARE_CONTACTS_KS,
  churnInputDrift,
} from '../__testUtils__/entities';

jest.setTimeout(120_000);

/** How many observations the plugin stores. */
const storedObservations = async (knex: Knex) =>
  (await new DatabaseDriftStore(knex).counts()).observations;

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
});

const HOUR = 3_600_000;
const escapeRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ago = (hours: number) =>
  new Date(Date.now() - hours * HOUR).toISOString();

const model: Entity = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'churn-gbm', namespace: 'default', title: 'Churn GBM' },
  spec: {
    owner: 'group:default/retention-analytics',
    useCase: 'churn-prevention',
    lifecycle: 'production',
    type: 'classification',
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/retention-analytics' },
    {
      type: 'implementsUseCase',
      targetRef: 'mlusecase:default/churn-prevention',
    },
  ],
};

const inputDrift: Entity = churnInputDrift({
  title: true,
  features: [
    TENURE_PSI,
    CARE_CONTACTS_KS,
    {
      name: 'contract_type',
      type: 'categorical',
      statistic: 'jensen-shannon',
      warning: 0.05,
      alert: 0.1,
    },
  ],
  spec: {
    alerting: {
      notify: ['group:default/ml-platform', 'user:default/maria-silva'],
    },
  },
});

const performance: Entity = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLMonitor',
  metadata: { name: 'churn-gbm-performance', namespace: 'default' },
  spec: {
    owner: 'group:default/retention-analytics',
    model: 'mlmodel:default/churn-gbm',
    type: 'performance',
    cadence: 'P7D',
    features: [
      {
        // A metric is not a feature of the data: it needs no type.
        name: 'recall',
        statistic: 'metric',
        direction: 'below',
        warning: 0.75,
        alert: 0.7,
      },
    ],
  },
};

const useCase: Entity = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLUseCase',
  metadata: {
    name: 'churn-prevention',
    namespace: 'default',
    title: 'Churn prevention',
  },
  spec: { owner: 'group:default/retention-analytics', lifecycle: 'production' },
  relations: [
    { type: 'useCaseImplementedBy', targetRef: 'mlmodel:default/churn-gbm' },
  ],
};

const entities = [model, inputDrift, performance, useCase];

const auth = {
  Authorization: mockCredentials.user.header('user:default/jane'),
};

/**
 * A catalog that, like the real one, refuses a pipeline's static token
 * restricted to the mlops plugin: only the plugin's own credentials read it.
 */
function restrictedCatalog() {
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => {
      const catalog = catalogServiceMock({ entities });
      const guard =
        <A extends any[], R>(fn: (...args: A) => Promise<R>) =>
        async (...args: A): Promise<R> => {
          const options = args[args.length - 1] as {
            credentials: BackstageCredentials;
          };
          const principal = options?.credentials?.principal as {
            subject?: string;
          };
          if (principal?.subject !== 'plugin:mlops') {
            throw new NotAllowedError(
              "Access to target plugin 'catalog' is not included in token's access restrictions",
            );
          }
          return fn(...args);
        };
      catalog.getEntityByRef = guard(catalog.getEntityByRef.bind(catalog));
      catalog.getEntitiesByRefs = guard(
        catalog.getEntitiesByRefs.bind(catalog),
      );
      catalog.getEntities = guard(catalog.getEntities.bind(catalog));
      return catalog;
    },
  });
}

const driftConfig = {
  schedule: { frequency: { minutes: 30 }, timeout: { minutes: 1 } },
  ingestion: { maxObservations: 50, maxBodySize: '64kb' },
};

const push = (server: any, body: unknown) =>
  request(server)
    .post('/api/mlops/drift/observations')
    .set(auth)
    .send(body as any);

const healthyBatch = (key: string, hoursAgo = 1) => ({
  monitor: 'mlmonitor:default/churn-gbm-input-drift',
  idempotencyKey: key,
  observations: [
    {
      feature: 'tenure_months',
      observedAt: ago(hoursAgo),
      value: 0.04,
      referenceRows: 5000,
      currentRows: 1200,
    },
    {
      feature: 'care_contacts_30d',
      observedAt: ago(hoursAgo),
      value: 0.03,
      pValue: 0.4,
    },
    { feature: 'contract_type', observedAt: ago(hoursAgo), value: 0.02 },
  ],
});

describe.each(databases.eachSupportedId())(
  'drift monitoring on %s',
  databaseId => {
    const backend = useMlopsBackend(databases, databaseId, {
      mlops: { drift: driftConfig },
      entities: () => entities,
    });

    it('uses valid entities as fixtures', () => {
      for (const entity of entities) {
        expect(validateMlopsEntity(entity as any)).toEqual([]);
      }
    });

    describe('ingestion authentication', () => {
      it('rejects a request without a token with 401', async () => {
        // A backend of its own, whose requests without a token carry none.
        const { server } = await startMlopsBackend({
          knex: await databases.init(databaseId),
          mlops: { drift: driftConfig },
          entities,
          features: [
            mockServices.httpAuth.factory({
              defaultCredentials: mockCredentials.none(),
            }),
          ],
        });
        const res = await request(server)
          .post('/api/mlops/drift/observations')
          .send(healthyBatch('no-token'));
        expect(res.status).toBe(401);
      });

      it('rejects a user without the drift-observation permission with 403 and stores nothing', async () => {
        const { server, knex, permissions } = backend;
        permissions.authorize.mockImplementation(async requests =>
          requests.map(r => ({
            result:
              r.permission.name === mlopsDriftObservationCreatePermission.name
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
        );
        const res = await push(server, healthyBatch('denied'));
        expect(res.status).toBe(403);
        expect(res.body.error.message).toContain(
          'mlops.drift-observation.create',
        );
        expect(await storedObservations(knex)).toBe(0);
      });

      it('accepts the static token of backend.auth.externalAccess and rejects any other', async () => {
        const token = 'demo-pipeline-token-not-for-production';
        // A backend of its own, with the real auth services and catalog guard.
        const knex = await databases.init(databaseId);
        const { server } = await startMlopsBackend({
          knex,
          config: {
            backend: {
              baseUrl: 'http://localhost:7007',
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token, subject: 'churn-pipeline' },
                  },
                ],
              },
            },
          },
          features: [
            authServiceFactory,
            httpAuthServiceFactory,
            restrictedCatalog(),
          ],
        });
        const res = await request(server)
          .post('/api/mlops/drift/observations')
          .set('Authorization', `Bearer ${token}`)
          .send(healthyBatch('static-token'));
        expect(res.status).toBe(201);
        expect(await knex('mlops_drift_batches').pluck('submitted_by')).toEqual(
          ['churn-pipeline'],
        );
        const wrong = await request(server)
          .post('/api/mlops/drift/observations')
          .set('Authorization', 'Bearer not-the-token')
          .send(healthyBatch('wrong-token'));
        expect(wrong.status).toBe(401);
        // The same token reads drift health; the catalog is read as the plugin.
        const alerts = await request(server)
          .get('/api/mlops/drift/alerts')
          .set('Authorization', `Bearer ${token}`);
        expect(alerts.status).toBe(200);
        const health = await request(server)
          .get('/api/mlops/drift/health/mlusecase/default/churn-prevention')
          .set('Authorization', `Bearer ${token}`);
        expect(health.body).toMatchObject({
          state: 'healthy',
          models: [
            { entityRef: 'mlmodel:default/churn-gbm', state: 'healthy' },
          ],
        });
      });

      it('accepts a service token', async () => {
        const { server } = backend;
        const res = await request(server)
          .post('/api/mlops/drift/observations')
          .set('Authorization', mockCredentials.service.header())
          .send(healthyBatch('service'));
        expect(res.status).toBe(201);
        expect(res.body).toEqual({
          stored: 3,
          duplicate: false,
          monitor: 'mlmonitor:default/churn-gbm-input-drift',
          state: 'healthy',
        });
      });
    });

    describe('idempotency', () => {
      it('stores a retried batch once and answers the retry with 200 duplicate', async () => {
        const { server, knex } = backend;
        const batch = healthyBatch('batch-1');
        const first = await push(server, batch);
        const retry = await push(server, batch);
        // Another client library may order the keys otherwise: the same batch.
        const reordered = await push(server, {
          observations: batch.observations.map(o =>
            Object.fromEntries(Object.entries(o).reverse()),
          ),
          idempotencyKey: batch.idempotencyKey,
          monitor: batch.monitor,
        });
        expect(first.status).toBe(201);
        expect(retry.status).toBe(200);
        expect(retry.body).toMatchObject({ stored: 0, duplicate: true });
        expect(reordered.status).toBe(200);
        expect(reordered.body).toMatchObject({ stored: 0, duplicate: true });
        expect(await storedObservations(knex)).toBe(3);
      });

      it('answers the same key with a different body with 409 naming the key', async () => {
        const { server } = backend;
        await push(server, healthyBatch('batch-2', 1));
        const res = await push(server, healthyBatch('batch-2', 2));
        expect(res.status).toBe(409);
        expect(res.body.error.message).toBe(
          'idempotencyKey: "batch-2" was already used for a different batch; use a new key for new observations',
        );
      });
    });

    describe('bad input', () => {
      const cases: Array<[string, (b: any) => void, number, string | RegExp]> =
        [
          [
            'an unknown feature',
            b => (b.observations[2].feature = 'tenure'),
            400,
            'observations[2].feature: "tenure" is not a feature of mlmonitor:default/churn-gbm-input-drift (its features: tenure_months, care_contacts_30d, contract_type)',
          ],
          [
            'a value of the wrong type',
            b => (b.observations[0].value = '0.3'),
            400,
            /observations\/0\/value must be number/,
          ],
          [
            'an infinite value (1e400 in JSON)',
            b => (b.observations[0].value = 'INF'),
            400,
            /observations\/0\/value must be number/,
          ],
          [
            'an unknown monitor',
            b => (b.monitor = 'mlmonitor:default/nope'),
            404,
            'monitor: mlmonitor:default/nope is not in the catalog',
          ],
          [
            'a monitor reference of another kind',
            b => (b.monitor = 'mlmodel:default/churn-gbm'),
            400,
            'monitor: "mlmodel:default/churn-gbm" refers to a mlmodel, not an MLMonitor',
          ],
          [
            'a date that is not one',
            b => (b.observations[1].observedAt = 'yesterday'),
            400,
            /observations\/1\/observedAt must match format "date-time"/,
          ],
          [
            'a p-value missing where the thresholds are on it',
            b => delete b.observations[1].pValue,
            400,
            'observations[1].pValue: is required; the thresholds of feature "care_contacts_30d" of mlmonitor:default/churn-gbm-input-drift are on the p-value',
          ],
          [
            'a value and samples together',
            b => (b.observations[0].reference = [1, 2, 3]),
            400,
            'observations[0]: give exactly one of value (and pValue), reference and current samples, or referenceCounts and currentCounts',
          ],
          [
            'KS from histograms',
            b =>
              (b.observations[1] = {
                feature: 'care_contacts_30d',
                observedAt: ago(1),
                referenceCounts: [1, 2],
                currentCounts: [2, 1],
              }),
            400,
            'observations[1].reference: kolmogorov-smirnov needs the reference and current samples (or a value computed by the pipeline); histograms are not enough',
          ],
          [
            'a negative count',
            b =>
              (b.observations[0] = {
                feature: 'tenure_months',
                observedAt: ago(1),
                referenceCounts: [5, 5],
                currentCounts: [-1, 3],
              }),
            400,
            /^observations\[0\]: currentCounts\[0\] is -1/,
          ],
          [
            'too many observations',
            b => {
              b.observations = Array.from(
                { length: 51 },
                () => b.observations[0],
              );
            },
            413,
            'observations: 51 observations exceed mlops.drift.ingestion.maxObservations (50) per batch; split the batch',
          ],
        ];

      it.each(cases)(
        'answers %s with a 4xx naming the field and stores nothing',
        async (_, change, status, message) => {
          const { server, knex } = backend;
          const body = healthyBatch('bad');
          change(body);
          let res;
          if (JSON.stringify(body).includes('"INF"')) {
            const text = JSON.stringify(body).replace('"INF"', '1e400');
            res = await request(server)
              .post('/api/mlops/drift/observations')
              .set(auth)
              .set('Content-Type', 'application/json')
              .send(text);
          } else {
            res = await push(server, body);
          }
          expect(res.status).toBe(status);
          expect(res.body.error.message).toMatch(
            typeof message === 'string'
              ? new RegExp(`^${escapeRegExp(message)}$`)
              : message,
          );
          expect(await storedObservations(knex)).toBe(0);
        },
      );

      it('explains NaN in the body with a 400', async () => {
        const { server } = backend;
        const text = JSON.stringify(healthyBatch('nan')).replace('0.04', 'NaN');
        const res = await request(server)
          .post('/api/mlops/drift/observations')
          .set(auth)
          .set('Content-Type', 'application/json')
          .send(text);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(
          /^the body contains NaN or Infinity/,
        );
      });

      it('answers a body over the size limit with 413 naming the limit', async () => {
        const { server } = backend;
        const body = healthyBatch('big') as any;
        body.observations[0] = {
          feature: 'tenure_months',
          observedAt: ago(1),
          reference: Array.from({ length: 20000 }, (_, i) => i / 7),
          current: [1, 2, 3],
        };
        const res = await push(server, body);
        expect(res.status).toBe(413);
        expect(res.body.error.message).toBe(
          'the request body is larger than mlops.drift.ingestion.maxBodySize (64kb); split the batch',
        );
      });

      it('stores nothing of a batch whose last observation is bad', async () => {
        const { server, knex } = backend;
        const body = healthyBatch('partial') as any;
        body.observations.push({
          feature: 'contract_type',
          observedAt: ago(1),
          value: 'x',
        });
        expect((await push(server, body)).status).toBe(400);
        body.observations[3].value = 0.01;
        body.observations[3].feature = 'nope';
        expect((await push(server, body)).status).toBe(400);
        expect(await storedObservations(knex)).toBe(0);
        expect(await knex('mlops_drift_batches')).toEqual([]);
      });
    });

    describe('evaluation', () => {
      it('computes the declared statistic from samples and turns the model to alert', async () => {
        const { server, sent } = backend;
        const reference = Array.from({ length: 300 }, (_, i) => (i % 30) / 3);
        const current = reference.map(v => v + 2.5);
        const res = await push(server, {
          monitor: 'churn-gbm-input-drift',
          idempotencyKey: 'samples',
          observations: [
            {
              feature: 'care_contacts_30d',
              observedAt: ago(1),
              reference,
              current,
            },
            {
              feature: 'contract_type',
              observedAt: ago(1),
              referenceCounts: { monthly: 50, yearly: 40, 'two-year': 10 },
              currentCounts: { monthly: 80, yearly: 15, 'two-year': 5 },
            },
            { feature: 'tenure_months', observedAt: ago(1), value: 0.12 },
          ],
        });
        expect(res.status).toBe(201);
        expect(res.body.state).toBe('alert');

        const health = await request(server)
          .get('/api/mlops/drift/health/MLModel/default/churn-gbm')
          .set(auth);
        expect(health.status).toBe(200);
        expect(health.body.state).toBe('alert');
        const monitor = health.body.monitors[0];
        expect(monitor).toMatchObject({
          entityRef: 'mlmonitor:default/churn-gbm-input-drift',
          title: 'Churn GBM input drift',
          state: 'alert',
          featureCount: 3,
          cadence: 'P1D',
        });
        const ks = ksTwoSample(reference, current);
        // Worst first: the KS p-value is far under 0.01.
        expect(monitor.features[0]).toMatchObject({
          name: 'care_contacts_30d',
          statistic: 'kolmogorov-smirnov',
          value: ks.statistic,
          pValue: ks.pValue,
          state: 'alert',
          thresholds: {
            warning: 0.05,
            alert: 0.01,
            direction: 'below',
            on: 'p-value',
          },
          referenceRows: 300,
          currentRows: 300,
          recent: [{ value: ks.pValue }],
        });
        expect(monitor.features.map((f: any) => f.state)).toEqual([
          'alert',
          'alert',
          'warning',
        ]);
        expect(monitor.driftedFeatures).toBe(2);
        expect(monitor.datasetDrift).toBe(true);

        // The performance monitor has no data; the model is still in alert.
        expect(health.body.monitors[1]).toMatchObject({
          entityRef: 'mlmonitor:default/churn-gbm-performance',
          state: 'no-data',
        });

        const alerts = await request(server)
          .get('/api/mlops/drift/alerts')
          .set(auth);
        expect(alerts.body.models).toEqual([
          expect.objectContaining({
            entityRef: 'mlmodel:default/churn-gbm',
            title: 'Churn GBM',
            owner: 'group:default/retention-analytics',
            state: 'alert',
            monitors: [
              expect.objectContaining({
                entityRef: 'mlmonitor:default/churn-gbm-input-drift',
                state: 'alert',
              }),
            ],
          }),
        ]);
        const useCaseHealth = await request(server)
          .get('/api/mlops/drift/health/mlusecase/default/churn-prevention')
          .set(auth);
        expect(useCaseHealth.body).toMatchObject({
          state: 'alert',
          models: [
            {
              entityRef: 'mlmodel:default/churn-gbm',
              title: 'Churn GBM',
              state: 'alert',
            },
          ],
        });

        expect(sent).toEqual([
          {
            recipients: {
              type: 'entity',
              entityRef: [
                'group:default/ml-platform',
                'user:default/maria-silva',
              ],
            },
            payload: expect.objectContaining({
              title: 'Churn GBM input drift: drift alert',
              link: '/catalog/default/mlmonitor/churn-gbm-input-drift',
              severity: 'critical',
              scope:
                'mlops:drift:mlmonitor:default/churn-gbm-input-drift:episode-1',
            }),
          },
        ]);
      });

      it('alerts when a performance metric falls below its alert threshold', async () => {
        const { server, sent } = backend;
        const res = await push(server, {
          monitor: 'mlmonitor:default/churn-gbm-performance',
          idempotencyKey: 'recall',
          observations: [
            { feature: 'recall', observedAt: ago(30), value: 0.78 },
            { feature: 'recall', observedAt: ago(2), value: 0.66 },
          ],
        });
        expect(res.body.state).toBe('alert');
        // The owner group is notified when the monitor names no routing.
        expect(sent[0].recipients).toEqual({
          type: 'entity',
          entityRef: ['group:default/retention-analytics'],
        });
        const series = await request(server)
          .get('/api/mlops/drift/series/default/churn-gbm-performance?days=7')
          .set(auth);
        expect(series.body).toMatchObject({
          resolution: 'raw',
          features: [
            {
              name: 'recall',
              thresholds: { warning: 0.75, alert: 0.7, direction: 'below' },
              points: [
                { value: 0.78, state: 'healthy' },
                { value: 0.66, state: 'alert' },
              ],
            },
          ],
        });
      });

      it('reads a metric with direction outside against its bands, on both sides', async () => {
        const bias: Entity = {
          apiVersion: 'mlightenment.io/v1alpha1',
          kind: 'MLMonitor',
          metadata: { name: 'churn-gbm-calibration', namespace: 'default' },
          spec: {
            owner: 'group:default/retention-analytics',
            model: 'mlmodel:default/churn-gbm',
            type: 'performance',
            cadence: 'P7D',
            features: [
              {
                name: 'calibration_slope',
                statistic: 'metric',
                direction: 'outside',
                warning: [0.9, 1.1],
                alert: [0.8, 1.2],
              },
            ],
          },
        };
        backend.setEntities([model, bias]);
        const { server } = backend;
        const res = await push(server, {
          monitor: 'mlmonitor:default/churn-gbm-calibration',
          idempotencyKey: 'calibration',
          observations: [0.75, 0.85, 1, 1.15, 1.2].map((value, i) => ({
            feature: 'calibration_slope',
            observedAt: ago(50 - i * 10),
            value,
          })),
        });
        expect(res.body.state).toBe('alert');
        const series = await request(server)
          .get('/api/mlops/drift/series/default/churn-gbm-calibration?days=7')
          .set(auth);
        expect(series.body.features).toEqual([
          expect.objectContaining({
            name: 'calibration_slope',
            thresholds: {
              warning: [0.9, 1.1],
              alert: [0.8, 1.2],
              direction: 'outside',
              on: 'value',
            },
            points: [
              expect.objectContaining({ value: 0.75, state: 'alert' }),
              expect.objectContaining({ value: 0.85, state: 'warning' }),
              expect.objectContaining({ value: 1, state: 'healthy' }),
              expect.objectContaining({ value: 1.15, state: 'warning' }),
              expect.objectContaining({ value: 1.2, state: 'alert' }),
            ],
          }),
        ]);
      });

      it('takes a metric declared without a type as a value only, and serves it without a type', async () => {
        const { server } = backend;
        const samples = await push(server, {
          monitor: 'mlmonitor:default/churn-gbm-performance',
          idempotencyKey: 'recall-samples',
          observations: [
            {
              feature: 'recall',
              observedAt: ago(2),
              reference: [1, 0, 1],
              current: [0, 0, 1],
            },
          ],
        });
        expect(samples.status).toBe(400);
        expect(samples.body.error.message).toBe(
          'observations[0].value: is required; feature "recall" is a metric the pipeline computes, the backend cannot derive it from samples',
        );
        const value = await push(server, {
          monitor: 'mlmonitor:default/churn-gbm-performance',
          idempotencyKey: 'recall-value',
          observations: [{ feature: 'recall', observedAt: ago(2), value: 0.8 }],
        });
        expect(value.status).toBe(201);
        const health = await request(server)
          .get(
            '/api/mlops/drift/health/mlmonitor/default/churn-gbm-performance',
          )
          .set(auth);
        const [recall] = health.body.monitors[0].features;
        expect(recall).toMatchObject({
          name: 'recall',
          statistic: 'metric',
          value: 0.8,
          state: 'healthy',
        });
        expect(recall).not.toHaveProperty('type');
      });

      it('marks a monitor stale past its cadence, notifies once per episode and once on recovery', async () => {
        const { server, knex, sent } = backend;
        // Daily cadence, last data 40 hours ago: stale (after 36 hours).
        expect((await push(server, healthyBatch('old', 40))).body.state).toBe(
          'stale',
        );
        // The schedule evaluates again and again: still one notification.
        for (let i = 0; i < 3; i++) {
          await request(server)
            .post('/api/mlops/drift/observations')
            .set(auth)
            .send({ ...healthyBatch(`old-${i}`, 41 + i) });
        }
        expect(sent).toHaveLength(1);
        expect(sent[0].payload).toMatchObject({
          title: 'Churn GBM input drift: stale, no data within its cadence P1D',
          severity: 'high',
          scope:
            'mlops:drift:mlmonitor:default/churn-gbm-input-drift:episode-1',
        });
        // Fresh healthy data: a recovery, in the same notification (same scope).
        expect((await push(server, healthyBatch('fresh', 1))).body.state).toBe(
          'healthy',
        );
        expect(sent).toHaveLength(2);
        expect(sent[1].payload).toMatchObject({
          title: 'Churn GBM input drift: drift recovered, healthy again',
          scope:
            'mlops:drift:mlmonitor:default/churn-gbm-input-drift:episode-1',
        });
        // A new alert is a new episode.
        const body = healthyBatch('drifting', 0.5);
        body.observations[0].value = 0.4;
        expect((await push(server, body)).body.state).toBe('alert');
        expect(sent[2].payload.scope).toBe(
          'mlops:drift:mlmonitor:default/churn-gbm-input-drift:episode-2',
        );
        const transitions = await knex('mlops_drift_transitions')
          .where({ monitor_ref: 'mlmonitor:default/churn-gbm-input-drift' })
          .orderBy('id');
        expect(
          transitions.map(t => [t.from_state, t.to_state, t.episode]),
        ).toEqual([
          ['no-data', 'stale', 1],
          ['stale', 'healthy', 1],
          ['healthy', 'alert', 2],
        ]);
      });
    });

    describe('drift sources', () => {
      it('stores what a backend module pulls, through the same validation', async () => {
        const pulls: Array<{ monitors: string[]; since?: Date }> = [];
        const module = createBackendModule({
          pluginId: 'mlops',
          moduleId: 'test-drift-source',
          register(env) {
            env.registerInit({
              deps: { drift: mlopsDriftSourcesExtensionPoint },
              async init({ drift }) {
                drift.addDriftSource({
                  id: 'test-source',
                  schedule: {
                    frequency: { minutes: 30 },
                    timeout: { minutes: 1 },
                    initialDelay: { seconds: 0 },
                  },
                  async pull({ monitors, since }) {
                    pulls.push({
                      monitors: monitors.map(m => m.metadata.name),
                      since,
                    });
                    return [
                      {
                        monitor: 'mlmonitor:default/churn-gbm-performance',
                        idempotencyKey: 'source:recall:1',
                        observations: [
                          {
                            feature: 'recall',
                            observedAt: ago(1),
                            value: 0.81,
                          },
                        ],
                      },
                      {
                        monitor: 'mlmonitor:default/churn-gbm-performance',
                        idempotencyKey: 'source:bad',
                        observations: [
                          {
                            feature: 'precision',
                            observedAt: ago(1),
                            value: 0.5,
                          },
                        ],
                      },
                    ];
                  },
                });
              },
            });
          },
        });
        // A backend of its own, with the module and a scheduler that runs its pull.
        const knex = await databases.init(databaseId);
        const { server } = await startMlopsBackend({
          knex,
          mlops: { drift: driftConfig },
          entities,
          features: [
            module,
            mockServices.scheduler.factory({
              includeInitialDelayedTasksOnStartup: true,
            }),
          ],
        });
        // Under load the first run can take a while: wait up to 30 s each.
        for (let i = 0; i < 300 && !pulls.length; i++) {
          await new Promise(r => setTimeout(r, 100));
        }
        let health: any;
        for (let i = 0; i < 300; i++) {
          health = await request(server)
            .get(
              '/api/mlops/drift/health/mlmonitor/default/churn-gbm-performance',
            )
            .set(auth);
          if (health.body.state === 'healthy') break;
          await new Promise(r => setTimeout(r, 100));
        }
        expect(pulls[0]).toEqual({
          monitors: ['churn-gbm-input-drift', 'churn-gbm-performance'],
          since: undefined,
        });
        expect(health.body.monitors[0].features[0]).toMatchObject({
          name: 'recall',
          value: 0.81,
          state: 'healthy',
        });
        expect(
          await knex('mlops_drift_batches').pluck('idempotency_key'),
        ).toEqual(['source:recall:1']);
      });
    });

    it('serves health and takes observations only for entities the caller may read', async () => {
      const { server, permissions } = backend;
      permissions.authorizeConditional.mockImplementation(async requests =>
        requests.map(() => ({ result: AuthorizeResult.DENY })),
      );
      // A monitor the caller may not read is not there, for pushing too.
      const pushed = await push(server, healthyBatch('hidden'));
      expect(pushed.status).toBe(404);
      expect(pushed.body.error.message).toBe(
        'monitor: mlmonitor:default/churn-gbm-input-drift is not in the catalog',
      );
      const res = await request(server)
        .get('/api/mlops/drift/health/mlmodel/default/churn-gbm')
        .set(auth);
      expect(res.status).toBe(404);
    });
  },
);
