/**
 * The catalog backend module that adds the MLUseCase, MLModel and MLMonitor
 * kinds: field-level validation and relations in both directions.
 *
 * @packageDocumentation
 */

export { catalogModuleMlops as default } from './module';
export { MlopsEntitiesProcessor } from './processor/MlopsEntitiesProcessor';
