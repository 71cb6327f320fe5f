/*
 * Import benchmark: BENCH_DAYS (30) days of hourly samples for
 * BENCH_MONITORS (100) monitors of BENCH_FEATURES (25) features, pulled from
 * a real Prometheus (Debian's, backfilled with promtool) by the drift source
 * of this module into the MLOps backend's store, for each database the
 * plugin runs on. It measures:
 *
 * - the import: one run of the module's drift source task, from the catalog
 *   read to the last batch stored (queries, parsing, validation, storage,
 *   evaluation), wall time, and the time during which a request to
 *   Prometheus was in flight (the share spent waiting for Prometheus);
 * - the floor, in the same run: the same query_range requests (recorded
 *   from the import) sent by curl one after the other on one connection:
 *   Prometheus' own time plus HTTP, with nothing parsed or stored (the
 *   import sends as many at once as the instance's `concurrency`).
 * The code before a change is measured by running this bench in a worktree
 * of the earlier commit just before (docs/benchmarks.md).
 *
 * Goal: the import at most 1.5 × the floor.
 *
 *   yarn workspace @mlightenment/backstage-plugin-mlops-backend-module-prometheus bench
 *   BENCH_DATABASES=SQLITE_3 BENCH_MONITORS=10 yarn workspace ... bench
 *
 * PostgreSQL needs BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
 * (`source scripts/services.sh`). Results go to bench/results/import-<db>.json.
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { startTestPrometheus, TestPrometheus } from '@internal/test-prometheus';
// The module is measured started beside the plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import mlopsPlugin from '@mlightenment/backstage-plugin-mlops-backend';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import prometheusModule from '../src';

jest.setTimeout(60 * 60_000);

const MONITORS = Number(process.env.BENCH_MONITORS ?? 100);
const FEATURES = Number(process.env.BENCH_FEATURES ?? 25);
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const HOUR = 3_600_000;
const TASK_ID = 'mlops-drift-source-prometheus';

const ids = (process.env.BENCH_DATABASES ?? 'SQLITE_3,POSTGRES_15').split(
  ',',
) as TestDatabaseId[];
const databases = TestDatabases.create({ ids });

// The samples end at the last full hour; the import reaches back DAYS.
const end = Math.floor(Date.now() / HOUR) * HOUR;
const hours = DAYS * 24;

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
    source: {
      prometheus: {
        instance: 'bench',
        step: 'PT1H',
        features: Array.from({ length: FEATURES }, (__, f) => ({
          name: `feature_${f}`,
          query: `bench_feature_psi{monitor="${m}", feature="${f}"}`,
        })),
      },
    },
  },
}));

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

/** One series per monitor and feature, hourly, as OpenMetrics. */
function writeFixture(file: string) {
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, '# TYPE bench_feature_psi gauge\n');
  for (let m = 0; m < MONITORS; m++) {
    for (let f = 0; f < FEATURES; f++) {
      const lines: string[] = [];
      for (let i = hours; i >= 0; i--) {
        const value = 0.05 + ((m * 31 + f * 7 + i) % 17) / 1000;
        lines.push(
          `bench_feature_psi{monitor="${m}",feature="${f}"} ${value.toFixed(
            3,
          )} ${(end - i * HOUR) / 1000}\n`,
        );
      }
      fs.writeSync(out, lines.join(''));
    }
  }
  fs.writeSync(out, '# EOF\n');
  fs.closeSync(out);
}

/**
 * Wraps `fetch` to record the requests sent to Prometheus and the time
 * during which at least one was in flight.
 */
function watchPrometheus(baseUrl: string) {
  const original = globalThis.fetch;
  const requests: Array<{ url: string; body: string }> = [];
  let inFlight = 0;
  let since = 0;
  let waitingMs = 0;
  globalThis.fetch = async (input: any, init?: any) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith(baseUrl)) return original(input, init);
    requests.push({ url, body: String(init?.body ?? '') });
    if (inFlight++ === 0) since = performance.now();
    try {
      const response = await original(input, init);
      // The body is part of the wait: read it here, hand back a copy.
      const text = await response.text();
      return new Response(text, {
        status: response.status,
        headers: response.headers,
      });
    } finally {
      if (--inFlight === 0) waitingMs += performance.now() - since;
    }
  };
  return {
    requests,
    waitingMs: () => waitingMs,
    restore: () => {
      globalThis.fetch = original;
    },
  };
}

/** The recorded requests sent again by curl, one after the other, on one connection. */
async function curlFloor(
  dir: string,
  requests: ReadonlyArray<{ url: string; body: string }>,
) {
  const config = path.join(dir, 'curl.config');
  fs.writeFileSync(
    config,
    requests
      .map(
        r =>
          `url = "${r.url}"\ndata = "${r.body}"\noutput = "/dev/null"\nsilent\nfail\n`,
      )
      .join('next\n'),
  );
  const started = performance.now();
  await promisify(execFile)('curl', ['--config', config]);
  return performance.now() - started;
}

let prometheus: TestPrometheus;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-import-bench-'));
  const fixture = path.join(dir, 'history.om.txt');
  writeFixture(fixture);
  const started = performance.now();
  prometheus = await startTestPrometheus([fixture], {
    maxBlockDuration: `${hours + 24}h`,
  });
  // eslint-disable-next-line no-console
  console.log(
    `Backfilled ${MONITORS * FEATURES} series of ${
      hours + 1
    } samples in ${Math.round(performance.now() - started)} ms`,
  );
});

afterAll(async () => {
  await prometheus?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(ids)('import from Prometheus on %s', databaseId => {
  it(`imports ${DAYS} days of hourly samples of ${MONITORS} monitors × ${FEATURES} features`, async () => {
    const knex = await databases.init(databaseId);
    const tasks = new Map<string, () => Promise<void>>();
    const scheduler = mockServices.scheduler.mock({
      async scheduleTask(task) {
        tasks.set(task.id, () =>
          Promise.resolve(task.fn(new AbortController().signal)),
        );
      },
    });
    await startTestBackend({
      features: [
        mlopsPlugin,
        prometheusModule,
        catalogServiceMock.factory({ entities: [model, ...monitors] }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            mlops: {
              prometheus: {
                instances: { bench: { baseUrl: prometheus.url } },
                lookback: { days: DAYS },
              },
              drift: { retention: { rawDays: DAYS + 1 } },
            },
          },
        }),
        scheduler.factory,
        actionsRegistryServiceMock.factory(),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
      ],
    });

    const watch = watchPrometheus(prometheus.url);
    const load = os.loadavg();
    const cpu = process.cpuUsage();
    const started = performance.now();
    try {
      await tasks.get(TASK_ID)!();
    } finally {
      watch.restore();
    }
    const importMs = performance.now() - started;
    const { user, system } = process.cpuUsage(cpu);
    const [{ count }] = await knex('mlops_drift_observation_chunks').sum({
      count: 'count',
    });
    const floorMs = await curlFloor(dir, watch.requests);

    const result = {
      database: databaseId,
      monitors: MONITORS,
      features: FEATURES,
      days: DAYS,
      queries: watch.requests.length,
      observationsStored: Number(count),
      importMs: Math.round(importMs),
      importCpuMs: Math.round((user + system) / 1000),
      waitingForPrometheusMs: Math.round(watch.waitingMs()),
      waitingShare: Math.round((watch.waitingMs() / importMs) * 1000) / 1000,
      curlFloorMs: Math.round(floorMs),
      ratioToFloor: Math.round((importMs / floorMs) * 100) / 100,
      goal: 'import at most 1.5 × the curl floor',
      loadAverage: load.map(l => Math.round(l * 100) / 100),
      cpus: os.cpus().length,
      node: process.version,
      at: new Date().toISOString(),
    };
    fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    fs.writeFileSync(
      path.join(__dirname, 'results', `import-${databaseId}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    // eslint-disable-next-line no-console
    console.log(JSON.stringify(result, null, 2));
    // Whole hours of the window: one sample fewer once the hour has turned.
    expect(result.observationsStored).toBeGreaterThanOrEqual(
      MONITORS * FEATURES * hours,
    );
  });
});
