import { isMLMonitorEntity, MonitoredFeature } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

// The thresholds a feature warns and alerts at alike: none when its warning
// is reached strictly before its alert.
function sharedThresholds(feature: MonitoredFeature): number[] {
  if (feature.direction === 'outside') {
    const [warningLower, warningUpper] = feature.warning;
    const [alertLower, alertUpper] = feature.alert;
    return [
      ...(alertLower < warningLower ? [] : [alertLower]),
      ...(warningUpper < alertUpper ? [] : [alertUpper]),
    ];
  }
  const ordered =
    feature.direction === 'below'
      ? feature.warning > feature.alert
      : feature.warning < feature.alert;
  return ordered ? [] : [feature.alert];
}

/** Every watched feature warns before it alerts. @public */
export const monitorThresholdsOrdered: CheckDefinition = {
  id: 'monitor.thresholds-ordered',
  title: 'Warning before alert',
  description:
    'Every feature the monitor watches reaches its warning threshold strictly before its alert threshold: the warning below the alert, above it with `direction: below`, and with `direction: outside` a warning band strictly inside the alert band at both ends.',
  stage: 'operationalisation',
  level: 2,
  kinds: ['MLMonitor'],
  rationale:
    'A warning band gives owners time to look at drift before it pages anyone; with warning equal to alert, the first sign of drift is an alert.',
  remediation: {
    text: 'For each entry of spec.features, set `warning` short of `alert`: PSI `warning: 0.1`, `alert: 0.25`; recall with `direction: below`, `warning: 0.75`, `alert: 0.7`; a forecast bias with `direction: outside`, `warning: [-0.03, 0.03]`, `alert: [-0.05, 0.05]`.',
    link: checkDocsLink('monitor.thresholds-ordered'),
  },
  evaluate({ entity }) {
    if (!isMLMonitorEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a monitor.' };
    }
    const flat = entity.spec.features.flatMap((feature, index) => {
      const shared = sharedThresholds(feature);
      return shared.length
        ? [
            `spec.features[${index}] (${
              feature.name
            }) warns and alerts at ${shared.join(' and ')}`,
          ]
        : [];
    });
    return flat.length
      ? { outcome: 'failed', reason: `${flat.join('; ')}.` }
      : {
          outcome: 'passed',
          reason: `All ${entity.spec.features.length} features warn before they alert.`,
        };
  },
};
