export * from './snapshot';
export * from './questions';
export { indicatorSignal, questionVerdict } from './measure';
export * from './delivery';
export * from './diagnose';
export type { DiagnosticContext } from './indicators';
export type {
  GateProgress,
  GateProgressSummary,
  GateTrail,
} from './gateProgress';
export {
  gateProgressFrom,
  gateProgressSummaryHolds,
  gateProgressSummaryOf,
  gateSignOffKey,
} from './gateProgress';
