import { isMLUseCaseEntity } from '../../kinds/types';
import { valueFact } from '../../value/fact';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';
import { listing } from './resolve';

/** The KPIs a production use case reports are on track toward their targets. @public */
export const useCaseValueOnTrack: CheckDefinition = {
  id: 'use-case.value-on-track',
  title: 'Business value on track',
  description:
    'No KPI of a use case in production is off track (worse than its baseline); a KPI at risk is a warning.',
  stage: 'operationalisation',
  level: 4,
  kinds: ['MLUseCase'],
  rationale:
    'Model consumers are in the critical path of post-deployment monitoring: a KPI that moved the wrong way is the signal that the model no longer earns its keep.',
  remediation: {
    text: 'Review the KPI with its sponsor on the Value tab: read it beside the model’s drift alerts and version changes, then retrain, roll back or revisit the target.',
    link: checkDocsLink('use-case.value-on-track'),
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
    const reported = (valueFact(facts)?.kpis ?? []).filter(
      k => k.status !== 'no-data' && k.status !== 'overdue',
    );
    if (reported.length === 0) {
      return {
        outcome: 'not-reported',
        reason: 'No KPI has a current actual to judge.',
      };
    }
    const offTrack = reported.filter(k => k.status === 'off-track');
    if (offTrack.length) {
      return {
        outcome: 'failed',
        reason: `Off track (worse than the baseline): ${listing(
          offTrack.map(k => k.kpi),
        )}.`,
      };
    }
    const atRisk = reported.filter(k => k.status === 'at-risk');
    if (atRisk.length) {
      return {
        outcome: 'warning',
        reason: `At risk: ${listing(atRisk.map(k => k.kpi))}.`,
      };
    }
    return {
      outcome: 'passed',
      reason: `On track: ${listing(reported.map(k => k.kpi))}.`,
    };
  },
};
