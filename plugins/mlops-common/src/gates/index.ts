export * from './types';
export * from './definitions';
export * from './state';
export * from './facts';
export * from './approvalFact';
