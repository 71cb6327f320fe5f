export { mlopsApiRef } from './MlopsApi';
export type { MlopsApi, MaturityQuery, EntityRefInput } from './MlopsApi';
export { MlopsClient } from './MlopsClient';
export * from './types';
