export * from './snapshot';
export * from './questions';
export { indicatorSignal, questionVerdict } from './measure';
export * from './delivery';
export * from './diagnose';
