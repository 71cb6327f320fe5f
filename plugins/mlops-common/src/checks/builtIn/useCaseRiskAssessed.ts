import { isMLUseCaseEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** The use case declares its risk tier, personal data and ethical considerations. @public */
export const useCaseRiskAssessed: CheckDefinition = {
  id: 'use-case.risk-assessed',
  title: 'Risk and ethics assessed',
  description:
    'The use case declares its risk tier, whether it processes personal data and its ethical considerations; with personal data it names the governance policies that apply. An unacceptable risk tier fails.',
  stage: 'strategy',
  level: 2,
  kinds: ['MLUseCase'],
  rationale:
    'Ethical considerations such as bias are settled in the first stage: they decide which fairness tests the models need and which policies (e.g. GDPR) govern the data. Under the EU AI Act an unacceptable-risk system may not be deployed at all.',
  remediation: {
    text: 'Set spec.risk.tier (minimal, limited or high), spec.risk.personalData and at least one entry of spec.risk.ethicalConsiderations; with personal data, list the applicable policies in spec.governance.policies.',
    link: checkDocsLink('use-case.risk-assessed'),
  },
  evaluate({ entity }) {
    if (!isMLUseCaseEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a use case.' };
    }
    const risk = entity.spec.risk ?? {};
    if (risk.tier === 'unacceptable') {
      return {
        outcome: 'failed',
        reason:
          'spec.risk.tier is unacceptable: such a system may not be put into operation.',
      };
    }
    const missing = [
      risk.tier === undefined && 'spec.risk.tier',
      risk.personalData === undefined && 'spec.risk.personalData',
      !risk.ethicalConsiderations?.length && 'spec.risk.ethicalConsiderations',
    ].filter((field): field is string => Boolean(field));
    if (missing.length) {
      return {
        outcome: 'failed',
        reason: `Not declared: ${missing.join(', ')}.`,
      };
    }
    const policies = entity.spec.governance?.policies ?? [];
    if (risk.personalData && policies.length === 0) {
      return {
        outcome: 'failed',
        reason:
          'spec.risk.personalData is true but spec.governance.policies names no policy that governs the data.',
      };
    }
    return {
      outcome: 'passed',
      reason: `Risk tier ${risk.tier}, ${
        risk.personalData ? 'personal data' : 'no personal data'
      }, ${risk.ethicalConsiderations!.length} ethical consideration${
        risk.ethicalConsiderations!.length === 1 ? '' : 's'
      }.`,
    };
  },
};
