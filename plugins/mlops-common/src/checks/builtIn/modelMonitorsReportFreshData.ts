import { driftHealthFact } from '../../drift/healthFact';
import { isMLModelEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** Every monitor of a production model reports fresh data. @public */
export const modelMonitorsReportFreshData: CheckDefinition = {
  id: 'model.monitors-report-fresh-data',
  title: 'Monitors report fresh data',
  description:
    'A model in production has at least one monitor, and every one of its monitors received observations within its cadence.',
  stage: 'operationalisation',
  level: 4,
  kinds: ['MLModel'],
  rationale:
    'Monitoring that exists only on paper fails silently; fresh observations are what let drift alerts fire before users notice.',
  remediation: {
    text: 'Push observations for each of the model’s monitors to POST /api/mlops/drift/observations every cadence period, or pull them with a drift source module (docs/drift.md).',
    link: checkDocsLink('model.monitors-report-fresh-data'),
  },
  evaluate({ entity, facts }) {
    if (!isMLModelEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a model.' };
    }
    if (entity.spec.lifecycle !== 'production') {
      return {
        outcome: 'not-applicable',
        reason: `Not in production (lifecycle ${entity.spec.lifecycle}).`,
      };
    }
    const health = driftHealthFact(facts);
    if (!health || health.monitors === 0) {
      return {
        outcome: 'failed',
        reason: 'No monitor of this model has been evaluated.',
      };
    }
    return health.fresh === health.monitors
      ? {
          outcome: 'passed',
          reason: `All ${health.monitors} monitors report fresh data.`,
        }
      : {
          outcome: 'failed',
          reason: `${health.monitors - health.fresh} of ${
            health.monitors
          } monitors are stale or have no data.`,
        };
  },
};
