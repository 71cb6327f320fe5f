import { isMLModelEntity, isMLMonitorEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';
import { findReferenced } from './resolve';

/** The monitored model exists in the catalog. @public */
export const monitorModelInCatalog: CheckDefinition = {
  id: 'monitor.model-in-catalog',
  title: 'Model in the catalog',
  description: 'The MLModel the monitor watches exists in the catalog.',
  stage: 'operationalisation',
  level: 1,
  kinds: ['MLMonitor'],
  rationale:
    'Alerts of a monitor whose model is unknown cannot be traced to a use case, an owner or a sponsor.',
  remediation: {
    text: 'Point spec.model at a registered MLModel, e.g. `model: mlmodel:default/churn-gbm`, or register the model.',
    link: checkDocsLink('monitor.model-in-catalog'),
  },
  evaluate(context) {
    const { entity } = context;
    if (!isMLMonitorEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a monitor.' };
    }
    const model = findReferenced(context, entity.spec.model, 'mlmodel');
    return model && isMLModelEntity(model)
      ? {
          outcome: 'passed',
          reason: model.spec.version
            ? `Watches ${model.metadata.name} ${model.spec.version}.`
            : `Watches ${model.metadata.name}.`,
        }
      : {
          outcome: 'failed',
          reason: `spec.model ${entity.spec.model} is not an MLModel in the catalog.`,
        };
  },
};
