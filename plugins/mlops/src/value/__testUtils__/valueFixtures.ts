import { kpiProgress } from '@mlightenment/backstage-plugin-mlops-common';
import type {
  KpiActualView,
  KpiValue,
  UseCaseValue,
  UseCaseValueHistory,
  ValueOverview,
} from '@mlightenment/backstage-plugin-mlops-common';

const useCaseRef = 'mlusecase:default/churn-prevention';

const churnDefinition = {
  baseline: 2.8,
  target: 2.2,
  direction: 'decrease',
  method: 'before-after',
} as const;

function record(
  overrides: Partial<KpiActualView> &
    Pick<KpiActualView, 'id' | 'periodStart' | 'periodEnd' | 'value'>,
): KpiActualView {
  return {
    kpiId: 'monthly-churn-rate',
    unit: '%',
    source: 'pipeline',
    recordedBy: 'churn-reporting-pipeline',
    recordedAt: `${overrides.periodEnd}T23:00:00.000Z`,
    definitionVersion: 1,
    ...overrides,
  };
}

/** January's churn, pushed by the reporting pipeline. */
export const januaryChurn = record({
  id: 'a-1',
  periodStart: '2026-01-01',
  periodEnd: '2026-01-31',
  value: 2.7,
});

/** February's churn as the sponsor first checked it in. */
export const februaryChurnFirst = record({
  id: 'a-2',
  periodStart: '2026-02-01',
  periodEnd: '2026-02-28',
  value: 2.65,
  source: 'person',
  recordedBy: 'user:default/ada',
  recordedAt: '2026-03-02T09:00:00.000Z',
  supersededBy: 'a-3',
});

/** The sponsor's correction of February's churn. */
export const februaryChurnCorrected = record({
  id: 'a-3',
  periodStart: '2026-02-01',
  periodEnd: '2026-02-28',
  value: 2.6,
  source: 'person',
  recordedBy: 'user:default/ada',
  recordedAt: '2026-03-03T10:30:00.000Z',
  comment: 'Restated after the billing fix',
  evidenceUrl: 'https://bi.example.com/churn/2026-02',
  supersedes: 'a-2',
});

/** March's churn, pulled from Prometheus. */
export const marchChurn = record({
  id: 'a-4',
  periodStart: '2026-03-01',
  periodEnd: '2026-03-31',
  value: 2.5,
  source: 'source',
  recordedBy: 'prometheus',
});

/** Churn 2.8 % → 2.2 %, at 2.5 % in March: half of the way. */
export const churnKpi: KpiValue = {
  id: 'monthly-churn-rate',
  driver: 'Reduce churn',
  kpi: 'Monthly churn rate',
  unit: '%',
  ...churnDefinition,
  cadence: 'P1M',
  status: 'on-track',
  reason:
    'On the way to the target: 50% of the way from the baseline to the target.',
  progress: kpiProgress(churnDefinition, marchChurn.value),
  latest: marchChurn,
  overdueAfter: '2026-05-16T00:00:00.000Z',
  points: [januaryChurn, februaryChurnCorrected, marchChurn],
  definitionVersions: [
    {
      version: 1,
      validFrom: '2025-12-01T08:00:00.000Z',
      baseline: 2.8,
      target: 2.2,
      unit: '%',
      direction: 'decrease',
      method: 'before-after',
    },
  ],
};

/** A KPI nobody has reported yet. */
export const offerUptakeKpi: KpiValue = {
  id: 'offer-uptake',
  driver: 'Keep subscribers with offers',
  kpi: 'Retention offer uptake',
  unit: '%',
  baseline: 12,
  target: 20,
  direction: 'increase',
  cadence: 'P3M',
  method: 'before-after',
  status: 'no-data',
  reason: 'No actual has been recorded yet.',
  points: [],
  definitionVersions: [
    {
      version: 1,
      validFrom: '2025-12-01T08:00:00.000Z',
      baseline: 12,
      target: 20,
      unit: '%',
      direction: 'increase',
      method: 'before-after',
    },
  ],
};

/** The churn use case's value as its sponsor sees it. */
export const churnValue: UseCaseValue = {
  entityRef: useCaseRef,
  title: 'Churn prevention',
  owner: 'group:default/retention-analytics',
  sponsor: 'user:default/ada',
  lifecycle: 'production',
  canRecord: true,
  kpis: [churnKpi, offerUptakeKpi],
  markers: [
    {
      at: '2026-02-10T14:00:00.000Z',
      kind: 'gate-approval',
      entityRef: 'mlmodel:default/churn-gbm',
      title: 'Stage 3 · Operationalisation approved',
    },
    {
      at: '2026-03-05T06:00:00.000Z',
      kind: 'drift-alert',
      entityRef: 'mlmonitor:default/churn-gbm-input-drift',
      title: 'Churn GBM input drift in alert',
    },
    {
      at: '2026-03-20T06:00:00.000Z',
      kind: 'drift-recovery',
      entityRef: 'mlmonitor:default/churn-gbm-input-drift',
      title: 'Churn GBM input drift healthy again',
    },
  ],
};

const {
  progress: _progress,
  latest: _latest,
  overdueAfter: _overdueAfter,
  ...churnDefinitionOnly
} = churnKpi;

/** The same use case before anybody reported an actual. */
export const churnValueWithoutActuals: UseCaseValue = {
  ...churnValue,
  kpis: [
    {
      ...churnDefinitionOnly,
      status: 'no-data',
      reason: 'No actual has been recorded yet.',
      points: [],
    },
    offerUptakeKpi,
  ],
  markers: [],
};

/**
 * The churn KPI after its YAML moved the baseline and target on 1 June 2026:
 * the earlier actuals were reported under version 1.
 */
export const churnKpiRedefined: KpiValue = {
  ...churnKpi,
  baseline: 2.6,
  target: 2.0,
  progress: kpiProgress(
    { ...churnDefinition, baseline: 2.6, target: 2.0 },
    marchChurn.value,
  ),
  status: 'at-risk',
  reason:
    'Less than 50% of the way: 17% of the way from the baseline to the target.',
  definitionVersions: [
    ...churnKpi.definitionVersions,
    {
      version: 2,
      validFrom: '2026-06-01T07:00:00.000Z',
      baseline: 2.6,
      target: 2.0,
      unit: '%',
      direction: 'decrease',
      method: 'before-after',
    },
  ],
};

/** Every ledger record of the churn use case, the correction included. */
export const churnHistory: UseCaseValueHistory = {
  entityRef: useCaseRef,
  records: [
    januaryChurn,
    februaryChurnFirst,
    februaryChurnCorrected,
    marchChurn,
  ],
};

/** The organisation's value view with the churn use case alone. */
export const valueOverview: ValueOverview = {
  useCases: [
    {
      entityRef: useCaseRef,
      title: 'Churn prevention',
      owner: 'group:default/retention-analytics',
      sponsor: 'user:default/ada',
      lifecycle: 'production',
      kpis: [
        {
          id: churnKpi.id,
          kpi: churnKpi.kpi,
          unit: '%',
          status: 'on-track',
          progress: churnKpi.progress,
          latest: {
            periodStart: '2026-03-01',
            periodEnd: '2026-03-31',
            value: 2.5,
          },
        },
        {
          id: offerUptakeKpi.id,
          kpi: offerUptakeKpi.kpi,
          unit: '%',
          status: 'no-data',
        },
      ],
    },
  ],
  statusCounts: {
    'on-track': 1,
    'at-risk': 0,
    'off-track': 0,
    'no-data': 1,
    overdue: 0,
  },
};
