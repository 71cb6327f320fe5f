export { DriftHealthCard } from './DriftHealthCard';
export type { DriftHealthCardProps } from './DriftHealthCard';
export { DriftContent } from './DriftContent';
export type { DriftContentProps } from './DriftContent';
export { UseCaseDriftCard } from './UseCaseDriftCard';
export { DriftAlertsTable } from './DriftAlertsTable';
