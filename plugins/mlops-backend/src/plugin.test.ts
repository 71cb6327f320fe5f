import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { createExternalCheck } from '@mlightenment/backstage-plugin-mlops-common';
import { mlopsChecksExtensionPoint } from '@mlightenment/backstage-plugin-mlops-node';
import { mlopsPlugin } from './plugin';
import { spec } from './schema/openapi.generated';
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';

jest.setTimeout(60_000);

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
});

const owned = (owner: string) => [
  { type: 'ownedBy', targetRef: `group:default/${owner}` },
];

const useCase: Entity = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLUseCase',
  metadata: {
    name: 'churn-prevention',
    namespace: 'default',
    title: 'Churn prevention',
  },
  spec: {
    owner: 'group:default/retention-analytics',
    lifecycle: 'production',
    acceptanceCriteria: [{ metric: 'recall', operator: '>=', threshold: 0.7 }],
  },
  relations: [
    ...owned('retention-analytics'),
    { type: 'useCaseImplementedBy', targetRef: 'mlmodel:default/churn-gbm' },
  ],
};

const model = (
  name: string,
  recall: number,
  owner = 'retention-analytics',
): Entity => ({
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLModel',
  metadata: { name, namespace: 'default' },
  spec: {
    owner: `group:default/${owner}`,
    useCase: 'churn-prevention',
    lifecycle: 'production',
    type: 'classification',
    version: '1.0.0',
    metrics: [{ name: 'recall', value: recall }],
  },
  relations: [
    ...owned(owner),
    {
      type: 'implementsUseCase',
      targetRef: 'mlusecase:default/churn-prevention',
    },
  ],
});

const entities = [
  group('data-science'),
  group('retention-analytics', 'group:default/data-science'),
  group('claims-analytics', 'group:default/data-science'),
  group('finance'),
  useCase,
  model('churn-gbm', 0.76),
  model('churn-logit', 0.52),
  model('claims-triage', 0.9, 'claims-analytics'),
];

const config = {
  mlops: {
    maturity: {
      schedule: {
        frequency: { minutes: 30 },
        timeout: { minutes: 1 },
        initialDelay: { seconds: 0 },
      },
    },
  },
};

async function startBackend(
  options: {
    permissions?: ReturnType<typeof mockServices.permissions.mock>;
    /** Requests come without a token. */
    anonymous?: boolean;
  } = {},
) {
  const { server } = await startTestBackend({
    features: [
      mlopsPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({ data: config }),
      actionsRegistryServiceMock.factory(),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      ...(options.permissions ? [options.permissions.factory] : []),
      ...(options.anonymous
        ? [
            mockServices.httpAuth.factory({
              defaultCredentials: mockCredentials.none(),
            }),
          ]
        : []),
    ],
  });
  return server;
}

const user = mockCredentials.user('user:default/jane');

async function scorecardOf(server: any, path: string) {
  // The first evaluation runs at start-up; wait for it.
  for (let i = 0; i < 100; i++) {
    const response = await request(server)
      .get(`/api/mlops/scorecards/${path}`)
      .set('Authorization', mockCredentials.user.header());
    if (response.status !== 404) return response;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`No scorecard for ${path}`);
}

describe('mlops backend plugin', () => {
  it('evaluates every ML entity at start-up and serves its scorecard', async () => {
    const server = await startBackend();
    const response = await scorecardOf(server, 'mlmodel/default/churn-logit');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      entityRef: 'mlmodel:default/churn-logit',
      kind: 'MLModel',
      rubricId: 'mlops-maturity',
    });
    const criteria = response.body.results.find(
      (r: any) => r.checkId === 'model.acceptance-criteria-met',
    );
    expect(criteria).toMatchObject({ outcome: 'failed' });
    expect(criteria.reason).toContain('recall 0.52 (needs >= 0.7)');
    expect(response.body.level).toBeLessThan(2);
    expect(response.body.nextLevel.blocking.length).toBeGreaterThan(0);
  });

  it('does not start with an invalid rubric, naming the config key', async () => {
    await expect(
      startTestBackend({
        features: [
          mlopsPlugin,
          catalogServiceMock.factory({ entities }),
          mockServices.rootConfig.factory({
            data: {
              mlops: {
                maturity: {
                  customChecks: [
                    {
                      id: 'model.techdocs',
                      title: 'TechDocs',
                      stage: 'operationalisation',
                      level: 7,
                      kinds: ['MLModel'],
                      path: 'metadata.annotations["backstage.io/techdocs-ref"]',
                      operator: 'exists',
                    },
                  ],
                },
              },
            },
          }),
          actionsRegistryServiceMock.factory(),
        ],
      }),
    ).rejects.toThrow(/mlops\.maturity\.customChecks\[0\]\.level/);
  });

  it('needs a token', async () => {
    const server = await startBackend({ anonymous: true });
    const response = await request(server).get('/api/mlops/rubric');
    expect(response.status).toBe(401);
  });

  describe('every route of the OpenAPI spec', () => {
    // Routes served without a token: the catalog-file schemas for editors
    // and the badges for READMEs.
    const PUBLIC = ['/schemas', '/badges'];
    const PARAMETERS: Record<string, string> = {
      kind: 'mlusecase',
      namespace: 'default',
      stage: 'strategy',
    };
    const routes = Object.entries(spec.paths).flatMap(([path, item]) =>
      ['get', 'post', 'put', 'patch', 'delete']
        .filter(method => method in (item as object))
        .map(method => ({
          method: method as 'get' | 'post' | 'put' | 'patch' | 'delete',
          path,
          // A 5xx the spec documents (503: a module the route needs is not installed).
          documented: Object.keys((item as any)[method].responses ?? {}),
          // Valid parameters naming an entity that does not exist.
          url: `/api/mlops${path.replace(
            /\{([^}]+)\}/g,
            (_, name: string) => PARAMETERS[name] ?? 'unknown',
          )}`,
        })),
    );

    it("is in the document served at /openapi.json, under the plugin's base path", async () => {
      const server = await startBackend();
      const response = await request(server)
        .get('/api/mlops/openapi.json')
        .set('Authorization', mockCredentials.user.header());
      expect(response.status).toBe(200);
      expect(Object.keys(response.body.paths).sort()).toEqual(
        Object.keys(spec.paths)
          .map(path => `/api/mlops${path}`)
          .sort(),
      );
    });

    it('covers the routes of every part of the spec', () => {
      expect(routes.length).toBeGreaterThanOrEqual(30);
      for (const prefix of [
        '/scorecards',
        '/gates',
        '/drift',
        '/value',
        '/diagnostic',
      ]) {
        expect(routes.some(r => r.path.startsWith(prefix))).toBe(true);
      }
    });

    it('answers a caller without a token 401, never a 5xx', async () => {
      const server = await startBackend({ anonymous: true });
      const answers = [];
      for (const route of routes) {
        if (PUBLIC.some(prefix => route.path.startsWith(prefix))) continue;
        const response = await request(server)[route.method](route.url);
        answers.push(`${route.method} ${route.path} ${response.status}`);
      }
      expect(answers.filter(a => !a.endsWith(' 401'))).toEqual([]);
    });

    it('answers a signed-in caller reading an entity that does not exist without a 5xx', async () => {
      const server = await startBackend();
      const answers = [];
      for (const route of routes) {
        if (route.method !== 'get') continue;
        const response = await request(server)
          .get(route.url)
          .set('Authorization', mockCredentials.user.header());
        if (!route.documented.includes(String(response.status))) {
          answers.push(`${route.path} ${response.status}`);
        }
      }
      expect(answers.filter(a => / 5\d\d$/.test(a))).toEqual([]);
    });

    it('answers a signed-in caller sending a body the route does not take with a 4xx naming it, never a 5xx', async () => {
      const server = await startBackend();
      const answers = [];
      for (const route of routes) {
        if (route.method === 'get' || route.method === 'delete') continue;
        const response = await request(server)
          [route.method](route.url)
          .set('Authorization', mockCredentials.user.header())
          .send({ notAField: ['of', 'this', 'route'] });
        answers.push({
          route: `${route.method} ${route.path}`,
          status: response.status,
          message: String(response.body?.error?.message ?? ''),
        });
      }
      expect(answers.filter(a => a.status < 400 || a.status >= 500)).toEqual(
        [],
      );
      expect(answers.filter(a => a.message === '')).toEqual([]);
    });
  });

  it('rejects bad parameters with a 400 that names them', async () => {
    const server = await startBackend();
    await scorecardOf(server, 'mlmodel/default/churn-gbm');
    const badDays = await request(server)
      .get('/api/mlops/scorecards/mlmodel/default/churn-gbm/history?days=0')
      .set('Authorization', mockCredentials.user.header());
    expect(badDays.status).toBe(400);
    expect(badDays.body.error.message).toMatch(/days/);
    const badKind = await request(server)
      .get('/api/mlops/scorecards/component/default/churn-gbm')
      .set('Authorization', mockCredentials.user.header());
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.message).toMatch(/Invalid kind "component"/);
    const unknownParam = await request(server)
      .get('/api/mlops/teams?team=x')
      .set('Authorization', mockCredentials.user.header());
    expect(unknownParam.status).toBe(400);
    expect(unknownParam.body.error.message).toMatch(/team/);
  });

  it('rolls a team up over its child groups', async () => {
    const server = await startBackend();
    await scorecardOf(server, 'mlmodel/default/claims-triage');
    const response = await request(server)
      .get('/api/mlops/teams/default/data-science?kind=MLModel')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    expect(response.body.groups.sort()).toEqual([
      'group:default/claims-analytics',
      'group:default/data-science',
      'group:default/retention-analytics',
    ]);
    expect(response.body.summary.entityCount).toBe(3);
    expect(
      response.body.summary.distribution.reduce(
        (a: number, b: number) => a + b,
      ),
    ).toBe(3);
    expect(response.body.weakest[0].entityRef).toBe(
      'mlmodel:default/churn-logit',
    );
    expect(response.body.page).toEqual({ offset: 0, limit: 100 });

    // The leaderboard comes a page at a time; the summary counts them all.
    const second = await request(server)
      .get(
        '/api/mlops/teams/default/data-science?kind=MLModel&offset=1&limit=1',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(second.body.page).toEqual({ offset: 1, limit: 1 });
    expect(second.body.entities.map((e: any) => e.entityRef)).toEqual([
      response.body.entities[1].entityRef,
    ]);
    expect(second.body.summary).toEqual(response.body.summary);
    const tooMany = await request(server)
      .get('/api/mlops/teams/default/data-science?limit=501')
      .set('Authorization', mockCredentials.user.header());
    expect(tooMany.status).toBe(400);

    const csv = await request(server)
      .get('/api/mlops/teams/default/data-science/export.csv?kind=MLModel')
      .set('Authorization', mockCredentials.user.header());
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'entityRef,kind,title,owner,level,score,levelChange,scoreChange,evaluatedAt,levelName',
    );
    expect(lines).toHaveLength(4);

    const empty = await request(server)
      .get('/api/mlops/teams/default/finance')
      .set('Authorization', mockCredentials.user.header());
    expect(empty.body.summary.entityCount).toBe(0);
    const missing = await request(server)
      .get('/api/mlops/teams/default/nobody')
      .set('Authorization', mockCredentials.user.header());
    expect(missing.status).toBe(404);
  });

  it('accepts pushed results for known checks only, recording who pushed them', async () => {
    const server = await startBackend();
    await scorecardOf(server, 'mlmodel/default/churn-gbm');
    const unknown = await request(server)
      .post('/api/mlops/check-results')
      .set('Authorization', mockCredentials.user.header())
      .send({
        entityRef: 'mlmodel:default/churn-gbm',
        checkId: 'ci.nope',
        outcome: 'passed',
        reason: 'green',
      });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/checkId "ci.nope"/);

    const badOutcome = await request(server)
      .post('/api/mlops/check-results')
      .set('Authorization', mockCredentials.user.header())
      .send({
        entityRef: 'mlmodel:default/churn-gbm',
        checkId: 'model.version-declared',
        outcome: 'green',
        reason: 'x',
      });
    expect(badOutcome.status).toBe(400);
    expect(badOutcome.body.error.message).toMatch(/outcome/);
  });

  it('takes checks and facts from backend modules, and results pushed for external checks', async () => {
    const ciModule = createBackendModule({
      pluginId: 'mlops',
      moduleId: 'ci',
      register(env) {
        env.registerInit({
          deps: { checks: mlopsChecksExtensionPoint },
          async init({ checks }) {
            checks.addChecks(
              createExternalCheck({
                id: 'model.ci-tests',
                title: 'Training pipeline tests pass',
                description: 'The CI pipeline reports its model tests.',
                stage: 'prototyping',
                level: 2,
                kinds: ['MLModel'],
                rationale: 'Untested pipelines ship broken models.',
                remediation: { text: 'Push the result from CI.' },
              }),
              {
                id: 'model.registry-signed',
                title: 'Artifact signed',
                description: 'The registry reports a signed artifact.',
                stage: 'prototyping',
                level: 3,
                kinds: ['MLModel'],
                rationale: 'Unsigned artifacts can be swapped.',
                remediation: { text: 'Sign the artifact.' },
                evaluate: ({ facts }) =>
                  facts['registry.signed']
                    ? { outcome: 'passed', reason: 'Signed.' }
                    : { outcome: 'failed', reason: 'Not signed.' },
              },
            );
            checks.addFactSource({
              id: 'registry',
              getFacts: async models =>
                new Map(
                  models
                    .filter(m => m.metadata.name === 'churn-gbm')
                    .map(m => [
                      `mlmodel:default/${m.metadata.name}`,
                      { 'registry.signed': true },
                    ]),
                ),
            });
            checks.addFactSource({
              id: 'broken',
              getFacts: async () => {
                throw new Error('registry down');
              },
            });
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [
        mlopsPlugin,
        ciModule,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({ data: config }),
        actionsRegistryServiceMock.factory(),
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
      ],
    });
    const before = await scorecardOf(server, 'mlmodel/default/churn-gbm');
    const outcome = (body: any, id: string) =>
      body.results.find((r: any) => r.checkId === id)?.outcome;
    expect(outcome(before.body, 'model.ci-tests')).toBe('not-reported');
    expect(outcome(before.body, 'model.registry-signed')).toBe('passed');

    const pushed = await request(server)
      .post('/api/mlops/check-results')
      .set('Authorization', mockCredentials.user.header('user:default/ci-bot'))
      .send({
        entityRef: 'mlmodel:default/churn-gbm',
        checkId: 'model.ci-tests',
        outcome: 'passed',
        reason: '212 tests passed',
        link: 'https://ci.example.com/runs/42',
      });
    expect(pushed.status).toBe(201);
    expect(pushed.body).toMatchObject({
      submittedBy: 'user:default/ci-bot',
      outcome: 'passed',
    });
    const after = await request(server)
      .get('/api/mlops/scorecards/mlmodel/default/churn-gbm')
      .set('Authorization', mockCredentials.user.header());
    const result = after.body.results.find(
      (r: any) => r.checkId === 'model.ci-tests',
    );
    expect(result.outcome).toBe('passed');
    expect(result.reason).toContain('reported by user:default/ci-bot');
  });

  it('refuses an on-demand refresh without the permission', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: async () => [{ result: AuthorizeResult.DENY }],
      authorizeConditional: async () => [{ result: AuthorizeResult.ALLOW }],
    });
    const server = await startBackend({ permissions });
    await scorecardOf(server, 'mlmodel/default/churn-gbm');
    const response = await request(server)
      .post('/api/mlops/scorecards/mlmodel/default/churn-gbm/refresh')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(/mlops.scorecard.refresh/);
  });

  it('refreshes on demand with the permission', async () => {
    const server = await startBackend();
    await scorecardOf(server, 'mlmodel/default/churn-gbm');
    const response = await request(server)
      .post('/api/mlops/scorecards/mlmodel/default/churn-gbm/refresh')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    expect(response.body.entityRef).toBe('mlmodel:default/churn-gbm');
  });

  it('hides scores of entities the caller may not read', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: async () => [{ result: AuthorizeResult.ALLOW }],
      authorizeConditional: async () => [{ result: AuthorizeResult.DENY }],
    });
    const server = await startBackend({ permissions });
    await new Promise(resolve => setTimeout(resolve, 1500));
    const response = await request(server)
      .get('/api/mlops/scorecards/mlmodel/default/churn-gbm')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(404);
    const team = await request(server)
      .get('/api/mlops/teams/default/data-science')
      .set('Authorization', mockCredentials.user.header());
    expect(team.body.summary.entityCount).toBe(0);
  });

  it("serves a team's cached roll-up only to callers who may read every entity", async () => {
    let mayRead: AuthorizeResult = AuthorizeResult.ALLOW;
    const permissions = mockServices.permissions.mock({
      authorize: async () => [{ result: AuthorizeResult.ALLOW }],
      authorizeConditional: async () => [{ result: mayRead }] as any,
    });
    const server = await startBackend({ permissions });
    await scorecardOf(server, 'mlmodel/default/claims-triage');
    const team = () =>
      request(server)
        .get('/api/mlops/teams/default/data-science?kind=MLModel')
        .set('Authorization', mockCredentials.user.header());
    const everything = await team();
    expect(everything.body.summary.entityCount).toBe(3);
    expect(everything.body.weakest).toHaveLength(3);
    mayRead = AuthorizeResult.DENY;
    const nothing = await team();
    expect(nothing.body.summary.entityCount).toBe(0);
    expect(nothing.body.entities).toEqual([]);
    expect(nothing.body.weakest).toEqual([]);
    mayRead = AuthorizeResult.ALLOW;
    expect((await team()).body).toEqual(everything.body);
  });

  it('serves the catalog-file schema to editors without a token', async () => {
    const { server } = await startTestBackend({
      features: [
        mlopsPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({ data: config }),
        actionsRegistryServiceMock.factory(),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    const response = await request(server).get(
      '/api/mlops/schemas/catalog-info.schema.json',
    );
    expect(response.status).toBe(200);
    const schema = JSON.parse(response.text);
    expect(JSON.stringify(schema)).toContain('MLModel');
    expect(JSON.stringify(schema)).toContain('mlTestScore');
  });

  it('draws a badge with the level', async () => {
    const server = await startBackend();
    const scorecard = await scorecardOf(server, 'mlmodel/default/churn-gbm');
    const response = await request(server)
      .get('/api/mlops/badges/mlmodel/default/churn-gbm')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(response.body.toString()).toContain(
      `L${scorecard.body.level} · ${scorecard.body.levelName}`,
    );
  });

  it('answers MCP clients through actions, for entities and teams', async () => {
    const actionsRegistry = actionsRegistryServiceMock();
    const { server } = await startTestBackend({
      features: [
        mlopsPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({ data: config }),
        createServiceFactory({
          service: actionsRegistryServiceRef,
          deps: {},
          factory: () => actionsRegistry,
        }),
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
      ],
    });
    await scorecardOf(server, 'mlmodel/default/claims-triage');
    const entity = await actionsRegistry.invoke({
      // The mock registry names actions after a plugin called `test`.
      id: 'test:get-ml-entity-maturity',
      input: { entityRef: 'mlmodel:default/churn-logit' },
      credentials: user,
    });
    expect(entity.output).toMatchObject({
      entityRef: 'mlmodel:default/churn-logit',
      nextLevel: {
        missing: expect.arrayContaining([
          expect.objectContaining({
            checkId: 'model.acceptance-criteria-met',
            outcome: 'failed',
          }),
        ]),
      },
    });
    const team = await actionsRegistry.invoke({
      id: 'test:get-team-ml-maturity',
      input: { groupRef: 'group:default/data-science', kind: 'MLModel' },
      credentials: user,
    });
    expect(team.output).toMatchObject({
      teamRef: 'group:default/data-science',
      entityCount: 3,
    });
  });
});
