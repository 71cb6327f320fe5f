import { createPermission } from '@backstage/plugin-permission-common';

/** The resource type of a team's adoption diagnostic: its own answers. @public */
export const MLOPS_TEAM_DIAGNOSTIC_RESOURCE_TYPE = 'mlops-team-diagnostic';

/**
 * Record a team's own answer to a question of the adoption diagnostic. A
 * resource permission: a policy can allow it conditionally with the
 * diagnostic rules of the backend (`isTeamMember`, `isTeamLead`). The
 * resource reference is the team's group reference, e.g.
 * `group:default/retention-analytics`.
 * @public
 */
export const mlopsDiagnosticAnswerPermission = createPermission({
  name: 'mlops.diagnostic.answer',
  attributes: { action: 'create' },
  resourceType: MLOPS_TEAM_DIAGNOSTIC_RESOURCE_TYPE,
});
