/*
 * The backend the diagnostic benchmark measures, in a process of its own
 * outside jest (diagnostic.bench.ts starts it with the Backstage CLI's node
 * transform), so its code runs as a deployment runs it: jest evaluates code
 * in a `vm` context, where every global lookup goes through the context and
 * hot loops run many times slower.
 *
 * One backend, as a deployment has it: the catalog (with the mlops catalog
 * module) on BENCH_CATALOG_DATABASE, ingesting BENCH_CATALOG_FILE, and the
 * mlops plugin — the module BENCH_PLUGIN_MODULE names, this checkout's by
 * default — on BENCH_PLUGIN_DATABASE (knex configurations as JSON). The
 * plugin reaches the catalog over HTTP with a token on behalf of the
 * caller, through a client that times its calls.
 *
 * It tells its parent its port, then answers messages: `{ refresh: true }`
 * runs the scorecard refresh, as a deployment has run it, and answers
 * `{ refreshed }` (its milliseconds); `{ seed: true }` writes a year of
 * history (diagnosticHistory.ts) and answers `{ seeded }`;
 * `{ usage: true }` answers `{ usage: { cpuMs, catalogMs, pluginConnections } }`,
 * the process's CPU time so far, the time the plugin waited for the catalog
 * since the last ask and the connections the plugin's database pool opened
 * so far; `{ stop: true }` stops it.
 */
import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { CatalogClient } from '@backstage/catalog-client';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogServiceRef,
  type CatalogService,
} from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import catalogModuleMlops from '@mlightenment/backstage-plugin-catalog-backend-module-mlops';
import knexFactory, { Knex } from 'knex';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { databaseFactory, KINDS } from './catalog';
import { seedHistory } from './diagnosticHistory';
import { generateOrganisation } from './organisation';

const N = Number(process.env.BENCH_N ?? 10_000);

/**
 * With BENCH_TRACE naming a file, what the backend does is written to it as
 * JSON lines: each catalog call, each garbage collection, and at each usage
 * ask the CPU time of each of its threads by kind (with BENCH_NODE_FLAGS,
 * also to standard output, beside what V8's tracing flags print there).
 */
const TRACE = process.env.BENCH_TRACE;
function trace(event: object) {
  if (!TRACE) return;
  const line = JSON.stringify({
    t: Math.round(performance.now() * 10) / 10,
    ...event,
  });
  appendFileSync(TRACE, `${line}\n`);
  if (process.env.BENCH_NODE_FLAGS && 'usage' in event) {
    console.log(`MARK ${line}`);
  }
}
if (TRACE) {
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      trace({
        gc: (e as PerformanceEntry & { detail?: { kind?: number } }).detail
          ?.kind,
        start: Math.round(e.startTime * 10) / 10,
        ms: Math.round(e.duration * 10) / 10,
      });
    }
  }).observe({ entryTypes: ['gc'] });
}

/**
 * The CPU milliseconds of the process's threads so far, by kind: `main`,
 * `node` (V8's workers: the optimising compiler, the collector's helpers)
 * and `libuv-worker` (file system, DNS, zlib). Linux counts in 10 ms ticks.
 */
function threadCpuMs(): Record<string, number> {
  const threads: Record<string, number> = {};
  for (const tid of readdirSync('/proc/self/task')) {
    const name = readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim();
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // utime and stime, the 14th and 15th fields, after the parenthesised name.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const kind = tid === String(process.pid) ? 'main' : name;
    threads[kind] =
      (threads[kind] ?? 0) + (Number(fields[11]) + Number(fields[12])) * 10;
  }
  return threads;
}

/** How long calls were in flight, overlapping calls counted once. */
class InFlight {
  private calls = 0;
  private since = 0;
  private total = 0;

  async time<T>(call: () => Promise<T>): Promise<T> {
    if (this.calls++ === 0) this.since = performance.now();
    try {
      return await call();
    } finally {
      if (--this.calls === 0) this.total += performance.now() - this.since;
    }
  }

  /** The time in flight since the last take. */
  take(): number {
    const total = this.total;
    this.total = 0;
    return total;
  }
}

/**
 * The plugin's catalog client, as the default one (the catalog's REST API
 * with a token on behalf of the caller), timing every call.
 */
function timedCatalogService(inFlight: InFlight) {
  return createServiceFactory({
    service: catalogServiceRef,
    deps: { auth: coreServices.auth, discovery: coreServices.discovery },
    async factory({ auth, discovery }) {
      const client = new CatalogClient({ discoveryApi: discovery });
      const tokenFor = async (options: { credentials: BackstageCredentials }) =>
        auth.getPluginRequestToken({
          onBehalfOf: options.credentials,
          targetPluginId: 'catalog',
        });
      return new Proxy({} as CatalogService, {
        get(_, name) {
          if (name === 'streamEntities') {
            return async function* stream(
              req: any,
              options: { credentials: BackstageCredentials },
            ) {
              const pages = client
                .streamEntities(req, await tokenFor(options))
                [Symbol.asyncIterator]();
              for (;;) {
                const next = await inFlight.time(() => pages.next());
                if (next.done) return;
                yield next.value;
              }
            };
          }
          const method = (client as any)[name];
          if (typeof method !== 'function') return method;
          return (...args: any[]) => {
            const options = args.pop();
            return inFlight.time(async () => {
              const started = performance.now();
              const result = await method.call(
                client,
                ...args,
                await tokenFor(options),
              );
              trace({
                call: String(name),
                filter: args[0]?.filter,
                refs: args[0]?.entityRefs?.length,
                items: result?.items?.length,
                start: Math.round(started * 10) / 10,
                ms: Math.round((performance.now() - started) * 10) / 10,
              });
              return result;
            });
          };
        },
      });
    },
  });
}

function knexOf(json: string | undefined): Knex {
  const config = JSON.parse(json ?? '{}');
  return knexFactory(
    config.client === 'pg'
      ? { ...config, pool: { min: 0, max: 20 } }
      : {
          client: 'better-sqlite3',
          connection: { filename: ':memory:' },
          useNullAsDefault: true,
        },
  );
}

const schedule = {
  frequency: { hours: 24 },
  timeout: { minutes: 1 },
  initialDelay: { hours: 24 },
};

async function main() {
  const catalogFile = process.env.BENCH_CATALOG_FILE;
  if (!catalogFile || !process.send) {
    throw new Error('Started by diagnostic.bench.ts, with BENCH_CATALOG_FILE');
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { mlopsPlugin, MATURITY_REFRESH_TASK_ID } = require(process.env
    .BENCH_PLUGIN_MODULE ?? '../src/plugin');
  const catalogKnex = knexOf(process.env.BENCH_CATALOG_DATABASE);
  const pluginKnex = knexOf(process.env.BENCH_PLUGIN_DATABASE);
  const inFlight = new InFlight();
  // The connections each pool opened so far: a pool closes connections idle
  // for its idle timeout (30 s), and opens them again when asked.
  const opened = { catalog: 0, plugin: 0 };
  catalogKnex.client.pool.on('createSuccess', () => {
    opened.catalog += 1;
  });
  pluginKnex.client.pool.on('createSuccess', () => {
    opened.plugin += 1;
  });
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
      scheduler.factory({ skipTaskRunOnStartup: true }),
      catalogPlugin,
      catalogModuleMlops,
      mlopsPlugin,
      databaseFactory(async pluginId => {
        if (pluginId === 'catalog') return catalogKnex;
        if (pluginId === 'mlops') return pluginKnex;
        throw new Error(`No database for plugin ${pluginId}`);
      }),
      timedCatalogService(inFlight),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [{ allow: KINDS }],
            locations: [{ type: 'file', target: catalogFile }],
            // Ingested once; no re-processing competes with the measurement.
            processingInterval: { hours: 1 },
          },
          mlops: { maturity: { schedule }, diagnostic: { schedule } },
        },
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ async send() {} }),
      }),
    ],
  });

  process.on(
    'message',
    async (message: {
      refresh?: true;
      seed?: true;
      usage?: true;
      stop?: true;
    }) => {
      if (message?.refresh) {
        const started = performance.now();
        await scheduler.triggerTask(MATURITY_REFRESH_TASK_ID);
        process.send!({ refreshed: performance.now() - started });
      } else if (message?.seed) {
        const seeded = await seedHistory(pluginKnex, generateOrganisation(N));
        process.send!({ seeded });
      } else if (message?.usage) {
        const cpu = process.cpuUsage();
        if (TRACE) {
          trace({
            usage: (cpu.user + cpu.system) / 1000,
            threads: threadCpuMs(),
            connections: { ...opened },
            pid: process.pid,
            monoNs: String(process.hrtime.bigint()),
          });
        }
        process.send!({
          usage: {
            cpuMs: (cpu.user + cpu.system) / 1000,
            catalogMs: inFlight.take(),
            pluginConnections: opened.plugin,
          },
        });
      } else if (message?.stop) {
        await backend.stop();
        await Promise.all([catalogKnex.destroy(), pluginKnex.destroy()]);
        process.exit(0);
      }
    },
  );
  process.send({ port: backend.server.port() });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
