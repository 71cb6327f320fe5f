export { MlopsInfoCard } from './MlopsInfoCard';
export type { MlopsCardProps } from './MlopsInfoCard';
export { MlopsTableCard } from './MlopsTableCard';
export { TwoLines } from './TwoLines';
export { LastError, StatusTable, Unbroken } from './StatusTable';
export type { StatusColumn } from './StatusTable';
export { useFocusRing } from './focusRing';
export { ErrorText, useReadableErrors } from './ErrorText';
export { saveBlob } from './download';
export { KindButtons, PERIODS, PeriodButtons } from './FilterButtons';
export type { Period } from './FilterButtons';
export { Status } from './Status';
export type { StatusTone, StatusVocabulary } from './Status';
export {
  CHECK_OUTCOME_STATUS,
  DRIFT_STATE_STATUS,
  GATE_STATE_STATUS,
  KPI_STATUS,
} from './statusVocabularies';
export { KindMismatchPanel } from './KindMismatchPanel';
export { EntityRefList } from './EntityRefList';
export * from './format';
export { Duration } from './Duration';
export { MetadataList } from './MetadataList';
export type { MetadataValue } from './MetadataList';
