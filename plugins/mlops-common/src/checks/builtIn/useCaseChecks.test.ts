import type { Entity } from '@backstage/catalog-model';
import {
  contextOf,
  model,
  surroundings,
  useCase,
} from '../../__testUtils__/entities';
import type { MlopsEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { useCaseAcceptanceCriteriaDefined } from './useCaseAcceptanceCriteriaDefined';
import { useCaseAcceptedModelInProduction } from './useCaseAcceptedModelInProduction';
import { useCaseBusinessDriversMeasurable } from './useCaseBusinessDriversMeasurable';
import { useCaseExplainabilityPlanned } from './useCaseExplainabilityPlanned';
import { useCaseGovernanceReviewed } from './useCaseGovernanceReviewed';
import { useCaseOperationalCriterionDefined } from './useCaseOperationalCriterionDefined';
import { useCaseOwnerInCatalog } from './useCaseOwnerInCatalog';
import { useCaseRiskAssessed } from './useCaseRiskAssessed';
import { useCaseSponsorNamed } from './useCaseSponsorNamed';

function run(
  check: CheckDefinition,
  subject: MlopsEntity,
  others: Entity[] = surroundings(),
) {
  return check.evaluate(contextOf(subject, others));
}

describe('use-case.owner-in-catalog', () => {
  it('passes when the owner group is registered', () => {
    expect(run(useCaseOwnerInCatalog, useCase())).toEqual({
      outcome: 'passed',
      reason: 'Owned by Group retention-analytics.',
    });
  });

  it('fails naming the owner the catalog does not hold, with the default kind applied', () => {
    expect(
      run(useCaseOwnerInCatalog, useCase({ owner: 'retention-analytix' })),
    ).toEqual({
      outcome: 'failed',
      reason: 'spec.owner retention-analytix is not in the catalog.',
    });
  });

  it('is not applicable to a model', () => {
    expect(run(useCaseOwnerInCatalog, model()).outcome).toBe('not-applicable');
  });
});

describe('use-case.sponsor-named', () => {
  it('passes with a sponsor and fails without one', () => {
    expect(run(useCaseSponsorNamed, useCase()).reason).toBe(
      'Sponsored by user:default/maria-silva.',
    );
    expect(run(useCaseSponsorNamed, useCase({ sponsor: undefined }))).toEqual({
      outcome: 'failed',
      reason: 'spec.sponsor is not set.',
    });
  });
});

describe('use-case.business-drivers-measurable', () => {
  it('passes when every driver has a baseline and a target', () => {
    expect(run(useCaseBusinessDriversMeasurable, useCase())).toEqual({
      outcome: 'passed',
      reason: '1 driver with KPI baseline and target: Monthly churn rate.',
    });
  });

  it('names each driver that lacks a baseline or a target', () => {
    const result = run(
      useCaseBusinessDriversMeasurable,
      useCase({
        businessDrivers: [
          {
            driver: 'Keep subscribers',
            kpi: 'Churn rate',
            baseline: 2.8,
            target: 2.2,
          },
          { driver: 'Spend well', kpi: 'Cost per save', direction: 'decrease' },
          {
            driver: 'Be quick',
            kpi: 'Days to offer',
            baseline: 9,
            direction: 'decrease',
          },
        ],
      }),
    );
    expect(result).toEqual({
      outcome: 'failed',
      reason:
        'spec.businessDrivers[1] (Cost per save) has no baseline and target; spec.businessDrivers[2] (Days to offer) has no target.',
    });
  });

  it('fails without any driver', () => {
    expect(
      run(useCaseBusinessDriversMeasurable, useCase({ businessDrivers: [] })),
    ).toEqual({
      outcome: 'failed',
      reason: 'spec.businessDrivers lists no business driver.',
    });
  });
});

describe('use-case.acceptance-criteria-defined', () => {
  it('lists the criteria it found', () => {
    expect(run(useCaseAcceptanceCriteriaDefined, useCase())).toEqual({
      outcome: 'passed',
      reason: '2 criteria: recall >= 0.7, p95-latency-ms <= 120.',
    });
  });

  it('fails when there are none', () => {
    expect(
      run(
        useCaseAcceptanceCriteriaDefined,
        useCase({ acceptanceCriteria: undefined }),
      ),
    ).toEqual({
      outcome: 'failed',
      reason: 'spec.acceptanceCriteria lists no criterion.',
    });
  });
});

describe('use-case.operational-criterion-defined', () => {
  it('passes with an operational criterion and names it', () => {
    expect(run(useCaseOperationalCriterionDefined, useCase())).toEqual({
      outcome: 'passed',
      reason: 'Operational: p95-latency-ms <= 120.',
    });
  });

  it('fails when all criteria measure model quality (the default category)', () => {
    expect(
      run(
        useCaseOperationalCriterionDefined,
        useCase({
          acceptanceCriteria: [
            { metric: 'recall', operator: '>=', threshold: 0.7 },
            {
              metric: 'auc',
              operator: '>=',
              threshold: 0.8,
              category: 'model',
            },
          ],
        }),
      ),
    ).toEqual({
      outcome: 'failed',
      reason:
        'None of the 2 criteria in spec.acceptanceCriteria has category: operational.',
    });
  });
});

describe('use-case.explainability-planned', () => {
  it('passes with an approach and an audience when explanations are required', () => {
    expect(run(useCaseExplainabilityPlanned, useCase())).toEqual({
      outcome: 'passed',
      reason: 'Top-5 SHAP reasons per prediction, for Save-desk agents.',
    });
  });

  it('passes when explanations are explicitly not required', () => {
    expect(
      run(
        useCaseExplainabilityPlanned,
        useCase({ explainability: { required: false } }),
      ).outcome,
    ).toBe('passed');
  });

  it('fails when required but the approach is missing', () => {
    expect(
      run(
        useCaseExplainabilityPlanned,
        useCase({ explainability: { required: true, audience: 'Agents' } }),
      ),
    ).toEqual({
      outcome: 'failed',
      reason:
        'Explanations are required but spec.explainability.approach is not set.',
    });
  });

  it('fails when nobody decided whether explanations are needed', () => {
    expect(
      run(useCaseExplainabilityPlanned, useCase({ explainability: undefined }))
        .reason,
    ).toMatch(/^spec\.explainability\.required is not set/);
  });
});

describe('use-case.risk-assessed', () => {
  it('passes with tier, personal data, ethics and a policy', () => {
    expect(run(useCaseRiskAssessed, useCase())).toEqual({
      outcome: 'passed',
      reason: 'Risk tier limited, personal data, 1 ethical consideration.',
    });
  });

  it('names every risk field not declared', () => {
    expect(
      run(useCaseRiskAssessed, useCase({ risk: { tier: 'high' } })),
    ).toEqual({
      outcome: 'failed',
      reason:
        'Not declared: spec.risk.personalData, spec.risk.ethicalConsiderations.',
    });
  });

  it('requires governance policies when personal data is processed', () => {
    expect(
      run(
        useCaseRiskAssessed,
        useCase({ governance: { reviewCadence: 'P3M' } }),
      ),
    ).toEqual({
      outcome: 'failed',
      reason:
        'spec.risk.personalData is true but spec.governance.policies names no policy that governs the data.',
    });
  });

  it('does not require policies without personal data', () => {
    expect(
      run(
        useCaseRiskAssessed,
        useCase({
          risk: {
            tier: 'minimal',
            personalData: false,
            ethicalConsiderations: ['Forecasts drive stock, not people'],
          },
          governance: undefined,
        }),
      ).outcome,
    ).toBe('passed');
  });

  it('fails an unacceptable risk tier whatever else is declared', () => {
    expect(
      run(
        useCaseRiskAssessed,
        useCase({
          risk: {
            tier: 'unacceptable',
            personalData: true,
            ethicalConsiderations: ['Social scoring'],
          },
        }),
      ).reason,
    ).toMatch(/^spec\.risk\.tier is unacceptable/);
  });
});

describe('use-case.governance-reviewed', () => {
  it('passes with a cadence and policies', () => {
    expect(run(useCaseGovernanceReviewed, useCase())).toEqual({
      outcome: 'passed',
      reason: 'Reviewed every P3M against model-risk-policy-v2, gdpr.',
    });
  });

  it('names what is missing', () => {
    expect(
      run(
        useCaseGovernanceReviewed,
        useCase({ governance: { policies: ['gdpr'] } }),
      ),
    ).toEqual({
      outcome: 'failed',
      reason: 'Not declared: spec.governance.reviewCadence.',
    });
  });
});

describe('use-case.accepted-model-in-production', () => {
  it('passes when a production model meets every criterion', () => {
    expect(
      run(useCaseAcceptedModelInProduction, useCase(), [
        ...surroundings(),
        model(),
      ]),
    ).toEqual({
      outcome: 'passed',
      reason:
        'In production and meeting all 2 criteria: mlmodel:default/churn-gbm.',
    });
  });

  it('fails when no model implements the use case', () => {
    expect(run(useCaseAcceptedModelInProduction, useCase())).toEqual({
      outcome: 'failed',
      reason: 'No model in the catalog implements this use case.',
    });
  });

  it('does not count a model that meets the criteria but is not in production', () => {
    expect(
      run(useCaseAcceptedModelInProduction, useCase(), [
        model({ lifecycle: 'experimental' }),
      ]),
    ).toEqual({
      outcome: 'failed',
      reason: 'No model is in production: churn-gbm is experimental.',
    });
  });

  it('fails naming the criteria each production model misses', () => {
    expect(
      run(useCaseAcceptedModelInProduction, useCase(), [
        model({ metrics: [{ name: 'recall', value: 0.63 }] }),
      ]),
    ).toEqual({
      outcome: 'failed',
      reason:
        'No production model meets every criterion: mlmodel:default/churn-gbm: recall 0.63 (needs >= 0.7), p95-latency-ms not reported (needs <= 120).',
    });
  });

  it('is not reported while the use case has no criteria to accept by', () => {
    expect(
      run(
        useCaseAcceptedModelInProduction,
        useCase({ acceptanceCriteria: [] }),
        [model()],
      ).outcome,
    ).toBe('not-reported');
  });
});
