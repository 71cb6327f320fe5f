/*
 * Refresh benchmark: a real catalog backend holding a generated organisation
 * of N ML entities (plus its groups, users, datasets and serving components)
 * and the mlops backend plugin. The catalog ingests the organisation once (on
 * PostgreSQL 15 when available, else SQLite; BENCH_CATALOG_DATABASE to
 * choose) and is not timed; then, for each database the plugin runs on
 * (SQLite, then PostgreSQL 15), a backend starts on that catalog and the
 * bench measures:
 *
 * - a full refresh (the plugin's scheduled task: read the catalog, fetch
 *   related entities, evaluate, store), first with every row new, then again
 *   with nothing changed; goal under 5 s wall for 10,000 entities;
 * - the same refresh run through ScorecardService with timers around its
 *   phases (catalog read, related-entity fetch, store), for the breakdown;
 * - the team roll-up endpoint over HTTP, for the top-level group and a leaf
 *   team; goal p95 under 50 ms;
 * - the process's resident memory before ingestion, after it, and at its
 *   peak during the refreshes; goal at most 900 MiB.
 *
 *   yarn bench:maturity refresh        # N=10000, 3 rounds, SQLite then PostgreSQL
 *   BENCH_N=1000 BENCH_DATABASES=SQLITE_3 yarn bench:maturity refresh
 *
 * BENCH_REQUESTS (500) and BENCH_ROLLUP_SECONDS (60) bound each roll-up
 * measurement.
 *
 * PostgreSQL needs BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
 * (`source scripts/services.sh`). Results go to bench/results/refresh-<db>.json.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import type { CatalogService } from '@backstage/plugin-catalog-node';
// The benchmark needs the catalog to know the ML kinds; the module is a
// workspace package, not yet a devDependency of this one.
import catalogModuleMlops from '@mlightenment/backstage-plugin-catalog-backend-module-mlops';
import { defaultMaturityRubric } from '@mlightenment/backstage-plugin-mlops-common';
import type { Knex } from 'knex';
import { MATURITY_REFRESH_TASK_ID, mlopsPlugin } from '../src/plugin';
import { DatabaseScorecardStore } from '../src/scorecards/DatabaseScorecardStore';
import { EntityAccess } from '../src/shared/EntityAccess';
import { ScorecardService } from '../src/scorecards/ScorecardService';
import { databaseFactory, KINDS, waitForIngestion } from './catalog';
import {
  allEntities,
  assertValid,
  generateOrganisation,
  LEAF_TEAM,
  mlEntities,
  ROOT_GROUP,
  sampleOf,
  sizes,
  TEAMS,
} from './organisation';
import {
  gc,
  machine,
  median,
  percentile,
  residentMemory,
  resetPeakMemory,
  sampleRss,
  writeResult,
} from './measure';

const N = Number(process.env.BENCH_N ?? 10000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
/** A roll-up measurement stops early, after this long, when requests are slow. */
const ROLLUP_SECONDS = Number(process.env.BENCH_ROLLUP_SECONDS ?? 60);
const WANTED = (process.env.BENCH_DATABASES ?? 'SQLITE_3,POSTGRES_15').split(
  ',',
) as TestDatabaseId[];
const GOAL_REFRESH_MS = 5000;
const GOAL_ROLLUP_P95_MS = 50;
const GOAL_PEAK_RSS_MIB = 900;

jest.setTimeout(60 * 60 * 1000);

// The catalog is ingested once, on PostgreSQL when there is one (as a
// 10,000-entity catalog runs in production), and serves every run; each run
// gives the mlops plugin a fresh database of the kind under test.
const databases = TestDatabases.create({
  ids: [...new Set<TestDatabaseId>([...WANTED, 'POSTGRES_15', 'SQLITE_3'])],
});
const supported = WANTED.filter(id => databases.supports(id));
const CATALOG_DATABASE = (process.env.BENCH_CATALOG_DATABASE ??
  (databases.supports('POSTGRES_15')
    ? 'POSTGRES_15'
    : 'SQLITE_3')) as TestDatabaseId;

const ms = (value: number) => Math.round(value);

/** Hands the bench the mlops plugin's own catalog, auth and permissions services. */
function probe(into: { services?: any }) {
  return createBackendModule({
    pluginId: 'mlops',
    moduleId: 'bench-probe',
    register(env) {
      env.registerInit({
        deps: {
          catalog: catalogServiceRef,
          auth: coreServices.auth,
          permissions: coreServices.permissions,
          logger: coreServices.logger,
        },
        async init(services) {
          into.services = services;
        },
      });
    },
  });
}

async function runOf(knex: Knex) {
  const row = await knex('mlops_evaluation_runs').orderBy('id', 'desc').first();
  return {
    durationMs:
      new Date(row.finished_at).getTime() - new Date(row.started_at).getTime(),
    entityCount: Number(row.entity_count),
    changedCount: Number(row.changed_count),
    error: row.error ?? undefined,
  };
}

const countOf = async (knex: Knex, table: string) =>
  Number((await knex(table).count({ n: '*' }))[0].n);

async function clearScorecards(knex: Knex) {
  await knex('mlops_scorecard_history').delete();
  await knex('mlops_scorecards').delete();
}

/** Times the phases of ScorecardService.refreshAll by wrapping what it calls. */
function phaseTimers(catalog: CatalogService, knex: Knex) {
  const phases = {
    catalogRead: 0,
    relatedFetch: 0,
    facts: 0,
    store: 0,
  };
  const timedCatalog: CatalogService = {
    ...catalog,
    getEntities: (...args) => catalog.getEntities(...args),
    getEntityByRef: (...args) => catalog.getEntityByRef(...args),
    async getEntitiesByRefs(...args) {
      const started = performance.now();
      try {
        return await catalog.getEntitiesByRefs(...args);
      } finally {
        phases.relatedFetch += performance.now() - started;
      }
    },
    async *streamEntities(...args) {
      const pages = catalog.streamEntities(...args)[Symbol.asyncIterator]();
      for (;;) {
        const started = performance.now();
        const next = await pages.next();
        phases.catalogRead += performance.now() - started;
        if (next.done) return;
        yield next.value;
      }
    },
  } as CatalogService;
  class TimedStore extends DatabaseScorecardStore {
    async saveEvaluations(
      ...args: Parameters<DatabaseScorecardStore['saveEvaluations']>
    ) {
      const started = performance.now();
      try {
        return await super.saveEvaluations(...args);
      } finally {
        phases.store += performance.now() - started;
      }
    }
    async getLatestCheckResults(entityRefs?: string[]) {
      const started = performance.now();
      try {
        return await super.getLatestCheckResults(entityRefs);
      } finally {
        phases.facts += performance.now() - started;
      }
    }
  }
  return { phases, catalog: timedCatalog, store: new TimedStore(knex) };
}

async function rollUpLatencies(
  url: string,
  requests: number,
  concurrency: number,
) {
  let retries = 0;
  const get = async () => {
    let started = performance.now();
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { authorization: mockCredentials.user.header() },
      });
    } catch (error) {
      // The server closes idle keep-alive connections; one the client had
      // just picked resets. Ask again on a new one, timing that request.
      if ((error as any)?.cause?.code !== 'ECONNRESET') throw error;
      retries += 1;
      started = performance.now();
      response = await fetch(url, {
        headers: { authorization: mockCredentials.user.header() },
      });
    }
    const body = await response.text();
    if (response.status !== 200) {
      throw new Error(`${url}: ${response.status} ${body.slice(0, 200)}`);
    }
    return { ms: performance.now() - started, bytes: body.length, body };
  };
  for (let i = 0; i < 10; i++) await get(); // warm-up
  const latencies: number[] = [];
  let next = 0;
  let last: Awaited<ReturnType<typeof get>> | undefined;
  const started = performance.now();
  const deadline = started + ROLLUP_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests && performance.now() < deadline) {
        next += 1;
        last = await get();
        latencies.push(last.ms);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const body = JSON.parse(last!.body);
  return {
    requests: latencies.length,
    concurrency,
    p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
    p95Ms: Math.round(percentile(latencies, 95) * 10) / 10,
    maxMs: Math.round(Math.max(...latencies) * 10) / 10,
    requestsPerSecond: Math.round(latencies.length / seconds),
    responseBytes: last!.bytes,
    retries,
    entityCount: body.summary.entityCount as number,
  };
}

/** The organisation's file and the catalog's database, shared by the runs. */
let shared:
  | {
      memoryBeforeIngestion: ReturnType<typeof residentMemory>;
      mlCount: number;
      total: number;
      directory: ReturnType<typeof createMockDirectory>;
      catalogKnex: Promise<Knex>;
    }
  | undefined;

function organisation() {
  if (!shared) {
    gc();
    const memoryBeforeIngestion = residentMemory();
    // Only the file stays: the bench holds no entities while it measures.
    const org = generateOrganisation(N);
    assertValid(sampleOf(mlEntities(org)));
    const entities = allEntities(org);
    shared = {
      memoryBeforeIngestion,
      mlCount: mlEntities(org).length,
      total: entities.length,
      directory: createMockDirectory({
        content: {
          'catalog-info.yaml': entities
            .map(e => JSON.stringify(e))
            .join('\n---\n'),
        },
      }),
      catalogKnex: databases.init(CATALOG_DATABASE),
    };
  }
  return shared;
}

afterAll(() => shared?.directory.clear());

describe.each(supported.map(id => [id]))('on %s', databaseId => {
  it(`refreshes ${N} ML entities read from the catalog`, async () => {
    const ingested = shared !== undefined;
    const { memoryBeforeIngestion, mlCount, total, directory, catalogKnex } =
      organisation();

    const mlopsDatabase = databases.init(databaseId);
    const knexFor = (pluginId: string) => {
      if (pluginId === 'catalog') return catalogKnex;
      if (pluginId === 'mlops') return mlopsDatabase;
      throw new Error(`No database for plugin ${pluginId}`);
    };
    // The mock scheduler runs a task when triggered and resolves when it ends;
    // its type does not show the factory it has.
    const scheduler = mockServices.scheduler() as ReturnType<
      typeof mockServices.scheduler
    > & {
      factory(options: {
        skipTaskRunOnStartup?: boolean;
      }): ReturnType<typeof mockServices.scheduler.factory>;
    };
    const probed: { services?: any } = {};
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleMlops,
        mlopsPlugin,
        probe(probed),
        databaseFactory(knexFor),
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: KINDS }],
              locations: [
                {
                  type: 'file',
                  target: directory.resolve('catalog-info.yaml'),
                },
              ],
              // Ingested once; no re-processing competes with the measurement.
              processingInterval: { hours: 1 },
            },
          },
        }),
      ],
    });
    const baseUrl = `http://localhost:${backend.server.port()}`;
    try {
      const ingestSeconds = await waitForIngestion(baseUrl, total, N);
      console.log(
        `${databaseId}: catalog (${CATALOG_DATABASE}) ${
          ingested ? 'ready' : `ingested ${total} entities`
        } in ${ingestSeconds.toFixed(0)} s`,
      );
      const mlopsKnex = await knexFor('mlops');

      gc();
      const memoryAfterIngestion = residentMemory();
      const peakReset = resetPeakMemory();
      const sampler = sampleRss(50);

      // The plugin's scheduled task, as the scheduler runs it.
      const refresh = async () => {
        const cpu = process.cpuUsage();
        const started = performance.now();
        await scheduler.triggerTask(MATURITY_REFRESH_TASK_ID);
        const wallMs = performance.now() - started;
        const used = process.cpuUsage(cpu);
        // CPU of the whole process: the catalog answering the reads included.
        const processCpuMs = (used.user + used.system) / 1000;
        return { wallMs, processCpuMs, ...(await runOf(mlopsKnex)) };
      };
      const first: Awaited<ReturnType<typeof refresh>>[] = [];
      const unchanged: Awaited<ReturnType<typeof refresh>>[] = [];
      const historyRows: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        await clearScorecards(mlopsKnex);
        first.push(await refresh());
        const history = await countOf(mlopsKnex, 'mlops_scorecard_history');
        unchanged.push(await refresh());
        historyRows.push(
          history,
          await countOf(mlopsKnex, 'mlops_scorecard_history'),
        );
        console.log(
          `${databaseId} round ${round + 1}: first refresh ${ms(
            first[round].wallMs,
          )} ms, unchanged ${ms(unchanged[round].wallMs)} ms`,
        );
      }
      const { peakMiB: sampledPeakMiB, samples } = sampler.stop();
      const memoryDuringRefresh = residentMemory();

      // The same refresh through ScorecardService, with timers around its phases.
      const { catalog, auth, permissions, logger } = probed.services;
      const timers = phaseTimers(catalog, mlopsKnex);
      const service = new ScorecardService({
        store: timers.store,
        catalog: timers.catalog,
        auth,
        access: new EntityAccess(permissions, catalog),
        logger,
        rubric: defaultMaturityRubric,
        exemptions: [],
        factSources: [],
      });
      const breakdown = async () => {
        for (const key of Object.keys(timers.phases)) {
          (timers.phases as any)[key] = 0;
        }
        const summary = await service.refreshAll('bench');
        const p = timers.phases;
        return {
          totalMs: summary.durationMs,
          changed: summary.changedCount,
          catalogReadMs: ms(p.catalogRead),
          relatedFetchMs: ms(p.relatedFetch),
          pushedResultsMs: ms(p.facts),
          storeMs: ms(p.store),
          // Splitting the stream by kind, the group tree, the snapshot and the rubric.
          evaluateAndRestMs: ms(
            summary.durationMs -
              p.catalogRead -
              p.relatedFetch -
              p.facts -
              p.store,
          ),
        };
      };
      await clearScorecards(mlopsKnex);
      const breakdownFirst = await breakdown();
      const breakdownUnchanged = await breakdown();

      // Team roll-ups from the stored results.
      const teamUrl = (ref: string) =>
        `${baseUrl}/api/mlops/teams/default/${ref.split('/')[1]}`;
      const rollUps = [];
      for (const team of [ROOT_GROUP, LEAF_TEAM]) {
        for (const concurrency of [1, 4]) {
          const measured = await rollUpLatencies(
            teamUrl(team),
            REQUESTS,
            concurrency,
          );
          rollUps.push({ team, ...measured });
        }
      }
      // The top-level group's hierarchy covers every ML entity.
      expect(
        rollUps.filter(r => r.team === ROOT_GROUP).map(r => r.entityCount),
      ).toEqual([mlCount, mlCount]);

      // Where a roll-up's time goes: the service call, and each of its two
      // queries on its own (the service runs them side by side).
      const rollUpBreakdown = [];
      for (const team of [ROOT_GROUP, LEAF_TEAM]) {
        const groups = (await service.teams()).descendantsAndSelf(team);
        const since = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000);
        const runs: Array<{
          serviceMs: number;
          listSummariesMs: number;
          baselineStatesMs: number;
          serialiseMs: number;
          bytes: number;
        }> = [];
        for (let i = 0; i < 11; i++) {
          let started = performance.now();
          await timers.store.listSummaries({ ownerRefs: groups });
          const listSummariesMs = performance.now() - started;
          started = performance.now();
          await timers.store.getBaselineStates(since, { ownerRefs: groups });
          const baselineStatesMs = performance.now() - started;
          started = performance.now();
          const response = await service.getTeam(
            team,
            { days: 30 },
            mockCredentials.user(),
          );
          const serviceMs = performance.now() - started;
          started = performance.now();
          const bytes = JSON.stringify(response).length;
          runs.push({
            serviceMs,
            listSummariesMs,
            baselineStatesMs,
            serialiseMs: performance.now() - started,
            bytes,
          });
        }
        const medianOf = (key: keyof (typeof runs)[number]) =>
          Math.round(median(runs.slice(1).map(r => r[key])) * 10) / 10;
        rollUpBreakdown.push({
          team,
          groups: groups.length,
          serviceMs: medianOf('serviceMs'),
          listSummariesMs: medianOf('listSummariesMs'),
          baselineStatesMs: medianOf('baselineStatesMs'),
          serialiseMs: medianOf('serialiseMs'),
          responseBytes: runs[0].bytes,
        });
      }

      const result = {
        date: new Date().toISOString(),
        machine: machine(),
        database: databaseId,
        catalogDatabase: CATALOG_DATABASE,
        n: mlCount,
        shape: sizes(N),
        catalogEntities: total,
        teams: TEAMS,
        ingestSeconds: ingested ? undefined : Math.round(ingestSeconds),
        rounds: ROUNDS,
        firstRefresh: first.map(r => ({
          ...r,
          wallMs: ms(r.wallMs),
          processCpuMs: ms(r.processCpuMs),
        })),
        unchangedRefresh: unchanged.map(r => ({
          ...r,
          wallMs: ms(r.wallMs),
          processCpuMs: ms(r.processCpuMs),
        })),
        medianFirstRefreshMs: ms(median(first.map(r => r.durationMs))),
        medianUnchangedRefreshMs: ms(median(unchanged.map(r => r.durationMs))),
        historyRowsAfterFirstAndUnchanged: historyRows,
        breakdown: { first: breakdownFirst, unchanged: breakdownUnchanged },
        rollUps,
        rollUpBreakdown,
        memoryMiB: {
          beforeIngestion: ingested ? undefined : memoryBeforeIngestion,
          afterIngestion: memoryAfterIngestion,
          peakDuringRefreshSampled: sampledPeakMiB,
          rssSamples: samples,
          peakDuringRefreshVmHWM: peakReset
            ? memoryDuringRefresh.peakMiB
            : undefined,
          processPeakVmHWM: memoryDuringRefresh.peakMiB,
        },
        goals: {
          refreshMs: GOAL_REFRESH_MS,
          rollUpP95Ms: GOAL_ROLLUP_P95_MS,
          peakRssMiB: GOAL_PEAK_RSS_MIB,
        },
      };
      writeResult(`refresh-${databaseId}`, result);

      for (let round = 0; round < ROUNDS; round++) {
        expect(first[round]).toMatchObject({
          entityCount: mlCount,
          changedCount: mlCount,
        });
        expect(unchanged[round]).toMatchObject({
          entityCount: mlCount,
          changedCount: 0,
        });
        // Identical results write no history rows.
        expect(historyRows[2 * round + 1]).toBe(historyRows[2 * round]);
        expect(historyRows[2 * round]).toBe(mlCount);
      }
      expect(median(first.map(r => r.durationMs))).toBeLessThan(
        GOAL_REFRESH_MS,
      );
      expect(median(unchanged.map(r => r.durationMs))).toBeLessThan(
        GOAL_REFRESH_MS,
      );
      for (const rollUp of rollUps) {
        expect(rollUp.p95Ms).toBeLessThan(GOAL_ROLLUP_P95_MS);
      }
      expect(sampledPeakMiB).toBeLessThanOrEqual(GOAL_PEAK_RSS_MIB);
    } finally {
      await backend.stop();
    }
  });
});
