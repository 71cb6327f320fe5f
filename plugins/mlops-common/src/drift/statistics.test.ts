import mlMonitorSchema from '../kinds/schema/MLMonitor.v1alpha1.schema.json';
import { chiSquareGoodnessOfFit } from './chiSquare';
import { thresholdsOf } from './health';
import { hellingerDistance } from './hellinger';
import { jensenShannonDistance } from './jensenShannon';
import { ksTwoSample } from './ks';
import { populationStabilityIndex } from './psi';
import {
  DRIFT_STATISTIC_NAMES,
  DRIFT_STATISTICS,
  driftStatistic,
  featureTypeProblem,
  isDriftStatisticName,
} from './statistics';
import { wassersteinDistance } from './wasserstein';

const featureSchema =
  mlMonitorSchema.allOf[1].properties!.spec.properties.features.items;

describe('the drift statistics registry', () => {
  it('names exactly the statistics the MLMonitor schema accepts', () => {
    expect(featureSchema.properties.statistic.enum).toEqual(
      DRIFT_STATISTIC_NAMES,
    );
  });

  it('computes each statistic with its function: tests from samples or counts with their p-value, distances from histograms', () => {
    const samples = [
      [1, 2, 3, 4, 5, 6],
      [4, 5, 6, 7, 8, 9],
    ];
    const counts = [
      [30, 50, 20],
      [20, 40, 40],
    ];
    const computed = Object.fromEntries(
      DRIFT_STATISTIC_NAMES.flatMap(name => {
        const definition = driftStatistic(name)!;
        if (definition.input === 'value') return [];
        const [reference, current] =
          definition.input === 'samples' ? samples : counts;
        return [[name, definition.compute(reference, current)]];
      }),
    );
    const ks = ksTwoSample(samples[0], samples[1]);
    const chi = chiSquareGoodnessOfFit(counts[0], counts[1]);
    expect(computed).toEqual({
      'kolmogorov-smirnov': { value: ks.statistic, pValue: ks.pValue },
      wasserstein: { value: wassersteinDistance(samples[0], samples[1]) },
      'jensen-shannon': {
        value: jensenShannonDistance(counts[0], counts[1], { base: 2 }),
      },
      'chi-square': { value: chi.statistic, pValue: chi.pValue },
      psi: { value: populationStabilityIndex(counts[0], counts[1]) },
      hellinger: { value: hellingerDistance(counts[0], counts[1]) },
    });
  });

  it('puts thresholds with direction below on the p-value of the statistics that yield one', () => {
    const on = Object.fromEntries(
      DRIFT_STATISTIC_NAMES.filter(name =>
        (DRIFT_STATISTICS[name].directions as readonly string[]).includes(
          'below',
        ),
      ).map(statistic => [
        statistic,
        thresholdsOf({ statistic, direction: 'below', warning: 1, alert: 0 })
          .on,
      ]),
    );
    expect(on).toEqual({
      'kolmogorov-smirnov': 'p-value',
      'chi-square': 'p-value',
      metric: 'value',
    });
  });

  it('knows only its own names, not those of Object.prototype', () => {
    expect(isDriftStatisticName('psi')).toBe(true);
    expect(isDriftStatisticName('constructor')).toBe(false);
    expect(driftStatistic('toString')).toBeUndefined();
    expect(driftStatistic('psi')?.label).toBe('PSI');
  });

  it('says when a statistic does not apply to the type of a feature', () => {
    expect(
      featureTypeProblem({
        name: 'plan',
        type: 'categorical',
        statistic: 'kolmogorov-smirnov',
      }),
    ).toBe(
      'kolmogorov-smirnov needs a numerical feature; "plan" is categorical',
    );
    expect(
      featureTypeProblem({
        name: 'plan',
        type: 'categorical',
        statistic: 'chi-square',
      }),
    ).toBeUndefined();
    expect(
      featureTypeProblem({ name: 'recall', statistic: 'metric' }),
    ).toBeUndefined();
  });
});
