import { isMLModelEntity } from '../../kinds/types';
import {
  DEFAULT_FAIRNESS_OPERATOR,
  evaluateFairness,
} from '../../acceptance/fairness';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';
import { useCaseOfModel } from './resolve';

/** Every bounded fairness result is within its bound; required when the use case processes personal data. @public */
export const modelFairnessWithinBounds: CheckDefinition = {
  id: 'model.fairness-within-bounds',
  title: 'Fairness within bounds',
  description:
    'Every fairness result with a threshold respects it. When the use case processes personal data, the model must report at least one bounded fairness result.',
  stage: 'prototyping',
  level: 2,
  kinds: ['MLModel'],
  rationale:
    'Fairness testing belongs to model building, next to performance testing: a model that treats groups of people differently beyond the agreed bound is not ready, and a model scoring people without any fairness test has not been checked.',
  remediation: {
    text: "Measure fairness across the sensitive attributes named in the use case's spec.risk.ethicalConsiderations and declare the results in spec.fairness with `threshold` (and `operator`, default <=); improve the model until they hold.",
    link: checkDocsLink('model.fairness-within-bounds'),
  },
  evaluate(context) {
    const { entity } = context;
    if (!isMLModelEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a model.' };
    }
    const bounded = (entity.spec.fairness ?? []).filter(
      result => result.threshold !== undefined,
    );
    if (bounded.length === 0) {
      const useCase = useCaseOfModel(context, entity);
      if (!useCase) {
        return {
          outcome: 'not-reported',
          reason: `spec.fairness has no result with a threshold, and the use case ${entity.spec.useCase} is not in the catalog to tell whether one is needed.`,
        };
      }
      return useCase.spec.risk?.personalData
        ? {
            outcome: 'not-reported',
            reason: `The use case processes personal data (spec.risk.personalData) but spec.fairness has no result with a threshold.`,
          }
        : {
            outcome: 'not-applicable',
            reason:
              'The use case declares no personal data and spec.fairness has no result with a threshold.',
          };
    }
    const failed = bounded.filter(
      result => evaluateFairness(result) === 'failed',
    );
    if (failed.length) {
      return {
        outcome: 'failed',
        reason: `Out of bounds: ${failed
          .map(
            r =>
              `${r.metric} for ${r.attribute} ${r.value} (needs ${
                r.operator ?? DEFAULT_FAIRNESS_OPERATOR
              } ${r.threshold})`,
          )
          .join('; ')}.`,
      };
    }
    return {
      outcome: 'passed',
      reason: `All ${bounded.length} bounded fairness result${
        bounded.length === 1 ? '' : 's'
      } within bounds (${[...new Set(bounded.map(r => r.attribute))].join(
        ', ',
      )}).`,
    };
  },
};
