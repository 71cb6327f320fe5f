import { TestDatabases } from '@backstage/backend-test-utils';
import type { DriftAlertMessage } from '@mlightenment/backstage-plugin-mlops-common';
import type { Knex } from 'knex';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';
import type { NewAlertDelivery } from './AlertDeliveryStore';
import {
  DatabaseAlertDeliveryStore,
  enqueueAlertDeliveries,
  forgetAlertDeliveries,
} from './DatabaseAlertDeliveryStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const MONITOR = 'mlmonitor:default/churn-gbm-input-drift';
const T0 = new Date('2026-12-08T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function message(
  episode: number,
  event: 'alert' | 'stale' | 'recovery',
): DriftAlertMessage {
  return {
    id: `${MONITOR}:episode-${episode}:${event}`,
    event,
    at: T0.toISOString(),
    episode,
    state: event === 'recovery' ? 'healthy' : event,
    previousState: 'healthy',
    severity: 'critical',
    title: `Churn GBM input drift: ${event}`,
    summary: 'tenure_months (alert).',
    monitor: { entityRef: MONITOR, title: 'Churn GBM input drift', url: '/x' },
    featureCount: 1,
    driftedFeatures: 1,
    datasetDrift: true,
    features: [],
  };
}

function delivery(
  episode: number,
  event: 'alert' | 'stale' | 'recovery',
  channel: [NewAlertDelivery['channelType'], string],
  createdAt = T0,
): NewAlertDelivery {
  return {
    monitorRef: MONITOR,
    episode,
    event,
    channelType: channel[0],
    channelTarget: channel[1],
    message: message(episode, event),
    createdAt,
  };
}

const WEBHOOK: ['webhook', string] = ['webhook', 'ml-platform-oncall'];
const EMAIL: ['email', string] = ['email', 'ml-oncall@example.com'];

describe.each(databases.eachSupportedId())(
  'DatabaseAlertDeliveryStore on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseAlertDeliveryStore;
    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      store = new DatabaseAlertDeliveryStore(knex);
    });

    it('migrates down and up again', async () => {
      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: '20261208100000_alert_deliveries.js',
      });
      expect(await knex.schema.hasTable('mlops_alert_deliveries')).toBe(false);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      expect(await knex.schema.hasTable('mlops_alert_deliveries')).toBe(true);
    });

    it('enqueues a message once per monitor, episode, event and channel', async () => {
      await enqueueAlertDeliveries(knex, [
        delivery(1, 'alert', WEBHOOK),
        delivery(1, 'alert', EMAIL),
      ]);
      // A re-evaluation, or another replica, enqueues the same again.
      await enqueueAlertDeliveries(knex, [
        delivery(1, 'alert', WEBHOOK, at(60)),
        delivery(1, 'recovery', WEBHOOK, at(60)),
        delivery(2, 'alert', WEBHOOK, at(60)),
      ]);
      const rows = await knex('mlops_alert_deliveries')
        .orderBy('id')
        .select('episode', 'event', 'channel_type');
      expect(
        rows.map(r => [Number(r.episode), r.event, r.channel_type]),
      ).toEqual([
        [1, 'alert', 'webhook'],
        [1, 'alert', 'email'],
        [1, 'recovery', 'webhook'],
        [2, 'alert', 'webhook'],
      ]);
    });

    it('lets one worker claim a due message until its claim ends', async () => {
      await enqueueAlertDeliveries(knex, [delivery(1, 'alert', WEBHOOK)]);
      const first = await store.claimDue({
        now: at(1),
        until: at(301),
        limit: 10,
      });
      expect(first.map(r => r.message.id)).toEqual([
        `${MONITOR}:episode-1:alert`,
      ]);
      // Another replica finds nothing while the claim holds...
      expect(
        await store.claimDue({ now: at(2), until: at(302), limit: 10 }),
      ).toEqual([]);
      // ...and takes it over once the claim ran out (the first worker died).
      const second = await store.claimDue({
        now: at(302),
        until: at(602),
        limit: 10,
      });
      expect(second).toHaveLength(1);
    });

    it('hands each message to exactly one of two workers claiming at once', async () => {
      await enqueueAlertDeliveries(
        knex,
        Array.from({ length: 6 }, (_, i) => delivery(i + 1, 'alert', WEBHOOK)),
      );
      const [a, b] = await Promise.all([
        store.claimDue({ now: at(1), until: at(301), limit: 10 }),
        new DatabaseAlertDeliveryStore(knex).claimDue({
          now: at(1),
          until: at(301),
          limit: 10,
        }),
      ]);
      const ids = [...a, ...b].map(r => r.id).sort();
      expect(ids).toHaveLength(6);
      expect(new Set(ids).size).toBe(6);
    });

    it('records failed attempts with their errors, retries when due, and a delivery at last', async () => {
      await enqueueAlertDeliveries(knex, [delivery(1, 'alert', WEBHOOK)]);
      const [row] = await store.claimDue({
        now: at(1),
        until: at(301),
        limit: 1,
      });
      await store.recordAttempt(row.id, {
        at: at(1),
        error: 'the webhook answered 503 Service Unavailable',
        nextAttemptAt: at(31),
      });
      // Not due before its next attempt.
      expect(
        await store.claimDue({ now: at(30), until: at(330), limit: 1 }),
      ).toEqual([]);
      const [again] = await store.claimDue({
        now: at(31),
        until: at(331),
        limit: 1,
      });
      expect(again.attempts).toEqual([
        {
          at: at(1).toISOString(),
          error: 'the webhook answered 503 Service Unavailable',
        },
      ]);
      await store.recordAttempt(again.id, { at: at(32) });
      expect(
        await store.claimDue({ now: at(3600), until: at(3900), limit: 1 }),
      ).toEqual([]);

      const [log] = await store.channelLogs(MONITOR, 10);
      expect(log.channelType).toBe('webhook');
      expect(log.lastDelivered).toMatchObject({
        status: 'delivered',
        deliveredAt: at(32),
        attempts: [
          { at: at(1).toISOString(), error: expect.any(String) },
          { at: at(32).toISOString() },
        ],
      });
      expect(log.lastFailed?.lastError).toEqual({
        at: at(1),
        message: 'the webhook answered 503 Service Unavailable',
      });
    });

    it('fails a message for good when no attempt follows', async () => {
      await enqueueAlertDeliveries(knex, [delivery(1, 'alert', EMAIL)]);
      const [row] = await store.claimDue({
        now: at(1),
        until: at(301),
        limit: 1,
      });
      await store.recordAttempt(row.id, {
        at: at(1),
        error: 'no transport',
      });
      const [log] = await store.channelLogs(MONITOR, 10);
      expect(log.recent[0]).toMatchObject({
        status: 'failed',
        nextAttemptAt: null,
      });
      expect(log.lastDelivered).toBeUndefined();
    });

    it('reads per channel the latest messages, the last delivered and the last failed', async () => {
      const messages = [
        delivery(1, 'alert', WEBHOOK, at(0)),
        delivery(1, 'alert', EMAIL, at(0)),
        delivery(1, 'recovery', WEBHOOK, at(100)),
        delivery(2, 'stale', WEBHOOK, at(200)),
      ];
      for (const m of messages) {
        await enqueueAlertDeliveries(knex, [m]);
        const [row] = await store.claimDue({
          now: m.createdAt,
          until: at(10_000),
          limit: 1,
        });
        const failing = m.event === 'stale';
        await store.recordAttempt(row.id, {
          at: m.createdAt,
          ...(failing
            ? { error: 'could not reach the webhook (ECONNREFUSED)' }
            : {}),
        });
      }
      const logs = await store.channelLogs(MONITOR, 2);
      const webhook = logs.find(l => l.channelType === 'webhook')!;
      expect(webhook.recent.map(r => r.message.id)).toEqual([
        `${MONITOR}:episode-2:stale`,
        `${MONITOR}:episode-1:recovery`,
      ]);
      expect(webhook.lastDelivered?.message.id).toBe(
        `${MONITOR}:episode-1:recovery`,
      );
      expect(webhook.lastFailed?.message.id).toBe(`${MONITOR}:episode-2:stale`);
      const email = logs.find(l => l.channelType === 'email')!;
      expect(email.recent).toHaveLength(1);
      expect(email.lastFailed).toBeUndefined();
      expect(await store.channelLogs('mlmonitor:default/other', 2)).toEqual([]);
    });

    it('forgets the messages of a monitor, and deletes finished messages past retention', async () => {
      await enqueueAlertDeliveries(knex, [
        delivery(1, 'alert', WEBHOOK, at(0)),
        delivery(2, 'alert', WEBHOOK, at(1000)),
      ]);
      const [old] = await store.claimDue({
        now: at(0),
        until: at(300),
        limit: 1,
      });
      await store.recordAttempt(old.id, { at: at(1) });
      // Pending messages stay whatever their age.
      expect(await store.deleteFinishedBefore(at(5000))).toBe(1);
      expect(await store.channelLogs(MONITOR, 10)).toHaveLength(1);
      await forgetAlertDeliveries(knex, [MONITOR]);
      expect(await store.channelLogs(MONITOR, 10)).toEqual([]);
    });
  },
);
