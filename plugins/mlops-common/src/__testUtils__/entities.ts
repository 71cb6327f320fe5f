import type { Entity } from '@backstage/catalog-model';
import { CatalogSnapshot, createCheckContext } from '../checks/context';
import type { CheckContext, EntityFacts } from '../checks/types';
import { readSpecReferences } from '../kinds/references';
import type {
  MLModelEntityV1alpha1,
  MLMonitorEntityV1alpha1,
  MLUseCaseEntityV1alpha1,
  MlopsEntity,
} from '../kinds/types';
import { isMlopsEntity } from '../kinds/types';
import { validateMlopsEntity } from '../kinds/validation';

// Test fixtures: the demo's churn-prevention use case with its reference
// model, two monitors and the catalog around them. Every builder takes a spec
// patch; a key set to undefined removes the field. ML entities are validated
// on construction, so a test cannot run on an entity the catalog would reject.

type Patch<T> = { [K in keyof T]?: T[K] | undefined };

function patched<T extends object>(base: T, patch: Patch<T> = {}): T {
  const merged: Record<string, unknown> = { ...base, ...patch };
  for (const key of Object.keys(merged)) {
    if (merged[key] === undefined) delete merged[key];
  }
  return merged as T;
}

function valid<T extends MlopsEntity>(entity: T): T {
  const problems = validateMlopsEntity(entity);
  if (problems.length) {
    throw new Error(
      `Invalid fixture ${entity.kind} ${entity.metadata.name}: ${problems
        .map(p => `${p.path} ${p.message}`)
        .join('; ')}`,
    );
  }
  return entity;
}

export function useCase(
  spec?: Patch<MLUseCaseEntityV1alpha1['spec']>,
  name = 'churn-prevention',
): MLUseCaseEntityV1alpha1 {
  return valid({
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLUseCase',
    metadata: { name, namespace: 'default' },
    spec: patched(
      {
        owner: 'group:default/retention-analytics',
        sponsor: 'user:default/maria-silva',
        lifecycle: 'production',
        businessDrivers: [
          {
            driver: 'Keep subscribers',
            kpi: 'Monthly churn rate',
            baseline: 2.8,
            target: 2.2,
            unit: '%',
          },
        ],
        acceptanceCriteria: [
          { metric: 'recall', operator: '>=', threshold: 0.7 },
          {
            metric: 'p95-latency-ms',
            operator: '<=',
            threshold: 120,
            category: 'operational',
          },
        ],
        explainability: {
          required: true,
          audience: 'Save-desk agents',
          approach: 'Top-5 SHAP reasons per prediction',
        },
        risk: {
          tier: 'limited',
          personalData: true,
          ethicalConsiderations: [
            'Offers must not depend on age, directly or through proxies',
          ],
        },
        governance: {
          reviewCadence: 'P3M',
          policies: ['model-risk-policy-v2', 'gdpr'],
        },
      },
      spec,
    ),
  });
}

export function model(
  spec?: Patch<MLModelEntityV1alpha1['spec']>,
  name = 'churn-gbm',
): MLModelEntityV1alpha1 {
  return valid({
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLModel',
    metadata: { name, namespace: 'default' },
    spec: patched(
      {
        owner: 'group:default/retention-analytics',
        useCase: 'mlusecase:default/churn-prevention',
        lifecycle: 'production',
        type: 'classification',
        version: '3.2.0',
        metrics: [
          { name: 'recall', value: 0.76 },
          { name: 'p95-latency-ms', value: 84 },
        ],
        fairness: [
          {
            attribute: 'age-band',
            metric: 'demographic-parity-difference',
            value: 0.04,
            operator: '<=',
            threshold: 0.1,
          },
        ],
        modelCard: {
          overview: 'Gradient-boosted trees over 90 days of subscriber events.',
          intendedUse: 'Rank subscribers by churn risk for retention offers.',
          factors: 'Tenure band, contract type, region.',
          trainingData: 'Subscriber events January 2024 to June 2026.',
          evaluationData: 'Out-of-time holdout, July to September 2026.',
          limitations: 'Not calibrated for business accounts.',
          ethicalConsiderations: 'Age is excluded; checked for proxy bias.',
          caveats: 'Retrain when a price plan changes.',
        },
        dependsOn: ['resource:default/subscriber-events'],
        servedBy: ['component:default/churn-scoring-service'],
        registry: { type: 'mlflow', uri: 'models:/churn-gbm/7' },
      },
      spec,
    ),
  });
}

export function monitor(
  spec?: Patch<MLMonitorEntityV1alpha1['spec']>,
  name = 'churn-gbm-input-drift',
): MLMonitorEntityV1alpha1 {
  return valid({
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLMonitor',
    metadata: { name, namespace: 'default' },
    spec: patched(
      {
        owner: 'group:default/ml-platform',
        model: 'mlmodel:default/churn-gbm',
        lifecycle: 'production',
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
        alerting: {
          notify: ['group:default/retention-analytics'],
          channels: [{ type: 'slack', target: '#churn-model-alerts' }],
        },
        runbook: 'https://runbooks.example.com/ml/churn-gbm-input-drift',
      },
      spec,
    ),
  });
}

export function performanceMonitor(
  spec?: Patch<MLMonitorEntityV1alpha1['spec']>,
): MLMonitorEntityV1alpha1 {
  return monitor(
    {
      type: 'performance',
      cadence: 'P7D',
      features: [
        {
          name: 'churned',
          type: 'categorical',
          statistic: 'jensen-shannon',
          warning: 0.02,
          alert: 0.05,
        },
      ],
      ...spec,
    },
    'churn-gbm-performance',
  );
}

export function group(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}

export function user(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: [] },
  };
}

export function resource(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default' },
    spec: { type: 'dataset', owner: 'group:default/data-platform' },
  };
}

/** A serving component; by default owned by a group and built by GitHub Actions. */
export function component(
  options: {
    name?: string;
    owner?: string;
    annotations?: Record<string, string>;
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: options.name ?? 'churn-scoring-service',
      namespace: 'default',
      annotations: options.annotations ?? {
        'github.com/project-slug': 'northwind/churn-scoring-service',
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: options.owner ?? 'group:default/ml-platform',
    },
  };
}

/** Everything around the fixtures: owners, sponsor, dataset, serving component. */
export function surroundings(): Entity[] {
  return [
    group('retention-analytics'),
    group('ml-platform'),
    user('maria-silva'),
    resource('subscriber-events'),
    component(),
  ];
}

/**
 * Adds the relations the catalog module emits from spec references (both
 * directions) to copies of the entities, as the catalog would return them.
 */
export function withRelations(entities: readonly Entity[]): Entity[] {
  const copies = entities.map(e => ({
    ...e,
    relations: [...(e.relations ?? [])],
  }));
  const byRef = new Map(
    copies.map(e => [
      `${e.kind.toLocaleLowerCase('en-US')}:${
        e.metadata.namespace ?? 'default'
      }/${e.metadata.name}`,
      e,
    ]),
  );
  for (const entity of copies) {
    if (!isMlopsEntity(entity)) continue;
    const source = `${entity.kind.toLocaleLowerCase('en-US')}:${
      entity.metadata.namespace ?? 'default'
    }/${entity.metadata.name}`;
    for (const { target, field } of readSpecReferences(entity)) {
      if (!target) continue;
      const targetRef = `${target.kind}:${target.namespace}/${target.name}`;
      entity.relations!.push({ type: field.relation[0], targetRef });
      byRef
        .get(targetRef)
        ?.relations!.push({ type: field.relation[1], targetRef: source });
    }
  }
  return copies;
}

/**
 * The check context of `subject` in a catalog of it and `others` (with
 * relations), as the backend builds it.
 */
export function contextOf(
  subject: MlopsEntity,
  others: readonly Entity[] = [],
  options: { facts?: EntityFacts; now?: Date } = {},
): CheckContext {
  const entities = withRelations([subject, ...others]);
  return createCheckContext({
    entity: entities[0] as MlopsEntity,
    catalog: new CatalogSnapshot(entities),
    ...options,
  });
}
