import { ConfigReader } from '@backstage/config';
import { readGateSignOff, readGateSignOffRules } from './gatesConfig';

const read = (gates: object) =>
  readGateSignOff(new ConfigReader({ mlops: { gates } }));
const readRules = (gates: object) =>
  readGateSignOffRules(new ConfigReader({ mlops: { gates } }));

describe('readGateSignOff', () => {
  it('defaults to sponsor and owner, owner and sponsor, owner and the operations group', () => {
    expect(readGateSignOff(new ConfigReader({}))).toEqual({
      strategy: [{ type: 'sponsor' }, { type: 'owner' }],
      prototyping: [{ type: 'owner' }, { type: 'sponsor' }],
      operationalisation: [
        { type: 'owner' },
        { type: 'group', ref: 'group:default/operations' },
      ],
    });
  });

  it('takes the operations group and per-stage sign-offs, normalising group references', () => {
    expect(
      read({
        operationsGroup: 'group:default/Platform-Operations',
        signOff: { operationalisation: ['owner', 'operations', 'ml-risk'] },
      }).operationalisation,
    ).toEqual([
      { type: 'owner' },
      { type: 'group', ref: 'group:default/platform-operations' },
      { type: 'group', ref: 'group:default/ml-risk' },
    ]);
  });

  it('names the key of a mistake', () => {
    expect(() => read({ operationsGroup: 'user:default/jonas' })).toThrow(
      'Invalid configuration at mlops.gates.operationsGroup: "user:default/jonas" must be a group reference such as group:default/platform-operations',
    );
    expect(() => read({ signOff: { deployment: ['owner'] } })).toThrow(
      'Invalid configuration at mlops.gates.signOff.deployment: unknown stage; the stages are strategy, prototyping, operationalisation',
    );
    expect(() => read({ signOff: { strategy: [] } })).toThrow(
      'Invalid configuration at mlops.gates.signOff.strategy: a gate needs at least one sign-off',
    );
    expect(() => read({ signOff: { strategy: ['owner', 'owner'] } })).toThrow(
      'Invalid configuration at mlops.gates.signOff.strategy: owner is listed twice',
    );
    expect(() =>
      read({ signOff: { prototyping: ['owner', 'component:default/x'] } }),
    ).toThrow('mlops.gates.signOff.prototyping[1]');
  });
});

describe('readGateSignOffRules', () => {
  it('adds no sign-off by risk tier unless configured', () => {
    expect(readRules({}).byRiskTier).toEqual({});
  });

  it('reads the sign-offs a risk tier adds per stage, like signOff', () => {
    const rules = readRules({
      operationsGroup: 'platform-operations',
      signOffByRiskTier: {
        high: {
          strategy: ['Model-Risk'],
          operationalisation: ['group:default/model-risk'],
        },
        unacceptable: {
          strategy: ['model-risk', 'group:default/ethics-board'],
        },
      },
    });
    expect(rules.byRiskTier).toEqual({
      high: {
        strategy: [{ type: 'group', ref: 'group:default/model-risk' }],
        operationalisation: [
          { type: 'group', ref: 'group:default/model-risk' },
        ],
      },
      unacceptable: {
        strategy: [
          { type: 'group', ref: 'group:default/model-risk' },
          { type: 'group', ref: 'group:default/ethics-board' },
        ],
      },
    });
    expect(rules.stages.strategy).toEqual([
      { type: 'sponsor' },
      { type: 'owner' },
    ]);
  });

  it('names the key of a mistake in signOffByRiskTier', () => {
    expect(() =>
      readRules({ signOffByRiskTier: { critical: { strategy: ['x'] } } }),
    ).toThrow(
      'Invalid configuration at mlops.gates.signOffByRiskTier.critical: unknown risk tier; the tiers of spec.risk.tier are minimal, limited, high, unacceptable',
    );
    expect(() =>
      readRules({ signOffByRiskTier: { high: { deployment: ['x'] } } }),
    ).toThrow(
      'Invalid configuration at mlops.gates.signOffByRiskTier.high.deployment: unknown stage; the stages are strategy, prototyping, operationalisation',
    );
    expect(() =>
      readRules({
        signOffByRiskTier: { high: { strategy: ['model-risk', 'model-risk'] } },
      }),
    ).toThrow(
      'Invalid configuration at mlops.gates.signOffByRiskTier.high.strategy: group:default/model-risk is listed twice',
    );
    expect(() =>
      readRules({
        signOffByRiskTier: { high: { prototyping: ['user:default/jonas'] } },
      }),
    ).toThrow(
      'Invalid configuration at mlops.gates.signOffByRiskTier.high.prototyping[0]: "user:default/jonas" must be a group reference',
    );
    expect(() =>
      readRules({
        operationsGroup: 'platform-operations',
        signOffByRiskTier: {
          high: { operationalisation: ['model-risk', 'operations'] },
        },
      }),
    ).toThrow(
      'Invalid configuration at mlops.gates.signOffByRiskTier.high.operationalisation[1]: group:default/platform-operations signs off the operationalisation gate of every use case and model already (mlops.gates.signOff.operationalisation)',
    );
    expect(() =>
      readRules({ signOffByRiskTier: { high: { strategy: 'model-risk' } } }),
    ).toThrow('mlops.gates.signOffByRiskTier.high.strategy');
  });
});
