import { isMLUseCaseEntity } from '../../kinds/types';
import { valueFact } from '../../value/fact';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';
import { listing } from './resolve';

/** A production use case reports the actuals of every KPI within its check-in cadence. @public */
export const useCaseValueReported: CheckDefinition = {
  id: 'use-case.value-reported',
  title: 'Business value reported',
  description:
    'A use case in production has an actual for every KPI, none of them overdue for its check-in cadence.',
  stage: 'operationalisation',
  level: 4,
  kinds: ['MLUseCase'],
  rationale:
    'The framework’s first question is whether the models truly drive business value; a use case in production that reports no actuals cannot answer it.',
  remediation: {
    text: 'Have a pipeline push the KPI actuals (POST /api/mlops/value/actuals), or let the sponsor check them in on the Value tab, every period of the KPI’s cadence.',
    link: checkDocsLink('use-case.value-reported'),
  },
  evaluate({ entity, facts }) {
    if (!isMLUseCaseEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a use case.' };
    }
    if (entity.spec.lifecycle !== 'production') {
      return {
        outcome: 'not-applicable',
        reason: `Not in production (lifecycle ${entity.spec.lifecycle}).`,
      };
    }
    const fact = valueFact(facts);
    if (!fact || fact.kpis.length === 0) {
      return {
        outcome: 'not-reported',
        reason: 'The use case declares no KPI whose actuals are tracked.',
      };
    }
    const missing = fact.kpis.filter(k => k.status === 'no-data');
    const overdue = fact.kpis.filter(k => k.status === 'overdue');
    if (missing.length || overdue.length) {
      return {
        outcome: 'failed',
        reason: [
          missing.length
            ? `No actual for ${listing(missing.map(k => k.kpi))}`
            : '',
          overdue.length
            ? `Check-in overdue for ${listing(overdue.map(k => k.kpi))}`
            : '',
        ]
          .filter(Boolean)
          .join('; ')
          .concat('.'),
      };
    }
    return {
      outcome: 'passed',
      reason: `Actuals within their cadence for ${listing(
        fact.kpis.map(k => k.kpi),
      )}.`,
    };
  },
};
