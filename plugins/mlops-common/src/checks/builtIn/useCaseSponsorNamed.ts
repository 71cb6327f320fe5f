import { isMLUseCaseEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** The use case names the sponsor who signs it off. @public */
export const useCaseSponsorNamed: CheckDefinition = {
  id: 'use-case.sponsor-named',
  title: 'Sponsor named',
  description: 'The use case names the model consumer who signs it off.',
  stage: 'strategy',
  level: 1,
  kinds: ['MLUseCase'],
  rationale:
    'Sponsors are in the critical path of model assurance: without a named sponsor nobody accepts the model on the business side, signs off deployment or watches it after.',
  remediation: {
    text: 'Set spec.sponsor to the user or group who consumes the model and signs off its stages, e.g. `sponsor: user:default/jane.doe`.',
    link: checkDocsLink('use-case.sponsor-named'),
  },
  evaluate({ entity }) {
    if (!isMLUseCaseEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a use case.' };
    }
    return entity.spec.sponsor
      ? { outcome: 'passed', reason: `Sponsored by ${entity.spec.sponsor}.` }
      : { outcome: 'failed', reason: 'spec.sponsor is not set.' };
  },
};
