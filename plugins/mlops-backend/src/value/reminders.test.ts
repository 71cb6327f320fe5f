import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { MLUseCaseEntityV1alpha1 } from '@mlightenment/backstage-plugin-mlops-common';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';
import {
  CHURN_RATE_DRIVER,
  RETENTION_REVENUE_DRIVER,
} from '../__testUtils__/entities';
import { DatabaseKpiStore } from './DatabaseKpiStore';
import { sendValueReminders } from './reminders';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const useCase: MLUseCaseEntityV1alpha1 = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLUseCase',
  metadata: {
    name: 'churn-prevention',
    namespace: 'default',
    title: 'Churn prevention',
  },
  spec: {
    owner: 'group:default/retention-analytics',
    sponsor: 'user:default/maria-silva',
    lifecycle: 'production',
    businessDrivers: [CHURN_RATE_DRIVER, RETENTION_REVENUE_DRIVER],
  },
};

describe.each(databases.eachSupportedId())(
  'value reminders on %s',
  databaseId => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const store = new DatabaseKpiStore(knex);
      const sent: any[] = [];
      const replica = () => ({
        store: new DatabaseKpiStore(knex),
        catalog: catalogServiceMock({ entities: [useCase] }),
        auth: mockServices.auth(),
        notifications: { send: async (n: any) => void sent.push(n) },
        logger: mockServices.logger.mock(),
      });
      return { store, sent, replica };
    }

    const actual = (month: number, value: number) => ({
      useCaseRef: 'mlusecase:default/churn-prevention',
      kpiId: 'churn-rate',
      periodStart: new Date(Date.UTC(2026, month - 1, 1)),
      periodEnd: new Date(Date.UTC(2026, month, 0)),
      value,
      unit: '%',
      sourceKind: 'pipeline' as const,
      recordedBy: 'bi',
    });

    it('sends each reminder once, even from two backends at the same time', async () => {
      const { store, sent, replica } = await setUp();
      // Churn rate last reported for August, worse than its baseline.
      await store.appendActuals([actual(7, 2.7), actual(8, 3.0)]);
      const now = new Date('2026-10-20T08:00:00Z');
      const counts = await Promise.all([
        sendValueReminders({ ...replica(), now }),
        sendValueReminders({ ...replica(), now }),
      ]);
      expect(counts[0] + counts[1]).toBe(3);
      expect(
        sent
          .map(n => [n.payload.scope, n.recipients.entityRef])
          .sort((a, b) => a[0].localeCompare(b[0])),
      ).toEqual([
        [
          'mlops-value:due:mlusecase:default/churn-prevention:revenue:first',
          ['user:default/maria-silva'],
        ],
        [
          'mlops-value:off-track:mlusecase:default/churn-prevention:churn-rate:2026-08-31',
          ['user:default/maria-silva', 'group:default/retention-analytics'],
        ],
        [
          'mlops-value:overdue:mlusecase:default/churn-prevention:churn-rate:2026-08-31',
          ['user:default/maria-silva'],
        ],
      ]);
      expect(
        sent.every(
          n =>
            n.payload.link ===
            '/catalog/default/mlusecase/churn-prevention/value',
        ),
      ).toBe(true);

      // A later run in the same situation sends nothing again.
      expect(await sendValueReminders({ ...replica(), now })).toBe(0);
    });

    it('reminds of a check-in due once the next period has ended, before it is overdue', async () => {
      const { store, sent, replica } = await setUp();
      await store.appendActuals([actual(8, 2.7), actual(9, 2.6)]);
      await sendValueReminders({
        ...replica(),
        now: new Date('2026-11-03T08:00:00Z'),
      });
      const churn = sent.filter(n => n.payload.scope.includes(':churn-rate:'));
      expect(churn.map(n => [n.payload.scope, n.payload.severity])).toEqual([
        [
          'mlops-value:due:mlusecase:default/churn-prevention:churn-rate:2026-11-01',
          'normal',
        ],
      ]);
    });
  },
);
