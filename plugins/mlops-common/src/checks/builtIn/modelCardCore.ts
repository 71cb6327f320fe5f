import type { ModelCard } from '../../kinds/types';
import { isMLModelEntity } from '../../kinds/types';
import {
  MODEL_CARD_SECTIONS,
  modelCardCompleteness,
} from '../../kinds/modelCard';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';
import { listing } from './resolve';

/** The model-card sections every model needs before it is relied on. @public */
export const CORE_MODEL_CARD_SECTIONS: ReadonlyArray<keyof ModelCard> = [
  'intendedUse',
  'trainingData',
  'evaluationData',
  'limitations',
];

function fields(keys: ReadonlyArray<keyof ModelCard>): string {
  return listing(keys.map(key => `spec.modelCard.${key}`));
}

// The same for every model that passes; written once.
const DOCUMENTS_CORE = `Documents ${listing(
  CORE_MODEL_CARD_SECTIONS.map(key =>
    MODEL_CARD_SECTIONS.find(s => s.key === key)!.title.toLowerCase(),
  ),
)}.`;

/** The model card documents intended use, training and evaluation data, and limitations. @public */
export const modelCardCore: CheckDefinition = {
  id: 'model.model-card-core',
  title: 'Model card: core sections',
  description:
    'The model card documents intended use, training data, evaluation data and limitations.',
  stage: 'prototyping',
  level: 2,
  kinds: ['MLModel'],
  rationale:
    'These four sections tell a consumer what the model is for, what it learned from, how it was judged and where it breaks (Mitchell et al. 2019); without them a tested model still cannot be used responsibly.',
  remediation: {
    text: `Fill ${fields(CORE_MODEL_CARD_SECTIONS)}.`,
    link: checkDocsLink('model.model-card-core'),
  },
  evaluate({ entity }) {
    if (!isMLModelEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a model.' };
    }
    const { missing } = modelCardCompleteness(entity);
    const missingCore = CORE_MODEL_CARD_SECTIONS.filter(key =>
      missing.includes(key),
    );
    return missingCore.length
      ? {
          outcome: 'failed',
          reason: `Not documented: ${fields(missingCore)}.`,
        }
      : { outcome: 'passed', reason: DOCUMENTS_CORE };
  },
};
