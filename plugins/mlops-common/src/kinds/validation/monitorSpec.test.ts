import { monitor, broken } from './__testUtils__/validEntities';
import { validateMlopsEntity } from './validateMlopsEntity';

describe('monitor features', () => {
  const withFeatures = (...features: object[]) =>
    broken(monitor, m => (m.spec.features = features));

  it('rejects kolmogorov-smirnov or wasserstein on a categorical feature, naming both', () => {
    const entity = withFeatures(
      {
        name: 'tenure',
        type: 'numerical',
        statistic: 'kolmogorov-smirnov',
        warning: 0.1,
        alert: 0.2,
      },
      {
        name: 'plan',
        type: 'categorical',
        statistic: 'kolmogorov-smirnov',
        warning: 0.1,
        alert: 0.2,
      },
      {
        name: 'region',
        type: 'categorical',
        statistic: 'wasserstein',
        warning: 1,
        alert: 2,
      },
      {
        name: 'channel',
        type: 'categorical',
        statistic: 'chi-square',
        warning: 30,
        alert: 60,
      },
    );
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.features[1].statistic',
        message:
          'kolmogorov-smirnov needs a numerical feature; "plan" is categorical',
      },
      {
        path: 'spec.features[2].statistic',
        message:
          'wasserstein needs a numerical feature; "region" is categorical',
      },
    ]);
  });

  it('accepts negative thresholds on a metric, such as an R² or a forecast bias', () => {
    const entity = withFeatures(
      {
        name: 'r2',
        statistic: 'metric',
        direction: 'below',
        warning: 0.2,
        alert: -0.1,
      },
      { name: 'bias', statistic: 'metric', warning: -0.05, alert: 0.05 },
    );
    expect(validateMlopsEntity(entity)).toEqual([]);
  });

  it('rejects a negative threshold on a drift statistic, which is never negative', () => {
    const entity = broken(monitor, m => {
      m.spec.features[0].warning = -0.2;
      m.spec.features[0].alert = -0.1;
    });
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.features[0].warning',
        message:
          'must be at least 0, got -0.2; a psi value is never negative (negative thresholds are for statistic metric)',
      },
      {
        path: 'spec.features[0].alert',
        message:
          'must be at least 0, got -0.1; a psi value is never negative (negative thresholds are for statistic metric)',
      },
    ]);
  });

  it('rejects a cadence of zero', () => {
    for (const cadence of ['P0D', 'PT0S', 'P0DT0H']) {
      expect(
        validateMlopsEntity(broken(monitor, m => (m.spec.cadence = cadence))),
      ).toEqual([
        {
          path: 'spec.cadence',
          message: `must be longer than zero, got "${cadence}"`,
        },
      ]);
    }
    expect(
      validateMlopsEntity(broken(monitor, m => (m.spec.cadence = 'PT30S'))),
    ).toEqual([]);
  });

  it('lets a metric leave out its type, and no drift statistic', () => {
    expect(
      validateMlopsEntity(
        withFeatures({
          name: 'recall',
          statistic: 'metric',
          direction: 'below',
          warning: 0.75,
          alert: 0.7,
        }),
      ),
    ).toEqual([]);
    expect(
      validateMlopsEntity(broken(monitor, m => delete m.spec.features[0].type)),
    ).toEqual([
      {
        path: 'spec.features[0].type',
        message:
          'is required with statistic psi: "numerical" or "categorical"; only statistic metric, a value the pipeline pushes, may leave it out',
      },
    ]);
    expect(
      validateMlopsEntity(
        withFeatures({
          name: 'tenure',
          statistic: 'wasserstein',
          warning: 1,
          alert: 2,
        }),
      ),
    ).toEqual([
      {
        path: 'spec.features[0].type',
        message:
          'is required with statistic wasserstein: "numerical"; only statistic metric, a value the pipeline pushes, may leave it out',
      },
    ]);
  });
});

describe('monitor features with a band (direction outside)', () => {
  const bias = (fields: object) =>
    broken(monitor, m => {
      m.spec.type = 'performance';
      m.spec.features = [
        {
          name: 'forecast_bias',
          statistic: 'metric',
          direction: 'outside',
          warning: [-0.03, 0.03],
          alert: [-0.05, 0.05],
          ...fields,
        },
      ];
    });

  it('accepts a warning band inside an alert band, bounds shared or not', () => {
    expect(validateMlopsEntity(bias({}))).toEqual([]);
    expect(
      validateMlopsEntity(
        bias({
          name: 'calibration_slope',
          warning: [0.9, 1.1],
          alert: [0.9, 1.2],
        }),
      ),
    ).toEqual([]);
  });

  it('wants a band [lower, upper] for each threshold, naming the field', () => {
    expect(validateMlopsEntity(bias({ warning: 0.03 }))).toEqual([
      {
        path: 'spec.features[0].warning',
        message:
          'must be a band [lower, upper] with direction "outside", got number 0.03',
      },
    ]);
    expect(validateMlopsEntity(bias({ alert: [0.05, -0.05] }))).toEqual([
      {
        path: 'spec.features[0].alert',
        message:
          'must be [lower, upper] with the lower bound below the upper, got [0.05, -0.05]',
      },
    ]);
    expect(validateMlopsEntity(bias({ alert: [-0.05, 0, 0.05] }))).toEqual([
      {
        path: 'spec.features[0].alert',
        message: 'must list at most 2 items, got 3',
      },
    ]);
    expect(validateMlopsEntity(bias({ warning: '3%' }))).toEqual([
      {
        path: 'spec.features[0].warning',
        message:
          'must be a number or an array, got "3%"; write numbers bare: no units or "%", "." as the decimal separator',
      },
    ]);
    expect(validateMlopsEntity(bias({ warning: [-0.03, '3%'] }))).toEqual([
      {
        path: 'spec.features[0].warning[1]',
        message:
          'must be a number, got "3%"; write numbers bare: no units or "%", "." as the decimal separator',
      },
    ]);
  });

  it('rejects an alert band that does not contain the warning band, at each end', () => {
    expect(
      validateMlopsEntity(
        bias({ warning: [-0.06, 0.03], alert: [-0.05, 0.02] }),
      ),
    ).toEqual([
      {
        path: 'spec.features[0].alert[0]',
        message:
          'must be at most the lower bound of the warning band [-0.06, 0.03], got -0.05; the alert band contains the warning band',
      },
      {
        path: 'spec.features[0].alert[1]',
        message:
          'must be at least the upper bound of the warning band [-0.06, 0.03], got 0.02; the alert band contains the warning band',
      },
    ]);
  });

  it('takes a band only with direction outside, and direction outside only on a metric', () => {
    expect(validateMlopsEntity(bias({ direction: undefined }))).toEqual([
      {
        path: 'spec.features[0].warning',
        message:
          'must be a number, got [-0.03, 0.03]; a band [lower, upper] needs direction "outside"',
      },
      {
        path: 'spec.features[0].alert',
        message:
          'must be a number, got [-0.05, 0.05]; a band [lower, upper] needs direction "outside"',
      },
    ]);
    expect(
      validateMlopsEntity(
        bias({
          name: 'tenure_months',
          type: 'numerical',
          statistic: 'psi',
          warning: [0.05, 0.1],
          alert: [0.01, 0.25],
        }),
      ),
    ).toEqual([
      {
        path: 'spec.features[0].direction',
        message:
          '"outside" applies to statistic metric, a value that must stay inside a band; psi takes "above"',
      },
    ]);
  });
});
