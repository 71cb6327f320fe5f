import { isMLModelEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';
import { useCaseOfModel } from './resolve';

/** The model's use case exists in the catalog. @public */
export const modelUseCaseInCatalog: CheckDefinition = {
  id: 'model.use-case-in-catalog',
  title: 'Use case in the catalog',
  description: 'The MLUseCase the model implements exists in the catalog.',
  stage: 'strategy',
  level: 1,
  kinds: ['MLModel'],
  rationale:
    'A model without a registered use case has no sponsor, no business drivers and no acceptance criteria to be judged by: it is a solution looking for a problem.',
  remediation: {
    text: 'Point spec.useCase at a registered MLUseCase (e.g. `useCase: mlusecase:default/churn-prevention`), or register the use case.',
    link: checkDocsLink('model.use-case-in-catalog'),
  },
  evaluate(context) {
    const { entity } = context;
    if (!isMLModelEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a model.' };
    }
    const useCase = useCaseOfModel(context, entity);
    return useCase
      ? {
          outcome: 'passed',
          reason: `Implements ${
            useCase.metadata.title ?? useCase.metadata.name
          }.`,
        }
      : {
          outcome: 'failed',
          reason: `spec.useCase ${entity.spec.useCase} is not an MLUseCase in the catalog.`,
        };
  },
};
