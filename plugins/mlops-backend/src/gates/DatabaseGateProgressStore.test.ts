import { TestDatabases } from '@backstage/backend-test-utils';
import {
  defaultGateSignOff,
  gateFactsVersionOf,
  gateProgressSummaryOf,
  MLUseCaseEntityV1alpha1,
} from '@mlightenment/backstage-plugin-mlops-common';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';
import { DatabaseGateProgressStore } from './DatabaseGateProgressStore';
import { DatabaseGateStore } from './DatabaseGateStore';
import type { GateEvent, NewGateEvent } from './GateStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const CHURN = 'mlusecase:default/churn-prevention';
const PRICING = 'mlusecase:default/dynamic-pricing';
const NOW = new Date('2026-12-01T12:00:00Z');

const useCase: MLUseCaseEntityV1alpha1 = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLUseCase',
  metadata: { name: 'churn-prevention', namespace: 'default' },
  spec: {
    owner: 'group:default/retention-analytics',
    sponsor: 'user:default/maria-silva',
    lifecycle: 'production',
  },
};
const version = gateFactsVersionOf(useCase);

const approval = (role: string): NewGateEvent => ({
  type: 'decision',
  decision: 'approve',
  role,
  actor: 'user:default/maria-silva',
  comment: 'Drivers and criteria agreed.',
  entityHash: version.hash,
  facts: version.facts,
});

const folded = (events: readonly GateEvent[]) => ({
  entityRef: CHURN,
  lastEventId: events.length ? events[events.length - 1].id : '0',
  summary: gateProgressSummaryOf(events, version, defaultGateSignOff()),
});

describe.each(databases.eachSupportedId())(
  'DatabaseGateProgressStore on %s',
  databaseId => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      return {
        knex,
        gates: new DatabaseGateStore(knex),
        store: new DatabaseGateProgressStore(knex),
      };
    }

    it('gives an entity’s folded gate events while no later event is written', async () => {
      const { gates, store } = await setUp();
      const first = await gates.append(CHURN, 'strategy', 0, [
        approval('owner'),
      ]);
      await store.save([folded(first)], NOW);
      const current = await store.current([CHURN, PRICING]);
      expect([...current.keys()]).toEqual([CHURN]);
      expect(current.get(CHURN)).toEqual(folded(first).summary);
      expect(current.get(CHURN)!.gates.strategy.decisions).toEqual([
        { role: 'owner', at: first[0].at.getTime() },
      ]);
      expect(await store.keys([CHURN, PRICING])).toEqual(
        new Map([
          [
            CHURN,
            {
              factsHash: version.hash,
              signOff: folded(first).summary.signOff,
              lastEventId: first[0].id,
            },
          ],
        ]),
      );

      // A later event that was not folded: the row is behind, not given.
      const second = await gates.append(CHURN, 'strategy', 1, [
        approval('sponsor'),
      ]);
      expect((await store.current([CHURN])).size).toBe(0);
      // Folded again, it replaces the row.
      await store.save([folded([...first, ...second])], NOW);
      expect(
        (await store.current([CHURN])).get(CHURN)!.gates.strategy.decided,
      ).toBe('approved');
    });

    it('keeps an entity without gate events as folded from none', async () => {
      const { store } = await setUp();
      await store.save([folded([])], NOW);
      expect((await store.current([CHURN])).get(CHURN)).toEqual(
        folded([]).summary,
      );
    });

    it('migrates down and up again', async () => {
      const { knex } = await setUp();
      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: '20261213100000_gate_progress.js',
      });
      expect(await knex.schema.hasTable('mlops_gate_progress')).toBe(false);
      expect(await knex.schema.hasTable('mlops_gate_events')).toBe(true);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      expect(await knex.schema.hasTable('mlops_gate_progress')).toBe(true);
    });
  },
);
