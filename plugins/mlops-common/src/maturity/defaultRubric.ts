import {
  modelMeetsAcceptanceCriteria,
  useCaseSponsorNamed,
} from '../acceptance/checks';
import type { CheckDefinition } from '../acceptance/types';
import { DEFAULT_MATURITY_LEVELS } from './levels';
import type { Rubric } from './rubric';

/** The checks of the default rubric, grouped by stage then level. @public */
export const DEFAULT_MATURITY_CHECKS: readonly CheckDefinition[] = [
  useCaseSponsorNamed,
  modelMeetsAcceptanceCriteria,
];

/** The default "MLOps maturity" rubric. @public */
export const defaultMaturityRubric: Rubric = {
  id: 'mlops-maturity',
  title: 'MLOps maturity',
  levels: DEFAULT_MATURITY_LEVELS,
  checks: DEFAULT_MATURITY_CHECKS,
};
