export { setUpGates } from './setUpGates';
export type { GateSetupOptions } from './setUpGates';
export {
  gatePermissionResourceRef,
  gatePermissionRules,
  gateConditions,
  createGateConditionalDecision,
  gateResourceRef,
  isEntitySponsor,
  isEntityOwner,
  isSignOffGroupMember,
} from './permissionRules';
export type { GateResource, GateQuery } from './permissionRules';
