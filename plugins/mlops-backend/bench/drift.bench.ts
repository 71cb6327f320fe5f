/*
 * Drift benchmark, for each database the plugin runs on (SQLite, then
 * PostgreSQL 15), through the plugin's HTTP API on a test backend:
 *
 * - ingestion: batches of BENCH_BATCH pipeline-computed observations pushed
 *   to POST /drift/observations (JSON parsing, validation against the
 *   monitor, one transaction, the latest state per feature, evaluation of
 *   the monitor); goal at least 20,000 feature-observations per second;
 * - as a baseline in the same run, the same observations stored straight
 *   with knex as the store stores them (a chunk row per batch and feature,
 *   a transaction per batch: no HTTP, JSON, validation or evaluation); the
 *   ratio is API time / baseline time;
 * - the model health endpoint, GET /drift/health/mlmodel/..., once the
 *   store holds BENCH_STORED (1,000,000) observations — those beyond what
 *   the ingestion pushed are inserted directly — for a model with 4
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
import { chunkRow } from '../src/drift/DatabaseDriftStore';
import { encodeChunks } from '../src/drift/observationChunks';
import { mlopsPlugin } from '../src/plugin';
import { machine, median, percentile, writeResult } from './measure';

jest.setTimeout(60 * 60_000);

const CHUNKS = 'mlops_drift_observation_chunks';

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

    // Baseline, same run: the same observations stored straight with knex
    // as the store stores them, a chunk row per batch and feature, one
    // transaction per batch (no HTTP, JSON, validation or evaluation).
    const baselineStarted = performance.now();
    for (const body of bodies) {
      const rows = encodeChunks(
        body.observations.map(o => ({
          feature: o.feature,
          observedAt: new Date(Date.parse(o.observedAt) - 365 * 86_400_000),
          value: o.value ?? null,
          pValue: null,
          referenceRows: o.referenceRows ?? null,
          currentRows: o.currentRows ?? null,
          window: null,
        })),
      ).map(chunk => chunkRow(body.monitor, 'bench-baseline', chunk));
      await knex.transaction(tx => tx(CHUNKS).insert(rows));
    }
    const baselineSeconds = (performance.now() - baselineStarted) / 1000;

    // Fill the store up to STORED observations directly (older hours, a
    // chunk of 1,000 per feature), untimed.
    let filled = 2 * ingested;
    for (let c = 0; filled < STORED; c++) {
      const count = Math.min(1000, STORED - filled);
      const observedAt = (i: number) =>
        new Date(Date.now() - (1000 + c * 1000 + i) * 60_000);
      const [chunk] = encodeChunks(
        Array.from({ length: count }, (_, i) => ({
          feature: `feature_${c % FEATURES}`,
          observedAt: observedAt(i),
          value: (i % 100) / 1000,
          pValue: null,
          referenceRows: 5000,
          currentRows: 200,
          window: null,
        })),
      );
      await knex(CHUNKS).insert(
        chunkRow(
          `mlmonitor:default/bench-monitor-${c % MONITORS}`,
          'bench-fill',
          chunk,
        ),
      );
      filled += count;
    }
    const [{ n }] = await knex(CHUNKS).sum({ n: 'count' });
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
