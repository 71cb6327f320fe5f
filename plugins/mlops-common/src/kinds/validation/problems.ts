import {
  DEFAULT_NAMESPACE,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** One thing wrong with an entity: where, and what was expected. @public */
export interface ValidationProblem {
  /** The field, in the notation of the YAML it came from: `spec.metrics[0].value`. */
  path: string;
  message: string;
}

/**
 * Thrown when an MLightenment entity is invalid. The message names the entity
 * and lists every problem with its field path.
 * @public
 */
export class MlopsEntityValidationError extends TypeError {
  readonly problems: ValidationProblem[];

  constructor(entity: Entity, problems: ValidationProblem[]) {
    const ref = stringifyEntityRef({
      kind: entity.kind,
      namespace: entity.metadata?.namespace ?? DEFAULT_NAMESPACE,
      name: entity.metadata?.name,
    });
    super(
      `Invalid ${entity.kind} entity ${ref}: ${problems
        .map(p => `${p.path} ${p.message}`)
        .join('; ')}`,
    );
    this.name = 'MlopsEntityValidationError';
    this.problems = problems;
  }
}
