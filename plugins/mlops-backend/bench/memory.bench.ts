/*
 * Memory benchmark: the mlops plugin's own share of a backend's memory,
 * apart from the catalog's. Goal (issue #16): under 300 MiB for a plugin
 * refreshing and rolling up 10,000 ML entities.
 *
 * This process runs the catalog backend: it ingests the generated
 * organisation (SQLite in memory unless BENCH_CATALOG_DATABASE says
 * otherwise) and serves it over HTTP. The plugin runs in a child process
 * (pluginBackend.ts: the test backend's services, the catalog reached over
 * HTTP), and beside it, one after the other, the same backend without the
 * plugin (the baseline). Each child gets the same sequence: BENCH_ROUNDS
 * (3) refreshes (the first stores every row, the others find nothing
 * changed), then
 * BENCH_REQUESTS (200) top-level team roll-ups at concurrency 1 and at 4.
 * Measured from outside, in /proc/<pid>/status: each child's RSS once
 * started and its peak (VmHWM) over the sequence, its CPU time; and this
 * process's peak over the plugin child's sequence, which is the catalog's
 * (and jest's) share.
 *
 *   yarn workspace @mlightenment/backstage-plugin-mlops-backend bench:memory
 *   BENCH_N=1000 yarn workspace @mlightenment/backstage-plugin-mlops-backend bench:memory
 *
 * BENCH_PLUGIN_DATABASE=POSTGRES_15 puts the plugin's tables in a fresh
 * PostgreSQL database instead of SQLite in the plugin's process (results in
 * bench/results/memory-POSTGRES_15.json).
 *
 * BENCH_BASELINE=<another checkout>/plugins/mlops-backend/src/plugin adds
 * that code's plugin to the alternation, measured the same way: a change
 * and the code before it, side by side on one catalog.
 *
 * Results go to bench/results/memory.json.
 */
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { TestDatabases } from '@backstage/backend-test-utils';
import type { TestDatabaseId } from '@backstage/backend-test-utils';
import { mockServices } from '@backstage/backend-test-utils';
import { createMockDirectory } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleMlops from '@mlightenment/backstage-plugin-catalog-backend-module-mlops';
import { ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { databaseFactory, KINDS, waitForIngestion } from './catalog';
import {
  allEntities,
  assertValid,
  generateOrganisation,
  mlEntities,
  ROOT_GROUP,
  sampleOf,
  sizes,
} from './organisation';
import {
  gc,
  machine,
  median,
  percentile,
  residentMemory,
  resetPeakMemory,
  writeResult,
} from './measure';

const N = Number(process.env.BENCH_N ?? 10000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const GOAL_PLUGIN_MIB = 300;
const BASELINE = process.env.BENCH_BASELINE;
/** The plugin's database: SQLite in memory unless POSTGRES_15 (see pluginBackend.ts). */
const PLUGIN_DATABASE = process.env.BENCH_PLUGIN_DATABASE;
const CATALOG_DATABASE = (process.env.BENCH_CATALOG_DATABASE ??
  'SQLITE_3') as TestDatabaseId;

jest.setTimeout(60 * 60 * 1000);

const databases = TestDatabases.create({ ids: [CATALOG_DATABASE] });

/** A process's memory (MiB) and CPU time (ms) as /proc tells it. */
function processState(pid: number) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const mib = (field: string) =>
    Math.round(
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) /
        1024,
    );
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime, in ticks of 10 ms (USER_HZ 100 on Linux)
  const cpuMs = (Number(fields[11]) + Number(fields[12])) * 10;
  return { rssMiB: mib('VmRSS'), peakMiB: mib('VmHWM'), cpuMs };
}

/** What a child backend runs: no plugin, the code before a change, or this code's plugin. */
type Variant = 'none' | 'before' | 'plugin';

/** Starts pluginBackend.ts in a child process; resolves once it listens. */
async function startChild(catalogUrl: string, variant: Variant) {
  const child = fork(path.resolve(__dirname, 'pluginBackend.ts'), [], {
    execArgv: [
      // Only for the live heap read once the sequence is over.
      '--expose-gc',
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
    env: {
      ...process.env,
      BENCH_CATALOG_URL: catalogUrl,
      BENCH_WITH_PLUGIN: variant === 'none' ? '0' : '1',
      ...(variant === 'before' ? { BENCH_PLUGIN_MODULE: BASELINE } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  // The backend's own IPC may send other messages; ours carry `port` or `refreshed`.
  const port = await new Promise<number>((resolve, reject) => {
    const onMessage = (m: any) => {
      if (m?.port === undefined) return;
      child.off('message', onMessage);
      resolve(m.port);
    };
    child.on('message', onMessage);
    child.once('exit', code => reject(new Error(`child exited ${code}`)));
  });
  return { child, url: `http://localhost:${port}` };
}

function ask(child: ChildProcess, message: object) {
  return new Promise<any>(resolve => {
    const onMessage = (m: any) => {
      if (m?.refreshed === undefined) return;
      child.off('message', onMessage);
      resolve(m);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

async function rollUps(url: string, concurrency: number, check: boolean) {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < REQUESTS) {
        next += 1;
        const started = performance.now();
        const response = await fetch(url, {
          headers: { authorization: mockCredentials.user.header() },
        });
        await response.text();
        if (check && response.status !== 200) {
          throw new Error(`${url}: ${response.status}`);
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  return {
    concurrency,
    requests: latencies.length,
    p95Ms: Math.round(percentile(latencies, 95) * 10) / 10,
  };
}

/** The same sequence for the plugin's backend and for the baseline. */
async function measureChild(catalogUrl: string, variant: Variant) {
  const withPlugin = variant !== 'none';
  const { child, url } = await startChild(catalogUrl, variant);
  const pid = child.pid!;
  try {
    // Let start-up's work settle before the start is read.
    await new Promise(resolve => setTimeout(resolve, 2000));
    const atStart = processState(pid);
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    gc();
    resetPeakMemory();
    const catalogBefore = residentMemory();
    let peakSampled = atStart.rssMiB;
    const sampler = setInterval(() => {
      peakSampled = Math.max(peakSampled, processState(pid).rssMiB);
    }, 50);
    const refreshMs: number[] = [];
    const heapAfterRefresh = [];
    // The first refresh stores every row (a fresh database), the others find
    // nothing changed.
    for (let round = 0; round < ROUNDS; round++) {
      const { refreshed, ...heap } = await ask(child, { refresh: true });
      refreshMs.push(refreshed);
      heapAfterRefresh.push(heap);
    }
    const teamUrl = `${url}/api/mlops/teams/default/${
      ROOT_GROUP.split('/')[1]
    }`;
    const latencies = [
      await rollUps(teamUrl, 1, withPlugin),
      await rollUps(teamUrl, 4, withPlugin),
    ];
    clearInterval(sampler);
    const atEnd = processState(pid);
    const { end: heapAtEnd, afterGc: heapAfterGc } = await ask(child, {
      heap: true,
    });
    return {
      variant,
      withPlugin,
      startMiB: atStart.rssMiB,
      peakMiB: atEnd.peakMiB,
      peakSampledMiB: Math.max(peakSampled, atEnd.rssMiB),
      endMiB: atEnd.rssMiB,
      cpuMs: atEnd.cpuMs - atStart.cpuMs,
      refreshMs: refreshMs.map(Math.round),
      heapAfterRefresh,
      heapAtEnd,
      heapAfterGc,
      rollUps: latencies,
      catalogProcess: {
        beforeMiB: catalogBefore.rssMiB,
        peakMiB: residentMemory().peakMiB,
      },
    };
  } finally {
    child.send({ stop: true });
    await new Promise(resolve => child.once('exit', resolve));
  }
}

it(`keeps the mlops plugin's own memory under ${GOAL_PLUGIN_MIB} MiB for ${N} ML entities`, async () => {
  gc();
  const beforeIngestion = residentMemory();
  const org = generateOrganisation(N);
  assertValid(sampleOf(mlEntities(org)));
  const entities = allEntities(org);
  const total = entities.length;
  const directory = createMockDirectory({
    content: {
      'catalog-info.yaml': entities.map(e => JSON.stringify(e)).join('\n---\n'),
    },
  });
  const catalogKnex = databases.init(CATALOG_DATABASE);
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleMlops,
      databaseFactory(async () => catalogKnex),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [{ allow: KINDS }],
            locations: [
              { type: 'file', target: directory.resolve('catalog-info.yaml') },
            ],
            processingInterval: { hours: 1 },
          },
        },
      }),
    ],
  });
  try {
    const catalogUrl = `http://localhost:${backend.server.port()}`;
    const ingestSeconds = await waitForIngestion(catalogUrl, total, N);
    gc();
    const afterIngestion = residentMemory();

    // Baseline and plugin alternate, so that the machine's load falls on both.
    const variants: Variant[] = BASELINE
      ? ['none', 'before', 'plugin']
      : ['none', 'plugin'];
    const runs = [];
    for (const variant of [...variants, ...variants]) {
      runs.push(await measureChild(catalogUrl, variant));
    }
    const plugin = runs.filter(r => r.variant === 'plugin');
    const before = runs.filter(r => r.variant === 'before');
    const baseline = runs.filter(r => r.variant === 'none');
    const pluginShareMiB =
      median(plugin.map(r => r.peakMiB)) - median(baseline.map(r => r.peakMiB));
    writeResult(PLUGIN_DATABASE ? `memory-${PLUGIN_DATABASE}` : 'memory', {
      date: new Date().toISOString(),
      pluginDatabase: PLUGIN_DATABASE ?? 'SQLITE_3 in memory',
      machine: machine(),
      n: N,
      shape: sizes(N),
      catalogEntities: total,
      catalogDatabase: CATALOG_DATABASE,
      ingestSeconds: Math.round(ingestSeconds),
      rounds: ROUNDS,
      requests: REQUESTS,
      catalogProcessMiB: {
        beforeIngestion: beforeIngestion.rssMiB,
        afterIngestion: afterIngestion.rssMiB,
        peakWhileServingThePlugin: Math.max(
          ...plugin.map(r => r.catalogProcess.peakMiB),
        ),
      },
      runs,
      pluginPeakMiB: median(plugin.map(r => r.peakMiB)),
      baselinePeakMiB: median(baseline.map(r => r.peakMiB)),
      pluginShareMiB,
      ...(BASELINE
        ? {
            baseline: BASELINE,
            beforeShareMiB:
              median(before.map(r => r.peakMiB)) -
              median(baseline.map(r => r.peakMiB)),
          }
        : {}),
      goalMiB: GOAL_PLUGIN_MIB,
    });
    expect(plugin.every(r => r.rollUps[0].requests === REQUESTS)).toBe(true);
    expect(pluginShareMiB).toBeLessThan(GOAL_PLUGIN_MIB);
  } finally {
    await backend.stop();
    directory.clear();
  }
});
