import { isMLUseCaseEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** The use case is reviewed on a cadence against named policies. @public */
export const useCaseGovernanceReviewed: CheckDefinition = {
  id: 'use-case.governance-reviewed',
  title: 'Governance review cadence',
  description:
    'The use case declares how often it is reviewed and the governance policies it is reviewed against.',
  stage: 'strategy',
  level: 4,
  kinds: ['MLUseCase'],
  rationale:
    'Governed, closed-loop operation means the use case is revisited regularly: the business case, risks and policies change after deployment, not only the data.',
  remediation: {
    text: 'Set spec.governance.reviewCadence (an ISO 8601 duration such as P3M) and list spec.governance.policies.',
    link: checkDocsLink('use-case.governance-reviewed'),
  },
  evaluate({ entity }) {
    if (!isMLUseCaseEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a use case.' };
    }
    const { reviewCadence, policies = [] } = entity.spec.governance ?? {};
    const missing = [
      !reviewCadence && 'spec.governance.reviewCadence',
      policies.length === 0 && 'spec.governance.policies',
    ].filter((field): field is string => Boolean(field));
    if (missing.length) {
      return {
        outcome: 'failed',
        reason: `Not declared: ${missing.join(', ')}.`,
      };
    }
    return {
      outcome: 'passed',
      reason: `Reviewed every ${reviewCadence} against ${policies.join(', ')}.`,
    };
  },
};
