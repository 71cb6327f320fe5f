import { Entity, KindValidator } from '@backstage/catalog-model';
import { MLOPS_API_VERSION, MlopsEntity, MlopsKind } from '../types';
import { MlopsEntityValidationError } from './problems';
import { validateMlopsEntity } from './validateMlopsEntity';

function kindValidator(kind: MlopsKind): KindValidator {
  return {
    async check(entity: Entity) {
      if (entity.apiVersion !== MLOPS_API_VERSION || entity.kind !== kind) {
        return false;
      }
      const problems = validateMlopsEntity(entity as MlopsEntity);
      if (problems.length) {
        throw new MlopsEntityValidationError(entity, problems);
      }
      return true;
    },
  };
}

/** Validates MLUseCase entities; throws {@link MlopsEntityValidationError}. @public */
export const mlUseCaseEntityV1alpha1Validator = kindValidator('MLUseCase');
/** Validates MLModel entities; throws {@link MlopsEntityValidationError}. @public */
export const mlModelEntityV1alpha1Validator = kindValidator('MLModel');
/** Validates MLMonitor entities; throws {@link MlopsEntityValidationError}. @public */
export const mlMonitorEntityV1alpha1Validator = kindValidator('MLMonitor');
