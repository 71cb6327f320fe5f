import { isMLUseCaseEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** The use case declares acceptance criteria. @public */
export const useCaseAcceptanceCriteriaDefined: CheckDefinition = {
  id: 'use-case.acceptance-criteria-defined',
  title: 'Acceptance criteria defined',
  description:
    'The use case declares the acceptance criteria its models must meet.',
  stage: 'strategy',
  level: 1,
  kinds: ['MLUseCase'],
  rationale:
    'Acceptance criteria are agreed with the sponsor before any model is built; without them no model can be accepted or rejected on evidence.',
  remediation: {
    text: 'List spec.acceptanceCriteria, each with `metric`, `operator` and `threshold`, e.g. `{ metric: recall, operator: ">=", threshold: 0.7 }`.',
    link: checkDocsLink('use-case.acceptance-criteria-defined'),
  },
  evaluate({ entity }) {
    if (!isMLUseCaseEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a use case.' };
    }
    const criteria = entity.spec.acceptanceCriteria ?? [];
    if (criteria.length === 0) {
      return {
        outcome: 'failed',
        reason: 'spec.acceptanceCriteria lists no criterion.',
      };
    }
    return {
      outcome: 'passed',
      reason: `${criteria.length} criteri${
        criteria.length === 1 ? 'on' : 'a'
      }: ${criteria
        .map(c => `${c.metric} ${c.operator} ${c.threshold}`)
        .join(', ')}.`,
    };
  },
};
