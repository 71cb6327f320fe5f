import {
  coreServices,
  createServiceFactory,
  type SchedulerService,
  type SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { Knex } from 'knex';
import path from 'node:path';

/** The backfilled history: 72 hours from 2026-11-20T00:00Z (fixtures/churn.om.txt). */
export const CHURN_FIXTURE = path.resolve(
  __dirname,
  '../../fixtures/churn.om.txt',
);
export const FIXTURE_START = Date.UTC(2026, 10, 20);
const DAY = 86_400_000;

/** A lookback that reaches the fixture's start from now. */
export const lookbackToFixture = () => ({
  days: Math.ceil((Date.now() - FIXTURE_START) / DAY) + 1,
});

export const churnModel: Entity = {
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'churn-gbm', namespace: 'default' },
  spec: {
    owner: 'group:default/retention-analytics',
    useCase: 'churn-prevention',
    lifecycle: 'production',
    type: 'classification',
  },
};

/**
 * A monitor of churn-gbm's tenure_months (PSI, alert at 0.25) and
 * care_contacts_30d (KS p-value, alert below 0.01), daily, owned by
 * ml-platform, bound to Prometheus as given.
 */
export const churnMonitor = (name: string, prometheus: object): Entity => ({
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLMonitor',
  metadata: { name, namespace: 'default' },
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
      {
        name: 'care_contacts_30d',
        type: 'numerical',
        statistic: 'kolmogorov-smirnov',
        direction: 'below',
        warning: 0.05,
        alert: 0.01,
      },
    ],
    source: { prometheus },
  },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/ml-platform' }],
});

/** The queries of the backfilled drift episode. */
export const TENURE_PSI =
  'churn_feature_psi{model="churn-gbm",feature="tenure_months"}';
export const CARE_CONTACTS_P =
  'max by (feature) (churn_feature_ks_p_value{feature="care_contacts_30d"})';

/**
 * A scheduler whose tasks run when a test says (`run(id)`), never on their
 * own: each pull happens where the test wants it.
 */
export function manualScheduler() {
  const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  const scheduler: Partial<SchedulerService> = {
    scheduleTask: async task => {
      tasks.set(task.id, task);
    },
    triggerTask: async () => {},
  };
  return {
    factory: createServiceFactory({
      service: coreServices.scheduler,
      deps: {},
      factory: () => scheduler as SchedulerService,
    }),
    run: async (id: string) => {
      const task = tasks.get(id);
      if (!task) throw new Error(`No task ${id}`);
      await task.fn(new AbortController().signal);
    },
  };
}

/** The drift source task of the Prometheus module. */
export const PROMETHEUS_DRIFT_TASK = 'mlops-drift-source-prometheus';
/** The KPI source task of the Prometheus module. */
export const PROMETHEUS_KPI_TASK = 'mlops-kpi-source-prometheus';

/** The fixture's monthly churn rate, one series (fixtures/churn.om.txt). */
export const CHURN_RATE = 'business_churn_rate_percent{segment="all"}';

/**
 * A use case of the churn model whose monthly churn rate (`churn-rate`,
 * cadence P1M) is bound to Prometheus as given, owned by
 * retention-analytics.
 */
export const churnUseCase = (
  name: string,
  prometheus: { instance: string; query: string },
): Entity => ({
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLUseCase',
  metadata: { name, namespace: 'default' },
  spec: {
    owner: 'group:default/retention-analytics',
    lifecycle: 'production',
    businessDrivers: [
      {
        driver: 'Keep subscribers',
        kpi: 'Monthly churn rate',
        id: 'churn-rate',
        baseline: 2.8,
        target: 2.2,
        unit: '%',
        cadence: 'P1M',
        prometheus,
      },
    ],
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/retention-analytics' },
  ],
});

/** Waits up to a minute for `done(read())`, then returns the last value read. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  let value = await read();
  for (let i = 0; i < timeoutMs / 100 && !done(value); i++) {
    await new Promise(resolve => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/**
 * When each stored observation of a monitor was made, per feature: read
 * from the plugin's observation chunks (a row per batch and feature, each
 * point's milliseconds after the one before it in `points.at`, or on a
 * regular grid `points.every` between its `points.n`).
 */
export async function storedObservations(
  knex: Knex,
  monitorRef: string,
): Promise<Array<{ feature: string; observedAt: string }>> {
  const chunks = await knex('mlops_drift_observation_chunks').where({
    monitor_ref: monitorRef,
  });
  return chunks.flatMap(chunk => {
    const points = JSON.parse(chunk.points);
    const deltas: number[] =
      points.at ??
      Array.from({ length: points.n }, (_, i) => (i ? points.every : 0));
    let at = new Date(chunk.first_at).getTime();
    return deltas.map(delta => {
      at += delta;
      return { feature: chunk.feature, observedAt: new Date(at).toISOString() };
    });
  });
}
