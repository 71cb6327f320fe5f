import { TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';
import { DatabaseGateStore } from './DatabaseGateStore';
import type { NewGateEvent } from './GateStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const ref = 'mlusecase:default/churn-prevention';
const facts = { 'spec.sponsor': 'user:default/maria-silva' };

const approval = (role: string): NewGateEvent => ({
  type: 'decision',
  decision: 'approve',
  role,
  actor: 'user:default/maria-silva',
  comment: 'Drivers and criteria agreed.',
  evidenceUrl: 'https://wiki.example.com/churn/strategy',
  entityHash: 'aaaa',
  facts,
});

describe.each(databases.eachSupportedId())(
  'DatabaseGateStore on %s',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      return { knex, store: new DatabaseGateStore(knex) };
    }

    it('migrates up and down', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      expect(await knex.schema.hasTable('mlops_gate_events')).toBe(true);
      expect(await knex.schema.hasTable('mlops_gates')).toBe(true);
      await knex.migrate.rollback({ directory: MIGRATIONS_DIRECTORY }, true);
      expect(await knex.schema.hasTable('mlops_gate_events')).toBe(false);
      expect(await knex.schema.hasTable('mlops_gates')).toBe(false);
    });

    it('appends events at the revision read and bumps it, keeping every field', async () => {
      const { store } = await createStore();
      expect(await store.getRevisions(ref)).toEqual({});
      const [stored] = await store.append(ref, 'strategy', 0, [
        approval('sponsor'),
      ]);
      expect(stored).toMatchObject({
        entityRef: ref,
        stage: 'strategy',
        revision: 1,
        ...approval('sponsor'),
      });
      expect(await store.getRevisions(ref)).toEqual({ strategy: 1 });
      const events = (await store.getEvents([ref])).get(ref)!;
      expect(events).toEqual([{ ...stored, at: expect.any(Date) }]);
      expect(
        Math.abs(events[0].at.getTime() - stored.at.getTime()),
      ).toBeLessThan(1000);
    });

    it('refuses an append on a stale revision with a 409 that says to reload, recording nothing', async () => {
      const { store } = await createStore();
      await store.append(ref, 'strategy', 0, [approval('sponsor')]);
      await expect(
        store.append(ref, 'strategy', 0, [approval('owner')]),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining('reload the gate'),
      });
      expect((await store.getEvents([ref])).get(ref)).toHaveLength(1);
    });

    it('lets exactly one of two concurrent appends on the same revision win', async () => {
      const { store } = await createStore();
      await store.append(ref, 'strategy', 0, [approval('sponsor')]);
      const results = await Promise.allSettled([
        store.append(ref, 'strategy', 1, [approval('owner')]),
        store.append(ref, 'strategy', 1, [
          { ...approval('owner'), decision: 'reject' },
        ]),
      ]);
      expect(results.map(r => r.status).sort()).toEqual([
        'fulfilled',
        'rejected',
      ]);
      expect((await store.getEvents([ref])).get(ref)).toHaveLength(2);
      expect(await store.getRevisions(ref)).toEqual({ strategy: 2 });
    });

    it('keeps gates of different stages and entities apart', async () => {
      const { store } = await createStore();
      await store.append(ref, 'strategy', 0, [approval('sponsor')]);
      await store.append(ref, 'prototyping', 0, [approval('owner')]);
      await store.append('mlmodel:default/churn-gbm', 'strategy', 0, [
        approval('owner'),
      ]);
      expect(await store.getRevisions(ref)).toEqual({
        strategy: 1,
        prototyping: 1,
      });
      const all = await store.getEvents();
      expect([...all.keys()].sort()).toEqual([
        'mlmodel:default/churn-gbm',
        ref,
      ]);
    });

    it('invalidates a decision once, even when asked twice at the same time, bumping the revision', async () => {
      const { store } = await createStore();
      const [decision] = await store.append(ref, 'strategy', 0, [
        approval('sponsor'),
      ]);
      const invalidation: NewGateEvent = {
        type: 'invalidation',
        actor: 'system',
        comment: 'The facts changed: spec.acceptanceCriteria.',
        entityHash: 'bbbb',
        facts: { ...facts, 'spec.acceptanceCriteria': [] },
        decisionId: decision.id,
      };
      const [first, second] = await Promise.all([
        store.invalidate(ref, 'strategy', [invalidation]),
        store.invalidate(ref, 'strategy', [invalidation]),
      ]);
      expect(first.length + second.length).toBe(1);
      expect(await store.getRevisions(ref)).toEqual({ strategy: 2 });
      const events = (await store.getEvents([ref])).get(ref)!;
      expect(events.map(e => [e.type, e.decisionId])).toEqual([
        ['decision', undefined],
        ['invalidation', decision.id],
      ]);
      expect(await store.invalidate(ref, 'strategy', [invalidation])).toEqual(
        [],
      );
      expect(await store.getRevisions(ref)).toEqual({ strategy: 2 });
    });
  },
);
