import type { MLMonitorEntityV1alpha1 } from '../../kinds/types';
import { isMLMonitorEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** Whether the monitor routes its alerts to anyone. */
export function hasAlertRouting(monitor: MLMonitorEntityV1alpha1): boolean {
  const { notify = [], channels = [] } = monitor.spec.alerting ?? {};
  return notify.length + channels.length > 0;
}

/** The monitor routes its alerts to people or channels. @public */
export const monitorAlertRouting: CheckDefinition = {
  id: 'monitor.alert-routing',
  title: 'Alert routing',
  description:
    'The monitor notifies Groups or Users in the catalog, or sends alerts to channels outside Backstage.',
  stage: 'operationalisation',
  level: 2,
  kinds: ['MLMonitor'],
  rationale:
    'Alert automation is a key step of operationalisation: drift nobody hears about is drift nobody acts on.',
  remediation: {
    text: 'Set spec.alerting.notify (e.g. `[group:default/retention-analytics]`) or spec.alerting.channels (e.g. `[{ type: slack, target: "#churn-alerts" }]`).',
    link: checkDocsLink('monitor.alert-routing'),
  },
  evaluate({ entity }) {
    if (!isMLMonitorEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a monitor.' };
    }
    if (!hasAlertRouting(entity)) {
      return {
        outcome: 'failed',
        reason:
          'Neither spec.alerting.notify nor spec.alerting.channels is set.',
      };
    }
    const { notify = [], channels = [] } = entity.spec.alerting ?? {};
    return {
      outcome: 'passed',
      reason: `Alerts go to ${[
        ...notify,
        ...channels.map(c => `${c.type} ${c.target}`),
      ].join(', ')}.`,
    };
  },
};
