import { isMLUseCaseEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';
import { listing } from './resolve';

/** The use case links business drivers to KPIs with a baseline and a target. @public */
export const useCaseBusinessDriversMeasurable: CheckDefinition = {
  id: 'use-case.business-drivers-measurable',
  title: 'Business drivers measurable',
  description:
    'The use case names at least one business driver, and every driver has a KPI with a baseline and a target.',
  stage: 'strategy',
  level: 1,
  kinds: ['MLUseCase'],
  rationale:
    'Business vision and alignment come first in the framework: without a KPI baseline and target nobody can tell whether the models drive business value.',
  remediation: {
    text: 'List spec.businessDrivers, each with `driver`, `kpi`, `baseline` and `target` (and `unit`), e.g. `{ driver: Keep subscribers, kpi: Monthly churn rate, baseline: 2.8, target: 2.2, unit: "%" }`.',
    link: checkDocsLink('use-case.business-drivers-measurable'),
  },
  evaluate({ entity }) {
    if (!isMLUseCaseEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a use case.' };
    }
    const drivers = entity.spec.businessDrivers ?? [];
    if (drivers.length === 0) {
      return {
        outcome: 'failed',
        reason: 'spec.businessDrivers lists no business driver.',
      };
    }
    const unmeasured = drivers.flatMap((driver, index) => {
      const missing = (['baseline', 'target'] as const).filter(
        key => driver[key] === undefined,
      );
      return missing.length
        ? [
            `spec.businessDrivers[${index}] (${driver.kpi}) has no ${listing(
              missing,
            )}`,
          ]
        : [];
    });
    if (unmeasured.length) {
      return { outcome: 'failed', reason: `${unmeasured.join('; ')}.` };
    }
    return {
      outcome: 'passed',
      reason: `${drivers.length} driver${
        drivers.length === 1 ? '' : 's'
      } with KPI baseline and target: ${listing(drivers.map(d => d.kpi))}.`,
    };
  },
};
