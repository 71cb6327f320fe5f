import {
  component,
  contextOf,
  group,
  model,
  monitor,
  performanceMonitor,
  surroundings,
  useCase,
} from '../__testUtils__/entities';
import { FRAMEWORK_STAGES } from '../framework/stages';
import type { Entity } from '@backstage/catalog-model';
import type { MlopsEntity } from '../kinds/types';
import {
  DEFAULT_MATURITY_CHECKS,
  defaultMaturityRubric,
} from './defaultRubric';
import { evaluateScorecard } from './scorecard';
import {
  DRIFT_HEALTH_FACT_ID,
  gateApprovalFactId,
  VALUE_FACT_ID,
} from './factIds';

const tested = model({
  mlTestScore: {
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
      'models-not-stale': 'automated',
    },
  },
});

const healthyDrift = {
  state: 'healthy',
  monitors: 2,
  fresh: 2,
  inAlert: 0,
  lastObservationAt: '2026-11-27T06:00:00Z',
};

function scorecard(
  subject: MlopsEntity,
  others: Entity[],
  exemptions: Parameters<typeof evaluateScorecard>[2]['exemptions'] = [],
) {
  return evaluateScorecard(
    defaultMaturityRubric,
    contextOf(subject, others, {
      now: new Date('2026-11-27T12:00:00Z'),
      // The stage-3 gate is signed off and the monitors report fresh,
      // healthy data: the backend's facts say so.
      facts: {
        [gateApprovalFactId('operationalisation')]: { state: 'approved' },
        [DRIFT_HEALTH_FACT_ID]: healthyDrift,
        // and its KPIs are reported and on track: the value ledger says so.
        [VALUE_FACT_ID]: {
          kpis: [
            {
              id: 'monthly-churn-rate',
              kpi: 'Monthly churn rate',
              status: 'on-track',
            },
          ],
        },
      },
    }),
    {
      entityRef: `${subject.kind}:default/${subject.metadata.name}`,
      exemptions,
    },
  );
}

describe('the default rubric', () => {
  it('lists its checks by stage, then by level', () => {
    const order = DEFAULT_MATURITY_CHECKS.map(
      c => FRAMEWORK_STAGES.findIndex(s => s.id === c.stage) * 10 + c.level,
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('has checks at every level for use cases and models', () => {
    for (const kind of ['MLUseCase', 'MLModel'] as const) {
      const levels = new Set(
        DEFAULT_MATURITY_CHECKS.filter(c => c.kinds.includes(kind)).map(
          c => c.level,
        ),
      );
      expect([...levels].sort()).toEqual([1, 2, 3, 4]);
    }
  });

  it('puts a well-governed use case, model and monitors at level 4 with a score of 100', () => {
    const catalog = [
      useCase(),
      tested,
      monitor(),
      performanceMonitor(),
      ...surroundings(),
    ];
    for (const subject of catalog.slice(0, 4) as MlopsEntity[]) {
      const card = scorecard(
        subject,
        catalog.filter(e => e !== subject),
      );
      expect({
        entity: subject.metadata.name,
        level: card.level,
        score: card.score,
        failing: card.results.filter(
          r => !['passed', 'not-applicable'].includes(r.outcome),
        ),
      }).toEqual({
        entity: subject.metadata.name,
        level: 4,
        score: 100,
        failing: [],
      });
    }
  });

  it('holds a model without CI at level 2 and says what level 3 needs', () => {
    const catalog = [
      useCase(),
      monitor(),
      performanceMonitor(),
      ...surroundings().filter(e => e.kind !== 'Component'),
      component({ annotations: {} }),
    ];
    const card = scorecard(tested, catalog);
    expect(card.level).toBe(2);
    expect(card.nextLevel).toEqual({
      level: 3,
      blocking: ['model.served-with-ci'],
    });
    expect(card.score).toBe(Math.round((100 * 14) / 15)); // 15 model checks, one fails
  });

  it('holds a production model without an approved stage-3 gate below level 4', () => {
    const catalog = [
      useCase(),
      monitor(),
      performanceMonitor(),
      ...surroundings(),
    ];
    const card = evaluateScorecard(
      defaultMaturityRubric,
      contextOf(tested, catalog, {
        now: new Date('2026-11-27T12:00:00Z'),
        facts: {
          [gateApprovalFactId('operationalisation')]: {
            state: 'ready-for-review',
          },
          [DRIFT_HEALTH_FACT_ID]: healthyDrift,
        },
      }),
      { entityRef: 'mlmodel:default/churn-gbm', exemptions: [] },
    );
    expect(card.level).toBe(3);
    expect(card.nextLevel).toEqual({
      level: 4,
      blocking: ['model.operationalisation-approved'],
    });
  });

  it('lets an exemption lift the level until it expires', () => {
    const catalog = [
      useCase(),
      monitor(),
      performanceMonitor(),
      group('ml-platform'),
      component({ annotations: {} }),
    ];
    const exemption = {
      checkId: 'model.served-with-ci',
      entityRef: 'mlmodel:default/churn-gbm',
      justification: 'Served from the data platform, CI moves in Q1.',
    };
    expect(
      scorecard(tested, catalog, [{ ...exemption, expiresAt: '2027-01-31' }])
        .level,
    ).toBe(4);
    expect(
      scorecard(tested, catalog, [{ ...exemption, expiresAt: '2026-10-31' }])
        .level,
    ).toBe(2);
  });
});
