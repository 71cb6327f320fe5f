/*
 * A backend of its own for the memory benchmark (memory.bench.ts starts it as
 * a child process, outside jest): the test backend's services, its catalog
 * client pointed at the benchmark's catalog over HTTP, and — with
 * BENCH_WITH_PLUGIN=1 — the mlops plugin on SQLite in memory. Without the
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
import { MATURITY_REFRESH_TASK_ID, mlopsPlugin } from '../src/plugin';

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
        data: {
          backend: {
            database: { client: 'better-sqlite3', connection: ':memory:' },
          },
        },
      }),
    ],
  });
  const port = backend.server.port();
  ownUrl = `http://localhost:${port}`;

  process.on('message', async (message: { refresh?: true; stop?: true }) => {
    if (message?.refresh) {
      const started = performance.now();
      if (withPlugin) await scheduler.triggerTask(MATURITY_REFRESH_TASK_ID);
      process.send!({ refreshed: performance.now() - started });
    } else if (message?.stop) {
      await backend.stop();
      process.exit(0);
    }
  });
  process.send({ port });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
