import { createPermission } from '@backstage/plugin-permission-common';

/** The resource type of a stage gate: one stage of one use case or model. @public */
export const MLOPS_GATE_RESOURCE_TYPE = 'mlops-gate';

/**
 * Record a decision (approve, reject, request changes) or an attestation on a
 * stage gate. A resource permission: a policy can allow it conditionally with
 * the gate rules of the backend (`isEntitySponsor`, `isEntityOwner`,
 * `isSignOffGroupMember`). The resource reference is
 * `<entity ref>#<stage>`, e.g. `mlusecase:default/churn-prevention#strategy`.
 * @public
 */
export const mlopsGateDecidePermission = createPermission({
  name: 'mlops.gate.decide',
  attributes: { action: 'update' },
  resourceType: MLOPS_GATE_RESOURCE_TYPE,
});
