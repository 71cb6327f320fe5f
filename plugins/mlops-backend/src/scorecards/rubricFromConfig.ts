import type { Config } from '@backstage/config';
import {
  CheckDefinition,
  CheckExemption,
  configureRubric,
  defaultMaturityRubric,
  MATURITY_CONFIG_KEY,
  parseExemptions,
  Rubric,
  RubricConfig,
  RubricConfigError,
} from '@mlightenment/backstage-plugin-mlops-common';

const KEY = MATURITY_CONFIG_KEY;

/**
 * The rubric in force: the default rubric, the checks backend modules added,
 * and `mlops.maturity` from app-config (disabled checks, level names,
 * declarative and external checks, exemptions). An invalid configuration
 * throws a `RubricConfigError` naming the config key, which stops the backend
 * at start-up.
 */
export function rubricFromConfig(
  config: Config,
  moduleChecks: readonly CheckDefinition[],
): { rubric: Rubric; exemptions: CheckExemption[] } {
  const known = new Set(defaultMaturityRubric.checks.map(c => c.id));
  for (const check of moduleChecks) {
    if (known.has(check.id)) {
      throw new RubricConfigError([
        {
          key: 'mlopsChecksExtensionPoint',
          message: `A backend module added check "${check.id}" through mlopsChecksExtensionPoint, but the rubric already has a check with that id`,
        },
      ]);
    }
    known.add(check.id);
  }
  const raw = (config.getOptional(KEY) ?? {}) as RubricConfig & {
    exemptions?: unknown;
  };
  const rubric = configureRubric(
    {
      ...defaultMaturityRubric,
      checks: [...defaultMaturityRubric.checks, ...moduleChecks],
    },
    {
      disabledChecks: raw.disabledChecks,
      levels: raw.levels,
      customChecks: raw.customChecks,
    },
    KEY,
  );
  const exemptions = parseExemptions(
    raw.exemptions,
    `${KEY}.exemptions`,
    rubric.checks.map(check => check.id),
  );
  return { rubric, exemptions };
}
