export * from './stages';
export * from './levels';
