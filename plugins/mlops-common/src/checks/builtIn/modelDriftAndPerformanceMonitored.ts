import { RELATION_MODEL_MONITORED_BY } from '../../kinds/relations';
import { isMLModelEntity, isMLMonitorEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** The model is watched both for drift and for performance. @public */
export const modelDriftAndPerformanceMonitored: CheckDefinition = {
  id: 'model.drift-and-performance-monitored',
  title: 'Drift and performance monitored',
  description:
    'The model has a performance monitor and a drift monitor (data drift or prediction drift).',
  stage: 'operationalisation',
  level: 4,
  kinds: ['MLModel'],
  rationale:
    'Closing the loop needs both signals: drift warns early, before labels arrive; performance confirms whether the drift matters and when to retrain.',
  remediation: {
    text: 'Register MLMonitors for this model with `spec.type: performance` and with `spec.type: data-drift` or `prediction-drift`.',
    link: checkDocsLink('model.drift-and-performance-monitored'),
  },
  evaluate({ entity, related }) {
    if (!isMLModelEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a model.' };
    }
    const monitors = related(RELATION_MODEL_MONITORED_BY).filter(
      isMLMonitorEntity,
    );
    const drift = monitors.filter(m => m.spec.type !== 'performance');
    const performance = monitors.filter(m => m.spec.type === 'performance');
    const missing = [
      performance.length === 0 && 'performance monitor',
      drift.length === 0 && 'drift monitor (data-drift or prediction-drift)',
    ].filter((what): what is string => Boolean(what));
    if (missing.length) {
      return {
        outcome: 'failed',
        reason: `No ${missing.join(' and no ')}${
          monitors.length
            ? `; monitors: ${monitors
                .map(m => `${m.metadata.name} (${m.spec.type})`)
                .join(', ')}`
            : ''
        }.`,
      };
    }
    return {
      outcome: 'passed',
      reason: `Performance: ${performance
        .map(m => m.metadata.name)
        .join(', ')}; drift: ${drift.map(m => m.metadata.name).join(', ')}.`,
    };
  },
};
