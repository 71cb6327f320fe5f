import { isMLModelEntity } from '../../kinds/types';
import { modelCardCompleteness } from '../../kinds/modelCard';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';
import { listing } from './resolve';

/** Every section of the model card is documented. @public */
export const modelCardComplete: CheckDefinition = {
  id: 'model.model-card-complete',
  title: 'Model card: complete',
  description:
    'All eight model-card sections of Mitchell et al. (2019) are documented.',
  stage: 'prototyping',
  level: 4,
  kinds: ['MLModel'],
  rationale:
    'Governed operation hands models over to people who did not build them: factors, ethical considerations and caveats are what auditors and operations ask for first.',
  remediation: {
    text: 'Fill every section of spec.modelCard: overview, intendedUse, factors, trainingData, evaluationData, limitations, ethicalConsiderations and caveats.',
    link: checkDocsLink('model.model-card-complete'),
  },
  evaluate({ entity }) {
    if (!isMLModelEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a model.' };
    }
    const { documented, missing, total } = modelCardCompleteness(entity);
    return missing.length
      ? {
          outcome: 'failed',
          reason: `${
            documented.length
          } of ${total} sections documented; missing ${listing(
            missing.map(key => `spec.modelCard.${key}`),
          )}.`,
        }
      : { outcome: 'passed', reason: `All ${total} sections documented.` };
  },
};
