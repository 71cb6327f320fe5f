import { useCase, monitor, broken } from './__testUtils__/validEntities';
import { validateMlopsEntity } from './validateMlopsEntity';

describe('Prometheus bindings', () => {
  const bound = (prometheus: object, features?: object[]) =>
    broken(monitor, m => {
      if (features) m.spec.features = features;
      m.spec.source = { prometheus };
    });
  const ks = {
    name: 'care_contacts_30d',
    type: 'numerical',
    statistic: 'kolmogorov-smirnov',
    direction: 'below',
    warning: 0.05,
    alert: 0.01,
  };

  it('accepts a query per feature, on the value or on the p-value', () => {
    const entity = bound(
      {
        instance: 'production',
        step: 'PT5M',
        features: [
          { name: 'tenure', query: 'churn_psi{feature="tenure, months"}' },
          {
            name: 'care_contacts_30d',
            query: 'evidently_p_value{feature="care_contacts_30d"}',
            on: 'p-value',
          },
        ],
      },
      [monitor.spec.features[0], ks],
    );
    expect(validateMlopsEntity(entity)).toEqual([]);
  });

  it('rejects a feature the monitor does not declare, suggesting the declared one', () => {
    const entity = bound({
      instance: 'production',
      features: [{ name: 'tenur', query: 'churn_psi' }],
    });
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.source.prometheus.features[0].name',
        message:
          '"tenur" is not a feature of spec.features (tenure); did you mean "tenure"?',
      },
    ]);
  });

  it('rejects a feature bound twice, a p-value of a distance and a zero step', () => {
    const entity = bound({
      instance: 'production',
      step: 'PT0S',
      features: [
        { name: 'tenure', query: 'a' },
        { name: 'tenure', query: 'b', on: 'p-value' },
      ],
    });
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.source.prometheus.step',
        message: 'must be longer than zero, got "PT0S"',
      },
      {
        path: 'spec.source.prometheus.features[1].name',
        message:
          'repeats "tenure", bound in spec.source.prometheus.features[0]; each feature takes one query',
      },
      {
        path: 'spec.source.prometheus.features[1].on',
        message:
          '"p-value" applies to a feature whose statistic has one (kolmogorov-smirnov, chi-square); tenure is a psi',
      },
    ]);
  });

  it('names the field of a binding the schema rejects', () => {
    const problems = validateMlopsEntity(
      bound({ instance: 'production', features: [{ name: 'tenure' }] }),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'spec.source.prometheus.features[0].query',
      }),
    ]);
    const misspelt = validateMlopsEntity(
      broken(monitor, m => (m.spec.source = { prometeus: {} })),
    );
    expect(misspelt).toEqual([
      expect.objectContaining({ path: 'spec.source.prometeus' }),
    ]);
  });

  it('takes an instance and a query on a business driver', () => {
    const withKpi = (prometheus: object) =>
      broken(useCase, u => {
        u.spec.businessDrivers = [
          {
            driver: 'Keep subscribers',
            kpi: 'Monthly churn',
            direction: 'decrease',
            prometheus,
          },
        ];
      });
    expect(
      validateMlopsEntity(
        withKpi({ instance: 'production', query: 'business:churn:30d' }),
      ),
    ).toEqual([]);
    expect(validateMlopsEntity(withKpi({ instance: 'production' }))).toEqual([
      expect.objectContaining({
        path: 'spec.businessDrivers[0].prometheus.query',
      }),
    ]);
  });
});
