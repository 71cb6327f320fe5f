import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';
import { DatabaseDriftStore } from '../drift/DatabaseDriftStore';
import { DatabaseGateStore } from '../gates/DatabaseGateStore';
import { DatabaseModelHistoryStore } from '../models/DatabaseModelHistoryStore';
import { createMarkerReader } from './markers';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const useCase: Entity = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLUseCase',
  metadata: { name: 'demand-forecasting', namespace: 'default' },
  spec: { owner: 'group:default/supply', lifecycle: 'production' },
  relations: [
    {
      type: 'useCaseImplementedBy',
      targetRef: 'mlmodel:default/store-demand-lgbm',
    },
  ],
};
const model: Entity = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLModel',
  metadata: {
    name: 'store-demand-lgbm',
    namespace: 'default',
    title: 'Store demand LightGBM',
  },
  spec: { owner: 'group:default/supply', lifecycle: 'production' },
};

describe.each(databases.eachSupportedId())(
  'value markers on %s',
  databaseId => {
    it("marks each version change of the use case's models, not their first sighting", async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const models = new DatabaseModelHistoryStore(knex);
      const ref = 'mlmodel:default/store-demand-lgbm';
      await models.record(
        [{ modelRef: ref, version: '1.4.0', lifecycle: 'production' }],
        new Date('2026-06-01T00:00:00Z'),
      );
      await models.record(
        [{ modelRef: ref, version: '2.0.0', lifecycle: 'production' }],
        new Date('2026-09-01T00:00:00Z'),
      );
      const auth = mockServices.auth();
      const markers = createMarkerReader({
        catalog: catalogServiceMock({ entities: [useCase, model] }),
        gates: new DatabaseGateStore(knex),
        drift: new DatabaseDriftStore(knex),
        models,
        credentials: () => auth.getOwnServiceCredentials(),
      });
      expect(await markers(useCase)).toEqual([
        {
          at: '2026-09-01T00:00:00.000Z',
          kind: 'model-version',
          entityRef: ref,
          title: 'Store demand LightGBM: version 1.4.0 → 2.0.0',
        },
      ]);
    });
  },
);
