import { RELATION_MODEL_MONITORED_BY } from '../../kinds/relations';
import { isMLModelEntity, isMLMonitorEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';
import { hasAlertRouting } from './monitorAlertRouting';

/** The model is watched by at least one monitor whose alerts reach someone. @public */
export const modelMonitoredWithAlerts: CheckDefinition = {
  id: 'model.monitored-with-alerts',
  title: 'Monitored with alert routing',
  description:
    'At least one MLMonitor in the catalog watches the model and routes its alerts to people or channels.',
  stage: 'operationalisation',
  level: 3,
  kinds: ['MLModel'],
  rationale:
    'A deployed model degrades silently as the world changes; a monitor whose alerts go nowhere is no monitor.',
  remediation: {
    text: 'Register an MLMonitor with `spec.model` pointing at this model and set its spec.alerting.notify or spec.alerting.channels.',
    link: checkDocsLink('model.monitored-with-alerts'),
  },
  evaluate({ entity, related }) {
    if (!isMLModelEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a model.' };
    }
    const monitors = related(RELATION_MODEL_MONITORED_BY).filter(
      isMLMonitorEntity,
    );
    if (monitors.length === 0) {
      return {
        outcome: 'failed',
        reason: 'No MLMonitor in the catalog watches this model.',
      };
    }
    const routed = monitors.filter(hasAlertRouting);
    return routed.length
      ? {
          outcome: 'passed',
          reason: `Alerts routed by ${routed
            .map(m => m.metadata.name)
            .join(', ')}.`,
        }
      : {
          outcome: 'failed',
          reason: `Monitored by ${monitors
            .map(m => m.metadata.name)
            .join(
              ', ',
            )}, but none sets spec.alerting.notify or spec.alerting.channels.`,
        };
  },
};
