import type { FrameworkStageId } from '../../framework/stages';
import type { GateEvent } from '../../gates/events';
import { defaultGateSignOff } from '../../gates/definitions';
import { gateFactsHash, gateFactsOf } from '../../gates/facts';
import type {
  MLModelEntityV1alpha1,
  MLUseCaseEntityV1alpha1,
} from '../../kinds/types';
import { model, monitor, useCase } from '../../__testUtils__/entities';
import { productionChanges } from '../delivery';
import type {
  DiagnosticModelHistoryEntry,
  DiagnosticSnapshot,
} from '../snapshot';

// A fixture organisation of two teams. Retention analytics (two people)
// owns the churn use case, in production with KPI actuals, and its models:
// churn-gbm, through all three gates with a year of versions, and
// churn-logit, an experiment. Pricing (one person) owns a production use
// case without sponsor or actuals and its model, in production by lifecycle
// but approved at stage 1 only, whose dataset is missing from the catalog.

export const NOW = new Date('2026-12-01T12:00:00Z');
const DAY = 86_400_000;
/** A date `d` days before NOW. */
export const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY);

export const RETENTION = 'group:default/retention-analytics';
export const PRICING = 'group:default/pricing';
export const CHURN = 'mlusecase:default/churn-prevention';
export const PRICING_UC = 'mlusecase:default/dynamic-pricing';
export const GBM = 'mlmodel:default/churn-gbm';
export const LOGIT = 'mlmodel:default/churn-logit';
export const PRICE = 'mlmodel:default/price-elasticity';
export const DRIFT_MONITOR = 'mlmonitor:default/churn-gbm-input-drift';

export const churn = useCase({ owner: RETENTION });
export const pricingUseCase = useCase(
  { owner: PRICING, sponsor: undefined },
  'dynamic-pricing',
);
export const gbm = model({ framework: 'xgboost' });
export const logit = model(
  {
    lifecycle: 'experimental',
    framework: 'scikit-learn',
    version: '0.3.0',
    modelCard: { overview: 'A logistic baseline.' },
    registry: undefined,
    servedBy: undefined,
  },
  'churn-logit',
);
export const price = model(
  {
    owner: PRICING,
    useCase: PRICING_UC,
    framework: 'xgboost',
    version: '0.1.0',
    modelCard: undefined,
    dependsOn: ['resource:default/price-history'],
    servedBy: undefined,
  },
  'price-elasticity',
);
export const driftMonitor = monitor({ owner: RETENTION });

const signOff = defaultGateSignOff();

/** Gate events as the store keeps them, each decision on the entity's current facts. */
export function gateTrail() {
  const events = new Map<string, GateEvent[]>();
  let id = 0;
  const add = (
    entity: MLUseCaseEntityV1alpha1 | MLModelEntityV1alpha1,
    stage: FrameworkStageId,
    at: Date,
    event: Partial<GateEvent>,
  ) => {
    const ref = `${entity.kind}:default/${entity.metadata.name}`.toLowerCase();
    const facts = gateFactsOf(entity);
    const list = events.get(ref) ?? [];
    list.push({
      type: 'decision',
      actor: 'user:default/someone',
      comment: '',
      entityHash: gateFactsHash(facts),
      facts,
      id: String(++id),
      entityRef: ref,
      stage,
      revision: list.filter(e => e.stage === stage).length + 1,
      at,
      ...event,
    });
    list.sort((a, b) => a.at.getTime() - b.at.getTime());
    events.set(ref, list);
  };
  /** Every required sign-off of the gate approves, the last at `at`; a sponsor decision one day later than the others. */
  const approve = (
    entity: MLUseCaseEntityV1alpha1 | MLModelEntityV1alpha1,
    stage: FrameworkStageId,
    at: Date,
  ) => {
    for (const requirement of signOff[stage]) {
      const role =
        requirement.type === 'group' ? requirement.ref : requirement.type;
      add(
        entity,
        stage,
        role === 'sponsor' ? at : new Date(at.getTime() - DAY),
        {
          decision: 'approve',
          role,
        },
      );
    }
  };
  const attest = (
    entity: MLUseCaseEntityV1alpha1 | MLModelEntityV1alpha1,
    stage: FrameworkStageId,
    criterion: string,
    at: Date,
  ) => add(entity, stage, at, { type: 'attestation', criterion });
  return { events, approve, attest, add };
}

// The model history: churn-gbm's versions, the last a rollback to 1.1.0;
// price-elasticity entering production; churn-logit an experiment.
const MODEL_HISTORY: DiagnosticModelHistoryEntry[] = [
  {
    modelRef: GBM,
    version: '1.0.0',
    lifecycle: 'production',
    observedAt: daysAgo(100),
  },
  {
    modelRef: GBM,
    version: '1.1.0',
    lifecycle: 'production',
    observedAt: daysAgo(30),
  },
  {
    modelRef: GBM,
    version: '1.2.0',
    lifecycle: 'production',
    observedAt: daysAgo(15),
  },
  {
    modelRef: GBM,
    version: '1.1.0',
    lifecycle: 'production',
    observedAt: daysAgo(3),
  },
  {
    modelRef: PRICE,
    version: '0.1.0',
    lifecycle: 'experimental',
    observedAt: daysAgo(100),
  },
  {
    modelRef: PRICE,
    version: '0.1.0',
    lifecycle: 'production',
    observedAt: daysAgo(40),
  },
  {
    modelRef: LOGIT,
    version: '0.3.0',
    lifecycle: 'experimental',
    observedAt: daysAgo(100),
  },
];

/**
 * The fixture organisation's snapshot; `patch` replaces any part, and
 * `modelHistory` the models' history the production changes come from.
 */
export function organisation(
  patch: Partial<DiagnosticSnapshot> & {
    modelHistory?: DiagnosticModelHistoryEntry[];
  } = {},
): DiagnosticSnapshot {
  const { modelHistory = MODEL_HISTORY, ...rest } = patch;
  const modelHistorySince = rest.modelHistorySince ?? daysAgo(100);
  const gates = gateTrail();
  // The churn use case: its stage-1 gate attested 65 days ago, approved 60 days ago.
  gates.attest(
    churn,
    'strategy',
    'strategy.operational-requirements',
    daysAgo(65),
  );
  gates.approve(churn, 'strategy', daysAgo(60));
  // churn-gbm through all three gates, production approved 20 days ago.
  gates.approve(gbm, 'strategy', daysAgo(58));
  gates.approve(gbm, 'prototyping', daysAgo(40));
  gates.attest(
    gbm,
    'operationalisation',
    'operationalisation.knowledge-transfer',
    daysAgo(25),
  );
  gates.approve(gbm, 'operationalisation', daysAgo(20));
  // The pricing model: stage 1 approved 50 days ago, nothing since.
  gates.approve(price, 'strategy', daysAgo(50));
  return {
    now: NOW,
    windowDays: 90,
    useCases: [churn, pricingUseCase],
    models: [gbm, logit, price],
    monitors: [driftMonitor],
    groups: [
      {
        ref: RETENTION,
        title: 'Retention analytics',
        members: ['user:default/ana-kovac', 'user:default/li-wei'],
      },
      { ref: PRICING, title: 'Pricing', members: ['user:default/sam-ortiz'] },
    ],
    catalogEntries: [
      {
        ref: 'resource:default/subscriber-events',
        type: 'dataset',
        ownerRef: RETENTION,
      },
      {
        ref: 'component:default/churn-scoring-service',
        type: 'service',
        ownerRef: RETENTION,
      },
    ],
    scorecards: [
      {
        entityRef: CHURN,
        level: 2,
        results: [{ checkId: 'use-case.sponsor-named', outcome: 'passed' }],
      },
      {
        entityRef: GBM,
        level: 3,
        results: [
          { checkId: 'model.registered', outcome: 'passed' },
          { checkId: 'model.model-card-complete', outcome: 'passed' },
        ],
      },
      {
        entityRef: LOGIT,
        level: 1,
        results: [
          { checkId: 'model.registered', outcome: 'passed' },
          { checkId: 'model.model-card-complete', outcome: 'failed' },
        ],
      },
      {
        entityRef: PRICE,
        level: 0,
        results: [
          { checkId: 'model.registered', outcome: 'passed' },
          { checkId: 'model.model-card-complete', outcome: 'failed' },
        ],
      },
      {
        entityRef: PRICING_UC,
        level: 0,
        results: [{ checkId: 'use-case.sponsor-named', outcome: 'failed' }],
      },
    ],
    gateEvents: gates.events,
    signOff: { stages: signOff },
    riskTiers: new Map(),
    driftTransitions: [
      {
        monitorRef: DRIFT_MONITOR,
        from: 'healthy',
        to: 'alert',
        at: daysAgo(10),
      },
      {
        monitorRef: DRIFT_MONITOR,
        from: 'alert',
        to: 'healthy',
        at: daysAgo(9),
      },
      {
        monitorRef: DRIFT_MONITOR,
        from: 'healthy',
        to: 'stale',
        at: daysAgo(5),
      },
    ],
    kpiStatuses: new Map([
      [
        CHURN,
        [
          { id: 'monthly-churn-rate', status: 'off-track' as const },
          { id: 'revenue', status: 'on-track' as const },
        ],
      ],
      [PRICING_UC, [{ id: 'margin', status: 'no-data' as const }]],
    ]),
    productionChanges: productionChanges(modelHistory, modelHistorySince),
    modelsWithHistory: new Set(modelHistory.map(e => e.modelRef)),
    modelHistorySince,
    acceptanceFailures: [{ modelRef: PRICE, at: daysAgo(38) }],
    firstSeen: new Map([
      [CHURN, daysAgo(80)],
      [PRICING_UC, daysAgo(80)],
    ]),
    ...rest,
  };
}
