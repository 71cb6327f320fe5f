import { durationMillis, thresholdsOf } from '../../drift/health';
import {
  DRIFT_STATISTIC_NAMES,
  DRIFT_STATISTICS,
  DriftStatisticName,
  featureTypeProblem,
} from '../../drift/statistics';
import { alertChannelProblems } from './alertChannels';
import {
  MLMonitorEntityV1alpha1,
  MonitoredFeature,
  ThresholdBand,
  ThresholdDirection,
} from '../types';
import { describe } from './messages';
import type { ValidationProblem } from './problems';
import { prometheusSourceProblems } from './prometheusSource';

const STATISTICS_BELOW = DRIFT_STATISTIC_NAMES.filter(name =>
  (DRIFT_STATISTICS[name].directions as readonly string[]).includes('below'),
);

// Why a statistic does not take a direction, naming those that do.
function directionProblem(
  direction: ThresholdDirection,
  statistic: DriftStatisticName,
): string {
  if (direction === 'below') {
    const values = STATISTICS_BELOW.filter(
      name => !DRIFT_STATISTICS[name].pValue,
    );
    const pValues = STATISTICS_BELOW.filter(
      name => DRIFT_STATISTICS[name].pValue,
    );
    return `"below" applies to ${values
      .map(name => `a ${name}`)
      .join(' or ')} or to the p-value of ${pValues.join(
      ' or ',
    )}; a ${statistic} distance only worsens upwards`;
  }
  const allowing = DRIFT_STATISTIC_NAMES.filter(name =>
    (DRIFT_STATISTICS[name].directions as readonly string[]).includes(
      direction,
    ),
  );
  return `"${direction}" applies to statistic ${allowing.join(
    ' or ',
  )}, a value that must stay inside a band; ${statistic} takes ${DRIFT_STATISTICS[
    statistic
  ].directions
    .map(name => `"${name}"`)
    .join(' or ')}`;
}

const formatBand = (band: readonly number[]) => `[${band.join(', ')}]`;

// The schema takes a number or a pair for either threshold; which one is
// right depends on the direction: a band [lower, upper] for `outside`, a
// number otherwise. Then the thresholds in order: the warning reached first.
function thresholdProblems(
  feature: MonitoredFeature,
  at: (field: string) => string,
): ValidationProblem[] {
  const levels = ['warning', 'alert'] as const;
  // As read from YAML, before the direction says which form is right.
  const value = (key: 'warning' | 'alert') =>
    feature[key] as number | ThresholdBand;
  const shape: ValidationProblem[] = [];
  for (const key of levels) {
    const threshold = value(key);
    if (feature.direction === 'outside') {
      if (!Array.isArray(threshold)) {
        shape.push({
          path: at(key),
          message: `must be a band [lower, upper] with direction "outside", got ${describe(
            threshold,
          )}`,
        });
      } else if (threshold[0] >= threshold[1]) {
        shape.push({
          path: at(key),
          message: `must be [lower, upper] with the lower bound below the upper, got ${formatBand(
            threshold,
          )}`,
        });
      }
    } else if (Array.isArray(threshold)) {
      shape.push({
        path: at(key),
        message: `must be a number, got ${formatBand(
          threshold,
        )}; a band [lower, upper] needs direction "outside"`,
      });
    }
  }
  if (shape.length) return shape;

  if (feature.direction === 'outside') {
    const [warningLower, warningUpper] = feature.warning;
    const [alertLower, alertUpper] = feature.alert;
    const order: ValidationProblem[] = [];
    if (alertLower > warningLower) {
      order.push({
        path: at('alert[0]'),
        message: `must be at most the lower bound of the warning band ${formatBand(
          feature.warning,
        )}, got ${alertLower}; the alert band contains the warning band`,
      });
    }
    if (alertUpper < warningUpper) {
      order.push({
        path: at('alert[1]'),
        message: `must be at least the upper bound of the warning band ${formatBand(
          feature.warning,
        )}, got ${alertUpper}; the alert band contains the warning band`,
      });
    }
    return order;
  }
  if (feature.direction === 'below') {
    return feature.alert > feature.warning
      ? [
          {
            path: at('alert'),
            message: `must be at most the warning threshold ${feature.warning} with direction "below", got ${feature.alert}`,
          },
        ]
      : [];
  }
  return feature.alert < feature.warning
    ? [
        {
          path: at('alert'),
          message: `must be at least the warning threshold ${feature.warning}, got ${feature.alert}`,
        },
      ]
    : [];
}

// What the schema cannot say about a monitor: a cadence longer than zero,
// and per feature what its statistic's entry in DRIFT_STATISTICS allows (the
// feature types, negative values, the directions), and thresholds of the
// form their direction needs, in order.
export function monitorProblems(
  spec: MLMonitorEntityV1alpha1['spec'],
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (spec.cadence !== undefined && durationMillis(spec.cadence) === 0) {
    problems.push({
      path: 'spec.cadence',
      message: `must be longer than zero, got "${spec.cadence}"`,
    });
  }
  spec.features.forEach((feature, index) => {
    const at = (field: string) => `spec.features[${index}].${field}`;
    const { statistic } = feature;
    const definition = DRIFT_STATISTICS[statistic];
    if (feature.type === undefined && definition.input !== 'value') {
      problems.push({
        path: at('type'),
        message: `is required with statistic ${statistic}: ${definition.featureTypes
          .map(type => `"${type}"`)
          .join(' or ')}; only statistic ${DRIFT_STATISTIC_NAMES.filter(
          name => DRIFT_STATISTICS[name].input === 'value',
        ).join(', ')}, a value the pipeline pushes, may leave it out`,
      });
    }
    const wrongType = featureTypeProblem(feature);
    if (wrongType) problems.push({ path: at('statistic'), message: wrongType });
    const direction = feature.direction ?? 'above';
    if (
      !(definition.directions as readonly ThresholdDirection[]).includes(
        direction,
      )
    ) {
      problems.push({
        path: at('direction'),
        message: directionProblem(direction, statistic),
      });
    }
    if (!definition.signed) {
      for (const key of ['warning', 'alert'] as const) {
        const negative = [feature[key]].flat().find(bound => bound < 0);
        if (negative !== undefined) {
          problems.push({
            path: at(key),
            message: `must be at least 0, got ${negative}; a ${statistic} value is never negative (negative thresholds are for statistic ${DRIFT_STATISTIC_NAMES.filter(
              name => DRIFT_STATISTICS[name].signed,
            ).join(', ')})`,
          });
        }
      }
    }
    problems.push(...thresholdProblems(feature, at));
    if (
      feature.direction === 'below' &&
      thresholdsOf(feature).on === 'p-value' &&
      (feature.warning > 1 || feature.alert > 1)
    ) {
      const key = feature.warning > 1 ? 'warning' : 'alert';
      problems.push({
        path: at(key),
        message: `is a p-value threshold of ${statistic} (direction "below") and must be at most 1, got ${feature[key]}`,
      });
    }
  });
  problems.push(...prometheusSourceProblems(spec));
  problems.push(...alertChannelProblems(spec.alerting?.channels));
  return problems;
}
