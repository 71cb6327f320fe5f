import { readdirSync, readFileSync } from 'fs';
import { resolve } from 'path';
import {
  Entity,
  FieldFormatEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { parseAllDocuments } from 'yaml';
import { MlopsEntity, MlopsKind, MLOPS_KINDS } from './types';
import { MLOPS_KIND_SCHEMAS, validateMlopsEntity } from './validation';

// The YAML examples of the documentation are read from the repository and
// run through the validator, as Backstage keeps the examples of its own kinds
// valid: an owner who copies one gets an entity the catalog accepts.
const root = resolve(__dirname, '../../../..');
const DOCS = ['docs/entity-reference.md', 'docs/drift.md'];

// The catalog reads YAML 1.2 without merge keys.
const PARSE_OPTIONS = { version: '1.2', merge: false } as const;

type Example = { where: string; value: unknown };

function yamlExamples(file: string): Example[] {
  const text = readFileSync(resolve(root, file), 'utf8');
  return [...text.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].flatMap(match => {
    const line = text.slice(0, match.index).split('\n').length + 1;
    return parseAllDocuments(match[1], PARSE_OPTIONS).map(doc => {
      if (doc.errors.length) {
        throw new Error(`${file}:${line}: ${doc.errors[0].message}`);
      }
      return { where: `${file}:${line}`, value: doc.toJS() };
    });
  });
}

type Schema = { properties?: Record<string, Schema>; items?: Schema };

function specFields(kind: MlopsKind): Record<string, Schema> {
  const { allOf } = MLOPS_KIND_SCHEMAS[kind] as { allOf: Schema[] };
  return allOf[1].properties!.spec.properties!;
}

// Just enough of each kind for a part of a spec to be checked inside it.
const BASE_SPECS: Record<MlopsKind, object> = {
  MLUseCase: { owner: 'group:retention-analytics', lifecycle: 'production' },
  MLModel: {
    owner: 'group:retention-analytics',
    useCase: 'churn-prevention',
    lifecycle: 'production',
    type: 'classification',
  },
  MLMonitor: {
    owner: 'group:ml-platform',
    model: 'churn-gbm',
    type: 'performance',
    features: [{ name: 'recall', statistic: 'metric', warning: 1, alert: 2 }],
  },
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The spec a part of one stands for: `businessDrivers:` of a use case, a list
 * of monitor features, `spec: { mlTestScore }` of a model. Undefined when no
 * kind, or more than one, has every field it writes.
 */
function specOf(
  part: unknown,
): { kind: MlopsKind; spec: Record<string, unknown> } | undefined {
  const value = isObject(part) && isObject(part.spec) ? part.spec : part;
  const candidates = MLOPS_KINDS.flatMap(kind => {
    const fields = specFields(kind);
    if (isObject(value)) {
      const known = Object.keys(value).every(key => key in fields);
      return known ? [{ kind, spec: value }] : [];
    }
    // A list: the items of the one list field whose items take its keys.
    return Object.entries(fields)
      .filter(
        ([, field]) =>
          Array.isArray(value) &&
          field.items?.properties &&
          value.every(
            item =>
              isObject(item) &&
              Object.keys(item).every(key => key in field.items!.properties!),
          ),
      )
      .map(([name]) => ({ kind, spec: { [name]: value } }));
  });
  return candidates.length === 1 ? candidates[0] : undefined;
}

function entityOf(example: Example): Entity | undefined {
  const { value } = example;
  if (isObject(value) && 'apiVersion' in value) return value as Entity;
  const part = specOf(value);
  if (!part) return undefined;
  return {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: part.kind,
    metadata: { name: 'example' },
    spec: { ...BASE_SPECS[part.kind], ...part.spec } as JsonObject,
  };
}

// Blocks that are app-config, not catalog YAML.
const APP_CONFIG_ROOTS = ['app', 'backend', 'mlops', 'notifications'];
const isAppConfig = (value: unknown) =>
  isObject(value) &&
  Object.keys(value).every(key => APP_CONFIG_ROOTS.includes(key));

const examples = DOCS.flatMap(yamlExamples);
const entityExamples = examples.filter(example => !isAppConfig(example.value));

async function problemsOf(entity: Entity): Promise<string[]> {
  for (const policy of [
    new SchemaValidEntityPolicy(),
    new FieldFormatEntityPolicy(),
  ]) {
    try {
      await policy.enforce(entity);
    } catch (error) {
      return [(error as Error).message];
    }
  }
  return validateMlopsEntity(entity as MlopsEntity).map(
    problem => `${problem.path} ${problem.message}`,
  );
}

describe('the YAML examples of the documentation', () => {
  it('are found in each document, with a complete entity of each kind', () => {
    for (const file of DOCS) {
      expect(
        entityExamples.filter(e => e.where.startsWith(`${file}:`)).length,
      ).toBeGreaterThan(0);
    }
    expect(
      entityExamples
        .map(example => (example.value as Partial<Entity>).kind)
        .filter(Boolean),
    ).toEqual(['MLUseCase', 'MLModel', 'MLMonitor']);
  });

  it.each(entityExamples.map(example => [example.where, example] as const))(
    '%s is a valid entity, or part of one',
    async (_where, example) => {
      const entity = entityOf(example);
      // Neither an entity nor a part of exactly one kind's spec: a misspelt
      // field at the top of a part lands here.
      expect(entity).toBeDefined();
      expect(await problemsOf(entity!)).toEqual([]);
    },
  );

  it('can fail: a misspelt field or an alert band inside the warning band is found', async () => {
    const misspelt = entityOf({
      where: 'test',
      value: { featurs: [{ name: 'bias', statistic: 'metric' }] },
    });
    expect(misspelt).toBeUndefined();
    const inverted = entityOf({
      where: 'test',
      value: [
        {
          name: 'forecast_bias',
          statistic: 'metric',
          direction: 'outside',
          warning: [-0.05, 0.05],
          alert: [-0.03, 0.03],
        },
      ],
    });
    expect(await problemsOf(inverted!)).toHaveLength(2);
  });
});

describe('the complete entities of the entity reference', () => {
  const catalog = resolve(root, 'catalog');
  const demo = readdirSync(catalog)
    .filter(file => file.endsWith('.yaml'))
    .flatMap(file =>
      parseAllDocuments(
        readFileSync(resolve(catalog, file), 'utf8'),
        PARSE_OPTIONS,
      ).map(doc => doc.toJS() as Entity),
    );

  it.each(
    entityExamples
      .filter(
        example =>
          example.where.startsWith('docs/entity-reference.md') &&
          isObject(example.value) &&
          'apiVersion' in example.value,
      )
      .map(example => [example.where, example.value as Entity] as const),
  )('%s is the demo catalog entity it says it is', (_where, entity) => {
    expect(
      demo.find(
        e => e.kind === entity.kind && e.metadata.name === entity.metadata.name,
      ),
    ).toEqual(entity);
  });
});
