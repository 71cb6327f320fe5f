export { registerGetEntityMaturityAction } from './getEntityMaturityAction';
export { registerGetTeamMaturityAction } from './getTeamMaturityAction';
