import { isMLModelEntity } from '../../kinds/types';
import {
  evaluateCriteria,
  overallCriteriaOutcome,
} from '../../acceptance/criteria';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';
import { formatCriterionResult } from './format';
import { useCaseOfModel } from './resolve';

/** The model's declared metrics meet every acceptance criterion of its use case. @public */
export const modelMeetsAcceptanceCriteria: CheckDefinition = {
  id: 'model.acceptance-criteria-met',
  title: 'Acceptance criteria met',
  description:
    "The model's metrics meet every acceptance criterion of its use case.",
  stage: 'prototyping',
  level: 2,
  kinds: ['MLModel'],
  rationale:
    'Acceptance criteria are the contract agreed with the sponsor in the first stage; a model that does not meet them is not ready to replace the status quo.',
  remediation: {
    text: "Improve the model until it meets the use case's spec.acceptanceCriteria and declare the measured values under spec.metrics (metric names as the criteria spell them).",
    link: checkDocsLink('model.acceptance-criteria-met'),
  },
  evaluate(context) {
    const { entity } = context;
    if (!isMLModelEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a model.' };
    }
    const useCase = useCaseOfModel(context, entity);
    if (!useCase) {
      return {
        outcome: 'not-reported',
        reason: `The use case ${entity.spec.useCase} is not in the catalog.`,
      };
    }
    const criteria = useCase.spec.acceptanceCriteria ?? [];
    if (criteria.length === 0) {
      return {
        outcome: 'not-reported',
        reason:
          'The use case declares no acceptance criteria to check against.',
      };
    }
    const results = evaluateCriteria(criteria, entity.spec.metrics ?? []);
    const outcome = overallCriteriaOutcome(results.map(r => r.outcome));
    const offending = results.filter(r => r.outcome !== 'passed');
    return {
      outcome,
      reason:
        offending.length === 0
          ? `Meets all ${criteria.length} criteria.`
          : offending.map(formatCriterionResult).join('; '),
    };
  },
};
