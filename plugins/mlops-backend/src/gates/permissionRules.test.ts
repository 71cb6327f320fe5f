import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mlopsGateDecidePermission } from '@mlightenment/backstage-plugin-mlops-common';
import {
  createGateConditionalDecision,
  gateConditions,
  GateResource,
  gateResourceRef,
  isEntityOwner,
  isEntitySponsor,
  isSignOffGroupMember,
  parseGateResourceRef,
} from './permissionRules';

const gate: GateResource = {
  entityRef: 'mlusecase:default/churn-prevention',
  stage: 'operationalisation',
  sponsorRef: 'user:default/maria-silva',
  ownerRef: 'group:default/retention-analytics',
  signOffGroups: ['group:default/platform-operations'],
};

describe('gate permission rules', () => {
  it('IS_ENTITY_SPONSOR holds for the sponsor only, whatever the case of the claim', () => {
    expect(
      isEntitySponsor.apply(gate, { claims: ['user:default/Maria-Silva'] }),
    ).toBe(true);
    expect(
      isEntitySponsor.apply(gate, {
        claims: ['user:default/ana-kovac', 'group:default/retention-analytics'],
      }),
    ).toBe(false);
    expect(
      isEntitySponsor.apply(
        { ...gate, sponsorRef: undefined },
        { claims: ['user:default/maria-silva'] },
      ),
    ).toBe(false);
  });

  it('IS_ENTITY_OWNER holds for members of the owning group', () => {
    expect(
      isEntityOwner.apply(gate, {
        claims: ['user:default/ana-kovac', 'group:default/retention-analytics'],
      }),
    ).toBe(true);
    expect(
      isEntityOwner.apply(gate, { claims: ['user:default/maria-silva'] }),
    ).toBe(false);
  });

  it('IS_SIGN_OFF_GROUP_MEMBER holds for members of a group configured for the gate', () => {
    expect(
      isSignOffGroupMember.apply(gate, {
        claims: ['group:default/platform-operations'],
      }),
    ).toBe(true);
    expect(
      isSignOffGroupMember.apply(
        { ...gate, signOffGroups: [] },
        { claims: ['group:default/platform-operations'] },
      ),
    ).toBe(false);
  });

  it('make a conditional decision a policy can return', () => {
    const claims = ['user:default/maria-silva'];
    expect(
      createGateConditionalDecision(mlopsGateDecidePermission, {
        anyOf: [
          gateConditions.isEntitySponsor({ claims }),
          gateConditions.isEntityOwner({ claims }),
        ],
      }),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'mlops',
      resourceType: 'mlops-gate',
      conditions: {
        anyOf: [
          {
            rule: 'IS_ENTITY_SPONSOR',
            resourceType: 'mlops-gate',
            params: { claims },
          },
          {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'mlops-gate',
            params: { claims },
          },
        ],
      },
    });
  });

  it('reference a gate as <entity ref>#<stage>', () => {
    const ref = gateResourceRef(gate.entityRef, 'prototyping');
    expect(ref).toBe('mlusecase:default/churn-prevention#prototyping');
    expect(parseGateResourceRef(ref)).toEqual({
      entityRef: 'mlusecase:default/churn-prevention',
      stage: 'prototyping',
    });
    expect(
      parseGateResourceRef('mlusecase:default/churn-prevention#deploy'),
    ).toBeUndefined();
  });
});
