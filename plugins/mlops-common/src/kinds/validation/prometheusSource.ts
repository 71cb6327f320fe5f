import { durationMillis } from '../../drift/health';
import {
  DRIFT_STATISTIC_NAMES,
  DRIFT_STATISTICS,
} from '../../drift/statistics';
import { closest } from '../closest';
import { MLMonitorEntityV1alpha1 } from '../types';
import type { ValidationProblem } from './problems';

// A Prometheus binding must name declared features, each once, and read a
// p-value only where the feature's statistic has one.
export function prometheusSourceProblems(
  spec: MLMonitorEntityV1alpha1['spec'],
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const prometheus = spec.source?.prometheus;
  if (prometheus?.step !== undefined && durationMillis(prometheus.step) === 0) {
    problems.push({
      path: 'spec.source.prometheus.step',
      message: `must be longer than zero, got "${prometheus.step}"`,
    });
  }
  const declared = new Map(spec.features.map(f => [f.name, f]));
  const bound = new Map<string, number>();
  prometheus?.features.forEach((binding, index) => {
    const at = `spec.source.prometheus.features[${index}]`;
    const feature = declared.get(binding.name);
    if (!feature) {
      const suggestion = closest(binding.name, [...declared.keys()]);
      problems.push({
        path: `${at}.name`,
        message: `"${binding.name}" is not a feature of spec.features (${[
          ...declared.keys(),
        ].join(', ')})${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
      });
      return;
    }
    if (bound.has(binding.name)) {
      problems.push({
        path: `${at}.name`,
        message: `repeats "${
          binding.name
        }", bound in spec.source.prometheus.features[${bound.get(
          binding.name,
        )}]; each feature takes one query`,
      });
    }
    bound.set(binding.name, index);
    if (
      binding.on === 'p-value' &&
      !DRIFT_STATISTICS[feature.statistic].pValue
    ) {
      problems.push({
        path: `${at}.on`,
        message: `"p-value" applies to a feature whose statistic has one (${DRIFT_STATISTIC_NAMES.filter(
          name => DRIFT_STATISTICS[name].pValue,
        ).join(', ')}); ${binding.name} is a ${feature.statistic}`,
      });
    }
  });
  return problems;
}
