/*
 * Adoption diagnostic benchmark: a real catalog backend holding the
 * benchmark organisation (bench/organisation.ts: BENCH_N, default 10,000 ML
 * entities in 50 teams, with their groups, users, datasets and serving
 * components) and the mlops backend plugin, with a year of history in the
 * plugin's tables: gate decisions and attestations on every use case and
 * model, a scorecard and its first history row per entity, a drift alert and
 * recovery per monitor per month, and a new version per production model per
 * month. The catalog ingests the organisation once (on PostgreSQL 15 when
 * available, else SQLite; BENCH_CATALOG_DATABASE to choose) and is not
 * timed; then, for each database the plugin runs on (SQLite, then
 * PostgreSQL 15), a backend starts on that catalog and the bench measures,
 * through the plugin's HTTP API:
 *
 * - the organisation's diagnostic, GET /diagnostic; goal under 1 s. The
 *   plugin keeps it for 30 s, so each of BENCH_ROUNDS (6) rounds waits
 *   that out and times it computed afresh (cold), then served again
 *   (cached);
 * - a leaf team's diagnostic, GET /diagnostic/teams/default/team-7, 6 per
 *   round; goal under 100 ms.
 *
 * Each request's wall time, the process's CPU time during it (the catalog
 * answers in the same process, so its work is included) and the time the
 * plugin waited for the catalog (the union of its catalog calls in flight,
 * timed by the catalog client the plugin is given). Baseline in the same
 * run: the gate funnel, GET /gates/funnel, 2 per round, which reads the same
 * catalog and every gate event.
 *
 *   yarn workspace @mlightenment/backstage-plugin-mlops-backend bench:diagnostic
 *   BENCH_DATABASES=SQLITE_3 BENCH_N=1000 yarn workspace ... bench:diagnostic
 *
 * Before and after a change, side by side on one catalog: check out the
 * earlier commit elsewhere (`git worktree add /tmp/before <commit>`, with
 * a `node_modules` link to this one's) and set
 * BENCH_BASELINE=/tmp/before/plugins/mlops-backend/src/plugin; its results
 * go to diagnostic-<db>-baseline.json.
 *
 * PostgreSQL needs BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
 * (`source scripts/services.sh`). Results go to
 * bench/results/diagnostic-<db>.json.
 */
import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { CatalogClient } from '@backstage/catalog-client';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogServiceRef,
  type CatalogService,
} from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
// The benchmark needs the catalog to know the ML kinds; the module is a
// workspace package, not yet a devDependency of this one.
import catalogModuleMlops from '@mlightenment/backstage-plugin-catalog-backend-module-mlops';
import {
  gateFactsHash,
  gateFactsOf,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { Knex } from 'knex';
import request from 'supertest';
import { mlopsPlugin } from '../src/plugin';
import { databaseFactory, KINDS, waitForIngestion } from './catalog';
import { machine, median, percentile, writeResult } from './measure';
import {
  allEntities,
  generateOrganisation,
  LEAF_TEAM,
  Organisation,
} from './organisation';

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
const DAY = 86_400_000;
const now = Date.now();
const iso = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();

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
            return inFlight.time(async () =>
              method.call(client, ...args, await tokenFor(options)),
            );
          };
        },
      });
    },
  });
}

const refOf = (kind: string, name: string) =>
  `${kind.toLowerCase()}:default/${name}`;

async function insert(knex: Knex, table: string, rows: object[], chunk = 200) {
  for (let i = 0; i < rows.length; i += chunk) {
    await knex(table).insert(rows.slice(i, i + chunk));
  }
}

/** A year of history for the organisation, written straight into the tables. */
async function seed(knex: Knex, org: Organisation) {
  const events: object[] = [];
  const gated = [...org.useCases, ...org.models];
  gated.forEach((entity, i) => {
    const ref = refOf(entity.kind, entity.metadata.name);
    const facts = gateFactsOf(entity);
    const hash = gateFactsHash(facts);
    const start = 360 - (i % 60);
    const decision = (
      stage: string,
      role: string,
      at: number,
      rev: number,
    ) => ({
      entity_ref: ref,
      stage,
      type: 'decision',
      decision: 'approve',
      role,
      criterion: null,
      actor: 'user:default/bench',
      comment: '',
      evidence_url: null,
      entity_hash: hash,
      facts: JSON.stringify(facts),
      revision: rev,
      decision_id: null,
      recorded_at: iso(at),
    });
    events.push(
      {
        ...decision('strategy', 'owner', start, 1),
        type: 'attestation',
        decision: null,
        role: null,
        criterion: 'strategy.operational-requirements',
      },
      decision('strategy', 'owner', start - 5, 2),
      decision('strategy', 'sponsor', start - 12, 3),
    );
    if (i % 3 !== 2) {
      events.push(
        decision('prototyping', 'owner', start - 60, 1),
        decision('prototyping', 'sponsor', start - 70, 2),
      );
    }
    if (i % 2 === 0 && i % 3 !== 2) {
      events.push(
        {
          ...decision('operationalisation', 'owner', start - 100, 1),
          type: 'attestation',
          decision: null,
          role: null,
          criterion: 'operationalisation.knowledge-transfer',
        },
        decision('operationalisation', 'owner', start - 110, 2),
        decision(
          'operationalisation',
          'group:default/operations',
          start - 120 + (i % 200),
          3,
        ),
      );
    }
  });
  await insert(knex, 'mlops_gate_events', events);

  const scorecards: object[] = [];
  const history: object[] = [];
  [...org.useCases, ...org.models, ...org.monitors].forEach((entity, i) => {
    const ref = refOf(entity.kind, entity.metadata.name);
    const results = JSON.stringify([
      {
        checkId: 'model.registered',
        outcome: i % 8 ? 'passed' : 'failed',
        reason: 'r',
      },
      {
        checkId: 'model.model-card-complete',
        outcome: i % 3 ? 'passed' : 'failed',
        reason: 'r',
      },
      {
        checkId: 'model.acceptance-criteria-met',
        outcome: i % 6 === 5 ? 'failed' : 'passed',
        reason: 'r',
      },
    ]);
    scorecards.push({
      entity_ref: ref,
      kind: entity.kind,
      title: entity.metadata.name,
      owner_ref: entity.spec.owner,
      rubric_id: 'mlops-maturity',
      level: i % 5,
      score: 50,
      results,
      results_hash: String(i),
      evaluated_at: iso(0),
      changed_at: iso(30),
    });
    history.push(
      {
        entity_ref: ref,
        owner_ref: entity.spec.owner,
        level: 0,
        score: 10,
        results,
        recorded_at: iso(365),
      },
      {
        entity_ref: ref,
        owner_ref: entity.spec.owner,
        level: i % 5,
        score: 50,
        results,
        recorded_at: iso(30 + (i % 60)),
      },
    );
  });
  await insert(knex, 'mlops_scorecards', scorecards);
  await insert(knex, 'mlops_scorecard_history', history);

  const transitions: object[] = [];
  const states: object[] = [];
  org.monitors.forEach((monitor, i) => {
    const ref = refOf('MLMonitor', monitor.metadata.name);
    for (let m = 0; m < 12; m++) {
      const at = 360 - m * 30 - (i % 20);
      transitions.push(
        {
          monitor_ref: ref,
          from_state: 'healthy',
          to_state: 'alert',
          episode: m + 1,
          at: iso(at),
        },
        {
          monitor_ref: ref,
          from_state: 'alert',
          to_state: 'healthy',
          episode: m + 1,
          at: iso(at - 1 - (i % 5)),
        },
      );
    }
    states.push({
      monitor_ref: ref,
      model_ref: monitor.spec.model,
      owner_ref: monitor.spec.owner,
      title: monitor.metadata.name,
      state: i % 10 ? 'healthy' : 'stale',
      since: iso(10),
      last_observation_at: iso(1),
      evaluated_at: iso(0),
      episode: 12,
      in_episode: false,
      health: '{}',
    });
  });
  await insert(knex, 'mlops_drift_transitions', transitions);
  await insert(knex, 'mlops_drift_monitor_state', states);

  const versions: object[] = [];
  org.models.forEach((model, i) => {
    const ref = refOf('MLModel', model.metadata.name);
    const production = model.spec.lifecycle === 'production';
    for (let m = 0; m <= 12; m++) {
      if (m > 0 && !production) break;
      versions.push({
        model_ref: ref,
        version: `1.${m}.0`,
        lifecycle: model.spec.lifecycle,
        observed_at: iso(365 - m * 28 - (i % 14)),
      });
    }
  });
  await insert(knex, 'mlops_model_history', versions);
  return {
    gateEvents: events.length,
    scorecardHistory: history.length,
    driftTransitions: transitions.length,
    modelVersions: versions.length,
  };
}

/** Each request's wall time, the process's CPU time and the catalog wait. */
class Timings {
  readonly wallMs: number[] = [];
  readonly cpuMs: number[] = [];
  readonly catalogMs: number[] = [];
  readonly loadAverage: number[] = [];
  last?: request.Response;

  constructor(private readonly inFlight: InFlight) {}

  /** Requests that failed with a server error and were asked again. */
  retries = 0;

  async time(send: () => Promise<request.Response>) {
    this.inFlight.take();
    this.loadAverage.push(machine().loadAverage[0]);
    let cpu = process.cpuUsage();
    let started = performance.now();
    let response = await send();
    // On a machine other work overloads, the catalog's connection pool
    // can time out; ask once more, timing that request.
    if (response.status >= 500) {
      this.retries += 1;
      this.inFlight.take();
      cpu = process.cpuUsage();
      started = performance.now();
      response = await send();
    }
    this.wallMs.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    this.cpuMs.push((used.user + used.system) / 1000);
    this.catalogMs.push(this.inFlight.take());
    if (response.status !== 200) {
      throw new Error(`${response.status} ${response.text.slice(0, 200)}`);
    }
    this.last = response;
    return response;
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

/** The organisation's file and the catalog's database, shared by the runs. */
let shared:
  | {
      org: Organisation;
      total: number;
      directory: ReturnType<typeof createMockDirectory>;
      catalogKnex: Promise<Knex>;
    }
  | undefined;

function organisation() {
  if (!shared) {
    const org = generateOrganisation(N);
    const entities = allEntities(org);
    shared = {
      org,
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

const schedule = {
  frequency: { hours: 24 },
  timeout: { minutes: 1 },
  initialDelay: { hours: 24 },
};

/**
 * The plugins measured: this checkout's, and first, with BENCH_BASELINE
 * naming another checkout's `plugins/mlops-backend/src/plugin`, that one,
 * on the same catalog in the same run.
 */
const variants: Array<[string, typeof mlopsPlugin]> = [
  ...(process.env.BENCH_BASELINE
    ? [
        [
          'baseline',
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          require(process.env.BENCH_BASELINE).mlopsPlugin,
        ] as [string, typeof mlopsPlugin],
      ]
    : []),
  ['current', mlopsPlugin],
];

describe.each(
  supported.flatMap(id => variants.map(([name, plugin]) => [id, name, plugin])),
)('diagnostic on %s, %s plugin', (databaseId, variant, plugin) => {
  it('computes the organisation’s and a leaf team’s diagnostic', async () => {
    const ingested = shared !== undefined;
    const { org, total, directory, catalogKnex } = organisation();
    const mlopsDatabase = databases.init(databaseId);
    const knexFor = (pluginId: string) => {
      if (pluginId === 'catalog') return catalogKnex;
      if (pluginId === 'mlops') return mlopsDatabase;
      throw new Error(`No database for plugin ${pluginId}`);
    };
    const inFlight = new InFlight();
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleMlops,
        plugin,
        databaseFactory(knexFor),
        timedCatalogService(inFlight),
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
            mlops: {
              maturity: { schedule },
              diagnostic: { schedule },
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
    const { server } = backend;
    try {
      const ingestSeconds = await waitForIngestion(
        `http://localhost:${server.port()}`,
        total,
        N,
      );
      console.log(
        `${databaseId}: catalog (${CATALOG_DATABASE}) ${
          ingested ? 'ready' : `ingested ${total} entities`
        } in ${ingestSeconds.toFixed(0)} s`,
      );
      const seeded = await seed(await mlopsDatabase, org);
      const auth = mockCredentials.user.header('user:default/bench');
      const get = (path: string) =>
        request(server).get(`/api/mlops${path}`).set('Authorization', auth);
      const [, teamName] = LEAF_TEAM.split('/');
      const teamPath = `/diagnostic/teams/default/${teamName}`;

      // Warm-up, untimed: also hashes each entity's gate facts, once
      // per version of the entity.
      await get('/diagnostic');
      await get('/gates/funnel');
      await get(teamPath);

      // The organisation's diagnostic is kept for ORGANISATION_TTL_MS: each
      // round waits that out, computes it afresh (cold), then asks for it
      // again (cached); the leaf team and the funnel fill the wait.
      const cold = new Timings(inFlight);
      const cached = new Timings(inFlight);
      const funnel = new Timings(inFlight);
      const team = new Timings(inFlight);
      let computedAt = Date.now();
      for (let round = 0; round < ROUNDS; round++) {
        await sleep(computedAt + ORGANISATION_TTL_MS + 500 - Date.now());
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
          machine: machine(),
          n: N,
          catalogEntities: total,
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
        },
      );
    } finally {
      await backend.stop();
    }
  });
});
