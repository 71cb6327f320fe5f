import { isMLModelEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** The model declares its version. @public */
export const modelVersionDeclared: CheckDefinition = {
  id: 'model.version-declared',
  title: 'Version declared',
  description: 'The model declares the version it is registered and served as.',
  stage: 'prototyping',
  level: 1,
  kinds: ['MLModel'],
  rationale:
    'Repeatable work starts with knowing which model is which: metrics, fairness results and incidents are only meaningful against a version.',
  remediation: {
    text: 'Set spec.version to the version as registered, e.g. `version: 3.2.0`, and update it on every release.',
    link: checkDocsLink('model.version-declared'),
  },
  evaluate({ entity }) {
    if (!isMLModelEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a model.' };
    }
    return entity.spec.version?.trim()
      ? { outcome: 'passed', reason: `Version ${entity.spec.version}.` }
      : { outcome: 'failed', reason: 'spec.version is not set.' };
  },
};
