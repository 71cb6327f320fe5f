export * from './scorecards';
export * from './gates';
export * from './drift';
export * from './value';
export * from './diagnostic';
export * from './rejected';
export * from './alerting';
export * from './driftSources';
