import type {
  MLModelEntityV1alpha1,
  MLMonitorEntityV1alpha1,
  MLUseCaseEntityV1alpha1,
} from '../../types';

export const useCase: MLUseCaseEntityV1alpha1 = {
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

export const model: MLModelEntityV1alpha1 = {
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

export const monitor: MLMonitorEntityV1alpha1 = {
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
export function broken<T>(entity: T, change: (copy: any) => void): any {
  const copy = JSON.parse(JSON.stringify(entity));
  change(copy);
  return copy;
}
