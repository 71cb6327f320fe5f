import { isMLUseCaseEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';
import { findReferenced } from './resolve';

/** The use case's owner is a Group or User the catalog knows. @public */
export const useCaseOwnerInCatalog: CheckDefinition = {
  id: 'use-case.owner-in-catalog',
  title: 'Owner in the catalog',
  description:
    "The use case's owner is a Group or User that exists in the catalog.",
  stage: 'strategy',
  level: 1,
  kinds: ['MLUseCase'],
  rationale:
    'An owner that does not resolve is nobody: the use case drops out of team pages and roll-ups, and no one gets its notifications.',
  remediation: {
    text: 'Set spec.owner to a Group (or User) registered in the catalog, e.g. `owner: group:default/retention-analytics`, or register that group.',
    link: checkDocsLink('use-case.owner-in-catalog'),
  },
  evaluate(context) {
    const { entity } = context;
    if (!isMLUseCaseEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a use case.' };
    }
    const owner = findReferenced(context, entity.spec.owner, 'group');
    if (!owner) {
      return {
        outcome: 'failed',
        reason: `spec.owner ${entity.spec.owner} is not in the catalog.`,
      };
    }
    return {
      outcome: 'passed',
      reason: `Owned by ${owner.kind} ${owner.metadata.name}.`,
    };
  },
};
