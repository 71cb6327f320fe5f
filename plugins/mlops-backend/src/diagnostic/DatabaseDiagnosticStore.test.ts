import { TestDatabases } from '@backstage/backend-test-utils';
import type { DiagnosticMonthSummary } from '@mlightenment/backstage-plugin-mlops-common';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';
import { DatabaseDiagnosticStore } from './DatabaseDiagnosticStore';
import { WHOLE_TABLE_ABOVE } from '../database/readInChunks';
import { DiagnosticInputs } from './DiagnosticInputs';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const TEAM = 'group:default/retention-analytics';
const day = (d: number) => new Date(Date.UTC(2026, 10, d, 12));

const summary = (
  verdict: 'unknown' | 'strong-indicator',
): DiagnosticMonthSummary => ({
  questions: [
    { id: 'q1', verdict, values: [{ id: 'q1.production-share', value: null }] },
  ],
  delivery: [{ id: 'lead-time', value: 12, band: 'elite' }],
});

describe.each(databases.eachSupportedId())(
  'DatabaseDiagnosticStore on %s',
  databaseId => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      return { knex, store: new DatabaseDiagnosticStore(knex) };
    }

    it('keeps every answer and serves the latest per question', async () => {
      const { knex, store } = await setUp();
      await store.addAnswer(
        {
          teamRef: TEAM,
          question: 'q1',
          answer: 'yes',
          answeredBy: 'user:default/ana',
        },
        day(1),
      );
      await store.addAnswer(
        {
          teamRef: TEAM,
          question: 'q1',
          answer: 'no',
          comment: 'We ship fine',
          answeredBy: 'user:default/li',
        },
        day(2),
      );
      await store.addAnswer(
        {
          teamRef: TEAM,
          question: 'q5',
          answer: 'partly',
          answeredBy: 'user:default/ana',
        },
        day(3),
      );
      await store.addAnswer(
        {
          teamRef: 'group:default/pricing',
          question: 'q1',
          answer: 'yes',
          answeredBy: 'user:default/sam',
        },
        day(4),
      );
      expect(await store.latestAnswers(TEAM)).toEqual([
        {
          question: 'q1',
          answer: 'no',
          comment: 'We ship fine',
          answeredBy: 'user:default/li',
          answeredAt: day(2).toISOString(),
        },
        {
          question: 'q5',
          answer: 'partly',
          answeredBy: 'user:default/ana',
          answeredAt: day(3).toISOString(),
        },
      ]);
      const [{ n }] = await knex('mlops_diagnostic_answers').count({ n: '*' });
      expect(Number(n)).toBe(4);
    });

    it('keeps one snapshot per scope and month, the later write replacing the earlier', async () => {
      const { knex, store } = await setUp();
      await store.saveSnapshot(TEAM, '2026-10', summary('unknown'), day(1));
      await store.saveSnapshot(TEAM, '2026-11', summary('unknown'), day(2));
      await store.saveSnapshot(
        TEAM,
        '2026-11',
        summary('strong-indicator'),
        day(3),
      );
      await store.saveSnapshot(
        'organisation',
        '2026-11',
        summary('unknown'),
        day(3),
      );
      const stored = await store.snapshots(TEAM, '2026-11');
      expect([...stored.keys()]).toEqual(['2026-11']);
      expect(stored.get('2026-11')!.questions[0].verdict).toBe(
        'strong-indicator',
      );
      const [{ n }] = await knex('mlops_diagnostic_snapshots').count({
        n: '*',
      });
      expect(Number(n)).toBe(3);
    });

    it('reads the other features’ tables for many entities at once', async () => {
      const { knex } = await setUp();
      const inputs = new DiagnosticInputs(knex);
      const results = (outcome: string) =>
        JSON.stringify([
          { checkId: 'model.acceptance-criteria-met', outcome, reason: 'r' },
        ]);
      await knex('mlops_scorecard_history').insert([
        {
          entity_ref: 'mlmodel:default/a',
          level: 1,
          score: 50,
          results: results('passed'),
          recorded_at: day(1).toISOString(),
        },
        {
          entity_ref: 'mlmodel:default/a',
          level: 0,
          score: 40,
          results: results('failed'),
          recorded_at: day(5).toISOString(),
        },
        {
          entity_ref: 'mlmodel:default/b',
          level: 1,
          score: 50,
          results: results('failed'),
          recorded_at: day(2).toISOString(),
        },
      ]);
      await knex('mlops_drift_transitions').insert({
        monitor_ref: 'mlmonitor:default/m',
        from_state: 'healthy',
        to_state: 'alert',
        episode: 1,
        at: day(3).toISOString(),
      });
      await knex('mlops_model_history').insert({
        model_ref: 'mlmodel:default/a',
        version: '1',
        lifecycle: 'production',
        observed_at: day(1).toISOString(),
      });
      expect(
        (
          await inputs.firstSeen(['mlmodel:default/a', 'mlmodel:default/b'])
        ).get('mlmodel:default/a'),
      ).toEqual(day(1));
      expect(
        await inputs.acceptanceFailures(['mlmodel:default/a'], day(2)),
      ).toEqual([{ modelRef: 'mlmodel:default/a', at: day(5) }]);
      expect(
        await inputs.driftTransitions(['mlmonitor:default/m'], day(1)),
      ).toEqual([
        {
          monitorRef: 'mlmonitor:default/m',
          from: 'healthy',
          to: 'alert',
          at: day(3),
        },
      ]);
      expect(await inputs.modelHistorySince()).toEqual(day(1));
    });

    it('reads the drift transitions since the window, and before it only the transition that opened each alert still open then', async () => {
      const { knex } = await setUp();
      const inputs = new DiagnosticInputs(knex);
      const history: Record<string, Array<[string, string, number]>> = {
        // Restored before the window; alerted and restored inside it.
        restored: [
          ['healthy', 'alert', 1],
          ['alert', 'healthy', 3],
          ['healthy', 'alert', 11],
          ['alert', 'healthy', 12],
        ],
        // Alerting since before the window: its first alert after the last
        // recovery opened it.
        open: [
          ['healthy', 'alert', 1],
          ['alert', 'healthy', 2],
          ['healthy', 'alert', 4],
          ['alert', 'stale', 5],
          ['stale', 'alert', 7],
          ['alert', 'healthy', 11],
        ],
        // Nothing but history healed before the window.
        quiet: [
          ['healthy', 'alert', 1],
          ['alert', 'healthy', 2],
        ],
      };
      await knex('mlops_drift_transitions').insert(
        Object.entries(history).flatMap(([name, transitions]) =>
          transitions.map(([from, to, d], i) => ({
            monitor_ref: `mlmonitor:default/${name}`,
            from_state: from,
            to_state: to,
            episode: i + 1,
            at: day(d).toISOString(),
          })),
        ),
      );
      const refs = Object.keys(history).map(
        name => `mlmonitor:default/${name}`,
      );
      // As many monitors as a team has, and as the organisation has (the
      // table read whole; monitors without transitions beside these).
      const others = Array.from(
        { length: WHOLE_TABLE_ABOVE },
        (_, i) => `mlmonitor:default/other-${i}`,
      );
      for (const monitorRefs of [refs, [...refs, ...others]]) {
        const read = await inputs.driftTransitions(monitorRefs, day(10));
        const seen = (name: string) =>
          read
            .filter(t => t.monitorRef === `mlmonitor:default/${name}`)
            .map(t => [t.to, t.at])
            .sort(
              (a, b) => (a[1] as Date).getTime() - (b[1] as Date).getTime(),
            );
        expect(seen('restored')).toEqual([
          ['alert', day(11)],
          ['healthy', day(12)],
        ]);
        expect(seen('open')).toEqual([
          ['alert', day(4)],
          ['healthy', day(11)],
        ]);
        expect(seen('quiet')).toEqual([]);
        expect(read).toHaveLength(4);
      }
      // A monitor not asked for is not read, also when the table is read whole.
      expect(
        (await inputs.driftTransitions(others, day(0))).map(t => t.monitorRef),
      ).toEqual([]);
    });

    it('parses each stored scorecard once, and again when it changes', async () => {
      const { knex } = await setUp();
      const inputs = new DiagnosticInputs(knex);
      const row = (outcome: string) => ({
        entity_ref: 'mlmodel:default/a',
        kind: 'MLModel',
        title: 'a',
        owner_ref: 'group:default/team',
        rubric_id: 'default',
        level: outcome === 'passed' ? 1 : 0,
        score: 50,
        results: JSON.stringify([
          { checkId: 'model.acceptance-criteria-met', outcome, reason: 'r' },
        ]),
        results_hash: outcome,
        evaluated_at: day(1).toISOString(),
        changed_at: day(1).toISOString(),
      });
      await knex('mlops_scorecards').insert(row('passed'));
      const [first] = await inputs.scorecards(['mlmodel:default/a']);
      expect(first).toEqual({
        entityRef: 'mlmodel:default/a',
        level: 1,
        results: [
          { checkId: 'model.acceptance-criteria-met', outcome: 'passed' },
        ],
      });
      const [again] = await inputs.scorecards(['mlmodel:default/a']);
      expect(again).toBe(first);

      await knex('mlops_scorecards')
        .where({ entity_ref: 'mlmodel:default/a' })
        .update(row('failed'));
      const [changed] = await inputs.scorecards(['mlmodel:default/a']);
      expect(changed).toEqual({
        entityRef: 'mlmodel:default/a',
        level: 0,
        results: [
          { checkId: 'model.acceptance-criteria-met', outcome: 'failed' },
        ],
      });
    });

    it('migrates down and up again', async () => {
      const { knex } = await setUp();
      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: '20261207130000_diagnostic.js',
      });
      expect(await knex.schema.hasTable('mlops_diagnostic_answers')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('mlops_diagnostic_snapshots')).toBe(
        false,
      );
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      expect(await knex.schema.hasTable('mlops_diagnostic_answers')).toBe(true);
      expect(await knex.schema.hasTable('mlops_diagnostic_snapshots')).toBe(
        true,
      );
    });
  },
);
