export * from './definitions';
export * from './ledger';
export * from './periods';
export * from './status';
export * from './fact';
