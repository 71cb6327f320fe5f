import { RELATION_USE_CASE_IMPLEMENTED_BY } from '../../kinds/relations';
import { isMLModelEntity, isMLUseCaseEntity } from '../../kinds/types';
import { evaluateModelAcceptance } from '../../acceptance/criteria';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';
import { formatCriterionResult } from './format';

/** A production model of the use case meets all its acceptance criteria. @public */
export const useCaseAcceptedModelInProduction: CheckDefinition = {
  id: 'use-case.accepted-model-in-production',
  title: 'Accepted model in production',
  description:
    'At least one model that implements the use case is in production (lifecycle `production`) and meets every acceptance criterion.',
  stage: 'operationalisation',
  level: 3,
  kinds: ['MLUseCase'],
  rationale:
    'A use case delivers value only once a model that meets the agreed criteria is operated; a model in production below the bar is a risk the sponsor did not accept.',
  remediation: {
    text: "Bring a model whose spec.metrics meet the use case's spec.acceptanceCriteria to production (its spec.lifecycle: production), or retire the production model that misses them.",
    link: checkDocsLink('use-case.accepted-model-in-production'),
  },
  evaluate({ entity, related }) {
    if (!isMLUseCaseEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a use case.' };
    }
    const criteria = entity.spec.acceptanceCriteria ?? [];
    if (criteria.length === 0) {
      return {
        outcome: 'not-reported',
        reason:
          'spec.acceptanceCriteria lists no criterion to accept a model by.',
      };
    }
    const models = related(RELATION_USE_CASE_IMPLEMENTED_BY).filter(
      isMLModelEntity,
    );
    if (models.length === 0) {
      return {
        outcome: 'failed',
        reason: 'No model in the catalog implements this use case.',
      };
    }
    const inProduction = models.filter(m => m.spec.lifecycle === 'production');
    if (inProduction.length === 0) {
      return {
        outcome: 'failed',
        reason: `No model is in production: ${models
          .map(m => `${m.metadata.name} is ${m.spec.lifecycle}`)
          .join(', ')}.`,
      };
    }
    const results = inProduction.map(m => evaluateModelAcceptance(criteria, m));
    const accepted = results.filter(r => r.outcome === 'passed');
    if (accepted.length) {
      return {
        outcome: 'passed',
        reason: `In production and meeting all ${
          criteria.length
        } criteria: ${accepted.map(r => r.model).join(', ')}.`,
      };
    }
    return {
      outcome: 'failed',
      reason: `No production model meets every criterion: ${results
        .map(
          r =>
            `${r.model}: ${r.results
              .filter(c => c.outcome !== 'passed')
              .map(formatCriterionResult)
              .join(', ')}`,
        )
        .join('; ')}.`,
    };
  },
};
