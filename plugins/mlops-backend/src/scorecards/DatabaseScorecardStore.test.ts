import { TestDatabases } from '@backstage/backend-test-utils';
import type { ScorecardEvaluation } from './ScorecardStore';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
});

function evaluation(
  entityRef: string,
  level: 0 | 1 | 2 | 3 | 4,
  overrides: Partial<ScorecardEvaluation> = {},
): ScorecardEvaluation {
  return {
    entityRef,
    kind: 'MLModel',
    title: entityRef.split('/')[1],
    ownerRef: 'group:default/retention-analytics',
    rubricId: 'mlops-maturity',
    level,
    score: level * 20,
    results: [
      {
        checkId: 'model.version-declared',
        outcome: level > 0 ? 'passed' : 'failed',
        reason: level > 0 ? 'Version 3.2.0.' : 'spec.version is not set.',
      },
    ],
    ...overrides,
  };
}

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12));

describe.each(databases.eachSupportedId())(
  'DatabaseScorecardStore on %s',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      return { knex, store: new DatabaseScorecardStore(knex) };
    }

    it('migrates up and down', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      expect(await knex.schema.hasTable('mlops_scorecards')).toBe(true);
      await knex.migrate.rollback({ directory: MIGRATIONS_DIRECTORY }, true);
      expect(await knex.schema.hasTable('mlops_scorecards')).toBe(false);
      expect(await knex.schema.hasTable('mlops_scorecard_history')).toBe(false);
    });

    it('appends history only when results change, and moves evaluatedAt on every run', async () => {
      const { knex, store } = await createStore();
      const first = await store.saveEvaluations(
        [
          evaluation('mlmodel:default/a', 1),
          evaluation('mlmodel:default/b', 2),
        ],
        { now: day(1) },
      );
      expect(first.map(c => [c.current.entityRef, c.previous])).toEqual([
        ['mlmodel:default/a', undefined],
        ['mlmodel:default/b', undefined],
      ]);

      const second = await store.saveEvaluations(
        [
          evaluation('mlmodel:default/a', 1),
          evaluation('mlmodel:default/b', 0),
        ],
        { now: day(2) },
      );
      expect(second).toHaveLength(1);
      expect(second[0].current.level).toBe(0);
      expect(second[0].previous?.level).toBe(2);

      expect(await knex('mlops_scorecard_history').count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);
      const [{ n }] = await knex('mlops_scorecard_history').count({ n: '*' });
      expect(Number(n)).toBe(3);

      const a = await store.getScorecard('mlmodel:default/a');
      expect(a?.evaluatedAt).toEqual(day(2));
      expect(a?.changedAt).toEqual(day(1));
      expect(a?.results[0].reason).toBe('Version 3.2.0.');
    });

    it('drops the scorecards of entities a run no longer saw, and keeps their history', async () => {
      const { knex, store } = await createStore();
      await store.saveEvaluations(
        [
          evaluation('mlmodel:default/a', 1),
          evaluation('mlmodel:default/b', 2),
        ],
        { now: day(1) },
      );
      await store.saveEvaluations([evaluation('mlmodel:default/a', 3)], {
        now: day(2),
      });
      expect(
        (await store.listSummaries()).map(s => s.entityRef).sort(),
      ).toEqual(['mlmodel:default/a', 'mlmodel:default/b']);
      expect(
        await store.removeScorecardsExcept(new Set(['mlmodel:default/a'])),
      ).toBe(1);
      expect((await store.listSummaries()).map(s => s.entityRef)).toEqual([
        'mlmodel:default/a',
      ]);
      const history = await knex('mlops_scorecard_history')
        .where('entity_ref', 'mlmodel:default/b')
        .select('level');
      expect(history.map(row => Number(row.level))).toEqual([2]);
    });

    it('filters by owner and kind', async () => {
      const { store } = await createStore();
      await store.saveEvaluations(
        [
          evaluation('mlmodel:default/a', 1),
          evaluation('mlusecase:default/u', 2, {
            kind: 'MLUseCase',
            ownerRef: 'group:default/claims',
          }),
        ],
        { now: day(1) },
      );
      expect(
        (
          await store.listSummaries({ ownerRefs: ['group:default/claims'] })
        ).map(s => s.entityRef),
      ).toEqual(['mlusecase:default/u']);
      expect(
        (await store.listSummaries({ kind: 'MLModel' })).map(s => s.entityRef),
      ).toEqual(['mlmodel:default/a']);
      const [scorecard] = await store.listScorecards({ kind: 'MLModel' });
      expect(scorecard).toEqual(await store.getScorecard('mlmodel:default/a'));
      expect(scorecard.results.length).toBeGreaterThan(0);
    });

    it('knows the state in force at any time, and an entity’s history since a date', async () => {
      const { store } = await createStore();
      await store.saveEvaluations([evaluation('mlmodel:default/a', 1)], {
        now: day(1),
      });
      await store.saveEvaluations([evaluation('mlmodel:default/a', 3)], {
        now: day(5),
      });
      await store.saveEvaluations([evaluation('mlmodel:default/a', 2)], {
        now: day(9),
      });

      expect(
        (await store.getBaselineStates(day(6))).get('mlmodel:default/a'),
      ).toEqual({ level: 3, score: 60 });
      // First evaluated after the period started: measured from its first state.
      expect(
        (await store.getBaselineStates(day(0))).get('mlmodel:default/a'),
      ).toEqual({ level: 1, score: 20 });
      expect(
        (await store.getHistory('mlmodel:default/a', day(4))).map(h => [
          h.level,
          h.recordedAt,
        ]),
      ).toEqual([
        [1, day(1)],
        [3, day(5)],
        [2, day(9)],
      ]);
      expect(
        (await store.getHistory('mlmodel:default/a', day(6))).map(h => h.level),
      ).toEqual([3, 2]);
    });

    it('keeps the latest pushed result per entity and check', async () => {
      const { store } = await createStore();
      const base = {
        entityRef: 'mlmodel:default/a',
        checkId: 'ci.tests',
        submittedBy: 'user:default/ci-bot',
      };
      await store.addCheckResult({
        ...base,
        outcome: 'failed',
        reason: 'red',
        submittedAt: day(1),
      });
      await store.addCheckResult({
        ...base,
        outcome: 'passed',
        reason: 'green',
        link: 'https://ci.example.com/1',
        submittedAt: day(2),
      });
      const latest = await store.getLatestCheckResults(['mlmodel:default/a']);
      expect(latest.get('mlmodel:default/a')).toEqual([
        {
          ...base,
          outcome: 'passed',
          reason: 'green',
          link: 'https://ci.example.com/1',
          submittedAt: day(2),
        },
      ]);
    });

    it('deletes old rows but keeps the state in force at the cutoff', async () => {
      const { store } = await createStore();
      for (const [n, level] of [
        [1, 1],
        [2, 2],
        [10, 3],
      ] as const) {
        await store.saveEvaluations([evaluation('mlmodel:default/a', level)], {
          now: day(n),
        });
      }
      const deleted = await store.deleteOlderThan(day(5));
      expect(deleted).toBe(1);
      expect(
        (await store.getHistory('mlmodel:default/a', day(5))).map(h => h.level),
      ).toEqual([2, 3]);
    });

    it('lists summaries without the check results, for roll-ups', async () => {
      const { store } = await createStore();
      await store.saveEvaluations([evaluation('mlmodel:default/a', 3)], {
        now: day(1),
      });
      expect(await store.listSummaries({ kind: 'MLModel' })).toEqual([
        {
          entityRef: 'mlmodel:default/a',
          kind: 'MLModel',
          title: 'a',
          ownerRef: 'group:default/retention-analytics',
          level: 3,
          score: 60,
          evaluatedAt: day(1),
          changedAt: day(1),
        },
      ]);
    });

    it('records evaluation runs', async () => {
      const { knex, store } = await createStore();
      const id = await store.startRun('schedule', day(1));
      await store.finishRun(id, {
        now: day(1),
        entityCount: 12,
        changedCount: 3,
      });
      expect(await knex('mlops_evaluation_runs')).toEqual([
        expect.objectContaining({
          trigger: 'schedule',
          entity_count: 12,
          changed_count: 3,
        }),
      ]);
      expect(id).toBeGreaterThan(0);
    });
  },
);
