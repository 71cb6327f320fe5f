import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  mlopsDriftSourceDryRunPermission,
  validateMlopsEntity,
} from '@mlightenment/backstage-plugin-mlops-common';
import {
  DriftSourceBindingPull,
  DriftSourceSeriesBatch,
  mlopsDriftSourcesExtensionPoint,
  MlopsDriftSourcePullOptions,
} from '@mlightenment/backstage-plugin-mlops-node';
import type { Knex } from 'knex';
import request from 'supertest';
import { DatabaseDriftStore } from '../drift/DatabaseDriftStore';
import { mlopsPlugin } from '../plugin';
import {
  createMonitorSourceConditionalDecision,
  monitorSourceConditions,
} from './permissionRules';
import { driftSourceTaskId } from '.';
import {
  TENURE_PSI,
  CARE_CONTACTS_KS,
  churnInputDrift,
} from '../__testUtils__/entities';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const MONITOR = 'mlmonitor:default/churn-gbm-input-drift';
const OWNER = 'group:default/ml-platform';
const auth = { Authorization: mockCredentials.user.header() };
const HOUR = 3_600_000;
const hourAgo = (hours: number) =>
  new Date(Math.floor(Date.now() / HOUR) * HOUR - hours * HOUR);

const monitor: Entity = churnInputDrift({
  features: [TENURE_PSI, CARE_CONTACTS_KS],
  spec: {
    source: {
      prometheus: {
        instance: 'main',
        features: [
          { name: 'tenure_months', query: 'churn_feature_psi' },
          { name: 'care_contacts_30d', query: 'churn_ks_p_value' },
        ],
      },
    },
  },
  ownedBy: true,
});

/**
 * A source that pulls one binding per feature of the monitor: each call
 * answers with the next of `answers`, given what the backend passed.
 */
function testSource(
  answers: Array<
    (options: MlopsDriftSourcePullOptions) => DriftSourceBindingPull[]
  >,
) {
  const calls: MlopsDriftSourcePullOptions[] = [];
  const module = createBackendModule({
    pluginId: 'mlops',
    moduleId: 'test-binding-source',
    register(env) {
      env.registerInit({
        deps: { drift: mlopsDriftSourcesExtensionPoint },
        async init({ drift }) {
          drift.addDriftSource({
            id: 'test',
            async pull(options) {
              calls.push(options);
              const answer =
                answers[Math.min(calls.length, answers.length) - 1];
              return answer(options);
            },
          });
        },
      });
    },
  });
  return { module, calls };
}

/** Hourly observations; care_contacts_30d's thresholds are on the p-value. */
const observations = (feature: string, hours: number[]) =>
  hours.map(h => ({
    feature,
    observedAt: hourAgo(h).toISOString(),
    ...(feature === 'care_contacts_30d' ? { pValue: 0.5 } : { value: 0.05 }),
  }));

/** Each binding's state and what it imported, last pull and in all. */
const importedOf = (bindings: any[]) =>
  bindings.map(b => [b.binding, b.state, b.imported, b.totalImported]);

const pull = (
  binding: string,
  fields: Partial<DriftSourceBindingPull>,
): DriftSourceBindingPull => ({
  monitor: MONITOR,
  binding,
  description: `query of ${binding}`,
  batches: [],
  skipped: 0,
  span: { from: hourAgo(3).toISOString(), to: hourAgo(1).toISOString() },
  ...fields,
});

describe.each(databases.eachSupportedId())(
  'drift sources that report bindings, on %s',
  databaseId => {
    let knex: Knex;
    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    async function startBackend(options: {
      source: ReturnType<typeof testSource>;
      permissions?: ReturnType<typeof mockServices.permissions.mock>;
    }) {
      const tasks = new Map<string, () => Promise<void>>();
      const scheduler: Partial<SchedulerService> = {
        scheduleTask: async task => {
          tasks.set(task.id, task.fn as () => Promise<void>);
        },
        triggerTask: async () => {},
      };
      const { server } = await startTestBackend({
        features: [
          mlopsPlugin,
          options.source.module,
          catalogServiceMock.factory({ entities: [monitor] }),
          mockServices.database.factory({ knex }),
          createServiceFactory({
            service: coreServices.scheduler,
            deps: {},
            factory: () => scheduler as SchedulerService,
          }),
          actionsRegistryServiceMock.factory(),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: async () => {} }),
          }),
          ...(options.permissions ? [options.permissions.factory] : []),
        ],
      });
      const runPull = () => tasks.get(driftSourceTaskId('test'))!();
      return { server, runPull };
    }

    const status = async (server: any) =>
      request(server)
        .get('/api/mlops/drift/sources/default/churn-gbm-input-drift')
        .set(auth);

    it('binds a valid monitor', () => {
      expect(validateMlopsEntity(monitor as any)).toEqual([]);
    });

    it("keeps each binding's last pull, samples imported and skipped, and the source's error verbatim", async () => {
      const refused =
        'Prometheus instance "main" refused the query: bad_data: 1:24: parse error: unclosed left parenthesis';
      const source = testSource([
        () => [
          pull('tenure_months', {
            batches: [
              {
                monitor: MONITOR,
                idempotencyKey: 'test:tenure:1',
                observations: observations('tenure_months', [3, 2, 1]),
              },
            ],
            skipped: 2,
          }),
          pull('care_contacts_30d', { error: refused }),
        ],
      ]);
      const { server, runPull } = await startBackend({ source });
      await runPull();
      const response = await status(server);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        monitor: MONITOR,
        bindings: [
          {
            source: 'test',
            binding: 'care_contacts_30d',
            description: 'query of care_contacts_30d',
            state: 'failed',
            lastPullAt: expect.any(String),
            imported: 0,
            skipped: 0,
            totalImported: 0,
            lastError: { at: expect.any(String), message: refused },
          },
          {
            source: 'test',
            binding: 'tenure_months',
            description: 'query of tenure_months',
            state: 'ok',
            lastPullAt: expect.any(String),
            pulledThrough: hourAgo(1).toISOString(),
            imported: 3,
            skipped: 2,
            totalImported: 3,
          },
        ],
      });
    });

    it('asks again for the span of a binding that failed, and from its end for one that succeeded', async () => {
      const source = testSource([
        () => [
          pull('tenure_months', {
            batches: [
              {
                monitor: MONITOR,
                idempotencyKey: 'test:tenure:1',
                observations: observations('tenure_months', [1]),
              },
            ],
          }),
          pull('care_contacts_30d', {
            error: 'did not answer after 3 attempts',
          }),
        ],
        () => [
          pull('tenure_months', { span: undefined }),
          pull('care_contacts_30d', {
            batches: [
              {
                monitor: MONITOR,
                idempotencyKey: 'test:care:1',
                observations: observations('care_contacts_30d', [3, 1]),
              },
            ],
          }),
        ],
      ]);
      const { server, runPull } = await startBackend({ source });
      await runPull();
      await runPull();
      const through = (options: MlopsDriftSourcePullOptions, binding: string) =>
        options.pulledThrough(MONITOR, binding)?.toISOString();
      expect(through(source.calls[0], 'tenure_months')).toBeUndefined();
      expect(through(source.calls[1], 'tenure_months')).toBe(
        hourAgo(1).toISOString(),
      );
      // The failed binding starts where it started before.
      expect(through(source.calls[1], 'care_contacts_30d')).toBeUndefined();
      expect(source.calls[1].dryRun).toBe(false);

      const { bindings } = (await status(server)).body;
      // Nothing was due for tenure_months: its status stays as it was.
      expect(importedOf(bindings)).toEqual([
        ['care_contacts_30d', 'ok', 2, 2],
        ['tenure_months', 'ok', 1, 1],
      ]);
      // The failure stays on record after the recovery.
      expect(bindings[0].lastError.message).toBe(
        'did not answer after 3 attempts',
      );
    });

    it('says "no data" for a binding whose query has no samples', async () => {
      const source = testSource([() => [pull('tenure_months', {})]]);
      const { server, runPull } = await startBackend({ source });
      await runPull();
      const { bindings } = (await status(server)).body;
      expect(bindings).toEqual([
        expect.objectContaining({
          binding: 'tenure_months',
          state: 'no-data',
          imported: 0,
          pulledThrough: hourAgo(1).toISOString(),
        }),
      ]);
      const health = await request(server)
        .get(`/api/mlops/drift/health/mlmonitor/default/churn-gbm-input-drift`)
        .set(auth);
      expect(health.body.state).toBe('no-data');
    });

    it('fails a binding whose batch the drift API refuses, and keeps it where the stored batches reach', async () => {
      const source = testSource([
        () => [
          pull('tenure_months', {
            batches: [
              {
                monitor: MONITOR,
                idempotencyKey: 'test:tenure:1',
                observations: observations('tenure_months', [3, 2]),
              },
              {
                monitor: MONITOR,
                idempotencyKey: 'test:tenure:2',
                observations: observations('no_such_feature', [1]),
              },
              {
                monitor: MONITOR,
                idempotencyKey: 'test:tenure:3',
                observations: observations('tenure_months', [1]),
              },
            ],
          }),
        ],
      ]);
      const { server, runPull } = await startBackend({ source });
      await runPull();
      await runPull();
      // Nothing after the refused batch: the next pull asks for it again.
      expect((await new DatabaseDriftStore(knex).counts()).observations).toBe(
        2,
      );
      const [binding] = (await status(server)).body.bindings;
      expect(binding).toMatchObject({
        state: 'failed',
        imported: 0, // the second pull's first batch was stored before
        totalImported: 2,
        pulledThrough: hourAgo(2).toISOString(),
        lastError: {
          message: expect.stringMatching(
            /^batch test:tenure:2 was not stored: .*no_such_feature/,
          ),
        },
      });
      expect(
        source.calls[1].pulledThrough(MONITOR, 'tenure_months')?.toISOString(),
      ).toBe(hourAgo(2).toISOString());
    });

    it('counts a batch pushed before under its key as stored, and one pushed with another body as a conflict', async () => {
      const same = {
        monitor: MONITOR,
        idempotencyKey: 'test:tenure:1',
        observations: observations('tenure_months', [2, 1]),
      };
      const other = {
        monitor: MONITOR,
        idempotencyKey: 'test:care:1',
        observations: observations('care_contacts_30d', [1]),
      };
      const source = testSource([
        () => [
          pull('tenure_months', { batches: [same] }),
          pull('care_contacts_30d', { batches: [other] }),
        ],
      ]);
      const { server, runPull } = await startBackend({ source });
      const push = (body: object) =>
        request(server)
          .post('/api/mlops/drift/observations')
          .set(auth)
          .send(body);
      // The push path hashes with sorted keys; the keys here come reversed.
      const reversed = JSON.parse(
        JSON.stringify(same, Object.keys(same).reverse()),
      );
      expect(
        (await push({ ...reversed, observations: same.observations })).status,
      ).toBe(201);
      expect(
        (
          await push({
            ...other,
            observations: observations('care_contacts_30d', [2]),
          })
        ).status,
      ).toBe(201);
      await runPull();
      const bindings = (await status(server)).body.bindings;
      expect(bindings).toEqual([
        expect.objectContaining({
          binding: 'care_contacts_30d',
          state: 'failed',
          lastError: {
            at: expect.any(String),
            message:
              'batch test:care:1 was not stored: idempotencyKey: "test:care:1" was already used for a different batch',
          },
        }),
        expect.objectContaining({
          binding: 'tenure_months',
          state: 'ok',
          imported: 0,
        }),
      ]);
      expect((await new DatabaseDriftStore(knex).counts()).observations).toBe(
        3,
      );
    });

    describe('series', () => {
      /** One feature's hours as a series batch, its numbers in typed arrays. */
      const seriesBatch = (
        feature: string,
        hours: number[],
        numbers: Partial<Record<'value' | 'pValue', number[]>>,
        key = `test:${feature}:series`,
      ): DriftSourceSeriesBatch => ({
        monitor: MONITOR,
        idempotencyKey: key,
        series: {
          feature,
          at: Float64Array.from(hours, h => hourAgo(h).getTime()),
          ...Object.fromEntries(
            Object.entries(numbers).map(([name, values]) => [
              name,
              Float64Array.from(values),
            ]),
          ),
        },
      });

      it('stores series as the push API stores their observations, once', async () => {
        const batches = () => [
          pull('tenure_months', {
            batches: [
              seriesBatch('tenure_months', [3, 2, 1], {
                value: [0.05, 0.07, 0.31],
              }),
            ],
          }),
          pull('care_contacts_30d', {
            batches: [
              seriesBatch('care_contacts_30d', [2, 1], {
                pValue: [0.5, 0.4],
              }),
            ],
          }),
        ];
        const source = testSource([batches]);
        const { server, runPull } = await startBackend({ source });
        await runPull();
        await runPull(); // the same keys and numbers: nothing stored again
        const store = new DatabaseDriftStore(knex);
        expect((await store.counts()).observations).toBe(5);
        const { bindings } = (await status(server)).body;
        expect(importedOf(bindings)).toEqual([
          ['care_contacts_30d', 'ok', 0, 2],
          ['tenure_months', 'ok', 0, 3],
        ]);
        expect(
          (await store.rawSeries(MONITOR, hourAgo(4))).map(p => [
            p.feature,
            p.at.toISOString(),
            p.value,
            p.pValue,
          ]),
        ).toEqual([
          ['tenure_months', hourAgo(3).toISOString(), 0.05, null],
          ['tenure_months', hourAgo(2).toISOString(), 0.07, null],
          ['care_contacts_30d', hourAgo(2).toISOString(), null, 0.5],
          ['tenure_months', hourAgo(1).toISOString(), 0.31, null],
          ['care_contacts_30d', hourAgo(1).toISOString(), null, 0.4],
        ]);
        const health = await request(server)
          .get(
            `/api/mlops/drift/health/mlmonitor/default/churn-gbm-input-drift`,
          )
          .set(auth);
        expect(
          health.body.monitors[0].features.map((f: any) => [
            f.name,
            f.value,
            f.pValue,
            f.observedAt,
            f.recent.length,
          ]),
        ).toEqual(
          expect.arrayContaining([
            ['tenure_months', 0.31, undefined, hourAgo(1).toISOString(), 3],
            ['care_contacts_30d', null, 0.4, hourAgo(1).toISOString(), 2],
          ]),
        );
      });

      it.each([
        [
          'a number that is not finite',
          seriesBatch('tenure_months', [2, 1], { value: [0.1, NaN] }),
          'series.value[1]: must be a finite number, got NaN',
        ],
        [
          'a p-value above 1',
          seriesBatch('care_contacts_30d', [2, 1], { pValue: [0.1, 1.5] }),
          'series.pValue[1]: must be between 0 and 1, got 1.5',
        ],
        [
          'times that do not ascend',
          seriesBatch('tenure_months', [1, 2], { value: [0.1, 0.2] }),
          `series.at[1]: ${hourAgo(
            2,
          ).toISOString()} is before the time before it; a series' times ascend`,
        ],
        [
          'the value of a feature whose thresholds are on the p-value',
          seriesBatch('care_contacts_30d', [1], { value: [0.1] }),
          'series.pValue: is required; the thresholds of feature "care_contacts_30d" of mlmonitor:default/churn-gbm-input-drift are on the p-value',
        ],
        [
          'more values than times',
          seriesBatch('tenure_months', [1], { value: [0.1, 0.2] }),
          'series.value: has 2 numbers for 1 times',
        ],
        [
          'a time in the future',
          seriesBatch('tenure_months', [1, -2], { value: [0.1, 0.2] }),
          `series.at[1]: ${hourAgo(-2).toISOString()} is in the future`,
        ],
      ])(
        'refuses a series with %s, naming the field',
        async (_, batch, message) => {
          const source = testSource([
            () => [pull(batch.series.feature, { batches: [batch] })],
          ]);
          const { server, runPull } = await startBackend({ source });
          await runPull();
          expect(
            (await new DatabaseDriftStore(knex).counts()).observations,
          ).toBe(0);
          const [binding] = (await status(server)).body.bindings;
          expect(binding).toMatchObject({
            state: 'failed',
            lastError: {
              message: `batch ${batch.idempotencyKey} was not stored: ${message}`,
            },
          });
        },
      );

      it('counts a window its source stored as observations before as stored, and other numbers under its key as a conflict', async () => {
        const before = seriesBatch('tenure_months', [2, 1], {
          value: [0.05, 0.07],
        });
        const changed = seriesBatch('care_contacts_30d', [1], {
          pValue: [0.3],
        });
        const source = testSource([
          // As the source wrote the window before it pulled series.
          () => [
            pull('tenure_months', {
              batches: [
                {
                  monitor: MONITOR,
                  idempotencyKey: before.idempotencyKey,
                  observations: [2, 1].map((h, i) => ({
                    feature: 'tenure_months',
                    observedAt: hourAgo(h).toISOString(),
                    value: [0.05, 0.07][i],
                  })),
                },
              ],
            }),
            pull('care_contacts_30d', {
              batches: [
                seriesBatch('care_contacts_30d', [1], { pValue: [0.2] }),
              ],
            }),
          ],
          () => [
            pull('tenure_months', { batches: [before] }),
            pull('care_contacts_30d', { batches: [changed] }),
          ],
        ]);
        const { server, runPull } = await startBackend({ source });
        await runPull();
        await runPull();
        expect((await new DatabaseDriftStore(knex).counts()).observations).toBe(
          3,
        );
        const { bindings } = (await status(server)).body;
        expect(bindings).toEqual([
          expect.objectContaining({
            binding: 'care_contacts_30d',
            state: 'failed',
            lastError: {
              at: expect.any(String),
              message: `batch ${changed.idempotencyKey} was not stored: idempotencyKey: "${changed.idempotencyKey}" was already used for a different batch`,
            },
          }),
          expect.objectContaining({
            binding: 'tenure_months',
            state: 'ok',
            imported: 0,
            totalImported: 2,
          }),
        ]);
      });
    });

    it('serves the status only to callers who may read the monitor', async () => {
      const permissions = mockServices.permissions.mock();
      permissions.authorizeConditional.mockImplementation(async requests =>
        requests.map(() => ({ result: AuthorizeResult.DENY })),
      );
      const source = testSource([() => [pull('tenure_months', {})]]);
      const { server, runPull } = await startBackend({ source, permissions });
      await runPull();
      const response = await status(server);
      expect(response.status).toBe(404);
      expect(response.body.error.message).toBe(
        `${MONITOR} is not in the catalog`,
      );
    });

    describe('the dry run', () => {
      const dryRun = (server: any, body: object) =>
        request(server)
          .post('/api/mlops/drift/sources/dry-run')
          .set(auth)
          .send(body);

      const answer = (options: MlopsDriftSourcePullOptions) =>
        options.monitors.flatMap(m =>
          (m.spec.source?.prometheus?.features ?? []).map(f =>
            pull(f.name, {
              description: f.query,
              batches: [
                {
                  monitor: MONITOR,
                  idempotencyKey: `test:${f.name}`,
                  observations: observations(f.name, [2, 1]),
                },
              ],
              skipped: 1,
            }),
          ),
        );

      /** Allows catalog reads; the dry run to the monitor's owner only. */
      function ownerPolicy(claims: string[]) {
        const permissions = mockServices.permissions.mock();
        permissions.authorizeConditional.mockImplementation(async requests =>
          requests.map(({ permission }) => {
            if (isPermission(permission, mlopsDriftSourceDryRunPermission)) {
              return createMonitorSourceConditionalDecision(
                mlopsDriftSourceDryRunPermission,
                monitorSourceConditions.isMonitorOwner({ claims }),
              );
            }
            return {
              result: isPermission(permission, catalogEntityReadPermission)
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
            };
          }),
        );
        permissions.authorize.mockImplementation(async requests =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
        );
        return permissions;
      }

      it('runs the bindings to try and says what they would import, storing nothing', async () => {
        const source = testSource([answer]);
        const { server } = await startBackend({ source });
        const response = await dryRun(server, {
          monitor: 'churn-gbm-input-drift',
          source: {
            prometheus: {
              instance: 'main',
              features: [{ name: 'tenure_months', query: 'max(new_psi)' }],
            },
          },
        });
        expect(response.status).toBe(200);
        expect(response.body).toEqual({
          monitor: MONITOR,
          bindings: [
            {
              source: 'test',
              binding: 'tenure_months',
              description: 'max(new_psi)',
              samples: 2,
              skipped: 1,
              from: hourAgo(3).toISOString(),
              to: hourAgo(1).toISOString(),
              observations: observations('tenure_months', [2, 1]),
            },
          ],
        });
        expect(source.calls[0]).toMatchObject({ dryRun: true });
        expect(
          source.calls[0].pulledThrough(MONITOR, 'tenure_months'),
        ).toBeUndefined();
        expect(
          Number((await knex('mlops_drift_batches').count({ n: '*' }))[0].n),
        ).toBe(0);
        expect(
          Number((await knex('mlops_source_bindings').count({ n: '*' }))[0].n),
        ).toBe(0);
      });

      it('names the field of a binding that is not valid', async () => {
        const { server } = await startBackend({ source: testSource([answer]) });
        const response = await dryRun(server, {
          monitor: MONITOR,
          source: {
            prometheus: {
              instance: 'main',
              features: [{ name: 'no_such_feature', query: 'up' }],
            },
          },
        });
        expect(response.status).toBe(400);
        expect(response.body.error.message).toMatch(
          /^spec\.source\.prometheus\.features\[0\]\.name .*no_such_feature/,
        );
      });

      it("is for the monitor's owner when the policy says so", async () => {
        const owner = await startBackend({
          source: testSource([answer]),
          permissions: ownerPolicy(['user:default/mock', OWNER]),
        });
        expect((await dryRun(owner.server, { monitor: MONITOR })).status).toBe(
          200,
        );

        const other = await startBackend({
          source: testSource([answer]),
          permissions: ownerPolicy([
            'user:default/mock',
            'group:default/other-team',
          ]),
        });
        const refused = await dryRun(other.server, { monitor: MONITOR });
        expect(refused.status).toBe(403);
        expect(refused.body.error.message).toMatch(
          /mlops\.drift-source\.dry-run permission/,
        );
      });
    });
  },
);
