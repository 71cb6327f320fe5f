import {
  lookalikeMlopsKindProblem,
  mlModelEntityV1alpha1Validator,
  mlMonitorEntityV1alpha1Validator,
  mlUseCaseEntityV1alpha1Validator,
  validateMlopsEntity,
  MlopsEntityValidationError,
  unsupportedMlopsEntityProblem,
} from './index';
import type {
  MLModelEntityV1alpha1,
  MLMonitorEntityV1alpha1,
  MLUseCaseEntityV1alpha1,
} from '../types';

const useCase: MLUseCaseEntityV1alpha1 = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLUseCase',
  metadata: { name: 'churn-prevention' },
  spec: {
    owner: 'group:retention-analytics',
    sponsor: 'user:maria.silva',
    lifecycle: 'production',
    businessDrivers: [
      {
        driver: 'Keep subscribers',
        kpi: 'Monthly churn',
        baseline: 2.8,
        target: 2.2,
        unit: '%',
      },
    ],
    acceptanceCriteria: [{ metric: 'recall', operator: '>=', threshold: 0.7 }],
    governance: { reviewCadence: 'P3M' },
  },
};

const model: MLModelEntityV1alpha1 = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'churn-gbm', namespace: 'retail' },
  spec: {
    owner: 'retention-analytics',
    useCase: 'churn-prevention',
    lifecycle: 'production',
    type: 'classification',
    metrics: [{ name: 'recall', value: 0.74 }],
    dependsOn: ['resource:subscriber-events'],
    servedBy: ['component:churn-scoring', 'api:churn-scoring-api'],
    registry: { type: 'mlflow', uri: 'models:/churn-gbm/7' },
  },
};

const monitor: MLMonitorEntityV1alpha1 = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLMonitor',
  metadata: { name: 'churn-gbm-drift' },
  spec: {
    owner: 'group:ml-platform',
    model: 'churn-gbm',
    type: 'data-drift',
    cadence: 'P1D',
    features: [
      {
        name: 'tenure',
        type: 'numerical',
        statistic: 'psi',
        warning: 0.1,
        alert: 0.25,
      },
    ],
    alerting: { notify: ['group:retention-analytics'] },
    runbook: 'https://runbooks.example.com/churn',
  },
};

/** A deep copy with one change applied, typed loosely for invalid input. */
function broken<T>(entity: T, change: (copy: any) => void): any {
  const copy = JSON.parse(JSON.stringify(entity));
  change(copy);
  return copy;
}

describe('validateMlopsEntity', () => {
  it('accepts valid entities of all three kinds', () => {
    expect(validateMlopsEntity(useCase)).toEqual([]);
    expect(validateMlopsEntity(model)).toEqual([]);
    expect(validateMlopsEntity(monitor)).toEqual([]);
  });

  it('names the field path and the expected type for a wrong type', () => {
    const entity = broken(model, m => (m.spec.metrics[0].value = 'high'));
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.metrics[0].value',
        message: 'must be a number, got "high"',
      },
    ]);
  });

  it('reports a missing required field', () => {
    const entity = broken(model, m => delete m.spec.useCase);
    expect(validateMlopsEntity(entity)).toEqual([
      { path: 'spec.useCase', message: 'is required' },
    ]);
  });

  it('rejects a misspelt field and suggests the intended one', () => {
    const entity = broken(useCase, u => {
      u.spec.acceptanceCriterias = u.spec.acceptanceCriteria;
      delete u.spec.acceptanceCriteria;
    });
    const [problem] = validateMlopsEntity(entity);
    expect(problem.path).toBe('spec.acceptanceCriterias');
    expect(problem.message).toMatch(
      /^is not a known field; did you mean "acceptanceCriteria"\?/,
    );
  });

  it('rejects misspelt fields in nested objects too', () => {
    const entity = broken(monitor, m => (m.spec.features[0].treshold = 1));
    expect(validateMlopsEntity(entity)[0].path).toBe(
      'spec.features[0].treshold',
    );
  });

  it('lists every problem at once', () => {
    const entity = broken(monitor, m => {
      m.spec.type = 'drift';
      m.spec.cadence = 'daily';
      delete m.spec.owner;
    });
    expect(validateMlopsEntity(entity)).toEqual(
      expect.arrayContaining([
        { path: 'spec.owner', message: 'is required' },
        {
          path: 'spec.type',
          message:
            'must be one of "data-drift", "prediction-drift", "performance", got "drift"',
        },
        {
          path: 'spec.cadence',
          message:
            'must match an ISO 8601 duration such as P1D or PT6H, got "daily"',
        },
      ]),
    );
  });

  it('reports malformed references together with schema problems', () => {
    const entity = broken(monitor, m => {
      m.spec.model = 'mlmodel:';
      m.spec.cadence = 'daily';
    });
    expect(validateMlopsEntity(entity).map(p => p.path)).toEqual([
      'spec.cadence',
      'spec.model',
    ]);
  });

  it('rejects a malformed reference', () => {
    const entity = broken(model, m => (m.spec.useCase = 'mlusecase:'));
    const [problem] = validateMlopsEntity(entity);
    expect(problem.path).toBe('spec.useCase');
    expect(problem.message).toMatch(/^is not a valid entity reference/);
  });

  it('rejects a reference whose name the catalog would never accept', () => {
    const entity = broken(model, m => (m.spec.owner = 'Claims Analytics'));
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.owner',
        message:
          'is not a valid entity reference: "Claims Analytics" is not a valid entity name; names are 1 to 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
      },
    ]);
  });

  it('rejects a reference with a malformed namespace or kind', () => {
    const entity = broken(model, m => {
      m.spec.dependsOn = ['resource:raw data/events', 'data set:events'];
    });
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.dependsOn[0]',
        message: expect.stringMatching(
          /^is not a valid entity reference: "raw data" is not a valid namespace/,
        ),
      },
      {
        path: 'spec.dependsOn[1]',
        message: expect.stringMatching(
          /^is not a valid entity reference: "data set" is not a valid kind/,
        ),
      },
    ]);
  });

  it('reads the kind and namespace of a reference without regard to case', () => {
    const entity = broken(model, m => {
      m.spec.owner = 'Group:Retail/Retention-Analytics';
    });
    expect(validateMlopsEntity(entity)).toEqual([]);
  });

  it('names a misspelt root field, which the catalog reports without a name', () => {
    const entity = broken(model, m => {
      m.specs = m.spec;
      delete m.spec;
    });
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'specs',
        message:
          'is not a known field; did you mean "spec"? (known fields of the entity: apiVersion, kind, metadata, spec, relations, status)',
      },
      { path: 'spec', message: 'is required' },
    ]);
  });

  it('says how to write a number when YAML read it as a string', () => {
    const entity = broken(model, m => (m.spec.metrics[0].value = '74%'));
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.metrics[0].value',
        message:
          'must be a number, got "74%"; write numbers bare: no units or "%", "." as the decimal separator',
      },
    ]);
  });

  it('says that yes is a string in YAML 1.2', () => {
    const entity = broken(useCase, u => {
      u.spec.explainability = { required: 'yes' };
    });
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.explainability.required',
        message:
          'must be a boolean, got "yes"; YAML 1.2, which the catalog reads, takes yes for a string: write true or false',
      },
    ]);
  });

  it('says to quote an operator that YAML read as a block scalar', () => {
    const entity = broken(useCase, u => {
      u.spec.acceptanceCriteria[0].operator = '';
    });
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.acceptanceCriteria[0].operator',
        message: `must be one of ">=", ">", "<=", "<", "==", got ""; unquoted, > and | start a YAML block scalar: write '>'`,
      },
    ]);
  });

  it('rejects a key left blank, which YAML reads as null, rather than treat it as absent', () => {
    const entity = broken(useCase, u => (u.spec.sponsor = null));
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.sponsor',
        message:
          'must be a string, got null; a key with nothing after it is null in YAML: give it a value or leave the key out',
      },
    ]);
  });

  it('accepts negative thresholds and two criteria on one metric (a band)', () => {
    const entity = broken(useCase, u => {
      u.spec.acceptanceCriteria = [
        { metric: 'bias-pct', operator: '<=', threshold: 5 },
        { metric: 'bias-pct', operator: '>=', threshold: -5 },
      ];
    });
    expect(validateMlopsEntity(entity)).toEqual([]);
  });

  it('says to quote a version that YAML read as a number', () => {
    const entity = broken(model, m => (m.spec.version = 7));
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.version',
        message:
          "must be a string, got number 7; quote it to make it a string: '7'",
      },
    ]);
  });

  it('rejects a reference to a kind the field does not allow', () => {
    const entity = broken(
      monitor,
      m => (m.spec.model = 'component:churn-scoring'),
    );
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.model',
        message:
          'must refer to an MLModel, but "component:churn-scoring" refers to a Component',
      },
    ]);
  });

  it('rejects an alert threshold below the warning threshold', () => {
    const entity = broken(monitor, m => (m.spec.features[0].alert = 0.05));
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.features[0].alert',
        message: 'must be at least the warning threshold 0.1, got 0.05',
      },
    ]);
  });

  it('accepts a performance metric that alerts when it falls below its thresholds', () => {
    const entity = broken(monitor, m => {
      m.spec.type = 'performance';
      m.spec.features = [
        {
          name: 'recall',
          type: 'numerical',
          statistic: 'metric',
          direction: 'below',
          warning: 0.75,
          alert: 0.7,
        },
      ];
    });
    expect(validateMlopsEntity(entity)).toEqual([]);
  });

  it('rejects an alert threshold above the warning threshold when the direction is below', () => {
    const entity = broken(monitor, m => {
      m.spec.features[0] = {
        name: 'recall',
        type: 'numerical',
        statistic: 'metric',
        direction: 'below',
        warning: 0.7,
        alert: 0.75,
      };
    });
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.features[0].alert',
        message:
          'must be at most the warning threshold 0.7 with direction "below", got 0.75',
      },
    ]);
  });

  it('rejects direction below on a distance and p-value thresholds above 1', () => {
    const onDistance = broken(monitor, m => {
      m.spec.features[0].direction = 'below';
      m.spec.features[0].alert = 0.05;
    });
    expect(validateMlopsEntity(onDistance)).toEqual([
      {
        path: 'spec.features[0].direction',
        message:
          '"below" applies to a metric or to the p-value of kolmogorov-smirnov or chi-square; a psi distance only worsens upwards',
      },
    ]);
    const pValueAbove1 = broken(monitor, m => {
      m.spec.features[0] = {
        name: 'price_plan',
        type: 'categorical',
        statistic: 'chi-square',
        direction: 'below',
        warning: 30,
        alert: 0.01,
      };
    });
    expect(validateMlopsEntity(pValueAbove1)).toEqual([
      {
        path: 'spec.features[0].warning',
        message:
          'is a p-value threshold of chi-square (direction "below") and must be at most 1, got 30',
      },
    ]);
  });

  it('rejects an unknown direction, naming the field', () => {
    const entity = broken(monitor, m => (m.spec.features[0].direction = 'up'));
    expect(validateMlopsEntity(entity)).toEqual([
      expect.objectContaining({ path: 'spec.features[0].direction' }),
    ]);
  });

  it('rejects a metric declared twice', () => {
    const entity = broken(model, m =>
      m.spec.metrics.push({ name: 'recall', value: 0.6 }),
    );
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.metrics[1].name',
        message: 'repeats "recall"; each name may appear once',
      },
    ]);
  });
});

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

describe('business drivers', () => {
  const driver = (fields: object) =>
    broken(useCase, u => {
      u.spec.businessDrivers = [
        { driver: 'Keep subscribers', kpi: 'Monthly churn', ...fields },
      ];
    });

  it('accepts the value-tracking fields', () => {
    const entity = driver({
      id: 'monthly-churn',
      baseline: 2.8,
      target: 2.2,
      unit: '%',
      direction: 'decrease',
      cadence: 'P3M',
      method: 'controlled-lift',
      referencePeriod: { start: '2024-01-01', end: '2024-12-31' },
    });
    expect(validateMlopsEntity(entity)).toEqual([]);
  });

  it('rejects two KPIs with the same id, derived or written', () => {
    const entity = broken(useCase, u => {
      u.spec.businessDrivers.push(
        { driver: 'Keep more', kpi: 'Monthly  churn!', direction: 'decrease' },
        {
          driver: 'Spend well',
          kpi: 'Cost per save',
          id: 'monthly-churn',
          direction: 'decrease',
        },
      );
    });
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.businessDrivers[1].id',
        message:
          'repeats "monthly-churn" (derived from the kpi), the id of spec.businessDrivers[0]; each KPI needs its own id, the key of its history',
      },
      {
        path: 'spec.businessDrivers[2].id',
        message:
          'repeats "monthly-churn", the id of spec.businessDrivers[0]; each KPI needs its own id, the key of its history',
      },
    ]);
  });

  it('asks for an id when the KPI name gives none', () => {
    const entity = driver({ kpi: '€/%', direction: 'increase' });
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.businessDrivers[0].id',
        message:
          'is required: the kpi "€/%" has no letter a-z or digit to derive it from; write an id of lower-case letters, digits and "-"',
      },
    ]);
  });

  it('rejects an id that is not lower-case letters, digits and "-"', () => {
    const entity = driver({ id: 'Monthly_Churn', baseline: 3, target: 2 });
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.businessDrivers[0].id',
        message:
          'must match the pattern ^[a-z0-9][a-z0-9-]*$, got "Monthly_Churn"',
      },
    ]);
  });

  it('rejects a direction that contradicts baseline and target', () => {
    const entity = driver({
      baseline: 2.8,
      target: 2.2,
      unit: '%',
      direction: 'increase',
    });
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.businessDrivers[0].direction',
        message:
          'is "increase", but the target 2.2 % is below the baseline 2.8 %, which means "decrease"; correct the direction or the numbers',
      },
    ]);
  });

  it('requires a direction when baseline and target do not imply one', () => {
    expect(validateMlopsEntity(driver({ target: 2.2 }))).toEqual([
      {
        path: 'spec.businessDrivers[0].direction',
        message:
          'is required without both a baseline and a target: write "increase" if a higher Monthly churn is better, "decrease" if a lower one is',
      },
    ]);
    expect(validateMlopsEntity(driver({ baseline: 2, target: 2 }))[0]).toEqual({
      path: 'spec.businessDrivers[0].direction',
      message: expect.stringMatching(
        /^is required when the target equals the baseline/,
      ),
    });
    expect(
      validateMlopsEntity(
        driver({ baseline: 2, target: 2, direction: 'decrease' }),
      ),
    ).toEqual([]);
  });

  it('rejects a cadence that is zero, mixes months with days or has hours', () => {
    expect(
      validateMlopsEntity(
        broken(useCase, u => {
          u.spec.businessDrivers[0].cadence = 'P0M';
        }),
      ),
    ).toEqual([
      {
        path: 'spec.businessDrivers[0].cadence',
        message: 'must be longer than zero, got "P0M"',
      },
    ]);
    expect(
      validateMlopsEntity(
        broken(useCase, u => {
          u.spec.businessDrivers[0].cadence = 'P1M15D';
        }),
      )[0].message,
    ).toMatch(/^mixes months or years with weeks or days/);
    expect(
      validateMlopsEntity(
        broken(useCase, u => {
          u.spec.businessDrivers[0].cadence = 'PT6H';
        }),
      ),
    ).toEqual([
      {
        path: 'spec.businessDrivers[0].cadence',
        message:
          'must match an ISO 8601 duration in days, weeks, months or years such as P1M or P1W, got "PT6H"',
      },
    ]);
  });

  it('rejects an unknown method', () => {
    const entity = broken(useCase, u => {
      u.spec.businessDrivers[0].method = 'a-b-test';
    });
    expect(validateMlopsEntity(entity)).toEqual([
      {
        path: 'spec.businessDrivers[0].method',
        message:
          'must be one of "before-after", "controlled-lift", got "a-b-test"',
      },
    ]);
  });

  it('rejects a reference period that ends before it starts or is not a date', () => {
    const period = (start: string, end: string) =>
      validateMlopsEntity(
        broken(useCase, u => {
          u.spec.businessDrivers[0].referencePeriod = { start, end };
        }),
      );
    expect(period('2024-12-31', '2024-01-01')).toEqual([
      {
        path: 'spec.businessDrivers[0].referencePeriod.end',
        message: 'must be after the start 2024-12-31, got 2024-01-01',
      },
    ]);
    expect(period('2024-02-30', '2024-12-31')).toEqual([
      {
        path: 'spec.businessDrivers[0].referencePeriod.start',
        message: 'is not a day of the calendar, got "2024-02-30"',
      },
    ]);
    expect(period('January 2024', '2024-12-31')).toEqual([
      {
        path: 'spec.businessDrivers[0].referencePeriod.start',
        message: 'must match a date such as 2025-01-31, got "January 2024"',
      },
    ]);
  });
});

describe('entities of no MLightenment kind', () => {
  it('names an ML kind written under the apiVersion of a Backstage kind', () => {
    expect(
      unsupportedMlopsEntityProblem({
        ...model,
        apiVersion: 'backstage.io/v1alpha1',
      }),
    ).toEqual({
      path: 'apiVersion',
      message:
        '"backstage.io/v1alpha1" is not the apiVersion of MLModel; write "mlightenment.io/v1alpha1"',
    });
  });

  it('leave other groups and kinds to their own processors', () => {
    const component = {
      ...model,
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
    };
    expect(unsupportedMlopsEntityProblem(component)).toBeUndefined();
    expect(lookalikeMlopsKindProblem(component)).toBeUndefined();
  });

  it('can be recognised as a misspelt ML kind before commit', () => {
    expect(
      lookalikeMlopsKindProblem({
        ...model,
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'MLModle',
      }),
    ).toEqual({
      path: 'kind',
      message:
        '"MLModle" is not a known kind; did you mean "MLModel"? (apiVersion "mlightenment.io/v1alpha1")',
    });
    expect(
      lookalikeMlopsKindProblem({ ...model, kind: 'MLFlowExperiment' }),
    ).toBeUndefined();
  });
});

describe('kind validators', () => {
  it('claim only their own kind and apiVersion', async () => {
    expect(await mlUseCaseEntityV1alpha1Validator.check(useCase)).toBe(true);
    expect(await mlUseCaseEntityV1alpha1Validator.check(model)).toBe(false);
    expect(
      await mlModelEntityV1alpha1Validator.check({
        ...model,
        apiVersion: 'backstage.io/v1alpha1',
      }),
    ).toBe(false);
    expect(await mlMonitorEntityV1alpha1Validator.check(monitor)).toBe(true);
  });

  it('throw an error that names the entity and every problem', async () => {
    const entity = broken(model, m => {
      m.spec.metrics[0].value = 'high';
      m.spec.lifecycle = 3;
    });
    const check = mlModelEntityV1alpha1Validator.check(entity);
    await expect(check).rejects.toThrow(MlopsEntityValidationError);
    await expect(mlModelEntityV1alpha1Validator.check(entity)).rejects.toThrow(
      `Invalid MLModel entity mlmodel:retail/churn-gbm: spec.lifecycle must be a string, got number 3; quote it to make it a string: '3'; spec.metrics[0].value must be a number, got "high"`,
    );
  });
});

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
