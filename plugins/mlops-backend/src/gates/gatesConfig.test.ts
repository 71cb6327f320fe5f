import { ConfigReader } from '@backstage/config';
import { readGateSignOff } from './gatesConfig';

const read = (gates: object) =>
  readGateSignOff(new ConfigReader({ mlops: { gates } }));

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
