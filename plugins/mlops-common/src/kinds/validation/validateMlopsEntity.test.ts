import { useCase, model, monitor, broken } from './__testUtils__/validEntities';
import { validateMlopsEntity } from './validateMlopsEntity';

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
