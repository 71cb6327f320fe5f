import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  validateMlopsEntity,
  type GateView,
} from '@mlightenment/backstage-plugin-mlops-common';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { MATURITY_REFRESH_TASK_ID, mlopsPlugin } from './plugin';
import { DRIFT_EVALUATION_TASK_ID } from './drift';

// The database goes away mid-stream: the plugin's connections are terminated
// while pipelines push drift batches, check results and KPI actuals and
// sponsors decide on gates, each client retrying as docs/architecture.md
// ("Errors and retries") tells it to. PostgreSQL only: terminating
// connections is what a restart or a fail-over does to the plugin.
jest.setTimeout(180_000);

const CONNECTION_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';
const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const describeOnPostgres = databases.supports('POSTGRES_15')
  ? describe
  : describe.skip;

const sponsor = 'user:default/maria-silva';
const owner = 'group:default/retention-analytics';
const GATED = ['churn-prevention', 'fraud-screening', 'upsell-offers'];
const MODEL = 'mlmodel:default/churn-gbm';
const MONITOR = 'mlmonitor:default/churn-gbm-performance';
const EXTERNAL_CHECK = 'model.evaluation-suite';

/** Writes per client, clients per kind. */
const DRIFT = { clients: 2, writes: 24, observations: 4 };
const VALUE = { clients: 2, writes: 20, actuals: 3 };
const CHECKS = { clients: 2, writes: 24 };
/** Two sponsors' clients decide on each gate, so some see a stale revision. */
const GATE = { clients: 2, writes: 8 };
/** After what share of all writes each kill burst comes. */
const KILL_AT = [0.15, 0.4, 0.65];

function useCase(name: string): Entity {
  return {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLUseCase',
    metadata: { name, namespace: 'default' },
    spec: {
      owner,
      sponsor,
      lifecycle: 'production',
      businessDrivers: [
        {
          driver: 'Keep subscribers',
          kpi: 'Saved subscriptions',
          id: 'saves',
          baseline: 100,
          target: 150,
          cadence: 'P1D',
        },
      ],
    },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'retention-analytics', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  ...GATED.map(useCase),
  {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLModel',
    metadata: { name: 'churn-gbm', namespace: 'default' },
    spec: {
      owner,
      useCase: 'mlusecase:default/churn-prevention',
      lifecycle: 'production',
      type: 'classification',
    },
    relations: [
      { type: 'ownedBy', targetRef: owner },
      {
        type: 'implementsUseCase',
        targetRef: 'mlusecase:default/churn-prevention',
      },
    ],
  },
  {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLMonitor',
    metadata: { name: 'churn-gbm-performance', namespace: 'default' },
    spec: {
      owner,
      model: MODEL,
      type: 'performance',
      cadence: 'P1D',
      features: [
        {
          name: 'recall',
          statistic: 'metric',
          direction: 'below',
          warning: 0.75,
          alert: 0.7,
        },
        {
          name: 'precision',
          statistic: 'metric',
          direction: 'below',
          warning: 0.6,
          alert: 0.5,
        },
      ],
    },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  },
];

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
/** A pipeline's pause between two writes. */
const pause = () => sleep(20 + Math.random() * 40);

type Answer = { status: number; body: any };

/** What happened to one write: every answer, in order. */
type Write = { kind: string; id: string; answers: number[] };

const MAX_ATTEMPTS = 12;

/**
 * A client following the documented rules: a 2xx is done; a 5xx (or a
 * dropped connection) is sent again, unchanged, after a backoff; anything
 * else is the caller's to handle.
 */
async function send(
  write: Write,
  attempt: () => Promise<Answer>,
): Promise<Answer> {
  for (let n = 1; ; n++) {
    let answer: Answer;
    try {
      const response = await attempt();
      answer = { status: response.status, body: response.body };
    } catch {
      answer = { status: 0, body: undefined };
    }
    write.answers.push(answer.status);
    const retryable = answer.status === 0 || answer.status >= 500;
    if (!retryable || n === MAX_ATTEMPTS) return answer;
    await sleep(Math.min(2000, 100 * 2 ** (n - 1)) * (0.5 + Math.random()));
  }
}

describeOnPostgres('writes while the database goes away', () => {
  let admin: Knex;
  beforeAll(() => {
    admin = knexFactory({
      client: 'pg',
      // The server's own database, from which the test database's
      // connections are terminated.
      connection: Object.assign(new URL(process.env[CONNECTION_ENV]!), {
        pathname: '/postgres',
      }).toString(),
      pool: { min: 0, max: 1 },
    });
  });
  afterAll(async () => {
    await admin?.destroy();
  });
  // knex logs each terminated connection; here they are the point.
  beforeEach(() => {
    const log = console.log;
    jest.spyOn(console, 'log').mockImplementation((...args) => {
      if (!String(args[0]).startsWith('Connection Error')) log(...args);
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it('stores every acknowledged write exactly once, answers the others retryably, and keeps its schedules running', async () => {
    const mlEntities = entities.filter(e =>
      e.apiVersion.startsWith('mlightenment'),
    );
    expect(mlEntities.map(e => validateMlopsEntity(e as any))).toEqual(
      mlEntities.map(() => []),
    );
    const knex = await databases.init('POSTGRES_15');
    const databaseName = (knex.client.config.connection as { database: string })
      .database;
    const actionsRegistry = actionsRegistryServiceMock();
    const backend = await startTestBackend({
      features: [
        mlopsPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.database.factory({ knex }),
        // The real scheduler: its task table lives in the plugin's database.
        schedulerServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            mlops: {
              maturity: {
                schedule: {
                  frequency: { seconds: 2 },
                  timeout: { seconds: 10 },
                  initialDelay: { seconds: 0 },
                },
                customChecks: [
                  {
                    id: EXTERNAL_CHECK,
                    title: 'Evaluation suite',
                    stage: 'prototyping',
                    level: 2,
                    kinds: ['MLModel'],
                    type: 'external',
                    remediation: { text: 'Run the evaluation suite.' },
                  },
                ],
              },
              drift: {
                schedule: {
                  frequency: { seconds: 2 },
                  timeout: { seconds: 10 },
                  initialDelay: { seconds: 0 },
                },
              },
            },
          },
        }),
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
          authorizeConditional: async requests =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any,
        }).factory,
        mockServices.userInfo.mock({
          getUserInfo: async credentials => {
            const ref = (credentials.principal as any).userEntityRef;
            return { userEntityRef: ref, ownershipEntityRefs: [ref] };
          },
        }).factory,
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
        createServiceFactory({
          service: actionsRegistryServiceRef,
          deps: {},
          factory: () => actionsRegistry,
        }),
      ],
    });
    const { server } = backend;
    const pipeline = mockCredentials.service.header();
    const asSponsor = mockCredentials.user.header(sponsor);

    const writes: Write[] = [];
    const total =
      DRIFT.clients * DRIFT.writes +
      VALUE.clients * VALUE.writes +
      CHECKS.clients * CHECKS.writes +
      GATED.length * GATE.clients * GATE.writes;
    let done = 0;
    const finished = (write: Write) => {
      writes.push(write);
      done++;
    };

    const day = (n: number) =>
      new Date(Date.UTC(2025, 0, 1) + n * 86_400_000)
        .toISOString()
        .slice(0, 10);

    async function driftClient(client: number) {
      for (let i = 0; i < DRIFT.writes; i++) {
        const key = `drift-${client}-${i}`;
        const at = new Date(
          Date.now() - (client * DRIFT.writes + i + 1) * 60_000,
        ).toISOString();
        const body = {
          monitor: MONITOR,
          idempotencyKey: key,
          observations: Array.from({ length: DRIFT.observations }, (_, o) => ({
            feature: o % 2 ? 'precision' : 'recall',
            observedAt: new Date(Date.parse(at) - o * 1000).toISOString(),
            value: 0.8 + o / 100,
          })),
        };
        const write: Write = { kind: 'drift', id: key, answers: [] };
        await send(write, () =>
          request(server)
            .post('/api/mlops/drift/observations')
            .set('Authorization', pipeline)
            .send(body),
        );
        finished(write);
        await pause();
      }
    }

    async function valueClient(client: number) {
      for (let i = 0; i < VALUE.writes; i++) {
        const key = `value-${client}-${i}`;
        const first = (client * VALUE.writes + i) * VALUE.actuals;
        const body = {
          useCase: 'churn-prevention',
          idempotencyKey: key,
          actuals: Array.from({ length: VALUE.actuals }, (_, a) => ({
            kpi: 'saves',
            periodStart: day(first + a),
            periodEnd: day(first + a),
            value: 100 + first + a,
          })),
        };
        const write: Write = { kind: 'value', id: key, answers: [] };
        await send(write, () =>
          request(server)
            .post('/api/mlops/value/actuals')
            .set('Authorization', pipeline)
            .send(body),
        );
        finished(write);
        await pause();
      }
    }

    async function checkClient(client: number) {
      for (let i = 0; i < CHECKS.writes; i++) {
        const reason = `evaluation run ${client}-${i}`;
        const write: Write = { kind: 'check', id: reason, answers: [] };
        await send(write, () =>
          request(server)
            .post('/api/mlops/check-results')
            .set('Authorization', pipeline)
            .send({
              entityRef: MODEL,
              checkId: EXTERNAL_CHECK,
              outcome: i % 3 ? 'passed' : 'failed',
              reason,
            }),
        );
        finished(write);
        await pause();
      }
    }

    /** Stale answers per gate write, and how each was resolved. */
    const staleResolutions: Array<'landed' | 'decided-again'> = [];

    async function gateClient(name: string, client: number) {
      const path = `/api/mlops/gates/mlusecase/default/${name}`;
      const strategy = async (): Promise<GateView> => {
        for (;;) {
          const response = await request(server)
            .get(path)
            .set('Authorization', asSponsor);
          if (response.status === 200) return response.body.stages[0];
          expect(response.status).toBeGreaterThanOrEqual(500);
          await sleep(200);
        }
      };
      for (let i = 0; i < GATE.writes; i++) {
        const comment = `Review ${name} ${client}-${i}: more evidence, please`;
        const write: Write = { kind: 'gate', id: comment, answers: [] };
        let revision = (await strategy()).revision;
        for (;;) {
          const seen = revision;
          const answer = await send(write, () =>
            request(server)
              .post(`${path}/strategy/decisions`)
              .set('Authorization', asSponsor)
              .send({ decision: 'request-changes', comment, revision: seen }),
          );
          if (answer.status !== 409) break;
          // The decision may have landed on an attempt whose answer was lost.
          expect(answer.body.error.code).toBe('gate-revision-stale');
          const gate = await strategy();
          if (gate.decisions.some(d => d.comment === comment)) {
            staleResolutions.push('landed');
            break;
          }
          staleResolutions.push('decided-again');
          revision = gate.revision;
        }
        finished(write);
        await pause();
      }
    }

    /** Terminates the plugin's connections a few times within a short burst. */
    const kills: Array<{ at: number; killed: number }> = [];
    async function killBurst() {
      let killed = 0;
      for (let i = 0; i < 4; i++) {
        const result = await admin.raw(
          'select pg_terminate_backend(pid) as killed from pg_stat_activity where datname = ? and pid <> pg_backend_pid()',
          [databaseName],
        );
        killed += result.rows.filter((r: any) => r.killed).length;
        if (i < 3) await sleep(40);
      }
      kills.push({ at: Date.now(), killed });
    }
    async function killer() {
      for (const share of KILL_AT) {
        while (done < share * total) await sleep(10);
        await killBurst();
      }
    }

    const started = Date.now();
    await Promise.all([
      killer(),
      ...Array.from({ length: DRIFT.clients }, (_, c) => driftClient(c)),
      ...Array.from({ length: VALUE.clients }, (_, c) => valueClient(c)),
      ...Array.from({ length: CHECKS.clients }, (_, c) => checkClient(c)),
      ...GATED.flatMap(name =>
        Array.from({ length: GATE.clients }, (_, c) => gateClient(name, c)),
      ),
    ]);
    const streamed = Date.now() - started;

    // The faults happened, and hit writes in flight.
    expect(kills.map(k => k.killed > 0)).toEqual([true, true, true]);
    const retried = writes.filter(w => w.answers.some(s => s >= 500));
    expect(retried.length).toBeGreaterThan(0);

    // Every write was acknowledged in the end; on the way, only retryable
    // answers (and, for gates, the 409 that sends the client to re-read).
    const RETRYABLE = [0, 500, 502, 503, 504];
    const unexpected = writes.filter(write => {
      const last = write.answers[write.answers.length - 1];
      const earlier = write.answers.slice(0, -1);
      const acknowledged =
        last === 200 || last === 201 || (last === 409 && write.kind === 'gate');
      // A 200 "duplicate" only answers a retry of a write already stored.
      const duplicateOfNothing = last === 200 && earlier.length === 0;
      return (
        !acknowledged ||
        duplicateOfNothing ||
        earlier.some(
          status =>
            !RETRYABLE.includes(status) &&
            !(status === 409 && write.kind === 'gate'),
        )
      );
    });
    expect(unexpected).toEqual([]);
    const ids = (kind: string) =>
      writes
        .filter(w => w.kind === kind)
        .map(w => w.id)
        .sort();

    // Drift: every batch once, with all its observations.
    const driftBatches = await knex('mlops_drift_batches').select(
      'idempotency_key',
      'stored',
    );
    expect(driftBatches.map(b => b.idempotency_key).sort()).toEqual(
      ids('drift'),
    );
    const observations = await knex('mlops_drift_observation_chunks')
      .groupBy('batch_key')
      .select('batch_key', knex.raw('sum(count)::int as n'));
    expect(
      Object.fromEntries(observations.map(o => [o.batch_key, o.n])),
    ).toEqual(
      Object.fromEntries(ids('drift').map(id => [id, DRIFT.observations])),
    );

    // KPI actuals: every batch once, with all its actuals and its answer.
    const valueBatches = await knex('mlops_value_batches').select(
      'idempotency_key',
      'result',
    );
    const pushKey = (id: string) =>
      `push:mlusecase:default/churn-prevention:${id}`;
    expect(valueBatches.map(b => b.idempotency_key).sort()).toEqual(
      ids('value').map(pushKey).sort(),
    );
    expect(valueBatches.filter(b => !b.result)).toEqual([]);
    const actuals = await knex('mlops_value_actuals')
      .groupBy('idempotency_key')
      .select('idempotency_key', knex.raw('count(*)::int as n'));
    expect(
      Object.fromEntries(actuals.map(a => [a.idempotency_key, a.n])),
    ).toEqual(
      Object.fromEntries(ids('value').map(id => [pushKey(id), VALUE.actuals])),
    );

    // Check results: every pushed result once.
    const results = await knex('mlops_check_results')
      .groupBy('reason')
      .select('reason', knex.raw('count(*)::int as n'));
    expect(Object.fromEntries(results.map(r => [r.reason, r.n]))).toEqual(
      Object.fromEntries(ids('check').map(id => [id, 1])),
    );

    // Gates: every decision once, and each gate's revision counts its events.
    const decisions = await knex('mlops_gate_events')
      .where({ type: 'decision' })
      .groupBy('comment')
      .select('comment', knex.raw('count(*)::int as n'));
    expect(Object.fromEntries(decisions.map(d => [d.comment, d.n]))).toEqual(
      Object.fromEntries(ids('gate').map(id => [id, 1])),
    );
    for (const name of GATED) {
      const ref = `mlusecase:default/${name}`;
      const events = await knex('mlops_gate_events')
        .where({ entity_ref: ref, stage: 'strategy' })
        .orderBy('id')
        .pluck('revision');
      const gate = await knex('mlops_gates')
        .where({ entity_ref: ref, stage: 'strategy' })
        .first();
      const count = GATE.clients * GATE.writes;
      expect(events).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      expect(Number(gate.revision)).toBe(count);
    }

    // The schedules resume by themselves: each task runs to the end, without
    // an error, after the last kill. A run whose end the scheduler could not
    // record (its release hit a terminated connection) keeps its claim until
    // its timeout (10 s here); then the scheduler's janitor frees it. The
    // janitor runs once a minute, but not under NODE_ENV=test: its statement
    // runs here instead, every second.
    let freedByJanitor: string[] = [];
    const janitor = async () => {
      const freed = await knex('backstage_backend_tasks__tasks')
        .where('current_run_expires_at', '<', knex.fn.now())
        .update({
          current_run_ticket: null,
          current_run_started_at: null,
          current_run_expires_at: null,
          last_run_ended_at: knex.fn.now(),
          last_run_error_json: JSON.stringify({ message: 'Task timed out' }),
        })
        .returning('id');
      freedByJanitor = [...freedByJanitor, ...freed.map((r: any) => r.id)];
    };
    const lastKill = kills[kills.length - 1].at;
    const taskIds = [MATURITY_REFRESH_TASK_ID, DRIFT_EVALUATION_TASK_ID];
    const tasksNow = () =>
      knex('backstage_backend_tasks__tasks')
        .whereIn('id', taskIds)
        .orderBy('id')
        .select(
          'id',
          'current_run_started_at',
          'last_run_ended_at',
          'last_run_error_json',
        );
    const heldClaims = (await tasksNow())
      .filter(
        t =>
          t.current_run_started_at &&
          new Date(t.current_run_started_at).getTime() < lastKill - 1000,
      )
      .map(t => t.id);
    const resumed = (t: any) =>
      Boolean(t.last_run_ended_at) &&
      new Date(t.last_run_ended_at).getTime() > lastKill &&
      !t.last_run_error_json;
    // A maturity evaluation that began after the kills, and finished.
    const cleanRuns = () =>
      knex('mlops_evaluation_runs')
        .where('started_at', '>', new Date(lastKill))
        .whereNotNull('finished_at')
        .whereNull('error');
    let tasks = await tasksNow();
    let runs = await cleanRuns();
    for (
      let i = 0;
      i < 600 && !(tasks.every(resumed) && runs.length > 0);
      i++
    ) {
      await sleep(100);
      if (i % 10 === 9) await janitor();
      tasks = await tasksNow();
      runs = await cleanRuns();
    }
    expect(tasks.map(t => ({ id: t.id, resumed: resumed(t) }))).toEqual(
      [...taskIds].sort().map(id => ({ id, resumed: true })),
    );
    expect(runs.length).toBeGreaterThan(0);

    // eslint-disable-next-line no-console
    console.log(
      JSON.stringify({
        streamedMs: streamed,
        kills,
        retried: retried.length,
        answers: writes.reduce<Record<string, number>>((counts, w) => {
          for (const s of w.answers) counts[s] = (counts[s] ?? 0) + 1;
          return counts;
        }, {}),
        staleResolutions,
        heldClaims,
        freedByJanitor,
        resumedAfterMs: Date.now() - lastKill,
      }),
    );
    await backend.stop();
  });
});
