/*
 * Adoption diagnostic benchmark, for each database the plugin runs on
 * (SQLite, then PostgreSQL 15), through the plugin's HTTP API on a test
 * backend, over the benchmark organisation (bench/organisation.ts: BENCH_N,
 * default 10,000 ML entities in 50 teams) with a year of history: gate
 * decisions and attestations on every use case and model, a scorecard and
 * its first history row per entity, a drift alert and recovery per monitor
 * per month, and a new version per production model per month.
 *
 * - the organisation's diagnostic, GET /diagnostic; goal under 1 s;
 * - a leaf team's diagnostic, GET /diagnostic/teams/default/team-7; goal
 *   under 100 ms.
 *
 * Baseline in the same run: the gate funnel, GET /gates/funnel, which reads
 * the same catalog and every gate event; the ratio is diagnostic time /
 * funnel time.
 *
 *   yarn workspace @mlightenment/backstage-plugin-mlops-backend bench:diagnostic
 *   BENCH_DATABASES=SQLITE_3 BENCH_N=1000 yarn workspace ... bench:diagnostic
 *
 * PostgreSQL needs BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
 * (`source scripts/services.sh`). Results go to
 * bench/results/diagnostic-<db>.json.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  gateFactsHash,
  gateFactsOf,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { Knex } from 'knex';
import request from 'supertest';
import { mlopsPlugin } from '../src/plugin';
import { machine, median, percentile, writeResult } from './measure';
import {
  allEntities,
  generateOrganisation,
  LEAF_TEAM,
  Organisation,
  withCatalogRelations,
} from './organisation';

jest.setTimeout(3 * 60 * 60_000);

const N = Number(process.env.BENCH_N ?? 10_000);
const ORG_REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10);
const TEAM_REQUESTS = Number(process.env.BENCH_TEAM_REQUESTS ?? 30);
const DAY = 86_400_000;
const now = Date.now();
const iso = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();

const ids = (process.env.BENCH_DATABASES ?? 'SQLITE_3,POSTGRES_15').split(
  ',',
) as TestDatabaseId[];
const databases = TestDatabases.create({ ids });

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

async function timedRequests(
  count: number,
  send: () => Promise<request.Response>,
): Promise<{ ms: number[]; last: request.Response }> {
  const ms: number[] = [];
  let last!: request.Response;
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    last = await send();
    ms.push(performance.now() - t);
    expect(last.status).toBe(200);
  }
  return { ms, last };
}

describe.each(databases.eachSupportedId())('diagnostic on %s', databaseId => {
  it('computes the organisation’s and a leaf team’s diagnostic', async () => {
    const knex = await databases.init(databaseId);
    const org = generateOrganisation(N);
    const { server } = await startTestBackend({
      features: [
        mlopsPlugin,
        catalogServiceMock.factory({
          entities: withCatalogRelations(allEntities(org)),
        }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            mlops: {
              maturity: {
                schedule: {
                  frequency: { hours: 24 },
                  timeout: { minutes: 1 },
                  initialDelay: { hours: 24 },
                },
              },
              diagnostic: {
                schedule: {
                  frequency: { hours: 24 },
                  timeout: { minutes: 1 },
                  initialDelay: { hours: 24 },
                },
              },
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
    const seeded = await seed(knex, org);
    const auth = mockCredentials.user.header('user:default/bench');
    const get = (path: string) =>
      request(server).get(`/api/mlops${path}`).set('Authorization', auth);

    // Warm-up, untimed.
    await get('/diagnostic');
    await get('/gates/funnel');

    const organisation = await timedRequests(ORG_REQUESTS, () =>
      get('/diagnostic'),
    );
    expect(organisation.last.body.counts.models).toBe(org.models.length);
    const funnel = await timedRequests(ORG_REQUESTS, () =>
      get('/gates/funnel'),
    );
    const [, teamName] = LEAF_TEAM.split('/');
    const team = await timedRequests(TEAM_REQUESTS, () =>
      get(`/diagnostic/teams/default/${teamName}`),
    );
    expect(team.last.body.scope).toBe('team');

    const round = (x: number) => Math.round(x * 10) / 10;
    const body = organisation.last.body;
    writeResult(`diagnostic-${databaseId}`, {
      database: databaseId,
      machine: machine(),
      n: N,
      seeded,
      organisation: {
        requests: ORG_REQUESTS,
        msMedian: round(median(organisation.ms)),
        msP95: round(percentile(organisation.ms, 95)),
        goalMs: 1000,
        baselineFunnelMsMedian: round(median(funnel.ms)),
        ratioToBaseline:
          Math.round((median(organisation.ms) / median(funnel.ms)) * 100) / 100,
        responseKiB: Math.round(organisation.last.text.length / 1024),
        verdicts: body.questions.map((q: any) => `${q.id}:${q.verdict}`),
        delivery: body.delivery.map(
          (d: any) => `${d.id}:${d.value}${d.band ? ` (${d.band})` : ''}`,
        ),
      },
      leafTeam: {
        team: LEAF_TEAM,
        requests: TEAM_REQUESTS,
        entities: team.last.body.counts,
        msMedian: round(median(team.ms)),
        msP95: round(percentile(team.ms, 95)),
        goalMs: 100,
      },
    });
  });
});
