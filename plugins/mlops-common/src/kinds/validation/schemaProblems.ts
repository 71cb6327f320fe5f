import Ajv, { ValidateFunction } from 'ajv';
import type { Entity } from '@backstage/catalog-model';
import mlUseCaseSchema from '../schema/MLUseCase.v1alpha1.schema.json';
import mlModelSchema from '../schema/MLModel.v1alpha1.schema.json';
import mlMonitorSchema from '../schema/MLMonitor.v1alpha1.schema.json';
import { MlopsKind } from '../types';
import { explain } from './messages';
import type { ValidationProblem } from './problems';

/** The JSON schema (draft-07) of each MLightenment kind. @public */
export const MLOPS_KIND_SCHEMAS: Record<MlopsKind, object> = {
  MLUseCase: mlUseCaseSchema,
  MLModel: mlModelSchema,
  MLMonitor: mlMonitorSchema,
};

// The catalog validates the entity envelope and metadata itself before any
// kind validator runs; here `Entity` only has to resolve so that the kind
// schemas can be published in the same `allOf` form as Backstage's own.
// Union types let a threshold be a number or a band [lower, upper].
const ajv = new Ajv({
  allErrors: true,
  verbose: true,
  strict: true,
  allowUnionTypes: true,
});
ajv.addSchema({ $id: 'Entity', type: 'object' });
const compiled = new Map<MlopsKind, ValidateFunction>();

function compiledSchema(kind: MlopsKind): ValidateFunction {
  let validate = compiled.get(kind);
  if (!validate) {
    validate = ajv.compile(MLOPS_KIND_SCHEMAS[kind]);
    compiled.set(kind, validate);
  }
  return validate;
}

export function schemaProblems(
  kind: MlopsKind,
  entity: Entity,
): ValidationProblem[] {
  const validate = compiledSchema(kind);
  if (validate(entity)) return [];
  return (validate.errors ?? []).map(explain);
}
