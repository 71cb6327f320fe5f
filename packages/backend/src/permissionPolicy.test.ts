import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  mlopsDiagnosticAnswerPermission,
  mlopsDriftSourceDryRunPermission,
  mlopsGateDecidePermission,
  mlopsKpiSourceDryRunPermission,
  mlopsScorecardRefreshPermission,
  mlopsValueRecordPermission,
} from '@mlightenment/backstage-plugin-mlops-common';
import { DemoPermissionPolicy } from './permissionPolicy';

const maria = {
  identity: {
    type: 'user' as const,
    userEntityRef: 'user:default/maria-silva',
    ownershipEntityRefs: [
      'user:default/maria-silva',
      'group:default/retention-marketing',
    ],
  },
  info: {
    userEntityRef: 'user:default/maria-silva',
    ownershipEntityRefs: [
      'user:default/maria-silva',
      'group:default/retention-marketing',
    ],
  },
  token: 'token',
  credentials: {} as any,
};

describe('DemoPermissionPolicy', () => {
  it.each([
    {
      permission: mlopsDriftSourceDryRunPermission,
      resourceType: 'mlops-monitor-source',
      rule: 'IS_MONITOR_OWNER',
    },
    {
      permission: mlopsKpiSourceDryRunPermission,
      resourceType: 'mlops-use-case-value',
      rule: 'IS_USE_CASE_OWNER',
    },
  ])(
    'makes $permission.name conditional on owning the entity, with the user’s claims',
    async ({ permission, resourceType, rule }) => {
      const decision = await new DemoPermissionPolicy().handle(
        { permission },
        maria as any,
      );
      expect(decision).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'mlops',
        resourceType,
        conditions: {
          anyOf: [
            {
              rule,
              resourceType,
              params: { claims: maria.info.ownershipEntityRefs },
            },
          ],
        },
      });
    },
  );

  it('makes gate decisions conditional on being sponsor, owner or sign-off group member, with the user’s claims', async () => {
    const decision = await new DemoPermissionPolicy().handle(
      { permission: mlopsGateDecidePermission },
      maria as any,
    );
    const claims = maria.info.ownershipEntityRefs;
    expect(decision).toEqual({
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
          {
            rule: 'IS_SIGN_OFF_GROUP_MEMBER',
            resourceType: 'mlops-gate',
            params: { claims },
          },
        ],
      },
    });
  });

  it('makes KPI check-ins conditional on sponsoring or owning the use case, with the user’s claims', async () => {
    const decision = await new DemoPermissionPolicy().handle(
      { permission: mlopsValueRecordPermission },
      maria as any,
    );
    const claims = maria.info.ownershipEntityRefs;
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'mlops',
      resourceType: 'mlops-use-case-value',
      conditions: {
        anyOf: [
          {
            rule: 'IS_USE_CASE_SPONSOR',
            resourceType: 'mlops-use-case-value',
            params: { claims },
          },
          {
            rule: 'IS_USE_CASE_OWNER',
            resourceType: 'mlops-use-case-value',
            params: { claims },
          },
        ],
      },
    });
  });

  it('makes diagnostic answers conditional on being a member of the team or of a group above it, with the user’s claims', async () => {
    const decision = await new DemoPermissionPolicy().handle(
      { permission: mlopsDiagnosticAnswerPermission },
      maria as any,
    );
    const claims = maria.info.ownershipEntityRefs;
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'mlops',
      resourceType: 'mlops-team-diagnostic',
      conditions: {
        anyOf: [
          {
            rule: 'IS_TEAM_MEMBER',
            resourceType: 'mlops-team-diagnostic',
            params: { claims },
          },
          {
            rule: 'IS_TEAM_LEAD',
            resourceType: 'mlops-team-diagnostic',
            params: { claims },
          },
        ],
      },
    });
  });

  it('gives a user without claims (no sign-in) conditions nobody meets', async () => {
    const decision = await new DemoPermissionPolicy().handle({
      permission: mlopsGateDecidePermission,
    });
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: {
        anyOf: [
          { params: { claims: [] } },
          { params: { claims: [] } },
          { params: { claims: [] } },
        ],
      },
    });
  });

  it('allows everything else', async () => {
    expect(
      await new DemoPermissionPolicy().handle(
        { permission: mlopsScorecardRefreshPermission },
        maria as any,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });
});
