import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  KindValidator,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  MLModelEntityV1alpha1,
  MLMonitorEntityV1alpha1,
  MLUseCaseEntityV1alpha1,
  evaluateFairness,
  evaluateUseCaseAcceptance,
  isMLModelEntity,
  isMLMonitorEntity,
  isMLUseCaseEntity,
  isMlopsEntity,
  readSpecReferences,
  validateMlopsEntity,
} from '@mlightenment/backstage-plugin-mlops-common';

/**
 * The demo catalog (`catalog/` at the repository root) is what the demo portal
 * registers and what the scorecards, stage gates and drift cards are shown on.
 * This test is its specification: every file parses, every entity is valid,
 * every reference resolves inside the catalog, and the catalog holds the
 * contrasts the demo is built to show.
 */

const CATALOG_DIR = path.resolve(__dirname, '../../../catalog');

interface LoadedEntity {
  file: string;
  entity: Entity;
}

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(entry => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(entry.name) ? [full] : [];
    })
    .sort();
}

const files = yamlFiles(CATALOG_DIR);
const parseErrors: string[] = [];
const loaded: LoadedEntity[] = files.flatMap(file => {
  const relative = path.relative(CATALOG_DIR, file);
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).flatMap(doc => {
    for (const error of [...doc.errors, ...doc.warnings]) {
      parseErrors.push(`${relative}: ${error.message}`);
    }
    const value = doc.toJS();
    return value === null || value === undefined
      ? []
      : [{ file: relative, entity: value as Entity }];
  });
});
const entities = loaded.map(l => l.entity);

const refOf = (entity: Entity) => stringifyEntityRef(entity);
const defined = new Set(entities.map(refOf));

const useCases = entities.filter(isMLUseCaseEntity);
const models = entities.filter(isMLModelEntity);
const monitors = entities.filter(isMLMonitorEntity);

function modelsOf(useCase: MLUseCaseEntityV1alpha1): MLModelEntityV1alpha1[] {
  return models.filter(model =>
    readSpecReferences(model).some(
      r =>
        r.path === 'spec.useCase' &&
        r.target &&
        stringifyEntityRef(r.target) === refOf(useCase),
    ),
  );
}

function monitorsOf(model: MLModelEntityV1alpha1): MLMonitorEntityV1alpha1[] {
  return monitors.filter(monitor =>
    readSpecReferences(monitor).some(
      r =>
        r.path === 'spec.model' &&
        r.target &&
        stringifyEntityRef(r.target) === refOf(model),
    ),
  );
}

function byName<T extends Entity>(list: T[], name: string): T {
  const found = list.find(e => e.metadata.name === name);
  if (!found) throw new Error(`The demo catalog has no entity named ${name}`);
  return found;
}

/**
 * The reference fields of Backstage's own kinds, with the kind a reference
 * without one defaults to (undefined: the reference must name its kind).
 */
const BUILTIN_REFERENCE_FIELDS: Record<
  string,
  Record<string, string | undefined>
> = {
  Group: { parent: 'group', children: 'group' },
  User: { memberOf: 'group' },
  Domain: { owner: 'group', subdomainOf: 'domain' },
  System: { owner: 'group', domain: 'domain' },
  Component: {
    owner: 'group',
    system: 'system',
    subcomponentOf: 'component',
    providesApis: 'api',
    consumesApis: 'api',
    dependsOn: undefined,
  },
  API: { owner: 'group', system: 'system' },
  Resource: { owner: 'group', system: 'system', dependsOn: undefined },
};

const builtinValidators: KindValidator[] = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
];

describe('the demo catalog', () => {
  it('is a set of YAML files that parse without errors or warnings', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(parseErrors).toEqual([]);
  });

  it('defines every entity once, with an apiVersion, a kind and a kebab-case name', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const { file, entity } of loaded) {
      expect(typeof entity.apiVersion).toBe('string');
      expect(typeof entity.kind).toBe('string');
      expect(entity.metadata?.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      const ref = refOf(entity);
      if (seen.has(ref))
        duplicates.push(`${ref} in ${seen.get(ref)} and ${file}`);
      seen.set(ref, file);
    }
    expect(duplicates).toEqual([]);
  });

  it('is registered in full through all.yaml, a Location listing every other file', () => {
    const locations = loaded.filter(
      l => l.file === 'all.yaml' && l.entity.kind === 'Location',
    );
    expect(locations).toHaveLength(1);
    const targets = (locations[0].entity.spec?.targets ?? []) as string[];
    const others = files
      .map(file => path.relative(CATALOG_DIR, file))
      .filter(file => file !== 'all.yaml')
      .map(file => `./${file.split(path.sep).join('/')}`);
    expect([...targets].sort()).toEqual([...others].sort());
  });

  it('passes the entity policies the catalog enforces on every entity', async () => {
    const policy = EntityPolicies.allOf([
      new DefaultNamespaceEntityPolicy(),
      new NoForeignRootFieldsEntityPolicy(),
      new FieldFormatEntityPolicy(),
      new SchemaValidEntityPolicy(),
    ]);
    const rejected: string[] = [];
    for (const { file, entity } of loaded) {
      try {
        await policy.enforce(JSON.parse(JSON.stringify(entity)));
      } catch (error) {
        rejected.push(`${file} ${refOf(entity)}: ${(error as Error).message}`);
      }
    }
    expect(rejected).toEqual([]);
  });

  it("passes Backstage's kind validators for the built-in kinds", async () => {
    const rejected: string[] = [];
    for (const { file, entity } of loaded.filter(
      l => !isMlopsEntity(l.entity),
    )) {
      let accepted = false;
      try {
        for (const validator of builtinValidators) {
          if (await validator.check(entity)) accepted = true;
        }
      } catch (error) {
        rejected.push(`${file} ${refOf(entity)}: ${(error as Error).message}`);
        continue;
      }
      if (!accepted)
        rejected.push(`${file} ${refOf(entity)}: no validator claims it`);
    }
    expect(rejected).toEqual([]);
  });

  it('holds only ML entities that validateMlopsEntity accepts', () => {
    const problems = Object.fromEntries(
      entities
        .filter(isMlopsEntity)
        .map(entity => [refOf(entity), validateMlopsEntity(entity)] as const)
        .filter(([, list]) => list.length > 0),
    );
    expect(problems).toEqual({});
  });

  it('resolves every reference of the ML entities to an entity it defines', () => {
    const unresolved: string[] = [];
    for (const entity of entities.filter(isMlopsEntity)) {
      for (const reference of readSpecReferences(entity)) {
        const where = `${refOf(entity)} ${reference.path} "${reference.value}"`;
        if (reference.problem || !reference.target) {
          unresolved.push(`${where} ${reference.problem}`);
        } else if (!defined.has(stringifyEntityRef(reference.target))) {
          unresolved.push(
            `${where} refers to ${stringifyEntityRef(
              reference.target,
            )}, which the catalog does not define`,
          );
        }
      }
    }
    expect(unresolved).toEqual([]);
  });

  it('resolves every reference of the built-in kinds to an entity it defines', () => {
    const unresolved: string[] = [];
    for (const entity of entities) {
      const fields = BUILTIN_REFERENCE_FIELDS[entity.kind] ?? {};
      for (const [field, defaultKind] of Object.entries(fields)) {
        const raw = entity.spec?.[field];
        const values = raw === undefined ? [] : [raw].flat();
        for (const value of values) {
          const where = `${refOf(entity)} spec.${field} "${value}"`;
          try {
            const target = stringifyEntityRef(
              parseEntityRef(String(value), {
                defaultKind,
                defaultNamespace: entity.metadata.namespace ?? 'default',
              }),
            );
            if (!defined.has(target)) {
              unresolved.push(
                `${where} refers to ${target}, which the catalog does not define`,
              );
            }
          } catch (error) {
            unresolved.push(`${where}: ${(error as Error).message}`);
          }
        }
      }
    }
    expect(unresolved).toEqual([]);
  });

  it('has at least 3 use cases, 6 models and 4 monitors', () => {
    expect(useCases.length).toBeGreaterThanOrEqual(3);
    expect(models.length).toBeGreaterThanOrEqual(6);
    expect(monitors.length).toBeGreaterThanOrEqual(4);
  });

  it('gives every use case at least one model', () => {
    const empty = useCases.filter(u => modelsOf(u).length === 0).map(refOf);
    expect(empty).toEqual([]);
  });

  it('has at least one model that no monitor watches', () => {
    const unmonitored = models.filter(m => monitorsOf(m).length === 0);
    expect(unmonitored.length).toBeGreaterThanOrEqual(1);
  });

  it('has acceptance-criteria evaluations that pass, fail and miss', () => {
    const outcomes = new Set(
      useCases
        .flatMap(u => evaluateUseCaseAcceptance(u, modelsOf(u)))
        .map(acceptance => acceptance.outcome),
    );
    expect(outcomes).toContain('passed');
    expect(outcomes).toContain('failed');
    expect(outcomes).toContain('not-reported');
  });
});

describe('the contrasts the demo is built to show (see catalog/README.md)', () => {
  it('churn-gbm is the well-governed production model', () => {
    const model = byName(models, 'churn-gbm');
    const useCase = byName(useCases, 'churn-prevention');
    expect(model.spec.lifecycle).toBe('production');
    expect(Object.keys(model.spec.modelCard ?? {}).sort()).toEqual([
      'caveats',
      'ethicalConsiderations',
      'evaluationData',
      'factors',
      'intendedUse',
      'limitations',
      'overview',
      'trainingData',
    ]);
    const [acceptance] = evaluateUseCaseAcceptance(useCase, [model]);
    expect(acceptance.outcome).toBe('passed');
    expect(model.spec.fairness?.length).toBeGreaterThan(0);
    expect(model.spec.fairness?.map(evaluateFairness)).not.toContain('failed');
    expect(model.spec.fairness?.map(evaluateFairness)).not.toContain(
      'not-applicable',
    );
    expect(model.spec.servedBy?.length).toBeGreaterThan(0);
    expect(model.spec.registry).toBeDefined();
    expect(monitorsOf(model)).toHaveLength(2);
    expect(useCase.spec.sponsor).toBeDefined();
  });

  it('customer-profile-autoencoder is the experimental prototype with gaps', () => {
    const model = byName(models, 'customer-profile-autoencoder');
    const useCase = byName(useCases, 'customer-profiling');
    expect(model.spec.lifecycle).toBe('experimental');
    expect(Object.keys(model.spec.modelCard ?? {}).length).toBeLessThan(8);
    const [acceptance] = evaluateUseCaseAcceptance(useCase, [model]);
    const outcomes = acceptance.results.map(r => r.outcome);
    expect(acceptance.outcome).toBe('failed');
    expect(outcomes).toContain('failed');
    expect(outcomes).toContain('not-reported');
    expect(model.spec.registry).toBeUndefined();
  });

  it('online-demand-prophet is in production, failing its criteria, with no monitor', () => {
    const model = byName(models, 'online-demand-prophet');
    const useCase = byName(useCases, 'demand-forecasting');
    expect(model.spec.lifecycle).toBe('production');
    expect(evaluateUseCaseAcceptance(useCase, [model])[0].outcome).toBe(
      'failed',
    );
    expect(monitorsOf(model)).toEqual([]);
  });

  it('customer-profiling has no sponsor, and a criterion none of its models measures', () => {
    const useCase = byName(useCases, 'customer-profiling');
    expect(useCase.spec.sponsor).toBeUndefined();
    const results = evaluateUseCaseAcceptance(useCase, modelsOf(useCase));
    const unmeasured = (useCase.spec.acceptanceCriteria ?? []).filter(
      (_, index) =>
        results.every(r => r.results[index].outcome === 'not-reported'),
    );
    expect(unmeasured.map(c => c.metric)).toEqual([
      'offer-acceptance-uplift-pct',
    ]);
  });
});

describe("the demo portal's stage-gate configuration (app-config.yaml)", () => {
  const config = parseAllDocuments(
    fs.readFileSync(path.resolve(CATALOG_DIR, '../app-config.yaml'), 'utf8'),
  )[0].toJS();
  /** Every group `mlops.gates` names: the operations group and those of the sign-off lists. */
  const named = (function collect(node: unknown): string[] {
    if (typeof node === 'string') {
      return ['sponsor', 'owner', 'operations'].includes(node) ? [] : [node];
    }
    if (node && typeof node === 'object') {
      return Object.values(node).flatMap(collect);
    }
    return [];
  })(config.mlops.gates).map(value =>
    stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ),
  );

  it('names only groups the catalog defines, each with a member who can sign', () => {
    expect(named).toContain('group:default/platform-operations');
    expect(named).toContain('group:default/model-risk');
    const members = (group: string) =>
      entities.filter(
        e =>
          e.kind === 'User' &&
          ((e.spec?.memberOf as string[] | undefined) ?? []).some(
            m =>
              stringifyEntityRef(
                parseEntityRef(m, {
                  defaultKind: 'group',
                  defaultNamespace: 'default',
                }),
              ) === group,
          ),
      );
    expect(named.filter(group => !defined.has(group))).toEqual([]);
    expect(named.filter(group => members(group).length === 0)).toEqual([]);
  });
});
