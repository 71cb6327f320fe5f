export * from './compare';
export * from './criteria';
export * from './fairness';
