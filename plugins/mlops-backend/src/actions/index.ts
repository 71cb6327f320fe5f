export { registerGetEntityMaturityAction } from './getEntityMaturityAction';
export { registerGetTeamMaturityAction } from './getTeamMaturityAction';
export { registerGetModelDriftHealthAction } from './getModelDriftHealthAction';
export { registerGetEntityGatesAction } from './getEntityGatesAction';
export { registerRecordGateDecisionAction } from './recordGateDecisionAction';
export { registerGetUseCaseValueAction } from './getUseCaseValueAction';
export { registerRecordKpiActualAction } from './recordKpiActualAction';
export { registerGetAdoptionDiagnosticAction } from './getAdoptionDiagnosticAction';
