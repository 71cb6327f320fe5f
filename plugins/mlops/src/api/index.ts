export { mlopsApiRef } from './MlopsApi';
export type {
  MlopsApi,
  MaturityQuery,
  EntityRefInput,
  LeaderboardPage,
} from './MlopsApi';
export type {
  DiagnosticQuery,
  GateAuditFormat,
  GateFunnelKind,
  RejectedEntitiesQuery,
} from './MlopsApi';
export { MlopsClient } from './MlopsClient';
