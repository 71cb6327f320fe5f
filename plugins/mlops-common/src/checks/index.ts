export * from './outcomes';
export * from './types';
export * from './context';
export * from './evaluateChecks';
export * from './externalCheck';
export * from './builtIn';
