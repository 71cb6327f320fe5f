export * from './problems';
export { MLOPS_KIND_SCHEMAS } from './schemaProblems';
export * from './envelope';
export * from './validateMlopsEntity';
export * from './kindValidators';
