/*
 * Import benchmark: BENCH_DAYS (30) days of hourly samples for
 * BENCH_MONITORS (100) monitors of BENCH_FEATURES (25) features, pulled from
 * a real Prometheus (Debian's, backfilled with promtool) by the drift source
 * of this module into the MLOps backend's store, for each database the
 * plugin runs on. It measures:
 *
 * - the import: one run of the module's drift source task in a backend of
 *   its own outside jest (importBackend.ts), from the catalog read to the
 *   last batch stored (queries, parsing, validation, storage, evaluation),
 *   wall and CPU time, and the time during which a request to Prometheus
 *   was in flight;
 * - the floor, in the same run: the same query_range requests (recorded
 *   from the import) sent by curl one after the other on one connection:
 *   Prometheus' own time plus HTTP, with nothing parsed or stored (the
 *   import sends as many at once as the instance's `concurrency`);
 * - the client floor, in the same run: the same requests sent through the
 *   module's `PrometheusClient` in a process of its own (clientFloor.ts),
 *   as many at once as the import sends, each answer read into columns as
 *   the import reads it, nothing validated or stored: what Node.js and the
 *   client cost before the plugin's work begins.
 *
 * BENCH_BASELINE, the root of another checkout (a worktree of an earlier
 * commit), runs that checkout's plugin and module too, on a fresh database
 * just before this one's, against the same Prometheus (docs/benchmarks.md).
 *
 * Goal: the import at most 1.5 × the floor.
 *
 *   yarn workspace @mlightenment/backstage-plugin-mlops-backend-module-prometheus bench
 *   BENCH_DATABASES=SQLITE_3 BENCH_MONITORS=10 yarn workspace ... bench
 *
 * BENCH_PRECISION=full: samples at full precision (entities.ts).
 *
 * PostgreSQL needs BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
 * (`source scripts/services.sh`). Results go to bench/results/import-<db>.json.
 */
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { startTestPrometheus, TestPrometheus } from '@internal/test-prometheus';
import { execFile, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import knexFactory, { type Knex } from 'knex';
import { countCpu } from './cpu';
import {
  DAYS,
  FEATURES,
  FULL_PRECISION,
  HOURS,
  MONITORS,
  writeFixture,
} from './entities';

jest.setTimeout(60 * 60_000);

const ids = (process.env.BENCH_DATABASES ?? 'SQLITE_3,POSTGRES_15').split(
  ',',
) as TestDatabaseId[];
const databases = TestDatabases.create({ ids });

let prometheus: TestPrometheus;
/** The fixture, the curl configuration and the SQLite files. */
let dir: string;

type Imported = {
  importMs: number;
  cpuMs: number;
  waitingMs: number;
  statements: Record<string, number>;
  prometheusCpuMs: number;
  machineBusyMs: number;
  rssBeforeMiB: number;
  maxRssMiB: number;
  requests: Array<{ url: string; body: string }>;
};

/** Runs one import in a backend of its own, with the code at `code`. */
async function importIn(
  code: string | undefined,
  knexConfig: Knex.Config,
  prometheusUrl: string,
): Promise<Imported> {
  const child = fork(path.resolve(__dirname, 'importBackend.ts'), [], {
    execArgv: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
    ],
    env: {
      ...process.env,
      BENCH_KNEX: JSON.stringify(knexConfig),
      BENCH_PROMETHEUS_URL: prometheusUrl,
      BENCH_PROMETHEUS_PID: String(prometheus.pid),
      ...(code ? { BENCH_CODE: code } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const next = <T>(key: string) =>
    new Promise<T>((resolve, reject) => {
      const listeners = {
        exit: (status: number) =>
          reject(new Error(`the import backend exited with ${status}`)),
        message: (message: any) => {
          if (!(key in message)) return;
          child.off('exit', listeners.exit);
          child.off('message', listeners.message);
          resolve(message[key]);
        },
      };
      child.on('message', listeners.message);
      child.once('exit', listeners.exit);
    });
  await next('ready');
  child.send({ run: true });
  const imported = await next<Imported>('imported');
  const exited = new Promise(resolve => child.once('exit', resolve));
  child.send({ stop: true });
  await exited;
  return imported;
}

/** The observations stored: in chunks, or as rows in code from before chunks. */
async function storedObservations(knex: Knex): Promise<number> {
  if (await knex.schema.hasTable('mlops_drift_observation_chunks')) {
    const [{ n }] = await knex('mlops_drift_observation_chunks').sum({
      n: 'count',
    });
    return Number(n);
  }
  const [{ n }] = await knex('mlops_drift_observations').count({ n: '*' });
  return Number(n);
}

/** A fresh database of the kind, and a configuration a child can open. */
async function freshDatabase(
  databaseId: TestDatabaseId,
  name: string,
): Promise<{ knex: Knex; config: Knex.Config }> {
  if (databaseId === 'SQLITE_3') {
    // In a file: the child writes it, this process counts what it holds.
    const config: Knex.Config = {
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, `${name}.sqlite`) },
      useNullAsDefault: true,
    };
    return { knex: knexFactory(config), config };
  }
  const knex = await databases.init(databaseId);
  // The same server and fresh database, as a URL the child can open.
  const url = new URL(
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING!,
  );
  url.pathname = `/${knex.client.database()}`;
  return { knex, config: { client: 'pg', connection: url.toString() } };
}

/** The recorded requests sent again by curl, one after the other, on one connection. */
async function curlFloor(
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
  const cpu = countCpu(prometheus.pid);
  const started = performance.now();
  await promisify(execFile)('curl', ['--config', config]);
  const ms = performance.now() - started;
  const { machineBusyMs, processMs } = cpu();
  return { ms, prometheusCpuMs: processMs, machineBusyMs };
}

/**
 * The recorded requests sent again through the module's client in a
 * process of its own (clientFloor.ts), their answers read and nothing
 * stored: what Node.js and the client cost before any storing.
 */
async function clientFloor(
  requests: ReadonlyArray<{ url: string; body: string }>,
  code: string | undefined,
) {
  const file = path.join(dir, 'requests.json');
  fs.writeFileSync(file, JSON.stringify(requests));
  const cpu = countCpu(prometheus.pid);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.resolve(__dirname, 'clientFloor.ts'),
    ],
    {
      env: {
        ...process.env,
        BENCH_REQUESTS: file,
        BENCH_PROMETHEUS_URL: prometheus.url,
        ...(code ? { BENCH_CODE: code } : {}),
      },
    },
  );
  const { machineBusyMs, processMs } = cpu();
  const measured: {
    ms: number;
    cpuMs: number;
    samples: number;
    warmMs: number;
    warmCpuMs: number;
  } = JSON.parse(stdout);
  return { ...measured, prometheusCpuMs: processMs, machineBusyMs };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-import-bench-'));
  const fixture = path.join(dir, 'history.om.txt');
  writeFixture(fixture);
  const started = performance.now();
  prometheus = await startTestPrometheus([fixture], {
    maxBlockDuration: `${HOURS + 24}h`,
  });
  // eslint-disable-next-line no-console
  console.log(
    `Backfilled ${MONITORS * FEATURES} series of ${
      HOURS + 1
    } samples in ${Math.round(performance.now() - started)} ms`,
  );
});

afterAll(async () => {
  await prometheus?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const round = (n: number, places = 0) =>
  Math.round(n * 10 ** places) / 10 ** places;

describe.each(ids)('import from Prometheus on %s', databaseId => {
  it(`imports ${DAYS} days of hourly samples of ${MONITORS} monitors × ${FEATURES} features`, async () => {
    const codes = [
      ...(process.env.BENCH_BASELINE
        ? [{ name: 'before', code: process.env.BENCH_BASELINE }]
        : []),
      { name: 'after', code: undefined },
    ];
    const runs = [];
    for (const { name, code } of codes) {
      const { knex, config } = await freshDatabase(databaseId, name);
      const load = os.loadavg();
      const imported = await importIn(code, config, prometheus.url);
      const stored = await storedObservations(knex);
      await knex.destroy();
      const floor = await curlFloor(imported.requests);
      const client = await clientFloor(imported.requests, code);
      runs.push({
        code: name,
        ...(code ? { checkout: code } : {}),
        queries: imported.requests.length,
        observationsStored: stored,
        importMs: round(imported.importMs),
        importCpuMs: round(imported.cpuMs),
        waitingForPrometheusMs: round(imported.waitingMs),
        // Sent to the database during the import, by their first words.
        statements: imported.statements,
        // Prometheus' and the database's processes share the two cores.
        prometheusCpuMs: round(imported.prometheusCpuMs),
        machineBusyMs: round(imported.machineBusyMs),
        rssBeforeMiB: round(imported.rssBeforeMiB),
        peakRssMiB: round(imported.maxRssMiB),
        curlFloorMs: round(floor.ms),
        curlFloorPrometheusCpuMs: round(floor.prometheusCpuMs),
        curlFloorMachineBusyMs: round(floor.machineBusyMs),
        ratioToFloor: round(imported.importMs / floor.ms, 2),
        clientFloorMs: round(client.ms),
        clientFloorCpuMs: round(client.cpuMs),
        clientFloorPrometheusCpuMs: round(client.prometheusCpuMs),
        clientFloorMachineBusyMs: round(client.machineBusyMs),
        clientFloorToCurlFloor: round(client.ms / floor.ms, 2),
        // A second pass of the client floor in its now warm process; the
        // machine figures above are of both passes.
        clientFloorWarmMs: round(client.warmMs),
        clientFloorWarmCpuMs: round(client.warmCpuMs),
        loadAverage: load.map(l => round(l, 2)),
      });
      // Whole hours of the window: one sample fewer once the hour has turned.
      expect(stored).toBeGreaterThanOrEqual(MONITORS * FEATURES * HOURS);
      // The client floor read every sample the import stored, no fewer.
      expect(client.samples).toBe(stored);
    }
    const result = {
      database: databaseId,
      monitors: MONITORS,
      features: FEATURES,
      days: DAYS,
      samples: FULL_PRECISION ? 'full precision' : 'three decimals',
      runs,
      goal: 'import at most 1.5 × the curl floor',
      cpus: os.cpus().length,
      node: process.version,
      at: new Date().toISOString(),
    };
    fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    fs.writeFileSync(
      path.join(
        __dirname,
        'results',
        `import-${databaseId}${FULL_PRECISION ? '-full' : ''}.json`,
      ),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    // eslint-disable-next-line no-console
    console.log(JSON.stringify(result, null, 2));
  });
});
