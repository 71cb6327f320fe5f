// The demo portal's permission policy: everything is allowed, except deciding
// on a stage gate, which only the gate's sponsor, members of the group that
// owns the entity, and members of a group configured to sign the gate off may
// do, and checking in a KPI actual, which only the use case's sponsor and
// the members of its owner group may do, and answering a team's adoption
// diagnostic, which only the members of the team's group and of the groups
// above it may do. It shows how an adopter writes a policy with the gate,
// value and diagnostic rules.
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createDiagnosticConditionalDecision,
  createGateConditionalDecision,
  createValueConditionalDecision,
  diagnosticConditions,
  gateConditions,
  valueConditions,
} from '@mlightenment/backstage-plugin-mlops-backend';
import {
  mlopsDiagnosticAnswerPermission,
  mlopsGateDecidePermission,
  mlopsValueRecordPermission,
} from '@mlightenment/backstage-plugin-mlops-common';

/** Allows everything but gate decisions, KPI check-ins and diagnostic answers, which are conditional on who the user is. */
export class DemoPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, mlopsGateDecidePermission)) {
      // The user's reference and the groups they belong to.
      const claims = user?.info.ownershipEntityRefs ?? [];
      return createGateConditionalDecision(request.permission, {
        anyOf: [
          gateConditions.isEntitySponsor({ claims }),
          gateConditions.isEntityOwner({ claims }),
          gateConditions.isSignOffGroupMember({ claims }),
        ],
      });
    }
    if (isPermission(request.permission, mlopsValueRecordPermission)) {
      const claims = user?.info.ownershipEntityRefs ?? [];
      return createValueConditionalDecision(request.permission, {
        anyOf: [
          valueConditions.isUseCaseSponsor({ claims }),
          valueConditions.isUseCaseOwner({ claims }),
        ],
      });
    }
    if (isPermission(request.permission, mlopsDiagnosticAnswerPermission)) {
      const claims = user?.info.ownershipEntityRefs ?? [];
      return createDiagnosticConditionalDecision(request.permission, {
        anyOf: [
          diagnosticConditions.isTeamMember({ claims }),
          diagnosticConditions.isTeamLead({ claims }),
        ],
      });
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** Installs {@link DemoPermissionPolicy} in the permission backend. */
export const demoPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new DemoPermissionPolicy());
      },
    });
  },
});
