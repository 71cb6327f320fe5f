import { isMLUseCaseEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** Whether explanations are required is decided, and how they are given when they are. @public */
export const useCaseExplainabilityPlanned: CheckDefinition = {
  id: 'use-case.explainability-planned',
  title: 'Explainability planned',
  description:
    'The use case says whether predictions must be explained and, when they must, the approach and its audience.',
  stage: 'strategy',
  level: 2,
  kinds: ['MLUseCase'],
  rationale:
    'Explainability is planned up front: it constrains the choice of model, and retrofitting explanations onto a black box after deployment is costly or impossible.',
  remediation: {
    text: 'Set spec.explainability.required; when true, also spec.explainability.approach (e.g. `Top-5 SHAP reasons per prediction`) and spec.explainability.audience.',
    link: checkDocsLink('use-case.explainability-planned'),
  },
  evaluate({ entity }) {
    if (!isMLUseCaseEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a use case.' };
    }
    const { required, approach, audience } = entity.spec.explainability ?? {};
    if (required === undefined) {
      return {
        outcome: 'failed',
        reason:
          'spec.explainability.required is not set: decide whether predictions must be explained.',
      };
    }
    if (!required) {
      return {
        outcome: 'passed',
        reason:
          'spec.explainability.required is false: no explanations needed.',
      };
    }
    const missing = [
      !approach?.trim() && 'spec.explainability.approach',
      !audience?.trim() && 'spec.explainability.audience',
    ].filter((field): field is string => Boolean(field));
    if (missing.length) {
      return {
        outcome: 'failed',
        reason: `Explanations are required but ${missing.join(' and ')} ${
          missing.length === 1 ? 'is' : 'are'
        } not set.`,
      };
    }
    return {
      outcome: 'passed',
      reason: `${approach}, for ${audience}.`,
    };
  },
};
