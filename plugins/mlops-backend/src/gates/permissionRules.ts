import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  FrameworkStageId,
  MLOPS_GATE_RESOURCE_TYPE,
} from '@mlightenment/backstage-plugin-mlops-common';
import { z } from 'zod';

/**
 * A stage gate as the permission rules see it: one stage of one use case or
 * model, with who may sign it off. References are lower case.
 * @public
 */
export interface GateResource {
  /** The entity, e.g. `mlusecase:default/churn-prevention`. */
  entityRef: string;
  /** The gate's framework stage. */
  stage: FrameworkStageId;
  /** The sponsor user (`spec.sponsor` of the use case, or of a model's use case). */
  sponsorRef?: string;
  /** The owner (`spec.owner`, usually a group). */
  ownerRef?: string;
  /**
   * The groups configured to sign this gate off: `mlops.gates.signOff`, and
   * `mlops.gates.signOffByRiskTier` for the risk tier of the entity (of a
   * model's use case).
   */
  signOffGroups: string[];
}

/** Gate rules do not filter queries: gates are authorized one at a time. @public */
export type GateQuery = { key: string; values: string[] };

/** The permission resource of stage gates (plugin `mlops`, type `mlops-gate`). @public */
export const gatePermissionResourceRef = createPermissionResourceRef<
  GateResource,
  GateQuery
>().with({ pluginId: 'mlops', resourceType: MLOPS_GATE_RESOURCE_TYPE });

const claimsSchema = z.object({
  claims: z
    .array(z.string())
    .describe(
      "The user's ownership claims: their user reference and the groups they belong to",
    ),
});

const hasClaim = (claims: string[], ref: string | undefined) =>
  ref !== undefined && claims.some(claim => claim.toLowerCase() === ref);

/** The user is the sponsor of the gate's entity. @public */
export const isEntitySponsor = createPermissionRule({
  name: 'IS_ENTITY_SPONSOR',
  description:
    "Allow the sponsor of the gate's use case (for a model, its use case's sponsor)",
  resourceRef: gatePermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: (resource, { claims }) => hasClaim(claims, resource.sponsorRef),
  toQuery: ({ claims }) => ({ key: 'sponsor', values: claims }),
});

/** The user is a member of the group that owns the gate's entity (or is its owner). @public */
export const isEntityOwner = createPermissionRule({
  name: 'IS_ENTITY_OWNER',
  description: "Allow members of the group that owns the gate's entity",
  resourceRef: gatePermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: (resource, { claims }) => hasClaim(claims, resource.ownerRef),
  toQuery: ({ claims }) => ({ key: 'owner', values: claims }),
});

/** The user is a member of a group configured to sign the gate off. @public */
export const isSignOffGroupMember = createPermissionRule({
  name: 'IS_SIGN_OFF_GROUP_MEMBER',
  description:
    'Allow members of a group that mlops.gates.signOff, or signOffByRiskTier for the entity’s risk tier, names for the gate',
  resourceRef: gatePermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: (resource, { claims }) =>
    resource.signOffGroups.some(group => hasClaim(claims, group)),
  toQuery: ({ claims }) => ({ key: 'signOffGroup', values: claims }),
});

/** The permission rules of stage gates. @public */
export const gatePermissionRules = {
  isEntitySponsor,
  isEntityOwner,
  isSignOffGroupMember,
};

const exports = createConditionExports({
  resourceRef: gatePermissionResourceRef,
  rules: gatePermissionRules,
});

/**
 * Conditions for a policy's conditional decision on `mlops.gate.decide`.
 *
 * @example
 * ```ts
 * if (isPermission(request.permission, mlopsGateDecidePermission)) {
 *   const claims = user?.info.ownershipEntityRefs ?? [];
 *   return createGateConditionalDecision(request.permission, {
 *     anyOf: [
 *       gateConditions.isEntitySponsor({ claims }),
 *       gateConditions.isEntityOwner({ claims }),
 *       gateConditions.isSignOffGroupMember({ claims }),
 *     ],
 *   });
 * }
 * ```
 * @public
 */
export const gateConditions = exports.conditions;

/** Makes a conditional decision on `mlops.gate.decide` from {@link gateConditions}. @public */
export const createGateConditionalDecision = exports.createConditionalDecision;

/** Reference of a gate resource: `<entity ref>#<stage>`. @public */
export function gateResourceRef(
  entityRef: string,
  stage: FrameworkStageId,
): string {
  return `${entityRef}#${stage}`;
}

/** The entity and stage of a gate resource reference, or undefined if malformed. */
export function parseGateResourceRef(
  ref: string,
): { entityRef: string; stage: FrameworkStageId } | undefined {
  const hash = ref.lastIndexOf('#');
  if (hash < 0) return undefined;
  const stage = ref.slice(hash + 1);
  if (!['strategy', 'prototyping', 'operationalisation'].includes(stage)) {
    return undefined;
  }
  return {
    entityRef: ref.slice(0, hash).toLowerCase(),
    stage: stage as FrameworkStageId,
  };
}
