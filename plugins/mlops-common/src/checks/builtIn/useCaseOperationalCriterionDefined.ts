import { isMLUseCaseEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** The use case has at least one operational acceptance criterion. @public */
export const useCaseOperationalCriterionDefined: CheckDefinition = {
  id: 'use-case.operational-criterion-defined',
  title: 'Operational success criterion',
  description:
    'At least one acceptance criterion measures operational success (latency, throughput, cost), not only model quality.',
  stage: 'strategy',
  level: 2,
  kinds: ['MLUseCase'],
  rationale:
    'An accurate model that is too slow or too expensive to run does not succeed in operation; the framework asks for operational success metrics next to model accuracy.',
  remediation: {
    text: 'Add a criterion with `category: operational` to spec.acceptanceCriteria, e.g. `{ metric: p95-latency-ms, operator: "<=", threshold: 120, category: operational }`.',
    link: checkDocsLink('use-case.operational-criterion-defined'),
  },
  evaluate({ entity }) {
    if (!isMLUseCaseEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a use case.' };
    }
    const criteria = entity.spec.acceptanceCriteria ?? [];
    const operational = criteria.filter(c => c.category === 'operational');
    if (operational.length === 0) {
      return {
        outcome: 'failed',
        reason:
          criteria.length === 0
            ? 'spec.acceptanceCriteria lists no criterion.'
            : `None of the ${criteria.length} criteria in spec.acceptanceCriteria has category: operational.`,
      };
    }
    return {
      outcome: 'passed',
      reason: `Operational: ${operational
        .map(c => `${c.metric} ${c.operator} ${c.threshold}`)
        .join(', ')}.`,
    };
  },
};
