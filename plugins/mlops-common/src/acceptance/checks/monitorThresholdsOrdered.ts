import { isMLMonitorEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** Every watched feature warns before it alerts. @public */
export const monitorThresholdsOrdered: CheckDefinition = {
  id: 'monitor.thresholds-ordered',
  title: 'Warning before alert',
  description:
    'Every feature the monitor watches has a warning threshold strictly below its alert threshold.',
  stage: 'operationalisation',
  level: 2,
  kinds: ['MLMonitor'],
  rationale:
    'A warning band gives owners time to look at drift before it pages anyone; with warning equal to alert, the first sign of drift is an alert.',
  remediation: {
    text: 'For each entry of spec.features, set `warning` below `alert`, e.g. PSI `warning: 0.1`, `alert: 0.25`.',
    link: checkDocsLink('monitor.thresholds-ordered'),
  },
  evaluate({ entity }) {
    if (!isMLMonitorEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a monitor.' };
    }
    const flat = entity.spec.features.flatMap((feature, index) =>
      feature.warning < feature.alert
        ? []
        : [
            `spec.features[${index}] (${feature.name}) warns and alerts at ${feature.alert}`,
          ],
    );
    return flat.length
      ? { outcome: 'failed', reason: `${flat.join('; ')}.` }
      : {
          outcome: 'passed',
          reason: `All ${entity.spec.features.length} features warn before they alert.`,
        };
  },
};
