/*
 * The backend the import benchmark measures, in a process of its own
 * outside jest (import.bench.ts starts it with the Backstage CLI's node
 * transform), so its code runs as a deployment runs it: jest evaluates code
 * in a `vm` context, where hot loops run several times slower (validating
 * 1.8 million observations took 1.3 s of CPU there, 0.25 s here).
 *
 * The `mlops` plugin and this module — from BENCH_CODE, the root of a
 * checkout, this one's by default — with a catalog of the bound monitors
 * (entities.ts), the plugin's tables on BENCH_KNEX (a knex configuration as
 * JSON), and Prometheus at BENCH_PROMETHEUS_URL. A `{ run: true }` message
 * runs the module's drift source task once and answers `{ imported }`: its
 * wall and CPU milliseconds, the milliseconds during which a request to
 * Prometheus was in flight (the body read included), the CPU milliseconds
 * Prometheus (BENCH_PROMETHEUS_PID) and the whole machine spent meanwhile, the process's
 * resident memory before and its peak so far, and the requests sent (for
 * the curl floor).
 */
import {
  coreServices,
  createServiceFactory,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import knexFactory, { type Knex } from 'knex';
import path from 'node:path';
import { countCpu } from './cpu';
import { benchEntities, DAYS, DRIFT_TASK } from './entities';

const code = process.env.BENCH_CODE ?? path.resolve(__dirname, '../../..');
/* eslint-disable @typescript-eslint/no-require-imports */
const mlopsPlugin = require(path.join(
  code,
  'plugins/mlops-backend/src',
)).default;
const prometheusModule = require(path.join(
  code,
  'plugins/mlops-backend-module-prometheus/src',
)).default;
const { PrometheusClient } = require(path.join(
  code,
  'plugins/mlops-backend-module-prometheus/src/PrometheusClient',
));
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Wraps the module's `PrometheusClient.post` (one attempt of one query:
 * the request sent and its answer read whole) to record the requests sent
 * to Prometheus and the time during which at least one was in flight. Code
 * from before `post` (eae37a6) cannot be measured with this bench.
 */
function watchPrometheus(baseUrl: string) {
  const requests: Array<{ url: string; body: string }> = [];
  let inFlight = 0;
  let since = 0;
  let waitingMs = 0;
  const url = `${baseUrl}/api/v1/query_range`;
  const prototype = PrometheusClient.prototype as any;
  const original = prototype.post;
  prototype.post = async function post(body: string) {
    requests.push({ url, body });
    if (inFlight++ === 0) since = performance.now();
    try {
      return await original.call(this, body);
    } finally {
      if (--inFlight === 0) waitingMs += performance.now() - since;
    }
  };
  return {
    requests,
    waitingMs: () => waitingMs,
    restore: () => {
      prototype.post = original;
    },
  };
}

/**
 * Counts the statements sent to the database until stopped, by their first
 * words (`insert into "mlops_drift_batches"`, `select`, `BEGIN;`...).
 */
function countStatements(knex: Knex) {
  const counts: Record<string, number> = {};
  const count = (query: { sql: string }) => {
    const kind = query.sql.split(/\s+/).slice(0, 3).join(' ');
    const words = /^(insert|update|delete)/i.test(kind)
      ? kind
      : kind.split(' ')[0];
    counts[words] = (counts[words] ?? 0) + 1;
  };
  knex.on('query', count);
  return {
    stop: () => {
      knex.off('query', count);
      return counts;
    },
  };
}

async function main() {
  const prometheusUrl = process.env.BENCH_PROMETHEUS_URL!;
  const knex = knexFactory(JSON.parse(process.env.BENCH_KNEX!));
  const tasks = new Map<string, () => Promise<void>>();
  const scheduler: Partial<SchedulerService> = {
    async scheduleTask(task) {
      tasks.set(task.id, () =>
        Promise.resolve(task.fn(new AbortController().signal)),
      );
    },
    async triggerTask() {},
  };
  const backend = await startTestBackend({
    features: [
      mlopsPlugin,
      prometheusModule,
      catalogServiceMock.factory({ entities: benchEntities() }),
      createServiceFactory({
        service: coreServices.database,
        deps: {},
        factory: () => ({ getClient: async () => knex }),
      }),
      mockServices.rootConfig.factory({
        data: {
          mlops: {
            prometheus: {
              instances: { bench: { baseUrl: prometheusUrl } },
              lookback: { days: DAYS },
            },
            drift: { retention: { rawDays: DAYS + 1 } },
          },
        },
      }),
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler as SchedulerService,
      }),
      actionsRegistryServiceMock.factory(),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
    ],
  });
  process.on('message', async (message: { run?: boolean; stop?: boolean }) => {
    if (message.stop) {
      await backend.stop();
      await knex.destroy();
      process.exit(0);
    }
    if (!message.run) return;
    const watch = watchPrometheus(prometheusUrl);
    const rssBeforeMiB = process.memoryUsage().rss / 2 ** 20;
    const cpu = process.cpuUsage();
    const others = countCpu(Number(process.env.BENCH_PROMETHEUS_PID));
    const statements = countStatements(knex);
    const started = performance.now();
    try {
      await tasks.get(DRIFT_TASK)!();
    } finally {
      watch.restore();
    }
    const importMs = performance.now() - started;
    const { machineBusyMs, processMs: prometheusCpuMs } = others();
    const { user, system } = process.cpuUsage(cpu);
    process.send!({
      imported: {
        importMs,
        cpuMs: (user + system) / 1000,
        prometheusCpuMs,
        machineBusyMs,
        waitingMs: watch.waitingMs(),
        statements: statements.stop(),
        rssBeforeMiB,
        maxRssMiB: process.resourceUsage().maxRSS / 1024,
        requests: watch.requests,
      },
    });
  });
  process.send!({ ready: true });
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
