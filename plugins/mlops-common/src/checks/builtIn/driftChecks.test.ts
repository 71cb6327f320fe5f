import type { Entity } from '@backstage/catalog-model';
import { DRIFT_HEALTH_FACT_ID } from '../../maturity/factIds';
import { contextOf } from '../../__testUtils__/entities';
import { modelMonitorsReportFreshData } from './modelMonitorsReportFreshData';
import { modelNoUnresolvedDriftAlert } from './modelNoUnresolvedDriftAlert';
import { monitorNoUnresolvedAlert } from './monitorNoUnresolvedAlert';
import { monitorReportsFreshData } from './monitorReportsFreshData';
import { validateMlopsEntity } from '../../kinds/validation';

const monitor = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLMonitor',
  metadata: { name: 'churn-gbm-input-drift', namespace: 'default' },
  spec: {
    owner: 'group:default/ml-platform',
    model: 'mlmodel:default/churn-gbm',
    type: 'data-drift',
    cadence: 'P1D',
    features: [
      {
        name: 'tenure_months',
        type: 'numerical',
        statistic: 'psi',
        warning: 0.1,
        alert: 0.25,
      },
    ],
  },
} as const;

const model = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'churn-gbm', namespace: 'default' },
  spec: {
    owner: 'group:default/retention-analytics',
    useCase: 'churn-prevention',
    lifecycle: 'production',
    type: 'classification',
  },
} as const;

const now = new Date('2026-11-27T12:00:00Z');
const run = (
  check: typeof monitorReportsFreshData,
  entity: Entity,
  fact?: object,
) =>
  check.evaluate(
    contextOf(entity as any, [], {
      now,
      facts: fact ? { [DRIFT_HEALTH_FACT_ID]: fact as any } : {},
    }),
  );

describe('drift-health checks', () => {
  it('use valid fixtures', () => {
    expect(validateMlopsEntity(monitor as any)).toEqual([]);
    expect(validateMlopsEntity(model as any)).toEqual([]);
  });

  it('pass a monitor that reports fresh data and is not in alert', () => {
    const fact = {
      state: 'warning',
      monitors: 1,
      fresh: 1,
      inAlert: 0,
      lastObservationAt: '2026-11-27T06:00:00Z',
    };
    expect(run(monitorReportsFreshData, monitor as any, fact)).toEqual({
      outcome: 'passed',
      reason: 'Last observation 2026-11-27T06:00:00Z.',
    });
    expect(run(monitorNoUnresolvedAlert, monitor as any, fact).outcome).toBe(
      'passed',
    );
  });

  it('fail a stale monitor and one in alert, saying since when', () => {
    expect(
      run(monitorReportsFreshData, monitor as any, {
        state: 'stale',
        monitors: 1,
        fresh: 0,
        inAlert: 0,
        lastObservationAt: '2026-11-20T06:00:00Z',
      }),
    ).toEqual({
      outcome: 'failed',
      reason:
        'Stale: the last observation (2026-11-20T06:00:00Z) is older than the cadence allows.',
    });
    expect(
      run(monitorNoUnresolvedAlert, monitor as any, {
        state: 'alert',
        monitors: 1,
        fresh: 1,
        inAlert: 1,
        since: '2026-11-26T08:00:00Z',
      }),
    ).toEqual({
      outcome: 'failed',
      reason: 'In drift alert since 2026-11-26T08:00:00Z.',
    });
  });

  it('are not reported before the backend evaluated the monitor', () => {
    expect(run(monitorReportsFreshData, monitor as any).outcome).toBe(
      'not-reported',
    );
    expect(run(monitorNoUnresolvedAlert, monitor as any).outcome).toBe(
      'not-reported',
    );
  });

  it('fail a production model with a stale monitor or no evaluated monitor', () => {
    expect(
      run(modelMonitorsReportFreshData, model as any, {
        state: 'stale',
        monitors: 2,
        fresh: 1,
        inAlert: 0,
      }),
    ).toEqual({
      outcome: 'failed',
      reason: '1 of 2 monitors are stale or have no data.',
    });
    expect(run(modelMonitorsReportFreshData, model as any)).toEqual({
      outcome: 'failed',
      reason: 'No monitor of this model has been evaluated.',
    });
    expect(
      run(modelNoUnresolvedDriftAlert, model as any, {
        state: 'alert',
        monitors: 2,
        fresh: 2,
        inAlert: 1,
        since: '2026-11-26T08:00:00Z',
      }),
    ).toEqual({
      outcome: 'failed',
      reason: '1 monitor is in drift alert since 2026-11-26T08:00:00Z.',
    });
  });

  it('leave a model that is not in production out of the freshness check', () => {
    const experimental = {
      ...model,
      spec: { ...model.spec, lifecycle: 'experimental' },
    };
    expect(run(modelMonitorsReportFreshData, experimental as any).outcome).toBe(
      'not-applicable',
    );
  });
});
