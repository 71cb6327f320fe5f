import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { MLOPS_USE_CASE_VALUE_RESOURCE_TYPE } from '@mlightenment/backstage-plugin-mlops-common';
import { z } from 'zod';

/**
 * A use case's value ledger as the permission rules see it. References are
 * lower case.
 * @public
 */
export interface UseCaseValueResource {
  /** The use case, e.g. `mlusecase:default/churn-prevention`. */
  entityRef: string;
  /** `spec.sponsor`: a user, or a group whose members sponsor it. */
  sponsorRef?: string;
  /** `spec.owner`, usually a group. */
  ownerRef?: string;
}

/** Value rules do not filter queries: use cases are authorized one at a time. @public */
export type UseCaseValueQuery = { key: string; values: string[] };

/** The permission resource of value ledgers (plugin `mlops`, type `mlops-use-case-value`). @public */
export const useCaseValuePermissionResourceRef = createPermissionResourceRef<
  UseCaseValueResource,
  UseCaseValueQuery
>().with({
  pluginId: 'mlops',
  resourceType: MLOPS_USE_CASE_VALUE_RESOURCE_TYPE,
});

const claimsSchema = z.object({
  claims: z
    .array(z.string())
    .describe(
      "The user's ownership claims: their user reference and the groups they belong to",
    ),
});

const hasClaim = (claims: string[], ref: string | undefined) =>
  ref !== undefined && claims.some(claim => claim.toLowerCase() === ref);

/** The user sponsors the use case (or belongs to the sponsoring group). @public */
export const isUseCaseSponsor = createPermissionRule({
  name: 'IS_USE_CASE_SPONSOR',
  description: 'Allow the sponsor of the use case (members of a sponsor group)',
  resourceRef: useCaseValuePermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: (resource, { claims }) => hasClaim(claims, resource.sponsorRef),
  toQuery: ({ claims }) => ({ key: 'sponsor', values: claims }),
});

/** The user is a member of the group that owns the use case. @public */
export const isUseCaseOwner = createPermissionRule({
  name: 'IS_USE_CASE_OWNER',
  description: 'Allow members of the group that owns the use case',
  resourceRef: useCaseValuePermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: (resource, { claims }) => hasClaim(claims, resource.ownerRef),
  toQuery: ({ claims }) => ({ key: 'owner', values: claims }),
});

/** The permission rules of value ledgers. @public */
export const valuePermissionRules = { isUseCaseSponsor, isUseCaseOwner };

const exports = createConditionExports({
  resourceRef: useCaseValuePermissionResourceRef,
  rules: valuePermissionRules,
});

/**
 * Conditions for a policy's conditional decision on `mlops.value.record`.
 *
 * @example
 * ```ts
 * if (isPermission(request.permission, mlopsValueRecordPermission)) {
 *   const claims = user?.info.ownershipEntityRefs ?? [];
 *   return createValueConditionalDecision(request.permission, {
 *     anyOf: [
 *       valueConditions.isUseCaseSponsor({ claims }),
 *       valueConditions.isUseCaseOwner({ claims }),
 *     ],
 *   });
 * }
 * ```
 * @public
 */
export const valueConditions = exports.conditions;

/** Makes a conditional decision on `mlops.value.record` from {@link valueConditions}. @public */
export const createValueConditionalDecision = exports.createConditionalDecision;
