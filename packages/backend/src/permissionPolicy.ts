// The demo portal's permission policy: everything is allowed, except deciding
// on a stage gate, which only the gate's sponsor, members of the group that
// owns the entity, and members of a group configured to sign the gate off may
// do, and checking in a KPI actual, which only the use case's sponsor and
// the members of its owner group may do, and answering a team's adoption
// diagnostic, which only the members of the team's group and of the groups
// above it may do, and a dry run of a monitor's or a use case's bindings to
// sources (queries run with the portal's credentials), which only the
// members of its owner group may do. It shows how an adopter writes a policy
// with the gate, value, diagnostic and source rules.
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
  createMonitorSourceConditionalDecision,
  createValueConditionalDecision,
  diagnosticConditions,
  gateConditions,
  monitorSourceConditions,
  valueConditions,
} from '@mlightenment/backstage-plugin-mlops-backend';
import {
  mlopsDiagnosticAnswerPermission,
  mlopsDriftSourceDryRunPermission,
  mlopsGateDecidePermission,
  mlopsKpiSourceDryRunPermission,
  mlopsValueRecordPermission,
} from '@mlightenment/backstage-plugin-mlops-common';

/** Allows everything but gate decisions, KPI check-ins, diagnostic answers and dry runs of source bindings, which are conditional on who the user is. */
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
    if (isPermission(request.permission, mlopsDriftSourceDryRunPermission)) {
      const claims = user?.info.ownershipEntityRefs ?? [];
      return createMonitorSourceConditionalDecision(request.permission, {
        anyOf: [monitorSourceConditions.isMonitorOwner({ claims })],
      });
    }
    if (isPermission(request.permission, mlopsKpiSourceDryRunPermission)) {
      const claims = user?.info.ownershipEntityRefs ?? [];
      return createValueConditionalDecision(request.permission, {
        anyOf: [valueConditions.isUseCaseOwner({ claims })],
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
