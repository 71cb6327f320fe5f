import {
  createMockDirectory,
  mockServices,
  startTestBackend,
  TestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { createBackendModule } from '@backstage/backend-plugin-api';
import catalogPlugin, {
  CATALOG_ERRORS_TOPIC,
} from '@backstage/plugin-catalog-backend';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import catalogModuleUnprocessedEntities from '@backstage/plugin-catalog-backend-module-unprocessed';
import catalogModuleMlops from './index';

jest.setTimeout(120_000);

const ML = 'apiVersion: mlightenment.io/v1alpha1';
const BS = 'apiVersion: backstage.io/v1alpha1';

// One file with valid and invalid entities side by side: the invalid ones
// must be rejected with their field paths while the rest is ingested.
const catalogFile = `
${BS}
kind: Group
metadata: { name: retention-analytics }
spec: { type: team, children: [] }
---
${BS}
kind: User
metadata: { name: maria }
spec: { memberOf: [retention-analytics] }
---
${BS}
kind: Resource
metadata: { name: subscriber-events }
spec: { type: dataset, owner: retention-analytics }
---
${BS}
kind: Component
metadata: { name: churn-scoring }
spec: { type: service, lifecycle: production, owner: retention-analytics }
---
${ML}
kind: MLUseCase
metadata: { name: churn-prevention }
spec:
  owner: retention-analytics
  sponsor: maria
  lifecycle: production
  acceptanceCriteria:
    - { metric: recall, operator: '>=', threshold: 0.7 }
---
${ML}
kind: MLModel
metadata: { name: churn-gbm }
spec:
  owner: retention-analytics
  useCase: churn-prevention
  lifecycle: production
  type: classification
  metrics: [{ name: recall, value: 0.74 }]
  dependsOn: [subscriber-events]
  servedBy: [churn-scoring]
---
${ML}
kind: MLMonitor
metadata: { name: churn-gbm-drift }
spec:
  owner: retention-analytics
  model: churn-gbm
  type: data-drift
  features: [{ name: tenure, type: numerical, statistic: psi, warning: 0.1, alert: 0.25 }]
---
${ML}
kind: MLModel
metadata: { name: churn-typo }
spec:
  owner: retention-analytics
  useCase: churn-prevention
  lifecycle: production
  type: classification
  metrcs: [{ name: recall, value: 0.5 }]
---
${ML}
kind: MLModel
metadata: { name: churn-wrong-type }
spec:
  owner: retention-analytics
  useCase: 'mlusecase:'
  lifecycle: production
  type: classification
  metrics: [{ name: recall, value: high }]
---
${ML}
kind: MLModel
metadata: { name: churn-envelope }
specs:
  owner: retention-analytics
---
${ML}
kind: MLModel
metadata: { name: churn-owner-name }
spec:
  owner: Retention Analytics
  useCase: churn-prevention
  lifecycle: production
  type: classification
`;

// Records what the catalog publishes on its errors topic, which
// catalog-backend-module-logs writes to the backend log.
const publishedErrors = new Map<string, string[]>();
const catalogErrorsRecorder = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'errors-recorder',
  register(reg) {
    reg.registerInit({
      deps: { events: eventsServiceRef },
      async init({ events }) {
        await events.subscribe({
          id: 'errors-recorder',
          topics: [CATALOG_ERRORS_TOPIC],
          async onEvent({ eventPayload }) {
            const { entity, errors } = eventPayload as {
              entity: string;
              errors: Error[];
            };
            publishedErrors.set(
              entity,
              errors.map(e => e.message),
            );
          },
        });
      },
    });
  },
});

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function eventually<T>(read: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error('timed out waiting for the catalog');
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

describe.each(databases.eachSupportedId())(
  'the catalog with the mlops module, on %s',
  databaseId => {
    let backend: TestBackend;
    let baseUrl: string;
    const directory = createMockDirectory({
      content: { 'catalog-info.yaml': catalogFile },
    });

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      backend = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleUnprocessedEntities,
          catalogModuleMlops,
          catalogErrorsRecorder,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                rules: [
                  {
                    allow: [
                      'Group',
                      'User',
                      'Resource',
                      'Component',
                      'Location',
                      'MLUseCase',
                      'MLModel',
                      'MLMonitor',
                    ],
                  },
                ],
                locations: [
                  {
                    type: 'file',
                    target: directory.resolve('catalog-info.yaml'),
                  },
                ],
              },
            },
          }),
        ],
      });
      baseUrl = `http://localhost:${backend.server.port()}/api/catalog`;
    });

    afterAll(() => backend?.stop());

    async function get(path: string) {
      const response = await fetch(`${baseUrl}${path}`);
      return response.ok ? response.json() : undefined;
    }
    const entity = (ref: string): Promise<Entity> =>
      eventually(() => get(`/entities/by-name/${ref}`));
    const relations = (e: Entity) =>
      (e.relations ?? []).map(r => `${r.type} ${r.targetRef}`).sort();

    it('ingests valid ML entities with relations in both directions', async () => {
      const model = await entity('mlmodel/default/churn-gbm');
      expect(relations(model)).toEqual(
        expect.arrayContaining([
          'dependsOn resource:default/subscriber-events',
          'implementsUseCase mlusecase:default/churn-prevention',
          'modelMonitoredBy mlmonitor:default/churn-gbm-drift',
          'ownedBy group:default/retention-analytics',
          'servedBy component:default/churn-scoring',
        ]),
      );

      const useCase = await entity('mlusecase/default/churn-prevention');
      expect(relations(useCase)).toEqual(
        expect.arrayContaining([
          'sponsoredBy user:default/maria',
          'useCaseImplementedBy mlmodel:default/churn-gbm',
        ]),
      );

      const component = await entity('component/default/churn-scoring');
      expect(relations(component)).toContain(
        'servesModel mlmodel:default/churn-gbm',
      );

      const group = await eventually(async () => {
        const g: Entity | undefined = await get(
          '/entities/by-name/group/default/retention-analytics',
        );
        return g?.relations?.some(
          r =>
            r.type === 'ownerOf' &&
            r.targetRef === 'mlmonitor:default/churn-gbm-drift',
        )
          ? g
          : undefined;
      });
      expect(relations(group)).toEqual(
        expect.arrayContaining([
          'ownerOf mlmodel:default/churn-gbm',
          'ownerOf mlusecase:default/churn-prevention',
        ]),
      );
    });

    it('rejects invalid ML entities with errors naming the entity and the field', async () => {
      // The unprocessed-entities page lists entities the catalog could not
      // process, with their errors.
      const unprocessed = await eventually(async () => {
        const body = await get('/entities/unprocessed/pending');
        const withErrors = body?.entities?.filter((e: any) => e.errors.length);
        return withErrors?.length === 4 ? withErrors : undefined;
      });
      const messages = Object.fromEntries(
        unprocessed.map((u: any) => [
          `mlmodel:default/${u.unprocessed_entity.metadata.name}`,
          u.errors.map((e: any) => e.message).join('\n'),
        ]),
      );
      expect(messages['mlmodel:default/churn-typo']).toContain(
        'Invalid MLModel entity mlmodel:default/churn-typo: spec.metrcs is not a known field; did you mean "metrics"?',
      );
      expect(messages['mlmodel:default/churn-wrong-type']).toContain(
        'spec.metrics[0].value must be a number, got "high"',
      );
      // Without the module, the catalog's envelope check would say only
      // "<root> must NOT have additional properties".
      expect(messages['mlmodel:default/churn-envelope']).toContain(
        'Invalid MLModel entity mlmodel:default/churn-envelope: specs is not a known field; did you mean "spec"?',
      );
      // Accepted, this would be a relation to an entity that cannot exist.
      expect(messages['mlmodel:default/churn-owner-name']).toContain(
        'spec.owner is not a valid entity reference: "Retention Analytics" is not a valid entity name',
      );

      expect(publishedErrors.get('mlmodel:default/churn-typo')).toEqual([
        messages['mlmodel:default/churn-typo'],
      ]);
      expect(publishedErrors.get('mlmodel:default/churn-wrong-type')).toEqual([
        messages['mlmodel:default/churn-wrong-type'],
      ]);

      expect(
        await get('/entities/by-name/mlmodel/default/churn-typo'),
      ).toBeUndefined();
      const listed = await get(
        '/entities?filter=kind=MLModel&fields=metadata.name',
      );
      expect(listed.map((e: Entity) => e.metadata.name)).toEqual(['churn-gbm']);
    });
  },
);
