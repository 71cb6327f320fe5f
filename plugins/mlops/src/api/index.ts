export { mlopsApiRef } from './MlopsApi';
export type {
  MlopsApi,
  MaturityQuery,
  EntityRefInput,
  LeaderboardPage,
} from './MlopsApi';
export type { GateAuditFormat, GateFunnelKind } from './MlopsApi';
export { MlopsClient } from './MlopsClient';
