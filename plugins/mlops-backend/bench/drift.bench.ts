/*
 * Drift benchmark, for each database the plugin runs on (SQLite, then
 * PostgreSQL 15), through the plugin's HTTP API on a test backend:
 *
 * - ingestion: batches of BENCH_BATCH pipeline-computed observations pushed
 *   to POST /drift/observations (JSON parsing, validation against the
 *   monitor, one transaction, the latest state per feature, evaluation of
 *   the monitor); goal at least 20,000 feature-observations per second;
 * - as a baseline in the same run, the same rows inserted straight into the
 *   table with knex in transactions of BENCH_BATCH rows (the floor: no HTTP,
 *   JSON, validation or evaluation); the ratio is API time / baseline time;
 * - the model health endpoint, GET /drift/health/mlmodel/..., once the
 *   observations table holds BENCH_STORED (1,000,000) rows — those beyond
 *   what the ingestion pushed are inserted directly — for a model with 4
 *   monitors of 25 features; goal p95 under 50 ms.
 *
 *   yarn workspace @mlightenment/backstage-plugin-mlops-backend bench:drift
 *   BENCH_DATABASES=SQLITE_3 yarn workspace ... bench:drift
 *
 * PostgreSQL needs BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
 * (`source scripts/services.sh`). Results go to bench/results/drift-<db>.json.
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import request from 'supertest';
import { mlopsPlugin } from '../src/plugin';
import { machine, median, percentile, writeResult } from './measure';

jest.setTimeout(60 * 60_000);

const BATCH = Number(process.env.BENCH_BATCH ?? 5000);
const INGESTED = Number(process.env.BENCH_INGESTED ?? 200_000);
const STORED = Number(process.env.BENCH_STORED ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const MONITORS = 4;
const FEATURES = 25;

const ids = (process.env.BENCH_DATABASES ?? 'SQLITE_3,POSTGRES_15').split(
  ',',
) as TestDatabaseId[];
const databases = TestDatabases.create({ ids });

const model: Entity = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'bench-model', namespace: 'default' },
  spec: {
    owner: 'group:default/bench',
    useCase: 'bench-use-case',
    lifecycle: 'production',
    type: 'classification',
  },
};

const monitors: Entity[] = Array.from({ length: MONITORS }, (_, m) => ({
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLMonitor',
  metadata: { name: `bench-monitor-${m}`, namespace: 'default' },
  spec: {
    owner: 'group:default/bench',
    model: 'mlmodel:default/bench-model',
    type: 'data-drift',
    cadence: 'PT1H',
    features: Array.from({ length: FEATURES }, (__, f) => ({
      name: `feature_${f}`,
      type: 'numerical',
      statistic: 'psi',
      warning: 0.1,
      alert: 0.25,
    })),
  },
}));

/** Hourly observations of every feature of one monitor, going back in time. */
function batchOf(monitor: number, index: number) {
  const observations = [];
  const hours = BATCH / FEATURES;
  const start = Date.now() - (index + 1) * hours * 3_600_000;
  for (let h = 0; h < hours; h++) {
    const observedAt = new Date(start + h * 3_600_000).toISOString();
    for (let f = 0; f < FEATURES; f++) {
      observations.push({
        feature: `feature_${f}`,
        observedAt,
        value: ((h * 7 + f * 13) % 100) / 1000,
        referenceRows: 5000,
        currentRows: 200,
      });
    }
  }
  return {
    monitor: `mlmonitor:default/bench-monitor-${monitor}`,
    idempotencyKey: `bench-${monitor}-${index}`,
    observations,
  };
}

describe.each(databases.eachSupportedId())('drift on %s', databaseId => {
  it('ingests observations and serves model health', async () => {
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        mlopsPlugin,
        catalogServiceMock.factory({ entities: [model, ...monitors] }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            mlops: {
              maturity: {
                schedule: {
                  frequency: { hours: 24 },
                  timeout: { minutes: 1 },
                  initialDelay: { hours: 24 },
                },
              },
              drift: {
                schedule: {
                  frequency: { hours: 24 },
                  timeout: { minutes: 1 },
                  initialDelay: { hours: 24 },
                },
                ingestion: { maxBodySize: '20mb', maxObservations: BATCH },
              },
            },
          },
        }),
        actionsRegistryServiceMock.factory(),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ async send() {} }),
        }),
      ],
    });
    const auth = mockCredentials.user.header();

    // Ingestion, batch after batch, as one pipeline would push them.
    const batches = Math.ceil(INGESTED / BATCH);
    const bodies = Array.from({ length: batches }, (_, i) =>
      batchOf(i % MONITORS, Math.floor(i / MONITORS)),
    );
    const batchMs: number[] = [];
    const started = performance.now();
    for (const body of bodies) {
      const t = performance.now();
      const res = await request(server)
        .post('/api/mlops/drift/observations')
        .set('Authorization', auth)
        .send(body);
      batchMs.push(performance.now() - t);
      expect(res.status).toBe(201);
    }
    const ingestSeconds = (performance.now() - started) / 1000;
    const ingested = batches * BATCH;

    // Baseline, same run: the same number of rows inserted straight into the
    // table with knex (no HTTP, JSON, validation or evaluation): the floor.
    const baselineRows = bodies.flatMap(body =>
      body.observations.map(o => ({
        monitor_ref: body.monitor,
        feature: o.feature,
        observed_at: new Date(
          Date.parse(o.observedAt) - 365 * 86_400_000,
        ).toISOString(),
        value: o.value,
        p_value: null,
        reference_rows: o.referenceRows,
        current_rows: o.currentRows,
        window: null,
        batch_key: 'bench-baseline',
      })),
    );
    const baselineStarted = performance.now();
    for (let i = 0; i < baselineRows.length; i += BATCH) {
      await knex.transaction(async tx => {
        const chunk = databaseId === 'POSTGRES_15' ? 5000 : 500;
        for (
          let j = i;
          j < Math.min(i + BATCH, baselineRows.length);
          j += chunk
        ) {
          await tx('mlops_drift_observations').insert(
            baselineRows.slice(j, Math.min(j + chunk, i + BATCH)),
          );
        }
      });
    }
    const baselineSeconds = (performance.now() - baselineStarted) / 1000;

    // Fill the table up to STORED rows directly (older hours), untimed.
    const rows = [];
    for (let i = 2 * ingested; i < STORED; i++) {
      rows.push({
        monitor_ref: `mlmonitor:default/bench-monitor-${i % MONITORS}`,
        feature: `feature_${i % FEATURES}`,
        observed_at: new Date(Date.now() - (1000 + i) * 60_000).toISOString(),
        value: (i % 100) / 1000,
        p_value: null,
        reference_rows: 5000,
        current_rows: 200,
        window: null,
        batch_key: 'bench-fill',
      });
      if (rows.length === 2000 || i === STORED - 1) {
        await knex.batchInsert('mlops_drift_observations', rows.splice(0), 400);
      }
    }
    const [{ n }] = await knex('mlops_drift_observations').count({ n: '*' });
    expect(Number(n)).toBe(Math.max(STORED, 2 * ingested));

    // Model health, one request after another.
    const healthMs: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now();
      const res = await request(server)
        .get('/api/mlops/drift/health/mlmodel/default/bench-model')
        .set('Authorization', auth);
      healthMs.push(performance.now() - t);
      expect(res.status).toBe(200);
      expect(res.body.monitors).toHaveLength(MONITORS);
    }

    const round = (x: number) => Math.round(x * 10) / 10;
    writeResult(`drift-${databaseId}`, {
      database: databaseId,
      machine: machine(),
      ingestion: {
        batches,
        observationsPerBatch: BATCH,
        observations: ingested,
        seconds: round(ingestSeconds),
        observationsPerSecond: Math.round(ingested / ingestSeconds),
        batchMsMedian: round(median(batchMs)),
        batchMsP95: round(percentile(batchMs, 95)),
        goalPerSecond: 20000,
        baselineKnexInsertPerSecond: Math.round(ingested / baselineSeconds),
        ratioToBaseline:
          Math.round((ingestSeconds / baselineSeconds) * 100) / 100,
      },
      modelHealth: {
        storedObservations: Number(n),
        monitors: MONITORS,
        featuresPerMonitor: FEATURES,
        requests: REQUESTS,
        msMedian: round(median(healthMs)),
        msP95: round(percentile(healthMs, 95)),
        goalP95Ms: 50,
      },
    });
  });
});
