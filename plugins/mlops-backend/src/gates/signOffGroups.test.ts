import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readGateSignOffRules } from './gatesConfig';
import { configuredSignOffGroups, SignOffGroups } from './signOffGroups';

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

function setUp(gates: object, entities: Entity[]) {
  const logger = mockServices.logger.mock();
  let now = 0;
  // The catalog as it is at each read: a test adds a group later.
  const catalog = catalogServiceMock.mock({
    getEntitiesByRefs: async (request, options) =>
      catalogServiceMock({ entities }).getEntitiesByRefs(request, options),
  });
  const groups = new SignOffGroups({
    signOff: readGateSignOffRules(new ConfigReader({ mlops: { gates } })),
    catalog,
    auth: mockServices.auth(),
    logger,
    clock: () => now,
  });
  return {
    logger,
    groups,
    entities,
    later: (ms: number) => void (now += ms),
    warnings: () => logger.warn.mock.calls.map(([message]) => message),
  };
}

describe('configuredSignOffGroups', () => {
  it('lists each configured group once, the default operations group too', () => {
    expect(
      configuredSignOffGroups(readGateSignOffRules(new ConfigReader({}))),
    ).toEqual(['group:default/operations']);
    expect(
      configuredSignOffGroups(
        readGateSignOffRules(
          new ConfigReader({
            mlops: {
              gates: {
                operationsGroup: 'platform-operations',
                signOff: {
                  prototyping: ['owner', 'group:default/model-risk'],
                  operationalisation: ['owner', 'operations', 'model-risk'],
                },
              },
            },
          }),
        ),
      ),
    ).toEqual([
      'group:default/model-risk',
      'group:default/platform-operations',
    ]);
  });

  it('lists the groups a risk tier adds, so a missing one is reported like the others', () => {
    expect(
      configuredSignOffGroups(
        readGateSignOffRules(
          new ConfigReader({
            mlops: {
              gates: {
                operationsGroup: 'platform-operations',
                signOffByRiskTier: {
                  high: { strategy: ['model-risk'], operationalisation: [] },
                  unacceptable: { strategy: ['group:default/ethics-board'] },
                },
              },
            },
          }),
        ),
      ),
    ).toEqual([
      'group:default/platform-operations',
      'group:default/model-risk',
      'group:default/ethics-board',
    ]);
  });
});

describe('SignOffGroups', () => {
  it('warns once, naming it, about a configured group the catalog does not have', async () => {
    // The default operations group, with a catalog whose group is named otherwise.
    const t = setUp({}, [group('platform-operations')]);
    expect(await t.groups.missing()).toEqual(
      new Set(['group:default/operations']),
    );
    await t.groups.report();
    expect(t.warnings()).toEqual([
      expect.stringContaining(
        'No group group:default/operations in the catalog: nobody can sign off the stage gates that need it',
      ),
    ]);
    expect(t.warnings()[0]).toContain('mlops.gates');
    // The next refreshes do not repeat it.
    t.later(120_000);
    await t.groups.report();
    expect(t.logger.warn).toHaveBeenCalledTimes(1);
  });

  it('says nothing when every configured group is in the catalog', async () => {
    const t = setUp({ operationsGroup: 'group:default/platform-operations' }, [
      group('platform-operations'),
    ]);
    await t.groups.report();
    expect(await t.groups.missing()).toEqual(new Set());
    expect(t.logger.warn).not.toHaveBeenCalled();
  });

  it('reads the catalog at most once a minute, and says when a missing group appears', async () => {
    const t = setUp({ operationsGroup: 'platform-operations' }, []);
    await t.groups.report();
    expect(t.logger.warn).toHaveBeenCalledTimes(1);
    t.entities.push(group('platform-operations'));
    // Within the minute the views reuse what was read.
    expect(await t.groups.missing()).toEqual(
      new Set(['group:default/platform-operations']),
    );
    t.later(60_000);
    await t.groups.report();
    expect(await t.groups.missing()).toEqual(new Set());
    expect(t.logger.info).toHaveBeenCalledWith(
      'The stage-gate sign-off group group:default/platform-operations is in the catalog now',
    );
  });

  it('flags nothing when the catalog cannot be read, and warns that it could not check', async () => {
    const logger = mockServices.logger.mock();
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: async () => {
        throw new Error('catalog unavailable');
      },
    });
    const groups = new SignOffGroups({
      signOff: readGateSignOffRules(new ConfigReader({})),
      catalog,
      auth: mockServices.auth(),
      logger,
    });
    expect(await groups.missing()).toEqual(new Set());
    await groups.report();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not check that the stage-gate sign-off groups are in the catalog',
      ),
    );
  });
});
