export { MlopsInfoCard } from './MlopsInfoCard';
export type { MlopsCardProps } from './MlopsInfoCard';
export { MlopsTableCard } from './MlopsTableCard';
export { OutcomeStatus } from './OutcomeStatus';
export { KindMismatchPanel } from './KindMismatchPanel';
export { EntityRefList } from './EntityRefList';
export * from './format';
