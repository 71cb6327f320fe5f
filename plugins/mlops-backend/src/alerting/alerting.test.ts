import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import notificationsModuleEmail from '@backstage/plugin-notifications-backend-module-email';
import notificationsModuleSlack from '@backstage/plugin-notifications-backend-module-slack';
import type {
  AlertDeliveryLog,
  DriftAlertMessage,
} from '@mlightenment/backstage-plugin-mlops-common';
import { validateMlopsEntity } from '@mlightenment/backstage-plugin-mlops-common';
import knexFactory, { Knex } from 'knex';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { mlopsPlugin } from '../plugin';
import {
  ReceivedEmail,
  startSmtpServer,
  startWebhookReceiver,
} from './__testUtils__/receivers';
import { churnInputDrift } from '../__testUtils__/entities';

// The whole way, in one backend: observations pushed to the mlops plugin
// turn a monitor to alert; the alert reaches its webhook (a local HTTP
// server), its e-mail address (a local SMTP server) and its Slack channel
// through Backstage's own notifications backend and Slack processor, whose
// calls to Slack's Web API are answered here (Slack itself cannot be reached
// from the test machines). The alert routing's notification is e-mailed to
// the notified group's members by Backstage's e-mail processor over the same
// SMTP server.

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const SECRET = 'the-oncall-webhook-signing-secret';
const MONITOR = 'mlmonitor:default/churn-gbm-input-drift';
const HOUR = 3_600_000;
const ago = (hours: number) =>
  new Date(Date.now() - hours * HOUR).toISOString();

const monitor: Entity = churnInputDrift({
  title: true,
  spec: {
    alerting: {
      notify: ['group:default/ml-platform'],
      channels: [
        { type: 'webhook', target: 'ml-platform-oncall' },
        { type: 'email', target: 'ml-oncall@example.com' },
        { type: 'slack', target: '#churn-model-alerts' },
      ],
    },
    runbook: 'https://runbooks.example.com/ml/churn-drift',
  },
  ownedBy: true,
});

const entities: Entity[] = [
  monitor,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'ml-platform', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: 'user:default/jane' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'jane', namespace: 'default' },
    spec: { profile: { email: 'jane@example.com' }, memberOf: ['ml-platform'] },
    relations: [{ type: 'memberOf', targetRef: 'group:default/ml-platform' }],
  },
];

/** Slack's Web API as the Slack processor calls it. */
const slackPosts: Array<Record<string, string>> = [];
const slack = setupServer(
  http.post(
    'https://slack.com/api/chat.postMessage',
    async ({ request: req }) => {
      const body = Object.fromEntries(new URLSearchParams(await req.text()));
      slackPosts.push(body);
      return HttpResponse.json({
        ok: true,
        channel: 'C0CHURN',
        ts: '1.000100',
      });
    },
  ),
);

/** The mlops plugin on the database under test; every other plugin in memory. */
function databaseFactory(knex: Knex) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory: async ({ plugin }) => {
      const client =
        plugin.getId() === 'mlops'
          ? knex
          : knexFactory({
              client: 'better-sqlite3',
              connection: ':memory:',
              useNullAsDefault: true,
            });
      return { getClient: async () => client };
    },
  });
}

async function until<T>(what: string, read: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe.each(databases.eachSupportedId())(
  'alerts delivered to their channels on %s',
  databaseId => {
    beforeAll(() => slack.listen({ onUnhandledFrame: 'bypass' }));
    afterAll(() => slack.close());
    beforeEach(() => {
      slackPosts.length = 0;
    });

    it('uses valid entities as fixtures', () => {
      expect(validateMlopsEntity(monitor as any)).toEqual([]);
    });

    it('sends an alert and its recovery once each to the webhook, the e-mail address and the Slack channel, and keeps the delivery log', async () => {
      const knex = await databases.init(databaseId);
      const receiver = await startWebhookReceiver({ secret: SECRET });
      const smtp = await startSmtpServer();
      try {
        const { server } = await startTestBackend({
          features: [
            mlopsPlugin,
            notificationsPlugin,
            notificationsModuleEmail,
            notificationsModuleSlack,
            catalogServiceMock.factory({ entities }),
            databaseFactory(knex),
            mockServices.rootConfig.factory({
              data: {
                app: { baseUrl: 'http://localhost:3000' },
                mlops: {
                  drift: {
                    schedule: {
                      frequency: { minutes: 30 },
                      timeout: { minutes: 1 },
                    },
                  },
                  alerting: {
                    webhooks: {
                      'ml-platform-oncall': {
                        url: receiver.url,
                        secret: SECRET,
                      },
                    },
                  },
                },
                notifications: {
                  processors: {
                    email: {
                      transportConfig: {
                        transport: 'smtp',
                        hostname: '127.0.0.1',
                        port: smtp.port,
                      },
                      sender: 'backstage@example.com',
                    },
                    slack: [{ token: 'xoxb-not-a-real-token' }],
                  },
                },
              },
            }),
          ],
        });
        const push = (key: string, value: number, hoursAgo: number) =>
          request(server)
            .post('/api/mlops/drift/observations')
            .set('Authorization', mockCredentials.user.header())
            .send({
              monitor: MONITOR,
              idempotencyKey: key,
              observations: [
                { feature: 'tenure_months', observedAt: ago(hoursAgo), value },
              ],
            });

        const alert = await push('drifted', 0.31, 0.03);
        expect(alert.body).toMatchObject({ state: 'alert' });

        // The webhook: one signed message.
        const hook = await until('the webhook', () => receiver.received[0]);
        expect(hook.signatureValid).toBe(true);
        const sent: DriftAlertMessage = JSON.parse(hook.body);
        expect(sent).toMatchObject({
          id: `${MONITOR}:episode-1:alert`,
          event: 'alert',
          episode: 1,
          state: 'alert',
          previousState: 'no-data',
          title: 'Churn GBM input drift: drift alert',
          monitor: {
            entityRef: MONITOR,
            url: 'http://localhost:3000/catalog/default/mlmonitor/churn-gbm-input-drift',
            runbook: 'https://runbooks.example.com/ml/churn-drift',
          },
          features: [{ name: 'tenure_months', state: 'alert', value: 0.31 }],
        });

        // The e-mail channel's message, and the processor's e-mail to the
        // notified group's member, over the same SMTP server.
        const mailTo = (address: string) => () =>
          smtp.received.find((m: ReceivedEmail) => m.to.includes(address));
        const channelMail = await until(
          'the channel e-mail',
          mailTo('ml-oncall@example.com'),
        );
        expect(channelMail.headers.subject).toBe(
          'Churn GBM input drift: drift alert',
        );
        const memberMail = await until(
          'the member e-mail',
          mailTo('jane@example.com'),
        );
        expect(memberMail.headers.subject).toBe(
          'Churn GBM input drift: drift alert',
        );

        // Slack: one chat.postMessage to the channel, by the Slack processor.
        const post = await until('the Slack post', () => slackPosts[0]);
        expect(post).toMatchObject({
          channel: '#churn-model-alerts',
          text: 'Churn GBM input drift: drift alert',
        });

        // Re-evaluations within the episode send nothing more.
        expect((await push('still-drifted', 0.4, 0.02)).body).toMatchObject({
          state: 'alert',
        });

        // The recovery, once to each channel.
        const recovered = await push('recovered', 0.02, 0.01);
        expect(recovered.body).toMatchObject({ state: 'healthy' });
        await until('the recovery', () => receiver.received[1]);
        await until(
          'the recovery e-mail',
          () =>
            smtp.received.filter(m =>
              m.to.includes('ml-oncall@example.com'),
            )[1],
        );
        await until('the recovery post', () => slackPosts[1]);
        await new Promise(r => setTimeout(r, 500));
        expect(receiver.received.map(r => JSON.parse(r.body).event)).toEqual([
          'alert',
          'recovery',
        ]);
        expect(slackPosts.map(p => p.text)).toEqual([
          'Churn GBM input drift: drift alert',
          'Churn GBM input drift: drift recovered, healthy again',
        ]);
        expect(
          smtp.received
            .filter(m => m.to.includes('ml-oncall@example.com'))
            .map(m => m.headers.subject),
        ).toEqual([
          'Churn GBM input drift: drift alert',
          'Churn GBM input drift: drift recovered, healthy again',
        ]);

        const log = await request(server)
          .get('/api/mlops/drift/deliveries/default/churn-gbm-input-drift')
          .set('Authorization', mockCredentials.user.header());
        expect(log.status).toBe(200);
        const body: AlertDeliveryLog = log.body;
        expect(
          body.channels.map(c => [
            c.type,
            c.target,
            c.confirmedBy,
            c.lastDelivery?.event,
            c.recent.map(r => `${r.event}:${r.status}:${r.attempts.length}`),
          ]),
        ).toEqual([
          [
            'webhook',
            'ml-platform-oncall',
            'receiver',
            'recovery',
            ['recovery:delivered:1', 'alert:delivered:1'],
          ],
          [
            'email',
            'ml-oncall@example.com',
            'receiver',
            'recovery',
            ['recovery:delivered:1', 'alert:delivered:1'],
          ],
          [
            'slack',
            '#churn-model-alerts',
            'notifications-backend',
            'recovery',
            ['recovery:delivered:1', 'alert:delivered:1'],
          ],
        ]);
      } finally {
        await receiver.close();
        await smtp.close();
      }
    });
  },
);
