import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import {
  BackendFeature,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleUnprocessedEntities from '@backstage/plugin-catalog-backend-module-unprocessed';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import catalogModuleMlops from '@mlightenment/backstage-plugin-catalog-backend-module-mlops';
import type {
  RejectedEntities,
  RejectedEntity,
} from '@mlightenment/backstage-plugin-mlops-common';
import request from 'supertest';
import { mlopsPlugin } from '../plugin';

jest.setTimeout(120_000);

const ML = 'apiVersion: mlightenment.io/v1alpha1';
const BS = 'apiVersion: backstage.io/v1alpha1';

// An organisation with two teams, each owning one ML entity the catalog
// rejects, a valid use case, a component the catalog rejects for reasons of
// its own, and a model that is valid until its owner breaks it.
const organisation = `
${BS}
kind: Group
metadata: { name: customer-analytics }
spec: { type: team, children: [] }
---
${BS}
kind: Group
metadata: { name: ml-platform }
spec: { type: team, children: [] }
---
${BS}
kind: User
metadata: { name: maria }
spec: { memberOf: [customer-analytics] }
---
${ML}
kind: MLUseCase
metadata: { name: customer-profiling }
spec:
  owner: customer-analytics
  lifecycle: production
---
${ML}
kind: MLModel
metadata:
  name: upsell-draft
  title: Upsell propensity (draft)
spec:
  owner: group:customer-analytics
  useCase: customer-profiling
  lifecycle: experimental
  type: classification
  metrcs:
    - { name: auc, value: 0.71 }
---
${ML}
kind: MLMonitor
metadata: { name: upsell-drift }
spec:
  owner: group:ml-platform
  model: 'mlmodel:'
  type: data-drift
  features:
    - { name: tenure, type: numerical, statistic: psi, warning: high, alert: 0.25 }
---
${BS}
kind: Component
metadata: { name: upsell-api }
spec: { owner: customer-analytics }
`;

const segmentModel = (metrics: string) => `
${ML}
kind: MLModel
metadata: { name: segment-kmeans }
spec:
  owner: customer-analytics
  useCase: customer-profiling
  lifecycle: production
  type: clustering
  metrics: [${metrics}]
`;

// The catalog's record of unprocessed entities reads differently on each.
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/**
 * The 1-based line of the first line of `text` holding `what`; with
 * `before`, the last such line before the first line holding `before`.
 */
function lineOf(text: string, what: string, before?: string): number {
  const lines = text.split('\n');
  const end = before ? lines.findIndex(l => l.includes(before)) : lines.length;
  const candidates = lines
    .slice(0, end)
    .map((l, i) => (l.includes(what) ? i + 1 : 0))
    .filter(Boolean);
  return before ? candidates[candidates.length - 1] : candidates[0];
}

const maria = 'user:default/maria';
const outsider = 'user:default/olga';

/** A database of the given engine for each plugin, as in a real backend. */
async function databasePerPlugin(databaseId: TestDatabaseId) {
  const knexes = {
    catalog: await databases.init(databaseId),
    mlops: await databases.init(databaseId),
  };
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => {
      const knex = knexes[plugin.getId() as keyof typeof knexes];
      return { getClient: async () => knex };
    },
  });
}

/**
 * The catalog with the mlops module, the mlops backend and, unless left out,
 * the unprocessed-entities module. Only a member of a group counts as its
 * owner; only `platform` may read the catalog's unprocessed entities.
 */
async function startBackend(options: {
  files: Record<string, string>;
  databaseId?: TestDatabaseId;
  unprocessedModule?: boolean;
}) {
  const directory = createMockDirectory({ content: options.files });
  const features: BackendFeature[] = [
    ...(options.databaseId
      ? [await databasePerPlugin(options.databaseId)]
      : []),
    catalogPlugin,
    catalogModuleMlops,
    ...(options.unprocessedModule === false
      ? []
      : [catalogModuleUnprocessedEntities]),
    mlopsPlugin,
    mockServices.rootConfig.factory({
      data: {
        catalog: {
          processingInterval: { seconds: 1 },
          rules: [
            {
              allow: [
                'Group',
                'User',
                'Component',
                'Location',
                'MLUseCase',
                'MLModel',
                'MLMonitor',
              ],
            },
          ],
          locations: Object.keys(options.files).map(file => ({
            type: 'file',
            target: directory.resolve(file),
          })),
        },
      },
    }),
    mockServices.permissions.mock({
      // As the real permissions service, services are allowed everything.
      authorize: async (requests, { credentials }) => {
        const principal = credentials.principal as {
          type: string;
          userEntityRef?: string;
        };
        const platform =
          principal.type === 'service' ||
          principal.userEntityRef === 'user:default/platform';
        return requests.map(({ permission }) => ({
          result:
            permission.name === 'catalog.entities.unprocessed.read' && !platform
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }));
      },
      authorizeConditional: async requests =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any,
    }).factory,
    mockServices.userInfo.mock({
      getUserInfo: async credentials => {
        const ref = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        return {
          userEntityRef: ref,
          ownershipEntityRefs:
            ref === maria ? [ref, 'group:default/customer-analytics'] : [ref],
        };
      },
    }).factory,
    createServiceFactory({
      service: notificationService,
      deps: {},
      factory: () => ({ send: async () => {} }),
    }),
    actionsRegistryServiceMock.factory(),
  ];
  const backend = await startTestBackend({ features });
  return { backend, directory };
}

function rejected(backend: TestBackend, user: string, owner?: string) {
  return request(backend.server)
    .get('/api/mlops/rejected-entities')
    .query(owner ? { owner } : {})
    .set('Authorization', mockCredentials.user.header(user));
}

/** Asks until `done` holds of the answer, as the catalog processes in the background. */
async function eventually(
  ask: () => Promise<request.Response>,
  done: (items: RejectedEntity[]) => boolean,
): Promise<RejectedEntity[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await ask();
    expect([response.status, response.body.error?.message]).toEqual([
      200,
      undefined,
    ]);
    const { items } = response.body as RejectedEntities;
    if (done(items)) return items;
    if (Date.now() > deadline) {
      throw new Error(`Timed out; last answer: ${JSON.stringify(items)}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

describe.each(databases.eachSupportedId())(
  'GET /rejected-entities, with the catalog processing real YAML, on %s',
  databaseId => {
    let backend: TestBackend;
    let directory: ReturnType<typeof createMockDirectory>;

    beforeAll(async () => {
      ({ backend, directory } = await startBackend({
        databaseId,
        files: {
          'org.yaml': organisation,
          'segment.yaml': segmentModel('{ name: silhouette, value: 0.41 }'),
        },
      }));
    });

    afterAll(() => backend?.stop());

    it('shows an owner their rejected model with the field the module names and the file', async () => {
      const items = await eventually(
        () => rejected(backend, maria, 'group:customer-analytics'),
        found => found.length > 0,
      );
      expect(items).toEqual([
        {
          entityRef: 'mlmodel:default/upsell-draft',
          kind: 'MLModel',
          title: 'Upsell propensity (draft)',
          owner: 'group:default/customer-analytics',
          state: 'not-in-catalog',
          location: {
            type: 'file',
            target: directory.resolve('org.yaml'),
            line: lineOf(organisation, 'apiVersion', 'name: upsell-draft'),
          },
          problems: [
            {
              field: 'spec.metrcs',
              line: lineOf(organisation, 'metrcs:'),
              message: expect.stringMatching(
                /^is not a known field; did you mean "metrics"\? \(known fields of spec: owner, /,
              ),
            },
          ],
        },
      ]);
    });

    it('lists every rejected ML entity, by owner, for whoever may read the catalog’s unprocessed entities, and no entity of another kind', async () => {
      const items = await eventually(
        () => rejected(backend, 'user:default/platform'),
        found => found.length >= 2,
      );
      expect(items.map(i => [i.owner, i.entityRef])).toEqual([
        ['group:default/customer-analytics', 'mlmodel:default/upsell-draft'],
        ['group:default/ml-platform', 'mlmonitor:default/upsell-drift'],
      ]);
      // In the order of the file, each at its line.
      expect(items[1].problems.map(p => [p.field, p.line])).toEqual([
        ['spec.model', lineOf(organisation, "model: 'mlmodel:'")],
        ['spec.features[0].warning', lineOf(organisation, 'warning: high')],
      ]);
    });

    it('shows others only what they own: a member of the team its own, an outsider nothing', async () => {
      await eventually(
        () => rejected(backend, maria),
        found => found.length > 0,
      );
      const mine = await rejected(backend, maria);
      expect(mine.body.items.map((i: RejectedEntity) => i.entityRef)).toEqual([
        'mlmodel:default/upsell-draft',
      ]);
      const theirs = await rejected(backend, outsider);
      expect(theirs.status).toBe(200);
      expect(theirs.body).toEqual({ items: [] });
    });

    it('shows a model whose owner broke it as rejected while the catalog still serves its previous version', async () => {
      const model = () =>
        request(backend.server)
          .get('/api/catalog/entities/by-name/mlmodel/default/segment-kmeans')
          .set('Authorization', mockCredentials.user.header(maria));
      const deadline = Date.now() + 60_000;
      while ((await model()).status !== 200 && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 250));
      }
      expect((await rejected(backend, maria)).body.items).not.toContainEqual(
        expect.objectContaining({
          entityRef: 'mlmodel:default/segment-kmeans',
        }),
      );

      const broken = segmentModel('{ name: silhouette, value: high }');
      directory.addContent({ 'segment.yaml': broken });
      const items = await eventually(
        () => rejected(backend, maria, 'group:default/customer-analytics'),
        found =>
          found.some(i => i.entityRef === 'mlmodel:default/segment-kmeans'),
      );
      expect(
        items.find(i => i.entityRef === 'mlmodel:default/segment-kmeans'),
      ).toEqual({
        entityRef: 'mlmodel:default/segment-kmeans',
        kind: 'MLModel',
        owner: 'group:default/customer-analytics',
        state: 'previous-version-served',
        location: {
          type: 'file',
          target: directory.resolve('segment.yaml'),
          line: lineOf(broken, 'apiVersion'),
        },
        problems: [
          {
            field: 'spec.metrics[0].value',
            line: lineOf(broken, 'value: high'),
            message: 'must be a number, got "high"',
          },
        ],
      });
      // The catalog still serves the version it accepted.
      expect((await model()).body.spec.metrics).toEqual([
        { name: 'silhouette', value: 0.41 },
      ]);
    });

    it('refuses an owner that is not an entity reference, naming it', async () => {
      const response = await rejected(backend, maria, 'group:');
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain('Invalid owner "group:"');
    });
  },
);

describe('GET /rejected-entities without the unprocessed-entities module', () => {
  it('answers 503, naming the module to install', async () => {
    const { backend } = await startBackend({
      files: { 'org.yaml': organisation },
      unprocessedModule: false,
    });
    try {
      const response = await rejected(backend, maria);
      expect(response.status).toBe(503);
      expect(response.body.error.message).toContain(
        '@backstage/plugin-catalog-backend-module-unprocessed',
      );
    } finally {
      await backend.stop();
    }
  });
});
