export {
  setUpDiagnostic,
  DIAGNOSTIC_SNAPSHOT_TASK_ID,
} from './setUpDiagnostic';
export {
  createDiagnosticConditionalDecision,
  diagnosticConditions,
  diagnosticPermissionRules,
  isTeamLead,
  isTeamMember,
  teamDiagnosticPermissionResourceRef,
} from './permissionRules';
export type {
  TeamDiagnosticQuery,
  TeamDiagnosticResource,
} from './permissionRules';
