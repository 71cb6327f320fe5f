import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { MLOPS_TEAM_DIAGNOSTIC_RESOURCE_TYPE } from '@mlightenment/backstage-plugin-mlops-common';
import { z } from 'zod';

/**
 * A team's diagnostic as the permission rules see it. References are lower
 * case.
 * @public
 */
export interface TeamDiagnosticResource {
  /** The team, e.g. `group:default/retention-analytics`. */
  teamRef: string;
  /** The groups above it, nearest first: its lead groups. */
  leadGroupRefs: string[];
}

/** Diagnostic rules do not filter queries: teams are authorized one at a time. @public */
export type TeamDiagnosticQuery = { key: string; values: string[] };

/** The permission resource of team diagnostics (plugin `mlops`, type `mlops-team-diagnostic`). @public */
export const teamDiagnosticPermissionResourceRef = createPermissionResourceRef<
  TeamDiagnosticResource,
  TeamDiagnosticQuery
>().with({
  pluginId: 'mlops',
  resourceType: MLOPS_TEAM_DIAGNOSTIC_RESOURCE_TYPE,
});

const claimsSchema = z.object({
  claims: z
    .array(z.string())
    .describe(
      "The user's ownership claims: their user reference and the groups they belong to",
    ),
});

const lower = (claims: string[]) => claims.map(c => c.toLowerCase());

/** The user is a member of the team's group. @public */
export const isTeamMember = createPermissionRule({
  name: 'IS_TEAM_MEMBER',
  description: "Allow members of the team's group",
  resourceRef: teamDiagnosticPermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: (resource, { claims }) => lower(claims).includes(resource.teamRef),
  toQuery: ({ claims }) => ({ key: 'team', values: claims }),
});

/** The user is a member of a group above the team (its lead group, or one above that). @public */
export const isTeamLead = createPermissionRule({
  name: 'IS_TEAM_LEAD',
  description:
    'Allow members of a group above the team in the hierarchy (its lead group)',
  resourceRef: teamDiagnosticPermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: (resource, { claims }) => {
    const mine = lower(claims);
    return resource.leadGroupRefs.some(ref => mine.includes(ref));
  },
  toQuery: ({ claims }) => ({ key: 'lead', values: claims }),
});

/** The permission rules of team diagnostics. @public */
export const diagnosticPermissionRules = { isTeamMember, isTeamLead };

const exports = createConditionExports({
  resourceRef: teamDiagnosticPermissionResourceRef,
  rules: diagnosticPermissionRules,
});

/**
 * Conditions for a policy's conditional decision on `mlops.diagnostic.answer`.
 *
 * @example
 * ```ts
 * if (isPermission(request.permission, mlopsDiagnosticAnswerPermission)) {
 *   const claims = user?.info.ownershipEntityRefs ?? [];
 *   return createDiagnosticConditionalDecision(request.permission, {
 *     anyOf: [
 *       diagnosticConditions.isTeamMember({ claims }),
 *       diagnosticConditions.isTeamLead({ claims }),
 *     ],
 *   });
 * }
 * ```
 * @public
 */
export const diagnosticConditions = exports.conditions;

/** Makes a conditional decision on `mlops.diagnostic.answer` from {@link diagnosticConditions}. @public */
export const createDiagnosticConditionalDecision =
  exports.createConditionalDecision;
