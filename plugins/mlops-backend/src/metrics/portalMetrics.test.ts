import type { MonitorHealth } from '@mlightenment/backstage-plugin-mlops-common';
import type { MonitorStateRow } from '../drift/DriftStore';
import { PortalState, PORTAL_METRICS } from './portalMetrics';

const monitor = (
  monitorRef: string,
  state: MonitorStateRow['state'],
  features: Array<Partial<MonitorHealth['features'][number]>>,
): MonitorStateRow => ({
  monitorRef,
  modelRef: 'mlmodel:default/churn-gbm',
  ownerRef: 'group:default/ml-platform',
  title: 'Churn input drift',
  state,
  since: new Date('2026-11-01T00:00:00Z'),
  lastObservationAt: new Date('2026-11-02T00:00:00Z'),
  evaluatedAt: new Date('2026-11-02T00:00:00Z'),
  episode: 1,
  inEpisode: state === 'alert',
  health: { entityRef: monitorRef, state, features },
});

const state: PortalState = {
  monitors: [
    monitor('mlmonitor:default/churn-input-drift', 'alert', [
      { name: 'tenure_months', statistic: 'psi', value: 0.31, state: 'alert' },
      {
        name: 'care_contacts_30d',
        statistic: 'kolmogorov-smirnov',
        value: 0.12,
        pValue: 0.04,
        state: 'warning',
      },
      { name: 'plan', statistic: 'chi-square', value: null, state: 'no-data' },
    ]),
    monitor('mlmonitor:default/churn-performance', 'healthy', []),
  ],
  scorecards: [
    {
      entityRef: 'mlmodel:default/churn-gbm',
      kind: 'MLModel',
      title: 'Churn GBM',
      level: 2,
      score: 75,
      evaluatedAt: new Date(),
      changedAt: new Date(),
    },
  ],
  gates: [
    {
      entityRef: 'mlusecase:default/churn-prevention',
      kind: 'MLUseCase',
      states: {
        strategy: 'approved',
        prototyping: 'changes-requested',
        operationalisation: 'not-started',
      },
    },
  ],
  kpis: [
    {
      useCaseRef: 'mlusecase:default/churn-prevention',
      kpis: [
        {
          id: 'churn-rate',
          kpi: 'Monthly churn rate',
          cadence: 'P1M',
          status: 'at-risk',
          reason: 'Short of half the way',
          progress: 0.25,
          latest: {
            periodStart: '2026-10-01',
            periodEnd: '2026-10-31',
            value: 2.65,
          },
        },
        {
          id: 'retention-offers',
          kpi: 'Offers accepted',
          cadence: 'P1M',
          status: 'no-data',
          reason: 'No actual yet',
        },
      ],
    },
  ],
};

const samples = (name: string) =>
  PORTAL_METRICS.find(m => m.name === name)!.observe(state);

describe('PORTAL_METRICS', () => {
  it('exports each monitor once, labelled with its current state and model', () => {
    expect(samples('mlops_monitor_state')).toEqual([
      {
        value: 1,
        attributes: {
          monitor: 'mlmonitor:default/churn-input-drift',
          model: 'mlmodel:default/churn-gbm',
          state: 'alert',
        },
      },
      {
        value: 1,
        attributes: {
          monitor: 'mlmonitor:default/churn-performance',
          model: 'mlmodel:default/churn-gbm',
          state: 'healthy',
        },
      },
    ]);
    expect(samples('mlops_monitor_drifted_features').map(s => s.value)).toEqual(
      [2, 0],
    );
  });

  it("exports each observed feature's statistic and p-value, and every feature's state", () => {
    expect(samples('mlops_feature_statistic')).toEqual([
      {
        value: 0.31,
        attributes: {
          monitor: 'mlmonitor:default/churn-input-drift',
          feature: 'tenure_months',
          statistic: 'psi',
        },
      },
      {
        value: 0.12,
        attributes: {
          monitor: 'mlmonitor:default/churn-input-drift',
          feature: 'care_contacts_30d',
          statistic: 'kolmogorov-smirnov',
        },
      },
    ]);
    expect(samples('mlops_feature_p_value')).toEqual([
      {
        value: 0.04,
        attributes: {
          monitor: 'mlmonitor:default/churn-input-drift',
          feature: 'care_contacts_30d',
          statistic: 'kolmogorov-smirnov',
        },
      },
    ]);
    expect(
      samples('mlops_feature_state').map(s => [
        s.attributes.feature,
        s.attributes.state,
      ]),
    ).toEqual([
      ['tenure_months', 'alert'],
      ['care_contacts_30d', 'warning'],
      ['plan', 'no-data'],
    ]);
  });

  it('exports maturity levels and scores by entity and kind', () => {
    const attributes = { entity: 'mlmodel:default/churn-gbm', kind: 'MLModel' };
    expect(samples('mlops_maturity_level')).toEqual([{ value: 2, attributes }]);
    expect(samples('mlops_maturity_score')).toEqual([
      { value: 75, attributes },
    ]);
  });

  it('exports one series per gate with its state', () => {
    expect(samples('mlops_gate_state')).toEqual(
      [
        ['strategy', 'approved'],
        ['prototyping', 'changes-requested'],
        ['operationalisation', 'not-started'],
      ].map(([stage, gateState]) => ({
        value: 1,
        attributes: {
          entity: 'mlusecase:default/churn-prevention',
          kind: 'MLUseCase',
          stage,
          state: gateState,
        },
      })),
    );
  });

  it('exports KPI progress and actual where there is one, and every status', () => {
    const attributes = {
      use_case: 'mlusecase:default/churn-prevention',
      kpi: 'churn-rate',
    };
    expect(samples('mlops_kpi_progress')).toEqual([
      { value: 0.25, attributes },
    ]);
    expect(samples('mlops_kpi_actual')).toEqual([{ value: 2.65, attributes }]);
    expect(samples('mlops_kpi_status').map(s => s.attributes)).toEqual([
      { ...attributes, status: 'at-risk' },
      { ...attributes, kpi: 'retention-offers', status: 'no-data' },
    ]);
  });

  it('labels with entity references, declared names and closed sets only', () => {
    const free = /\s/;
    for (const metric of PORTAL_METRICS) {
      expect(metric.name).toMatch(/^mlops_[a-z_]+$/);
      for (const { attributes } of metric.observe(state)) {
        for (const value of Object.values(attributes)) {
          expect(value).not.toMatch(free);
        }
      }
    }
  });
});
