import { isMLModelEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';
import { fullRef, listing } from './resolve';

/** The model declares the datasets it depends on. @public */
export const modelDatasetsDeclared: CheckDefinition = {
  id: 'model.datasets-declared',
  title: 'Datasets declared',
  description:
    'The model names at least one dataset (a Resource) it depends on in spec.dependsOn; datasets missing from the catalog give a warning.',
  stage: 'prototyping',
  level: 2,
  kinds: ['MLModel'],
  rationale:
    'Lineage from model to data is what makes training repeatable, privacy reviews possible and a data incident traceable to the models it affects.',
  remediation: {
    text: 'List the training and scoring datasets as Resources in spec.dependsOn, e.g. `dependsOn: [resource:default/subscriber-events]`, and register them in the catalog.',
    link: checkDocsLink('model.datasets-declared'),
  },
  evaluate({ entity, getEntity }) {
    if (!isMLModelEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a model.' };
    }
    const datasets = (entity.spec.dependsOn ?? [])
      .map(value => fullRef(value, 'resource', entity))
      .filter((ref): ref is string => ref?.startsWith('resource:') ?? false);
    if (datasets.length === 0) {
      return {
        outcome: 'failed',
        reason: 'spec.dependsOn names no Resource (dataset).',
      };
    }
    const unknown = datasets.filter(ref => !getEntity(ref));
    if (unknown.length) {
      return {
        outcome: 'warning',
        reason: `Declared but not in the catalog: ${listing(unknown)}.`,
      };
    }
    return {
      outcome: 'passed',
      reason: `Depends on ${listing(datasets)}.`,
    };
  },
};
