import { isMLMonitorEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** Every watched feature warns before it alerts. @public */
export const monitorThresholdsOrdered: CheckDefinition = {
  id: 'monitor.thresholds-ordered',
  title: 'Warning before alert',
  description:
    'Every feature the monitor watches reaches its warning threshold strictly before its alert threshold (below it, or above it for `direction: below`).',
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
    // With direction "below" (a metric or a p-value) the warning sits above the alert.
    const flat = entity.spec.features.flatMap((feature, index) =>
      (
        feature.direction === 'below'
          ? feature.warning > feature.alert
          : feature.warning < feature.alert
      )
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
