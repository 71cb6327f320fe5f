import { driftHealthFact } from '../../drift/healthFact';
import { isMLMonitorEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** The monitor is not in drift alert. @public */
export const monitorNoUnresolvedAlert: CheckDefinition = {
  id: 'monitor.no-unresolved-alert',
  title: 'No unresolved drift alert',
  description:
    'The monitor is not in alert: no watched feature is at its alert threshold in the latest observations.',
  stage: 'operationalisation',
  level: 4,
  kinds: ['MLMonitor'],
  rationale:
    'Alerts that stay open teach everyone to ignore them; a managed model has its alerts resolved, by retraining or by adjusting a threshold that was wrong.',
  remediation: {
    text: "Follow the monitor's runbook: retrain or roll back the model, or, if the drift is expected, re-baseline the reference window or adjust the thresholds in spec.features.",
    link: checkDocsLink('monitor.no-unresolved-alert'),
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
    return health.inAlert > 0
      ? {
          outcome: 'failed',
          reason: `In drift alert since ${health.since}.`,
        }
      : { outcome: 'passed', reason: `Not in alert (${health.state}).` };
  },
};
