import { driftHealthFact } from '../../drift/healthFact';
import { DRIFT_STATE_LABELS } from '../../drift/health';
import { isMLMonitorEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** The monitor's observations arrive within its cadence. @public */
export const monitorReportsFreshData: CheckDefinition = {
  id: 'monitor.reports-fresh-data',
  title: 'Reports fresh data',
  description:
    'The backend received observations for the monitor within its cadence (times the grace factor): the monitor is neither stale nor without data.',
  stage: 'operationalisation',
  level: 4,
  kinds: ['MLMonitor'],
  rationale:
    'A monitor declared in YAML but fed by no pipeline watches nothing; only data that keeps arriving shows the model is really monitored.',
  remediation: {
    text: 'Have the pipeline push observations to POST /api/mlops/drift/observations every cadence period, or add a drift source module that pulls them (docs/drift.md).',
    link: checkDocsLink('monitor.reports-fresh-data'),
  },
  evaluate({ entity, facts }) {
    if (!isMLMonitorEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a monitor.' };
    }
    const health = driftHealthFact(facts);
    if (!health) {
      return {
        outcome: 'not-reported',
        reason: 'The backend has not evaluated this monitor yet.',
      };
    }
    if (health.fresh >= 1) {
      return {
        outcome: 'passed',
        reason: `Last observation ${health.lastObservationAt}.`,
      };
    }
    return {
      outcome: 'failed',
      reason:
        health.state === 'stale'
          ? `Stale: the last observation (${health.lastObservationAt}) is older than the cadence allows.`
          : `${
              DRIFT_STATE_LABELS[health.state]
            }: no observation has arrived yet.`,
    };
  },
};
