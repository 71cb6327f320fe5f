export * from './types';
export * from './definitions';
export * from './state';
export * from './facts';
export * from './approvalFact';
export * from './events';
export * from './history';
export * from './view';
