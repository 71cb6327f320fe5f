/**
 * The MLightenment backend plugin: MLOps maturity scorecards of ML use cases,
 * models and monitors, stored with their history, team roll-ups, a push API
 * for external check results, badges, notifications and actions.
 *
 * @packageDocumentation
 */

export { mlopsPlugin as default, MATURITY_REFRESH_TASK_ID } from './plugin';
export {
  gatePermissionResourceRef,
  gatePermissionRules,
  gateConditions,
  createGateConditionalDecision,
  gateResourceRef,
  isEntitySponsor,
  isEntityOwner,
  isSignOffGroupMember,
} from './gates';
export type { GateResource, GateQuery } from './gates';
export {
  useCaseValuePermissionResourceRef,
  valuePermissionRules,
  valueConditions,
  createValueConditionalDecision,
  isUseCaseSponsor,
  isUseCaseOwner,
} from './value';
export type { UseCaseValueResource, UseCaseValueQuery } from './value';
export {
  teamDiagnosticPermissionResourceRef,
  diagnosticPermissionRules,
  diagnosticConditions,
  createDiagnosticConditionalDecision,
  isTeamMember,
  isTeamLead,
} from './diagnostic';
export type { TeamDiagnosticResource, TeamDiagnosticQuery } from './diagnostic';
export {
  monitorSourcePermissionResourceRef,
  monitorSourcePermissionRules,
  monitorSourceConditions,
  createMonitorSourceConditionalDecision,
  isMonitorOwner,
} from './driftSources/permissionRules';
export type {
  MonitorSourceResource,
  MonitorSourceQuery,
} from './driftSources/permissionRules';
