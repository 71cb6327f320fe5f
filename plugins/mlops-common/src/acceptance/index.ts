export * from './compare';
export * from './evaluateAcceptance';
