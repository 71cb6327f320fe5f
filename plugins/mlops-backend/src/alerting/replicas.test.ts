import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { createServiceFactory } from '@backstage/backend-plugin-api';
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
import request from 'supertest';
import { mlopsPlugin } from '../plugin';
import { startWebhookReceiver } from './__testUtils__/receivers';
import { churnInputDrift } from '../__testUtils__/entities';

jest.setTimeout(120_000);

// Two replicas share one PostgreSQL, each with the real scheduler: both take
// observations that turn the same monitor to alert at the same moment, both
// evaluate it every second and both run the delivery worker every second,
// and the webhook still gets the alert once.
const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

const SECRET = 'the-oncall-webhook-signing-secret';
const MONITOR = 'mlmonitor:default/churn-gbm-input-drift';

const monitor: Entity = churnInputDrift({
  spec: {
    alerting: { channels: [{ type: 'webhook', target: 'ml-platform-oncall' }] },
  },
});

const everySecond = {
  frequency: { seconds: 1 },
  timeout: { seconds: 30 },
  initialDelay: { seconds: 0 },
};

describe.each(databases.eachSupportedId())(
  'alert delivery with two replicas on %s',
  databaseId => {
    it('delivers an alert both replicas saw once', async () => {
      const knex = await databases.init(databaseId);
      const receiver = await startWebhookReceiver({ secret: SECRET });
      const replica = () =>
        startTestBackend({
          features: [
            mlopsPlugin,
            catalogServiceMock.factory({ entities: [monitor] }),
            mockServices.database.factory({ knex }),
            schedulerServiceFactory,
            actionsRegistryServiceMock.factory(),
            createServiceFactory({
              service: notificationService,
              deps: {},
              factory: () => ({ async send() {} }),
            }),
            mockServices.rootConfig.factory({
              data: {
                mlops: {
                  maturity: {
                    schedule: {
                      frequency: { hours: 1 },
                      timeout: { minutes: 1 },
                      initialDelay: { hours: 1 },
                    },
                  },
                  drift: { schedule: everySecond },
                  alerting: {
                    webhooks: {
                      'ml-platform-oncall': {
                        url: receiver.url,
                        secret: SECRET,
                      },
                    },
                    delivery: { schedule: everySecond },
                  },
                },
              },
            }),
          ],
        });
      const a = await replica();
      const b = await replica();
      try {
        const push = (server: any, key: string, minutesAgo: number) =>
          request(server)
            .post('/api/mlops/drift/observations')
            .set('Authorization', mockCredentials.user.header())
            .send({
              monitor: MONITOR,
              idempotencyKey: key,
              observations: [
                {
                  feature: 'tenure_months',
                  observedAt: new Date(
                    Date.now() - minutesAgo * 60_000,
                  ).toISOString(),
                  value: 0.31,
                },
              ],
            });
        const answers = await Promise.all([
          push(a.server, 'replica-a', 2),
          push(b.server, 'replica-b', 1),
        ]);
        expect(answers.map(r => r.body.state)).toEqual(['alert', 'alert']);
        await new Promise(resolve => setTimeout(resolve, 6_000));
      } finally {
        await Promise.all([a.stop(), b.stop()]);
        await receiver.close();
      }

      expect(receiver.received.map(r => JSON.parse(r.body).id)).toEqual([
        `${MONITOR}:episode-1:alert`,
      ]);
      const rows = await knex('mlops_alert_deliveries').select(
        'status',
        'attempts',
      );
      expect(rows.map(r => [r.status, JSON.parse(r.attempts).length])).toEqual([
        ['delivered', 1],
      ]);
    });
  },
);
