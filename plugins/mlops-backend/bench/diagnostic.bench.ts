/*
 * Adoption diagnostic benchmark: a real catalog backend holding the
 * benchmark organisation (bench/organisation.ts: BENCH_N, default 10,000 ML
 * entities in 50 teams, with their groups, users, datasets and serving
 * components) and the mlops backend plugin, with a year of history in the
 * plugin's tables (diagnosticHistory.ts): gate decisions and attestations on
 * every use case and model, a scorecard and two history rows per entity, a
 * drift alert and recovery per monitor per month, and a new version per
 * production model per month.
 *
 * The backend measured runs in a child process outside jest
 * (diagnosticBackend.ts, plain Node.js with the Backstage CLI's node
 * transform), as a deployment runs it: the catalog and the plugin in one
 * backend, the plugin reaching the catalog over HTTP. The catalog's database
 * (PostgreSQL 15 when available, else SQLite; BENCH_CATALOG_DATABASE to
 * choose) is ingested by the first backend and reused by the next ones; for
 * each database the plugin runs on (SQLite, then PostgreSQL 15) a backend
 * starts with a fresh plugin database, runs the scorecard refresh once (as
 * a deployment has run it; the plugin keeps the ML entities it reads for
 * the organisation's diagnostic) and seeds the year, untimed. Then the
 * bench measures, through the plugin's HTTP API:
 *
 * - the organisation's diagnostic, GET /diagnostic; goal under 1 s. The
 *   plugin keeps it for 30 s, so each of BENCH_ROUNDS (6) rounds waits
 *   that out and times it computed afresh (cold), then served again
 *   (cached);
 * - a leaf team's diagnostic, GET /diagnostic/teams/default/team-7, 6 per
 *   round after the organisation's, and once at the start of each round,
 *   before it, when what the plugin keeps for 30 s is older than that (the
 *   catalog's groups, members and datasets, which it uses once more up to
 *   five minutes, reading them again after answering) and its database
 *   pool has closed the connections idle for 30 s (alone: the first
 *   request after a quiet half minute); goal under 100 ms.
 *
 * Each request's wall time, the backend process's CPU time during it (the
 * catalog answers in the same process, so its work is included), the
 * time the plugin waited for the catalog (the union of its catalog calls in
 * flight) and the connections the plugin's database pool opened. Baseline
 * in the same run: the gate funnel, GET /gates/funnel, 2 per round, which
 * reads the same catalog and every gate event.
 *
 *   yarn workspace @mlightenment/backstage-plugin-mlops-backend bench:diagnostic
 *   BENCH_DATABASES=SQLITE_3 BENCH_N=1000 yarn workspace ... bench:diagnostic
 *
 * Before and after a change, side by side on one catalog: check out the
 * earlier commit elsewhere (`git worktree add /tmp/before <commit>`, with
 * `node_modules` links to this one's, see docs/benchmarks.md) and set
 * BENCH_BASELINE=/tmp/before/plugins/mlops-backend/src/plugin; its results
 * go to diagnostic-<db>-baseline.json.
 *
 * To see where a request's time goes: BENCH_TRACE=<file> has the backend
 * write each catalog call, garbage collection and the CPU time of each of
 * its threads (main, V8's workers, libuv's) to the file as JSON lines, and
 * BENCH_NODE_FLAGS passes flags to its Node.js (`--trace-opt --trace-deopt`,
 * whose output then goes to the bench's standard output).
 *
 * PostgreSQL needs BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
 * (`source scripts/services.sh`). Results go to
 * bench/results/diagnostic-<db>.json.
 */
import {
  createMockDirectory,
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { waitForIngestion } from './catalog';
import { machine, median, percentile, writeResult } from './measure';
import { allEntities, generateOrganisation, LEAF_TEAM } from './organisation';

jest.setTimeout(3 * 60 * 60_000);

const N = Number(process.env.BENCH_N ?? 10_000);
/** Rounds, each with one cold organisation diagnostic. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
/** Per round: the organisation's diagnostic again, the leaf team's, the funnel. */
const CACHED_REQUESTS = 2;
const TEAM_REQUESTS = Number(process.env.BENCH_TEAM_REQUESTS ?? 6);
const FUNNEL_REQUESTS = 2;
/** How long the plugin keeps the organisation's diagnostic (DiagnosticService). */
const ORGANISATION_TTL_MS = 30_000;
/**
 * How long a database pool keeps an idle connection (knex's default, which
 * Backstage keeps), with a second for the pool's check that closes it.
 */
const POOL_IDLE_MS = 31_000;

const WANTED = (process.env.BENCH_DATABASES ?? 'SQLITE_3,POSTGRES_15').split(
  ',',
) as TestDatabaseId[];
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

/**
 * The knex configuration of a fresh database for the child backend:
 * PostgreSQL's connection as TestDatabases made it; for SQLite, the child
 * opens one in memory of its own.
 */
async function childDatabase(id: TestDatabaseId): Promise<string> {
  if (!id.startsWith('POSTGRES')) return JSON.stringify({});
  const knex: Knex = await databases.init(id);
  const { client, connection } = knex.client.config;
  // Knex keeps the password out of its configuration; the connection
  // string TestDatabases read has it.
  const url = new URL(
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ?? '',
  );
  return JSON.stringify({
    client,
    connection: {
      ...connection,
      password: decodeURIComponent(url.password),
    },
  });
}

/** A message from the child answering `ask`, by the field it carries. */
function ask<T>(child: ChildProcess, message: object, field: string) {
  return new Promise<T>((resolve, reject) => {
    const listeners = {
      message: (m: any) => {
        if (m?.[field] === undefined) return;
        child.off('message', listeners.message);
        child.off('exit', listeners.exit);
        resolve(m[field]);
      },
      exit: (code: number) =>
        reject(new Error(`the backend exited with ${code}`)),
    };
    child.on('message', listeners.message);
    child.once('exit', listeners.exit);
    if (Object.keys(message).length) child.send(message);
  });
}

/** Starts diagnosticBackend.ts in a child process; resolves once it listens. */
async function startBackend(env: Record<string, string>) {
  const child = fork(path.resolve(__dirname, 'diagnosticBackend.ts'), [], {
    execArgv: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      ...(process.env.BENCH_NODE_FLAGS?.split(' ') ?? []),
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
    ],
    env: { ...process.env, ...env },
    stdio: [
      'ignore',
      process.env.BENCH_NODE_FLAGS ? 'inherit' : 'ignore',
      'inherit',
      'ipc',
    ],
  });
  const port = await ask<number>(child, {}, 'port');
  return { child, url: `http://localhost:${port}` };
}

type Usage = { cpuMs: number; catalogMs: number; pluginConnections: number };

/** Each request's wall time, the backend's CPU time and the catalog wait. */
class Timings {
  readonly wallMs: number[] = [];
  readonly cpuMs: number[] = [];
  readonly catalogMs: number[] = [];
  /** The connections the plugin's database pool opened during each request. */
  readonly connections: number[] = [];
  readonly loadAverage: number[] = [];
  last?: { status: number; text: string; body: any };

  constructor(private readonly child: ChildProcess) {}

  /** Requests that failed with a server error and were asked again. */
  retries = 0;

  private usage() {
    return ask<Usage>(this.child, { usage: true }, 'usage');
  }

  async time(send: () => Promise<Response>) {
    this.loadAverage.push(machine().loadAverage[0]);
    const once = async () => {
      const before = await this.usage();
      const started = performance.now();
      const response = await send();
      const text = await response.text();
      const wallMs = performance.now() - started;
      const after = await this.usage();
      return { response, text, wallMs, before, after };
    };
    let result = await once();
    // On a machine other work overloads, the catalog's connection pool
    // can time out; ask once more, timing that request.
    if (result.response.status >= 500) {
      this.retries += 1;
      result = await once();
    }
    const { response, text, wallMs, before, after } = result;
    this.wallMs.push(wallMs);
    this.cpuMs.push(after.cpuMs - before.cpuMs);
    this.catalogMs.push(after.catalogMs);
    this.connections.push(after.pluginConnections - before.pluginConnections);
    if (response.status !== 200) {
      throw new Error(`${response.status} ${text.slice(0, 200)}`);
    }
    this.last = { status: response.status, text, body: JSON.parse(text) };
    return this.last;
  }

  /** Median and p95 of the wall time, medians of CPU and catalog wait. */
  summary() {
    const round = (x: number) => Math.round(x * 10) / 10;
    return {
      requests: this.wallMs.length,
      retries: this.retries,
      loadAverage1m: [
        Math.min(...this.loadAverage),
        Math.max(...this.loadAverage),
      ],
      msMedian: round(median(this.wallMs)),
      // Each request's, in order: where the tail comes from.
      msEach: this.wallMs.map(round),
      cpuMsEach: this.cpuMs.map(round),
      catalogMsEach: this.catalogMs.map(round),
      pluginConnectionsEach: this.connections,
      msP95: round(percentile(this.wallMs, 95)),
      cpuMsMedian: round(median(this.cpuMs)),
      cpuMsP95: round(percentile(this.cpuMs, 95)),
      catalogMsMedian: round(median(this.catalogMs)),
      // What the plugin spent beside waiting for the catalog.
      pluginMsMedian: round(
        median(this.wallMs.map((wall, i) => wall - this.catalogMs[i])),
      ),
    };
  }
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

const org = generateOrganisation(N);
const entities = allEntities(org);
/** The organisation's file and the catalog's database, shared by the runs. */
let shared:
  | {
      directory: ReturnType<typeof createMockDirectory>;
      catalogDatabase: Promise<string>;
      ingested: boolean;
    }
  | undefined;

function catalog() {
  shared ??= {
    directory: createMockDirectory({
      content: {
        'catalog-info.yaml': entities
          .map(e => JSON.stringify(e))
          .join('\n---\n'),
      },
    }),
    catalogDatabase: childDatabase(CATALOG_DATABASE),
    ingested: false,
  };
  return shared;
}

afterAll(() => shared?.directory.clear());

/**
 * The plugins measured: this checkout's, and first, with BENCH_BASELINE
 * naming another checkout's `plugins/mlops-backend/src/plugin`, that one,
 * on the same catalog in the same run.
 */
const variants: Array<[string, string]> = [
  ...(process.env.BENCH_BASELINE
    ? [['baseline', process.env.BENCH_BASELINE] as [string, string]]
    : []),
  ['current', path.resolve(__dirname, '../src/plugin')],
];

describe.each(
  supported.flatMap(id => variants.map(([name, module]) => [id, name, module])),
)('diagnostic on %s, %s plugin', (databaseId, variant, module) => {
  it('computes the organisation’s and a leaf team’s diagnostic', async () => {
    const state = catalog();
    const { child, url } = await startBackend({
      BENCH_N: String(N),
      BENCH_CATALOG_FILE: state.directory.resolve('catalog-info.yaml'),
      BENCH_CATALOG_DATABASE: await state.catalogDatabase,
      BENCH_PLUGIN_DATABASE: await childDatabase(databaseId as TestDatabaseId),
      BENCH_PLUGIN_MODULE: module,
    });
    try {
      const ingestSeconds = await waitForIngestion(url, entities.length, N);
      console.log(
        `${databaseId} ${variant}: catalog (${CATALOG_DATABASE}) ${
          state.ingested ? 'ready' : `ingested ${entities.length} entities`
        } in ${ingestSeconds.toFixed(0)} s`,
      );
      // An in-memory SQLite catalog is the child's own, ingested each time.
      state.ingested = CATALOG_DATABASE.startsWith('POSTGRES');
      // The refresh a deployment has run: it stores the scorecards (which
      // the seeded year replaces) and passes the entities on.
      const refreshMs = await ask<number>(
        child,
        { refresh: true },
        'refreshed',
      );
      const seeded = await ask<object>(child, { seed: true }, 'seeded');
      const headers = {
        authorization: mockCredentials.user.header('user:default/bench'),
      };
      const get = (route: string) =>
        fetch(`${url}/api/mlops${route}`, { headers });
      const [, teamName] = LEAF_TEAM.split('/');
      const teamPath = `/diagnostic/teams/default/${teamName}`;

      // Warm-up, untimed: also hashes each entity's gate facts, once
      // per version of the entity.
      for (const route of ['/diagnostic', '/gates/funnel', teamPath]) {
        await (await get(route)).text();
      }

      // The organisation's diagnostic is kept for ORGANISATION_TTL_MS: each
      // round waits that out, computes it afresh (cold), then asks for it
      // again (cached); the leaf team and the funnel fill the wait.
      const cold = new Timings(child);
      const cached = new Timings(child);
      const funnel = new Timings(child);
      const team = new Timings(child);
      const teamAlone = new Timings(child);
      let computedAt = Date.now();
      let lastRequestAt = Date.now();
      for (let round = 0; round < ROUNDS; round++) {
        // Alone: what the plugin keeps for 30 s is older, and its database
        // pool has closed its connections, idle since the round's last
        // request.
        await sleep(
          Math.max(
            computedAt + ORGANISATION_TTL_MS,
            lastRequestAt + POOL_IDLE_MS,
          ) +
            500 -
            Date.now(),
        );
        await teamAlone.time(() => get(teamPath));
        computedAt = Date.now();
        await cold.time(() => get('/diagnostic'));
        for (let i = 0; i < CACHED_REQUESTS; i++) {
          await cached.time(() => get('/diagnostic'));
        }
        for (let i = 0; i < TEAM_REQUESTS; i++) {
          await team.time(() => get(teamPath));
        }
        for (let i = 0; i < FUNNEL_REQUESTS; i++) {
          await funnel.time(() => get('/gates/funnel'));
        }
        lastRequestAt = Date.now();
      }
      expect(cold.last!.body.counts.models).toBe(org.models.length);
      expect(team.last!.body.scope).toBe('team');

      const body = cold.last!.body;
      writeResult(
        `diagnostic-${databaseId}${variant === 'current' ? '' : `-${variant}`}`,
        {
          database: databaseId,
          plugin: variant,
          catalogDatabase: CATALOG_DATABASE,
          outsideJest: true,
          machine: machine(),
          n: N,
          catalogEntities: entities.length,
          refreshMs: Math.round(refreshMs),
          seeded,
          organisation: {
            cold: cold.summary(),
            cached: cached.summary(),
            goalMs: 1000,
            responseKiB: Math.round(cold.last!.text.length / 1024),
            verdicts: body.questions.map((q: any) => `${q.id}:${q.verdict}`),
            delivery: body.delivery.map(
              (d: any) => `${d.id}:${d.value}${d.band ? ` (${d.band})` : ''}`,
            ),
          },
          baselineFunnel: funnel.summary(),
          ratioToBaseline:
            Math.round((median(cold.wallMs) / median(funnel.wallMs)) * 100) /
            100,
          leafTeam: {
            team: LEAF_TEAM,
            entities: team.last!.body.counts,
            ...team.summary(),
            goalMs: 100,
          },
          leafTeamAlone: teamAlone.summary(),
        },
      );
    } finally {
      child.send({ stop: true });
      await new Promise(resolve => child.once('exit', resolve));
    }
  });
});
