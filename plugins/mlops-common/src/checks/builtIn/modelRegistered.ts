import { isMLModelEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** The model declares where its artefact is registered. @public */
export const modelRegistered: CheckDefinition = {
  id: 'model.registered',
  title: 'Registered',
  description:
    'The model declares its registry coordinates: which registry and the artefact address in it.',
  stage: 'prototyping',
  level: 2,
  kinds: ['MLModel'],
  rationale:
    "Packaging and registration make a model reproducible and deployable by a pipeline; an artefact on someone's laptop is neither.",
  remediation: {
    text: 'Set spec.registry with `type` and `uri`, e.g. `registry: { type: mlflow, uri: "models:/churn-gbm/7" }`, and a `url` to its page if the registry has one.',
    link: checkDocsLink('model.registered'),
  },
  evaluate({ entity }) {
    if (!isMLModelEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a model.' };
    }
    const registry = entity.spec.registry;
    return registry
      ? {
          outcome: 'passed',
          reason: `Registered in ${registry.type} as ${registry.uri}.`,
        }
      : { outcome: 'failed', reason: 'spec.registry is not set.' };
  },
};
