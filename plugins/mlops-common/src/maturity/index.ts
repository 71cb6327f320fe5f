export * from './levels';
export * from './rubric';
export * from './scorecard';
export * from './summary';
export * from './defaultRubric';
export * from './mlTestScore';
export * from './factIds';
