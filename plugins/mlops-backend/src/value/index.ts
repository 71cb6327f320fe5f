export {
  registerKpiSources,
  setUpValue,
  VALUE_SYNC_TASK_ID,
} from './setUpValue';
export {
  createValueConditionalDecision,
  valueConditions,
  valuePermissionRules,
  isUseCaseOwner,
  isUseCaseSponsor,
  useCaseValuePermissionResourceRef,
} from './permissionRules';
export type {
  UseCaseValueQuery,
  UseCaseValueResource,
} from './permissionRules';
export { kpiSourceTaskId } from '../kpiSources';
