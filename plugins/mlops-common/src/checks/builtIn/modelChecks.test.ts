import type { Entity } from '@backstage/catalog-model';
import {
  component,
  contextOf,
  group,
  model,
  monitor,
  performanceMonitor,
  resource,
  surroundings,
  useCase,
} from '../../__testUtils__/entities';
import type { MlopsEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { modelCardComplete } from './modelCardComplete';
import { modelCardCore } from './modelCardCore';
import { modelDatasetsDeclared } from './modelDatasetsDeclared';
import { modelDriftAndPerformanceMonitored } from './modelDriftAndPerformanceMonitored';
import { modelFairnessWithinBounds } from './modelFairnessWithinBounds';
import { modelMeetsAcceptanceCriteria } from './modelMeetsAcceptanceCriteria';
import { modelMlTestScore } from './modelMlTestScore';
import { modelMonitoredWithAlerts } from './modelMonitoredWithAlerts';
import { modelRegistered } from './modelRegistered';
import { modelServedWithCi } from './modelServedWithCi';
import { modelUseCaseInCatalog } from './modelUseCaseInCatalog';
import { modelVersionDeclared } from './modelVersionDeclared';

function run(
  check: CheckDefinition,
  subject: MlopsEntity,
  others: Entity[] = [...surroundings(), useCase()],
) {
  return check.evaluate(contextOf(subject, others));
}

describe('model.use-case-in-catalog', () => {
  it('passes when the use case resolves, with the default kind and namespace applied', () => {
    expect(
      run(modelUseCaseInCatalog, model({ useCase: 'churn-prevention' })),
    ).toEqual({ outcome: 'passed', reason: 'Implements churn-prevention.' });
  });

  it('fails naming the reference that does not resolve', () => {
    expect(
      run(modelUseCaseInCatalog, model({ useCase: 'churn-prevension' })),
    ).toEqual({
      outcome: 'failed',
      reason:
        'spec.useCase churn-prevension is not an MLUseCase in the catalog.',
    });
  });
});

describe('model.version-declared', () => {
  it('passes with a version and fails without', () => {
    expect(run(modelVersionDeclared, model()).reason).toBe('Version 3.2.0.');
    expect(run(modelVersionDeclared, model({ version: undefined }))).toEqual({
      outcome: 'failed',
      reason: 'spec.version is not set.',
    });
  });
});

describe('model.model-card-core', () => {
  it('passes with intended use, training data, evaluation data and limitations', () => {
    expect(
      run(
        modelCardCore,
        model({
          modelCard: {
            intendedUse: 'Rank subscribers.',
            trainingData: 'Events 2024-2026.',
            evaluationData: 'Holdout Q3.',
            limitations: 'Consumers only.',
          },
        }),
      ),
    ).toEqual({
      outcome: 'passed',
      reason:
        'Documents intended use, training data, evaluation data and limitations.',
    });
  });

  it('names the core sections missing, counting a blank section as missing', () => {
    expect(
      run(
        modelCardCore,
        model({
          modelCard: {
            overview: 'Trees.',
            intendedUse: 'Rank.',
            limitations: '  ',
          },
        }),
      ),
    ).toEqual({
      outcome: 'failed',
      reason:
        'Not documented: spec.modelCard.trainingData, spec.modelCard.evaluationData and spec.modelCard.limitations.',
    });
  });
});

describe('model.model-card-complete', () => {
  it('passes with all eight sections', () => {
    expect(run(modelCardComplete, model())).toEqual({
      outcome: 'passed',
      reason: 'All 8 sections documented.',
    });
  });

  it('counts and names the missing sections', () => {
    expect(
      run(
        modelCardComplete,
        model({
          modelCard: {
            ...model().spec.modelCard,
            factors: undefined,
            caveats: '',
          },
        }),
      ),
    ).toEqual({
      outcome: 'failed',
      reason:
        '6 of 8 sections documented; missing spec.modelCard.factors and spec.modelCard.caveats.',
    });
  });
});

describe('model.registered', () => {
  it('passes with registry coordinates and fails without', () => {
    expect(run(modelRegistered, model()).reason).toBe(
      'Registered in mlflow as models:/churn-gbm/7.',
    );
    expect(run(modelRegistered, model({ registry: undefined }))).toEqual({
      outcome: 'failed',
      reason: 'spec.registry is not set.',
    });
  });
});

describe('model.acceptance-criteria-met', () => {
  it('passes when the metrics meet the use case criteria', () => {
    expect(run(modelMeetsAcceptanceCriteria, model())).toEqual({
      outcome: 'passed',
      reason: 'Meets all 2 criteria.',
    });
  });

  it('fails naming the criteria missed', () => {
    expect(
      run(
        modelMeetsAcceptanceCriteria,
        model({
          metrics: [
            { name: 'recall', value: 0.63 },
            { name: 'p95-latency-ms', value: 84 },
          ],
        }),
      ),
    ).toEqual({ outcome: 'failed', reason: 'recall 0.63 (needs >= 0.7)' });
  });

  it('is not reported when the use case is not in the catalog', () => {
    expect(run(modelMeetsAcceptanceCriteria, model(), surroundings())).toEqual({
      outcome: 'not-reported',
      reason:
        'The use case mlusecase:default/churn-prevention is not in the catalog.',
    });
  });
});

describe('model.fairness-within-bounds', () => {
  it('passes when every bounded result holds', () => {
    expect(run(modelFairnessWithinBounds, model())).toEqual({
      outcome: 'passed',
      reason: 'All 1 bounded fairness result within bounds (age-band).',
    });
  });

  it('fails naming each result out of bounds, with the default operator', () => {
    expect(
      run(
        modelFairnessWithinBounds,
        model({
          fairness: [
            {
              attribute: 'age-band',
              metric: 'demographic-parity-difference',
              value: 0.12,
              threshold: 0.1,
            },
            {
              attribute: 'gender',
              metric: 'disparate-impact-ratio',
              value: 0.93,
              operator: '>=',
              threshold: 0.8,
            },
          ],
        }),
      ),
    ).toEqual({
      outcome: 'failed',
      reason:
        'Out of bounds: demographic-parity-difference for age-band 0.12 (needs <= 0.1).',
    });
  });

  it('is not reported when the use case processes personal data and no result is bounded', () => {
    expect(
      run(
        modelFairnessWithinBounds,
        model({
          fairness: [{ attribute: 'region', metric: 'eod', value: 0.03 }],
        }),
      ),
    ).toEqual({
      outcome: 'not-reported',
      reason:
        'The use case processes personal data (spec.risk.personalData) but spec.fairness has no result with a threshold.',
    });
  });

  it('does not apply without personal data and without fairness results', () => {
    const noPersonalData = useCase({
      risk: {
        tier: 'minimal',
        personalData: false,
        ethicalConsiderations: ['None about people'],
      },
    });
    expect(
      run(modelFairnessWithinBounds, model({ fairness: undefined }), [
        noPersonalData,
      ]).outcome,
    ).toBe('not-applicable');
  });
});

describe('model.datasets-declared', () => {
  it('passes with a registered dataset', () => {
    expect(run(modelDatasetsDeclared, model())).toEqual({
      outcome: 'passed',
      reason: 'Depends on resource:default/subscriber-events.',
    });
  });

  it('warns about declared datasets the catalog does not hold', () => {
    expect(
      run(
        modelDatasetsDeclared,
        model({ dependsOn: ['subscriber-events', 'crm-contracts'] }),
      ),
    ).toEqual({
      outcome: 'warning',
      reason:
        'Declared but not in the catalog: resource:default/crm-contracts.',
    });
  });

  it('fails when the model depends on no Resource', () => {
    expect(
      run(
        modelDatasetsDeclared,
        model({ dependsOn: ['component:default/feature-store'] }),
      ),
    ).toEqual({
      outcome: 'failed',
      reason: 'spec.dependsOn names no Resource (dataset).',
    });
  });
});

describe('model.served-with-ci', () => {
  it('passes when a group-owned component with a CI annotation serves the model', () => {
    expect(run(modelServedWithCi, model())).toEqual({
      outcome: 'passed',
      reason:
        'Served by Component churn-scoring-service, owned by group:default/ml-platform, CI github.com/project-slug: northwind/churn-scoring-service.',
    });
  });

  it.each([
    'gitlab.com/project-slug',
    'jenkins.io/job-full-name',
    'circleci.com/project-slug',
    'dev.azure.com/project',
    'buildkite.com/project-slug',
  ])('recognises %s as CI', annotation => {
    expect(
      run(modelServedWithCi, model(), [
        group('ml-platform'),
        component({ annotations: { [annotation]: 'northwind/churn' } }),
      ]).outcome,
    ).toBe('passed');
  });

  it('names each problem of the serving entities', () => {
    expect(
      run(
        modelServedWithCi,
        model({
          servedBy: [
            'component:default/churn-scoring-service',
            'api:default/churn-scoring-api',
          ],
        }),
        [
          component({
            owner: 'user:default/tomas-novak',
            annotations: { 'backstage.io/source-location': 'url:https://x' },
          }),
        ],
      ),
    ).toEqual({
      outcome: 'failed',
      reason:
        'Component churn-scoring-service is owned by user:default/tomas-novak, not a Group; Component churn-scoring-service has no CI annotation; api:default/churn-scoring-api is not in the catalog.',
    });
  });

  it('fails when nothing serves the model', () => {
    expect(run(modelServedWithCi, model({ servedBy: undefined }))).toEqual({
      outcome: 'failed',
      reason: 'spec.servedBy names nothing that serves the model.',
    });
  });
});

describe('model.monitored-with-alerts', () => {
  it('passes when a monitor routes alerts', () => {
    expect(run(modelMonitoredWithAlerts, model(), [monitor()])).toEqual({
      outcome: 'passed',
      reason: 'Alerts routed by churn-gbm-input-drift.',
    });
  });

  it('fails when its monitors route alerts nowhere', () => {
    expect(
      run(modelMonitoredWithAlerts, model(), [
        monitor({ alerting: undefined }),
      ]),
    ).toEqual({
      outcome: 'failed',
      reason:
        'Monitored by churn-gbm-input-drift, but none sets spec.alerting.notify or spec.alerting.channels.',
    });
  });

  it('fails without a monitor, and ignores monitors of other models', () => {
    expect(
      run(modelMonitoredWithAlerts, model(), [
        monitor({ model: 'mlmodel:default/churn-logreg-baseline' }),
      ]),
    ).toEqual({
      outcome: 'failed',
      reason: 'No MLMonitor in the catalog watches this model.',
    });
  });
});

describe('model.drift-and-performance-monitored', () => {
  it('passes with a performance and a drift monitor', () => {
    expect(
      run(modelDriftAndPerformanceMonitored, model(), [
        monitor(),
        performanceMonitor(),
      ]),
    ).toEqual({
      outcome: 'passed',
      reason:
        'Performance: churn-gbm-performance; drift: churn-gbm-input-drift.',
    });
  });

  it('names the kind of monitor missing', () => {
    expect(
      run(modelDriftAndPerformanceMonitored, model(), [monitor()]),
    ).toEqual({
      outcome: 'failed',
      reason:
        'No performance monitor; monitors: churn-gbm-input-drift (data-drift).',
    });
    expect(run(modelDriftAndPerformanceMonitored, model(), [])).toEqual({
      outcome: 'failed',
      reason:
        'No performance monitor and no drift monitor (data-drift or prediction-drift).',
    });
  });
});

describe('model.ml-test-score', () => {
  const allAutomatedTwice = {
    data: {
      'feature-expectations-schema': 'automated',
      'feature-code-tested': 'automated',
    },
    model: {
      'model-specs-reviewed': 'automated',
      'quality-on-slices': 'automated',
    },
    infrastructure: {
      'training-reproducible': 'automated',
      rollback: 'automated',
    },
    monitoring: {
      'data-invariants-hold': 'automated',
      'prediction-quality-stable': 'automated',
    },
  } as const;

  it('passes at a final score of 2', () => {
    expect(
      run(modelMlTestScore, model({ mlTestScore: allAutomatedTwice })),
    ).toEqual({
      outcome: 'passed',
      reason:
        "Final score 2 (data 2, model 2, infrastructure 2, monitoring 2): There's been first pass at basic productionization, but additional investment may be needed.",
    });
  });

  it('fails below 2 with the band, the weakest section deciding', () => {
    expect(
      run(
        modelMlTestScore,
        model({
          mlTestScore: {
            ...allAutomatedTwice,
            monitoring: { 'data-invariants-hold': 'manual' },
          },
        }),
      ),
    ).toEqual({
      outcome: 'failed',
      reason:
        'Final score 0.5 (data 2, model 2, infrastructure 2, monitoring 0.5): Not totally untested, but it is worth considering the possibility of serious holes in reliability.',
    });
  });

  it('is not reported when nothing is declared', () => {
    expect(run(modelMlTestScore, model())).toEqual({
      outcome: 'not-reported',
      reason: 'spec.mlTestScore declares no test.',
    });
  });
});

describe('the fixtures', () => {
  it('reject an entity the catalog would reject', () => {
    expect(() => model({ version: 3 as unknown as string })).toThrow(
      /spec\.version must be a string/,
    );
  });

  it('include a dataset resource for the default model', () => {
    expect(surroundings()).toContainEqual(resource('subscriber-events'));
  });
});
