import { isMLModelEntity } from '../../kinds/types';
import { mlTestScoreSummary } from '../../maturity/mlTestScore';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** The final ML Test Score below which a model fails `model.ml-test-score`. @public */
export const ML_TEST_SCORE_PASS_MARK = 2;

/** The model's ML Test Score shows production-grade testing and monitoring. @public */
export const modelMlTestScore: CheckDefinition = {
  id: 'model.ml-test-score',
  title: 'ML Test Score at least 2',
  description:
    'The final ML Test Score (Breck et al. 2017) declared in spec.mlTestScore is at least 2: every section has at least two tests automated, or four done by hand.',
  stage: 'operationalisation',
  level: 4,
  kinds: ['MLModel'],
  rationale:
    'The ML Test Score measures production readiness across data, model, infrastructure and monitoring; its final score is the weakest section, so no amount of model testing makes up for unmonitored serving.',
  remediation: {
    text: 'Declare the tests you run in spec.mlTestScore (`automated`, `manual` or `none` per test) and automate tests in the weakest section until every section sums to at least 2.',
    link: checkDocsLink('model.ml-test-score'),
  },
  evaluate({ entity }) {
    if (!isMLModelEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a model.' };
    }
    const score = mlTestScoreSummary(entity);
    if (score.declared === 0) {
      return {
        outcome: 'not-reported',
        reason: 'spec.mlTestScore declares no test.',
      };
    }
    const sections = Object.entries(score.sections)
      .map(([name, sum]) => `${name} ${sum}`)
      .join(', ');
    return {
      outcome: score.final >= ML_TEST_SCORE_PASS_MARK ? 'passed' : 'failed',
      reason: `Final score ${score.final} (${sections}): ${score.band}.`,
    };
  },
};
