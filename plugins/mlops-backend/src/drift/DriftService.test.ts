import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  DRIFT_HEALTH_FACT_ID,
  validateMlopsEntity,
} from '@mlightenment/backstage-plugin-mlops-common';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';
import { EntityAccess } from '../shared/EntityAccess';
import { DatabaseDriftStore } from './DatabaseDriftStore';
import { DriftService } from './DriftService';
import { driftFactSource } from './factSource';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const HOUR = 3_600_000;

const monitor: Entity = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLMonitor',
  metadata: {
    name: 'store-demand-input-drift',
    namespace: 'default',
    title: 'Store demand input drift',
  },
  spec: {
    owner: 'group:default/ml-platform',
    model: 'mlmodel:default/store-demand-lightgbm',
    type: 'data-drift',
    cadence: 'PT6H',
    features: [
      {
        name: 'price_eur',
        type: 'numerical',
        statistic: 'psi',
        warning: 0.1,
        alert: 0.25,
      },
    ],
  },
};

describe.each(databases.eachSupportedId())(
  'scheduled drift evaluation on %s',
  databaseId => {
    /**
     * A service over a migrated database holding `monitor`, a clock the test
     * moves, the notifications it sent, and a push of one price_eur
     * observation at the clock's time.
     */
    async function setUp() {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const store = new DatabaseDriftStore(knex);
      const catalog = catalogServiceMock({ entities: [monitor] });
      const sent: NotificationSendOptions[] = [];
      let now = new Date('2026-11-27T00:00:00Z');
      const clock = {
        advance: (ms: number) => {
          now = new Date(now.getTime() + ms);
        },
      };
      const service = new DriftService({
        store,
        catalog,
        auth: mockServices.auth(),
        access: new EntityAccess(mockServices.permissions(), catalog),
        notifications: { send: async n => void sent.push(n) },
        logger: mockServices.logger.mock(),
        maxObservations: 100,
        now: () => now,
      });
      const push = (key: string, value: number) =>
        service.ingest(
          {
            monitor: 'store-demand-input-drift',
            idempotencyKey: key,
            observations: [
              { feature: 'price_eur', observedAt: now.toISOString(), value },
            ],
          },
          mockCredentials.service(),
        );
      return { store, service, sent, clock, push };
    }

    it('marks a monitor stale once its cadence × 1.5 passed, notifies its owner once, and recovers', async () => {
      expect(validateMlopsEntity(monitor as any)).toEqual([]);
      const { store, service, sent, clock, push } = await setUp();

      expect((await push('t0', 0.05)).state).toBe('healthy');
      // Eight hours later: within 6 h × 1.5 = 9 h.
      clock.advance(8 * HOUR);
      await service.evaluateAll();
      let [row] = await store.monitorStates({});
      expect(row.state).toBe('healthy');
      // Ten hours after the last observation: stale; every later run keeps the one notification.
      clock.advance(2 * HOUR);
      await service.evaluateAll();
      clock.advance(HOUR);
      await service.evaluateAll();
      [row] = await store.monitorStates({});
      expect(row.state).toBe('stale');
      expect(row.since).toEqual(new Date('2026-11-27T10:00:00Z'));
      expect(sent).toHaveLength(1);
      expect(sent[0]).toEqual({
        recipients: {
          type: 'entity',
          entityRef: ['group:default/ml-platform'],
        },
        payload: expect.objectContaining({
          title:
            'Store demand input drift: stale, no data within its cadence PT6H',
          link: '/catalog/default/mlmonitor/store-demand-input-drift',
          scope:
            'mlops:drift:mlmonitor:default/store-demand-input-drift:episode-1',
        }),
      });

      // The drift-health fact says the monitor does not report fresh data,
      // and so does its model's (from its monitors); an entity not asked
      // about gets none.
      const model = {
        apiVersion: 'mlightenment.io/v1alpha1',
        kind: 'MLModel',
        metadata: { name: 'store-demand-lightgbm', namespace: 'default' },
        spec: {},
      };
      const stale = {
        [DRIFT_HEALTH_FACT_ID]: {
          state: 'stale',
          monitors: 1,
          fresh: 0,
          inAlert: 0,
          lastObservationAt: '2026-11-27T00:00:00.000Z',
          since: '2026-11-27T10:00:00.000Z',
        },
      };
      const facts = await driftFactSource(store).getFacts([
        monitor as any,
        model as any,
      ]);
      expect([...facts.keys()].sort()).toEqual([
        'mlmodel:default/store-demand-lightgbm',
        'mlmonitor:default/store-demand-input-drift',
      ]);
      expect(facts.get('mlmonitor:default/store-demand-input-drift')).toEqual(
        stale,
      );
      expect(facts.get('mlmodel:default/store-demand-lightgbm')).toEqual(stale);
      expect((await driftFactSource(store).getFacts([model as any])).size).toBe(
        1,
      );

      // Data again: recovery in the same notification, and the episode closes.
      expect((await push('t1', 0.02)).state).toBe('healthy');
      expect(sent).toHaveLength(2);
      expect(sent[1].payload.scope).toBe(sent[0].payload.scope);
      expect((await store.monitorStates({}))[0]).toMatchObject({
        inEpisode: false,
        episode: 1,
      });
    });

    it('evaluates a monitor once at a time: concurrent evaluations store a transition once, and a push racing them wins', async () => {
      const { store, service, sent, clock, push } = await setUp();
      await push('t0', 0.05);

      // Ten hours of silence, then eight evaluations at once.
      clock.advance(10 * HOUR);
      await Promise.all(
        Array.from({ length: 8 }, () =>
          service.evaluateMonitor(monitor as any),
        ),
      );
      const ref = 'mlmonitor:default/store-demand-input-drift';
      expect(
        (await store.transitions(ref)).map(t => `${t.from}>${t.to}`),
      ).toEqual(['no-data>healthy', 'healthy>stale']);
      expect(sent).toHaveLength(1);

      // An alerting push while scheduled evaluations run: its state stays.
      await Promise.all([
        service.evaluateAll(),
        push('t1', 0.4),
        service.evaluateAll(),
        service.evaluateAll(),
      ]);
      expect((await store.monitorStates({}))[0].state).toBe('alert');
      expect(
        (await store.transitions(ref)).map(t => `${t.from}>${t.to}`),
      ).toEqual(['no-data>healthy', 'healthy>stale', 'stale>alert']);
    });

    it('stores pulled monitors in one transaction; should it fail, each on its own, one failure not the others’', async () => {
      const { store, service, push } = await setUp();
      const other = {
        ...monitor,
        metadata: { ...monitor.metadata, name: 'store-demand-output-drift' },
      } as any;
      const pulled = (name: string, key: string) => [
        {
          monitor: name,
          idempotencyKey: key,
          observations: [
            {
              feature: 'price_eur',
              observedAt: '2026-11-26T23:00:00.000Z',
              value: 0.3,
            },
          ],
        },
      ];
      const states = async () =>
        Object.fromEntries(
          (await store.monitorStates({})).map(m => [m.monitorRef, m.state]),
        );

      // Both in one go.
      expect(
        await service.ingestPulled(
          [
            {
              entity: monitor as any,
              sequences: [pulled('store-demand-input-drift', 'a1')],
            },
            {
              entity: other,
              sequences: [pulled('store-demand-output-drift', 'b1')],
            },
          ],
          mockCredentials.service(),
        ),
      ).toEqual([[{ stored: [1] }], [{ stored: [1] }]]);
      expect(await states()).toEqual({
        'mlmonitor:default/store-demand-input-drift': 'alert',
        'mlmonitor:default/store-demand-output-drift': 'alert',
      });

      // A key the other monitor's next pull uses is taken after it was
      // looked up (as by another replica's pull): the transaction of both
      // fails; each is then stored on its own, and the other's failure to
      // store is its own.
      await push('b2', 0.3);
      const findBatches = jest.spyOn(store, 'findBatches');
      findBatches.mockResolvedValueOnce([]);
      const storeBatches = jest
        .spyOn(store, 'storeBatches')
        .mockRejectedValueOnce(new Error('database gone'));
      const results = await service.ingestPulled(
        [
          {
            entity: monitor as any,
            sequences: [pulled('store-demand-input-drift', 'a2')],
          },
          {
            entity: other,
            sequences: [pulled('store-demand-output-drift', 'b2')],
          },
        ],
        mockCredentials.service(),
      );
      expect(results).toEqual([
        [{ stored: [1] }],
        [{ stored: [], error: 'database gone' }],
      ]);
      expect(storeBatches).toHaveBeenCalledTimes(1);
      expect((await store.findBatch('a2'))?.stored).toBe(1);
    });

    it('serves a long series as the last value of each day, aggregates included', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const store = new DatabaseDriftStore(knex);
      const catalog = catalogServiceMock({ entities: [monitor] });
      const now = new Date('2026-11-27T12:00:00Z');
      const service = new DriftService({
        store,
        catalog,
        auth: mockServices.auth(),
        access: new EntityAccess(mockServices.permissions(), catalog),
        notifications: { send: async () => {} },
        logger: mockServices.logger.mock(),
        maxObservations: 1000,
        now: () => now,
      });
      // Every 6 hours for 10 days; the value is the day number back.
      const observations = Array.from({ length: 40 }, (_, i) => ({
        feature: 'price_eur',
        observedAt: new Date(now.getTime() - (i + 1) * 6 * HOUR).toISOString(),
        value: Math.floor(((i + 1) * 6) / 24) / 100,
      }));
      await service.ingest(
        {
          monitor: 'store-demand-input-drift',
          idempotencyKey: 'history',
          observations,
        },
        mockCredentials.service(),
      );
      // The oldest five days become daily aggregates.
      await store.applyRetention({
        rawBefore: new Date(now.getTime() - 5 * 24 * HOUR),
        rollupsBefore: new Date(0),
      });
      const series = await service.series(
        'mlmonitor:default/store-demand-input-drift',
        30,
        mockCredentials.user(),
      );
      expect(series.resolution).toBe('daily');
      const points = series.features[0].points;
      const days = points.map(p => p.at.slice(0, 10));
      expect(days).toEqual([...new Set(days)]);
      expect(days).toHaveLength(11);
      // The last observation of 2026-11-27 is at 06:00, value 0.
      expect(points[points.length - 1]).toEqual({
        at: '2026-11-27T06:00:00.000Z',
        value: 0,
        state: 'healthy',
      });
      expect(points[0]).toMatchObject({ state: 'healthy' });
    });

    it('forgets the state of a monitor removed from the catalog', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const store = new DatabaseDriftStore(knex);
      const service = (entities: Entity[]) => {
        const catalog = catalogServiceMock({ entities });
        return new DriftService({
          store,
          catalog,
          auth: mockServices.auth(),
          access: new EntityAccess(mockServices.permissions(), catalog),
          notifications: { send: async () => {} },
          logger: mockServices.logger.mock(),
          maxObservations: 100,
        });
      };
      await service([monitor]).evaluateAll();
      expect(await store.monitorStates({})).toHaveLength(1);
      await service([]).evaluateAll();
      expect(await store.monitorStates({})).toEqual([]);
    });
  },
);
