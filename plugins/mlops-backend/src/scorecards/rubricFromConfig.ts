import type { Config } from '@backstage/config';
import {
  CheckDefinition,
  CheckExemption,
  defaultMaturityRubric,
  Rubric,
} from '@mlightenment/backstage-plugin-mlops-common';

export function rubricFromConfig(
  _config: Config,
  moduleChecks: readonly CheckDefinition[],
): { rubric: Rubric; exemptions: CheckExemption[] } {
  return {
    rubric: {
      ...defaultMaturityRubric,
      checks: [...defaultMaturityRubric.checks, ...moduleChecks],
    },
    exemptions: [],
  };
}
