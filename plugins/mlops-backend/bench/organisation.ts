/*
 * A generated organisation for the maturity benchmarks: a group tree, the
 * people who sponsor use cases, serving components, datasets, and the ML
 * entities they own. Deterministic, so every run evaluates the same catalog.
 *
 * The default shape is the one issue #5 measures: 10,000 ML entities as
 * 2,000 use cases, 5,000 models and 3,000 monitors (a fifth, half and the
 * rest of BENCH_N), owned by 50 teams in 8 departments under one
 * organisation group.
 */
import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PARENT_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  isMlopsEntity,
  MLModelEntityV1alpha1,
  MLMonitorEntityV1alpha1,
  MLUseCaseEntityV1alpha1,
  MlopsEntity,
  readSpecReferences,
  validateMlopsEntity,
} from '@mlightenment/backstage-plugin-mlops-common';

export const DEPARTMENTS = 8;
export const TEAMS = 50;
const SPONSORS = 30;
const DATASETS = 200;

/** The top-level group: its hierarchy covers every ML entity. */
export const ROOT_GROUP = 'group:default/org';
/** A leaf team: owns a fiftieth of the ML entities. */
export const LEAF_TEAM = 'group:default/team-7';

export interface Organisation {
  /** Groups, users, components and resources: what the ML entities point to. */
  others: Entity[];
  useCases: MLUseCaseEntityV1alpha1[];
  models: MLModelEntityV1alpha1[];
  monitors: MLMonitorEntityV1alpha1[];
}

export function sizes(n: number) {
  const useCases = Math.round(n / 5);
  const models = Math.round(n / 2);
  return { useCases, models, monitors: n - useCases - models };
}

const team = (i: number) => `group:default/team-${i % TEAMS}`;

function group(name: string, type: string, parent?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', title: name.replace(/-/g, ' ') },
    spec: { type, children: [], ...(parent ? { parent } : {}) },
  };
}

function others(servingComponents: number): Entity[] {
  const entities: Entity[] = [group('org', 'organization')];
  for (let d = 0; d < DEPARTMENTS; d++) {
    entities.push(group(`dept-${d}`, 'department', 'group:default/org'));
  }
  for (let t = 0; t < TEAMS; t++) {
    entities.push(
      group(`team-${t}`, 'team', `group:default/dept-${t % DEPARTMENTS}`),
    );
  }
  for (let s = 0; s < SPONSORS; s++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: `sponsor-${s}`, namespace: 'default' },
      spec: { memberOf: [`group:default/dept-${s % DEPARTMENTS}`] },
    });
  }
  for (let r = 0; r < DATASETS; r++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: `dataset-${r}`, namespace: 'default' },
      spec: { type: 'dataset', owner: team(r) },
    });
  }
  for (let c = 0; c < servingComponents; c++) {
    // Every tenth serving component has no CI annotation.
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `scoring-service-${c}`,
        namespace: 'default',
        annotations:
          c % 10 === 9
            ? {}
            : { 'github.com/project-slug': `org/scoring-service-${c}` },
      },
      spec: { type: 'service', lifecycle: 'production', owner: team(c) },
    });
  }
  return entities;
}

function useCase(i: number): MLUseCaseEntityV1alpha1 {
  // Use cases differ in how far they have got: every fourth has no
  // governance review, every fifth no explainability plan, every seventh no
  // sponsor.
  return {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLUseCase',
    metadata: {
      name: `use-case-${i}`,
      namespace: 'default',
      title: `Use case ${i}`,
    },
    spec: {
      owner: team(i),
      ...(i % 7 === 6
        ? {}
        : { sponsor: `user:default/sponsor-${i % SPONSORS}` }),
      lifecycle: i % 3 === 2 ? 'experimental' : 'production',
      businessDrivers: [
        {
          driver: `Driver ${i}`,
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
      ...(i % 5 === 4
        ? {}
        : {
            explainability: {
              required: true,
              audience: 'Agents',
              approach: 'Top-5 SHAP reasons per prediction',
            },
          }),
      risk: {
        tier: 'limited',
        personalData: i % 2 === 0,
        ethicalConsiderations: ['Offers must not depend on age'],
      },
      ...(i % 4 === 3
        ? {}
        : {
            governance: { reviewCadence: 'P3M', policies: ['model-risk-v2'] },
          }),
    },
  };
}

function model(
  i: number,
  useCases: number,
  servingComponents: number,
): MLModelEntityV1alpha1 {
  // Models vary too: recall below the bar on every sixth, an incomplete
  // model card on every third, no registry on every eighth, nothing serving
  // every fifth, an ML Test Score on every other one.
  const fullCard = {
    overview: 'Gradient-boosted trees over 90 days of events.',
    intendedUse: 'Rank subscribers by churn risk.',
    factors: 'Tenure band, contract type, region.',
    trainingData: 'Events January 2024 to June 2026.',
    evaluationData: 'Out-of-time holdout, July to September 2026.',
    limitations: 'Not calibrated for business accounts.',
    ethicalConsiderations: 'Age is excluded; checked for proxy bias.',
    caveats: 'Retrain when a price plan changes.',
  };
  const { factors: _f, caveats: _c, ...coreCard } = fullCard;
  return {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLModel',
    metadata: { name: `model-${i}`, namespace: 'default' },
    spec: {
      owner: team(i),
      useCase: `mlusecase:default/use-case-${i % useCases}`,
      lifecycle: i % 4 === 3 ? 'experimental' : 'production',
      type: 'classification',
      framework: 'xgboost',
      version: `1.${i % 10}.0`,
      metrics: [
        { name: 'recall', value: i % 6 === 5 ? 0.61 : 0.76 },
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
      modelCard: i % 3 === 2 ? coreCard : fullCard,
      dependsOn: [`resource:default/dataset-${i % DATASETS}`],
      ...(i % 5 === 4
        ? {}
        : {
            servedBy: [
              `component:default/scoring-service-${i % servingComponents}`,
            ],
          }),
      ...(i % 8 === 7
        ? {}
        : { registry: { type: 'mlflow', uri: `models:/model-${i}/3` } }),
      ...(i % 2 === 0
        ? {
            mlTestScore: {
              data: {
                'feature-expectations-schema': 'automated',
                'feature-code-tested': 'automated',
              },
              model: {
                'model-specs-reviewed': 'automated',
                'quality-on-slices': 'manual',
              },
              infrastructure: {
                'training-reproducible': 'automated',
                rollback: 'automated',
              },
              monitoring: {
                'data-invariants-hold': 'automated',
                'prediction-quality-stable': 'automated',
              },
            },
          }
        : {}),
    },
  };
}

function monitor(i: number, models: number): MLMonitorEntityV1alpha1 {
  // Models are watched unevenly: the first fifth by a data-drift and a
  // performance monitor each, the next fifth by a data-drift monitor, the
  // rest not at all (with 5,000 models: 2,000 paired and 1,000 single
  // monitors).
  const paired = 2 * Math.floor(models / 5);
  const target =
    i < paired ? Math.floor(i / 2) : (paired / 2 + (i - paired)) % models;
  const performance = i < paired && i % 2 === 1;
  return {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLMonitor',
    metadata: { name: `monitor-${i}`, namespace: 'default' },
    spec: {
      owner: team(target),
      model: `mlmodel:default/model-${target}`,
      lifecycle: 'production',
      type: performance ? 'performance' : 'data-drift',
      ...(i % 9 === 8 ? {} : { cadence: 'P1D' }),
      features: [
        performance
          ? {
              name: 'churned',
              type: 'categorical',
              statistic: 'jensen-shannon',
              warning: 0.02,
              alert: 0.05,
            }
          : {
              name: 'tenure_months',
              type: 'numerical',
              statistic: 'psi',
              warning: 0.1,
              alert: 0.25,
            },
      ],
      ...(i % 10 === 9
        ? {}
        : {
            alerting: {
              notify: [team(target)],
              channels: [{ type: 'slack', target: `#model-${target}-alerts` }],
            },
          }),
      ...(i % 3 === 0
        ? { runbook: `https://runbooks.example.com/ml/monitor-${i}` }
        : {}),
    },
  };
}

/** The organisation for `n` ML entities, without relations (as written in catalog YAML). */
export function generateOrganisation(n: number): Organisation {
  const size = sizes(n);
  const servingComponents = Math.max(1, Math.round(size.models / 5));
  return {
    others: others(servingComponents),
    useCases: Array.from({ length: size.useCases }, (_, i) => useCase(i)),
    models: Array.from({ length: size.models }, (_, i) =>
      model(i, size.useCases, servingComponents),
    ),
    monitors: Array.from({ length: size.monitors }, (_, i) =>
      monitor(i, size.models),
    ),
  };
}

export function allEntities(org: Organisation): Entity[] {
  return [...org.others, ...org.useCases, ...org.models, ...org.monitors];
}

export function mlEntities(org: Organisation): MlopsEntity[] {
  return [...org.useCases, ...org.models, ...org.monitors];
}

/** Throws naming the problems when any of `sample` is not a valid ML entity. */
export function assertValid(sample: readonly MlopsEntity[]) {
  for (const entity of sample) {
    const problems = validateMlopsEntity(entity);
    if (problems.length) {
      throw new Error(
        `Invalid generated ${entity.kind} ${entity.metadata.name}: ${problems
          .map(p => `${p.path} ${p.message}`)
          .join('; ')}`,
      );
    }
  }
}

/** Every `step`-th entity: a sample that covers each variation. */
export function sampleOf<T>(items: readonly T[], step = 37): T[] {
  return items.filter((_, i) => i % step === 0);
}

const refOf = (entity: Entity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en-US');

/**
 * Copies of the entities with the relations the catalog gives them: the
 * mlops module's relations from spec references (both directions), and the
 * built-in ownedBy/ownerOf and childOf/parentOf.
 */
export function withCatalogRelations(entities: readonly Entity[]): Entity[] {
  // As the catalog serves them: with relations, a uid and an etag per version.
  const copies = entities.map(e => ({
    ...e,
    metadata: {
      ...e.metadata,
      uid: `uid:${refOf(e)}`,
      etag: `etag:${refOf(e)}:1`,
    },
    relations: [] as any[],
  }));
  const byRef = new Map(copies.map(e => [refOf(e), e]));
  const relate = (source: string, pair: readonly string[], target: string) => {
    byRef.get(source)?.relations.push({ type: pair[0], targetRef: target });
    byRef.get(target)?.relations.push({ type: pair[1], targetRef: source });
  };
  for (const entity of copies) {
    const source = refOf(entity);
    if (isMlopsEntity(entity)) {
      for (const { target, field } of readSpecReferences(entity)) {
        if (!target) continue;
        relate(source, field.relation, stringifyEntityRef(target));
      }
      continue;
    }
    const owner = entity.spec?.owner;
    if (typeof owner === 'string') {
      relate(source, [RELATION_OWNED_BY, RELATION_OWNER_OF], owner);
    }
    const parent = entity.spec?.parent;
    if (typeof parent === 'string') {
      relate(source, [RELATION_CHILD_OF, RELATION_PARENT_OF], parent);
    }
  }
  return copies;
}
