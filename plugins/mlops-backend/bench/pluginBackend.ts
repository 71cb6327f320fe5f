/*
 * A backend of its own for the memory benchmark (memory.bench.ts starts it as
 * a child process, outside jest): the test backend's services, its catalog
 * client pointed at the benchmark's catalog over HTTP, and — with
 * BENCH_WITH_PLUGIN=1 — the mlops plugin, on SQLite in memory or
 * (BENCH_PLUGIN_DATABASE) PostgreSQL. Without the
 * plugin it is the baseline: the same backend, the same modules loaded, a
 * plugin that does nothing.
 *
 * It tells its parent its port, then runs the refresh task on each
 * `{ refresh: true }` message and answers `{ refreshed }`; `{ stop: true }`
 * stops it.
 */
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import knexFactory from 'knex';

// BENCH_PLUGIN_MODULE: another checkout's src/plugin, to measure a change
// against the code before it (memory.bench.ts's BENCH_BASELINE).
const { MATURITY_REFRESH_TASK_ID, mlopsPlugin } = require(process.env
  .BENCH_PLUGIN_MODULE ?? '../src/plugin') as typeof import('../src/plugin');

const catalogUrl = process.env.BENCH_CATALOG_URL;
const withPlugin = process.env.BENCH_WITH_PLUGIN === '1';

/** The baseline's plugin: mounted, so the HTTP server and router exist. */
const idlePlugin = createBackendPlugin({
  pluginId: 'idle',
  register(env) {
    env.registerInit({
      deps: { http: coreServices.httpRouter },
      async init({ http }) {
        http.use((_req, res) => res.status(204).end());
        http.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});

/**
 * SQLite in memory (the plugin's tables inside this process), or with
 * BENCH_PLUGIN_DATABASE=POSTGRES_15 a fresh PostgreSQL database of its own
 * (the tables in the database server, as deployed in production).
 */
function pluginDatabase() {
  if (process.env.BENCH_PLUGIN_DATABASE !== 'POSTGRES_15') {
    return { client: 'better-sqlite3', connection: ':memory:' };
  }
  const connection =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!connection) {
    throw new Error(
      'BENCH_PLUGIN_DATABASE=POSTGRES_15 needs BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (source scripts/services.sh)',
    );
  }
  return {
    client: 'pg',
    connection,
    prefix: `bench_memory_${process.pid}_`,
  };
}

/** Drops the PostgreSQL database the plugin got, if it got one. */
async function dropPluginDatabase() {
  const database = pluginDatabase();
  if (database.client !== 'pg') return;
  const admin = knexFactory({ client: 'pg', connection: database.connection });
  try {
    await admin.raw('drop database if exists ?? with (force)', [
      `${database.prefix}mlops`,
    ]);
  } finally {
    await admin.destroy();
  }
}

/**
 * With BENCH_ALLOCATIONS=<file>: V8's sampling heap profiler over each
 * refresh, counting objects already collected too, summed per function
 * into <file>.<pid>.<n>.json (MiB allocated, most first): where a refresh
 * allocates, which is what its peak memory follows.
 */
let profiles = 0;
async function startAllocationProfile() {
  const file = process.env.BENCH_ALLOCATIONS;
  if (!file) return undefined;
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 64 * 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  return {
    async stop() {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      session.disconnect();
      const bytes = new Map<string, number>();
      const walk = (node: any) => {
        const { functionName, url, lineNumber } = node.callFrame;
        const key = `${functionName || '(anonymous)'} ${url
          .replace(/^.*node_modules\//, '')
          .replace(/^.*\/plugins\//, '')}:${lineNumber + 1}`;
        bytes.set(key, (bytes.get(key) ?? 0) + node.selfSize);
        node.children.forEach(walk);
      };
      walk(profile.head);
      const top = [...bytes]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 60)
        .map(([where, size]) => [Math.round(size / 1024 / 102.4) / 10, where]);
      profiles += 1;
      require('node:fs').writeFileSync(
        `${file}.${process.pid}.${profiles}.json`,
        JSON.stringify(top, null, 1),
      );
    },
  };
}

async function main() {
  if (!catalogUrl || !process.send) {
    throw new Error('Started by memory.bench.ts, with BENCH_CATALOG_URL');
  }
  let ownUrl = 'http://localhost:0';
  // The mock scheduler runs a task when triggered; its type hides the factory.
  const scheduler = mockServices.scheduler() as ReturnType<
    typeof mockServices.scheduler
  > & {
    factory(options: {
      skipTaskRunOnStartup?: boolean;
    }): ReturnType<typeof mockServices.scheduler.factory>;
  };
  const backend = await startTestBackend({
    features: [
      withPlugin ? mlopsPlugin : idlePlugin,
      scheduler.factory({ skipTaskRunOnStartup: true }),
      createServiceFactory({
        service: coreServices.discovery,
        deps: {},
        factory: () => {
          const baseUrl = async (pluginId: string) =>
            pluginId === 'catalog'
              ? `${catalogUrl}/api/catalog`
              : `${ownUrl}/api/${pluginId}`;
          return { getBaseUrl: baseUrl, getExternalBaseUrl: baseUrl };
        },
      }),
      mockServices.rootConfig.factory({
        data: { backend: { database: pluginDatabase() } },
      }),
    ],
  });
  const port = backend.server.port();
  ownUrl = `http://localhost:${port}`;

  const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const heap = () => {
    const usage = process.memoryUsage();
    return {
      rssMiB: mib(usage.rss),
      heapTotalMiB: mib(usage.heapTotal),
      heapUsedMiB: mib(usage.heapUsed),
      externalMiB: mib(usage.external),
    };
  };
  process.on(
    'message',
    async (message: { refresh?: true; heap?: true; stop?: true }) => {
      if (message?.refresh) {
        const profile = await startAllocationProfile();
        const started = performance.now();
        if (withPlugin) await scheduler.triggerTask(MATURITY_REFRESH_TASK_ID);
        const refreshed = performance.now() - started;
        await profile?.stop();
        process.send!({ refreshed, ...heap() });
      } else if (message?.heap) {
        // What V8 holds at the end, then what is still reachable.
        const before = heap();
        (global as { gc?: () => void }).gc?.();
        process.send!({ refreshed: 0, end: before, afterGc: heap() });
      } else if (message?.stop) {
        await backend.stop();
        await dropPluginDatabase();
        process.exit(0);
      }
    },
  );
  process.send({ port });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
