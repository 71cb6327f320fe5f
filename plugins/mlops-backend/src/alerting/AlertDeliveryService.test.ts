import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DriftAlertMessage,
  MLMonitorEntityV1alpha1,
  validateMlopsEntity,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { Knex } from 'knex';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';
import { EntityAccess } from '../shared/EntityAccess';
import {
  startSmtpServer,
  startWebhookReceiver,
} from './__testUtils__/receivers';
import { AlertDeliveryService } from './AlertDeliveryService';
import { EmailSender, readMailer } from './channels/email';
import type { AlertChannelSender } from './channels/types';
import { readWebhooks, WebhookSender } from './channels/webhook';
import {
  DatabaseAlertDeliveryStore,
  enqueueAlertDeliveries,
} from './DatabaseAlertDeliveryStore';
import { churnInputDrift } from '../__testUtils__/entities';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const MONITOR = 'mlmonitor:default/churn-gbm-input-drift';
const SECRET = 'a-webhook-secret-of-32-characters';
const T0 = Date.parse('2026-12-08T10:00:00.000Z');

const monitor: MLMonitorEntityV1alpha1 = churnInputDrift({
  title: true,
  spec: {
    alerting: {
      channels: [
        { type: 'webhook', target: 'ml-platform-oncall' },
        { type: 'email', target: 'ml-oncall@example.com' },
      ],
    },
    runbook: 'https://runbooks.example.com/ml/churn-drift',
  },
});

const message: DriftAlertMessage = {
  id: `${MONITOR}:episode-1:alert`,
  event: 'alert',
  at: new Date(T0).toISOString(),
  episode: 1,
  state: 'alert',
  previousState: 'healthy',
  severity: 'critical',
  title: 'Churn GBM input drift: drift alert',
  summary:
    'tenure_months (alert). Runbook: https://runbooks.example.com/ml/churn-drift',
  monitor: {
    entityRef: MONITOR,
    title: 'Churn GBM input drift',
    url: 'http://localhost:3000/catalog/default/mlmonitor/churn-gbm-input-drift',
    model: 'mlmodel:default/churn-gbm',
    owner: 'group:default/ml-platform',
    runbook: 'https://runbooks.example.com/ml/churn-drift',
    cadence: 'P1D',
  },
  lastObservationAt: new Date(T0 - 60_000).toISOString(),
  featureCount: 1,
  driftedFeatures: 1,
  datasetDrift: true,
  features: [
    {
      name: 'tenure_months',
      statistic: 'psi',
      state: 'alert',
      value: 0.31,
      thresholds: {
        warning: 0.1,
        alert: 0.25,
        direction: 'above',
        on: 'value',
      },
    },
  ],
};

describe.each(databases.eachSupportedId())(
  'alert delivery on %s',
  databaseId => {
    let knex: Knex;
    let now: number;
    const closers: Array<() => Promise<void>> = [];

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      now = T0;
    });
    afterEach(async () => {
      await Promise.all(closers.splice(0).map(close => close()));
    });

    function service(senders: AlertChannelSender[]) {
      return new AlertDeliveryService({
        store: new DatabaseAlertDeliveryStore(knex),
        senders,
        catalog: catalogServiceMock({ entities: [monitor] }),
        auth: mockServices.auth(),
        access: new EntityAccess(
          mockServices.permissions(),
          catalogServiceMock({ entities: [monitor] }),
        ),
        logger: mockServices.logger.mock(),
        policy: { maxAttempts: 4, initialBackoffMs: 30_000 },
        now: () => new Date(now),
      });
    }

    const enqueue = (channelType: 'webhook' | 'email', channelTarget: string) =>
      enqueueAlertDeliveries(knex, [
        {
          monitorRef: MONITOR,
          episode: 1,
          event: 'alert',
          channelType,
          channelTarget,
          message,
          createdAt: new Date(now),
        },
      ]);

    async function webhooks(receiver: { url: string }, timeout?: string) {
      return new WebhookSender(
        readWebhooks(
          new ConfigReader({
            mlops: {
              alerting: {
                webhooks: {
                  'ml-platform-oncall': {
                    url: receiver.url,
                    secret: SECRET,
                    ...(timeout ? { timeout } : {}),
                  },
                },
              },
            },
          }),
        ),
      );
    }

    async function smtp(port: number) {
      return new EmailSender(
        readMailer(
          new ConfigReader({
            notifications: {
              processors: {
                email: {
                  transportConfig: {
                    transport: 'smtp',
                    hostname: '127.0.0.1',
                    port,
                  },
                  sender: 'mlops-alerts@example.com',
                  replyTo: 'ml-platform@example.com',
                },
              },
            },
          }),
        ),
      );
    }

    it('uses a valid monitor as its fixture', () => {
      expect(validateMlopsEntity(monitor)).toEqual([]);
    });

    it('delivers to a webhook that fails twice and then accepts once, with backoff, and the log shows the retries', async () => {
      const receiver = await startWebhookReceiver({
        secret: SECRET,
        statuses: [503, 500, 202],
      });
      closers.push(receiver.close);
      const alerts = service([await webhooks(receiver)]);
      await enqueue('webhook', 'ml-platform-oncall');

      expect(await alerts.deliverDue()).toEqual({
        delivered: 0,
        retrying: 1,
        failed: 0,
      });
      // Not before the backoff: 30 s after the first failure...
      now += 29_000;
      expect((await alerts.deliverDue()).retrying).toBe(0);
      now += 1_000;
      expect((await alerts.deliverDue()).retrying).toBe(1);
      // ...then 60 s after the second.
      now += 59_000;
      expect((await alerts.deliverDue()).delivered).toBe(0);
      now += 1_000;
      expect(await alerts.deliverDue()).toEqual({
        delivered: 1,
        retrying: 0,
        failed: 0,
      });
      now += 3_600_000;
      expect((await alerts.deliverDue()).delivered).toBe(0);

      // Three requests, one accepted: the same signed body each time.
      expect(receiver.received.map(r => r.status)).toEqual([503, 500, 202]);
      for (const [index, request] of receiver.received.entries()) {
        expect(request.signatureValid).toBe(true);
        expect(JSON.parse(request.body)).toEqual(message);
        expect(request.headers).toMatchObject({
          'content-type': 'application/json',
          'x-mlightenment-event': 'drift.alert',
          'x-mlightenment-delivery': message.id,
          'x-mlightenment-attempt': String(index + 1),
        });
      }

      const log = await alerts.log(MONITOR, mockCredentials.user());
      const webhook = log.channels.find(c => c.type === 'webhook')!;
      expect(webhook).toMatchObject({
        target: 'ml-platform-oncall',
        declared: true,
        confirmedBy: 'receiver',
        lastDelivery: {
          messageId: message.id,
          status: 'delivered',
          deliveredAt: new Date(T0 + 90_000).toISOString(),
          attempts: [
            {
              at: new Date(T0).toISOString(),
              error:
                'the webhook answered 503 Service Unavailable: busy, try later',
            },
            {
              at: new Date(T0 + 30_000).toISOString(),
              error:
                'the webhook answered 500 Internal Server Error: busy, try later',
            },
            { at: new Date(T0 + 90_000).toISOString() },
          ],
        },
        lastError: {
          at: new Date(T0 + 30_000).toISOString(),
          message:
            'the webhook answered 500 Internal Server Error: busy, try later',
          messageId: message.id,
        },
      });
      // The e-mail channel it declares has no message yet.
      expect(log.channels.find(c => c.type === 'email')).toEqual({
        type: 'email',
        target: 'ml-oncall@example.com',
        declared: true,
        confirmedBy: 'receiver',
        recent: [],
      });
    });

    it('delivers an e-mail through an SMTP server that refuses twice and then accepts, and the log shows the retries', async () => {
      const server = await startSmtpServer({ rejections: 2 });
      closers.push(server.close);
      const alerts = service([await smtp(server.port)]);
      await enqueue('email', 'ml-oncall@example.com');

      for (const wait of [0, 30_000, 60_000]) {
        now += wait;
        await alerts.deliverDue();
      }
      now += 3_600_000;
      await alerts.deliverDue();

      expect(server.received.map(m => m.accepted)).toEqual([
        false,
        false,
        true,
      ]);
      const [, , mail] = server.received;
      expect(mail.from).toBe('mlops-alerts@example.com');
      expect(mail.to).toEqual(['ml-oncall@example.com']);
      expect(mail.headers).toMatchObject({
        subject: 'Churn GBM input drift: drift alert',
        'reply-to': 'ml-platform@example.com',
        'x-mlightenment-delivery': message.id,
      });
      expect(mail.text.split(/\r?\n/)).toEqual([
        'tenure_months (alert). Runbook: https://runbooks.example.com/ml/churn-drift',
        '',
        'Features:',
        '- tenure_months (psi) 0.31: alert (warning at ≥ 0.1, alert at ≥ 0.25)',
        '',
        'Monitor: Churn GBM input drift (mlmonitor:default/churn-gbm-input-drift)',
        'http://localhost:3000/catalog/default/mlmonitor/churn-gbm-input-drift',
        'Runbook: https://runbooks.example.com/ml/churn-drift',
        'Episode 1, healthy → alert at 2026-12-08T10:00:00.000Z',
      ]);

      const log = await alerts.log(MONITOR, mockCredentials.user());
      const email = log.channels.find(c => c.type === 'email')!;
      expect(email.lastDelivery?.attempts).toEqual([
        {
          at: new Date(T0).toISOString(),
          error:
            'the mail server answered 451 4.3.0 Mail server temporarily rejected message',
        },
        {
          at: new Date(T0 + 30_000).toISOString(),
          error:
            'the mail server answered 451 4.3.0 Mail server temporarily rejected message',
        },
        { at: new Date(T0 + 90_000).toISOString() },
      ]);
    });

    it('fails at once where trying again cannot help: an unknown webhook, a mailbox the server refuses', async () => {
      const server = await startSmtpServer({
        rejections: 1,
        rejectWith: { code: 550, text: '5.1.1 No such mailbox' },
      });
      closers.push(server.close);
      const alerts = service([
        new WebhookSender(new Map()),
        await smtp(server.port),
      ]);
      await enqueue('webhook', 'ml-platform-oncall');
      await enqueue('email', 'ml-oncall@example.com');
      expect(await alerts.deliverDue()).toEqual({
        delivered: 0,
        retrying: 0,
        failed: 2,
      });
      const log = await alerts.log(MONITOR, mockCredentials.user());
      expect(
        log.channels.map(c => [
          c.type,
          c.recent[0].status,
          c.lastError?.message,
        ]),
      ).toEqual([
        [
          'webhook',
          'failed',
          'no webhook named "ml-platform-oncall" is configured: add mlops.alerting.webhooks.ml-platform-oncall (url, secret) to app-config',
        ],
        [
          'email',
          'failed',
          'the mail server answered 550 5.1.1 No such mailbox',
        ],
      ]);
    });

    it('gives up after the last attempt, and says why each failed without naming the URL', async () => {
      const receiver = await startWebhookReceiver({
        secret: SECRET,
        delayMs: 1_000,
      });
      closers.push(receiver.close);
      const alerts = service([await webhooks(receiver, '200ms')]);
      await enqueue('webhook', 'ml-platform-oncall');
      const outcomes = [];
      for (const wait of [0, 30_000, 60_000, 120_000]) {
        now += wait;
        outcomes.push(await alerts.deliverDue());
      }
      expect(outcomes.map(o => [o.retrying, o.failed])).toEqual([
        [1, 0],
        [1, 0],
        [1, 0],
        [0, 1],
      ]);
      const log = await alerts.log(MONITOR, mockCredentials.user());
      const [latest] = log.channels.find(c => c.type === 'webhook')!.recent;
      expect(latest.status).toBe('failed');
      expect(latest.nextAttemptAt).toBeUndefined();
      expect(latest.attempts.map(a => a.error)).toEqual(
        Array(4).fill('no answer within 0.2 s'),
      );
    });

    it('says a webhook could not be reached when nothing listens', async () => {
      const receiver = await startWebhookReceiver({ secret: SECRET });
      await receiver.close();
      const alerts = service([await webhooks(receiver)]);
      await enqueue('webhook', 'ml-platform-oncall');
      await alerts.deliverDue();
      const log = await alerts.log(MONITOR, mockCredentials.user());
      expect(log.channels[0].lastError?.message).toBe(
        'could not reach the webhook (ECONNREFUSED)',
      );
      expect(JSON.stringify(log)).not.toContain('127.0.0.1');
    });

    it('keeps the log of a channel the monitor no longer declares, and refuses the log of a monitor the caller may not read', async () => {
      const receiver = await startWebhookReceiver({ secret: SECRET });
      closers.push(receiver.close);
      await enqueueAlertDeliveries(knex, [
        {
          monitorRef: MONITOR,
          episode: 1,
          event: 'alert',
          channelType: 'webhook',
          channelTarget: 'old-oncall',
          message,
          createdAt: new Date(now),
        },
      ]);
      const alerts = service([await webhooks(receiver)]);
      await alerts.deliverDue();
      const log = await alerts.log(MONITOR, mockCredentials.user());
      expect(log.channels.map(c => [c.target, c.declared])).toEqual([
        ['ml-platform-oncall', true],
        ['ml-oncall@example.com', true],
        ['old-oncall', false],
      ]);

      const denied = new AlertDeliveryService({
        store: new DatabaseAlertDeliveryStore(knex),
        senders: [],
        catalog: catalogServiceMock({ entities: [monitor] }),
        auth: mockServices.auth(),
        access: new EntityAccess(
          mockServices.permissions({ result: AuthorizeResult.DENY }),
          catalogServiceMock({ entities: [monitor] }),
        ),
        logger: mockServices.logger.mock(),
      });
      await expect(
        denied.log(MONITOR, mockCredentials.user()),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
    });
  },
);

describe('webhook configuration', () => {
  it('stops the start on a webhook without an http URL or with a short secret, naming the key', () => {
    const read = (hook: object) => () =>
      readWebhooks(
        new ConfigReader({
          mlops: { alerting: { webhooks: { oncall: hook } } },
        }),
      );
    expect(read({ url: 'ftp://x', secret: SECRET })).toThrow(
      'mlops.alerting.webhooks.oncall.url: must be an http or https URL',
    );
    expect(read({ url: 'https://x', secret: 'short' })).toThrow(
      'mlops.alerting.webhooks.oncall.secret: must be at least 16 characters, got 5',
    );
    expect(
      read({ url: 'https://x', secret: SECRET, timeout: { minutes: 5 } }),
    ).toThrow(
      "mlops.alerting.webhooks.oncall.timeout: must be longer than zero and at most 2 minutes, within the worker's claim on a message",
    );
  });
});
