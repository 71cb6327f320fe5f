import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  isMlopsEntity,
  mlModelEntityV1alpha1Validator,
  mlMonitorEntityV1alpha1Validator,
  mlUseCaseEntityV1alpha1Validator,
  MlopsEntityValidationError,
  readSpecReferences,
  rootFieldProblems,
  unsupportedMlopsEntityProblem,
} from '@mlightenment/backstage-plugin-mlops-common';

/**
 * Validates the MLUseCase, MLModel and MLMonitor kinds and emits their
 * relations in both directions.
 * @public
 */
export class MlopsEntitiesProcessor implements CatalogProcessor {
  private readonly validators = [
    mlUseCaseEntityV1alpha1Validator,
    mlModelEntityV1alpha1Validator,
    mlMonitorEntityV1alpha1Validator,
  ];

  getProcessorName(): string {
    return 'MlopsEntitiesProcessor';
  }

  // Runs before the catalog's envelope policy, which would reject a misspelt
  // root field (`specs:`) with a message that names no field.
  async preProcessEntity(entity: Entity): Promise<Entity> {
    if (isMlopsEntity(entity)) {
      const problems = rootFieldProblems(entity);
      if (problems.length) {
        throw new MlopsEntityValidationError(entity, problems);
      }
    }
    return entity;
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    for (const validator of this.validators) {
      if (await validator.check(entity)) {
        return true;
      }
    }
    // Left alone, the catalog would only say the kind is unknown.
    const problem = unsupportedMlopsEntityProblem(entity);
    if (problem) {
      throw new MlopsEntityValidationError(entity, [problem]);
    }
    return false;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isMlopsEntity(entity)) {
      return entity;
    }
    const self = getCompoundEntityRef(entity);
    for (const { field, target } of readSpecReferences(entity)) {
      // Only valid references reach this point: validateEntityKind rejects the rest.
      if (!target) continue;
      const [forward, reverse] = field.relation;
      emit(processingResult.relation({ source: self, type: forward, target }));
      emit(
        processingResult.relation({
          source: target,
          type: reverse,
          target: self,
        }),
      );
    }
    return entity;
  }
}
