export { registerGetEntityMaturityAction } from './getEntityMaturityAction';
export { registerGetTeamMaturityAction } from './getTeamMaturityAction';
export { registerGetModelDriftHealthAction } from './getModelDriftHealthAction';
export { registerGetEntityGatesAction } from './getEntityGatesAction';
export { registerRecordGateDecisionAction } from './recordGateDecisionAction';
