import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';
import { MLOPS_CATALOG_INFO_SCHEMA } from './catalogInfoSchema';
import { validateMlopsEntity } from './validation';

const validate = new Ajv({ allErrors: true, strict: false }).compile(
  MLOPS_CATALOG_INFO_SCHEMA,
);

/** The entities of a catalog file, read as the catalog reads them (YAML 1.2). */
function entities(yaml: string): any[] {
  return parseAllDocuments(yaml).map(doc => doc.toJS());
}

/** Where the editor schema finds a problem, as JSON pointers. */
function problemsAt(entity: unknown): string[] {
  if (validate(entity)) return [];
  const pointers = validate
    .errors!.filter(e => e.keyword !== 'if')
    .map(e => {
      const child = e.params.additionalProperty ?? e.params.missingProperty;
      return child ? `${e.instancePath}/${child}` : e.instancePath;
    });
  return [...new Set(pointers)];
}

const file = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: churn-scoring-service }
spec: { type: service, lifecycle: production, owner: retention-analytics }
---
apiVersion: mlightenment.io/v1alpha1
kind: MLModel
metadata: { name: churn-gbm, tags: [xgboost] }
spec:
  owner: group:retention-analytics
  useCase: churn-prevention
  lifecycle: production
  type: classification
  version: '7'
  metrics: [{ name: recall, value: 0.76 }]
---
apiVersion: mlightenment.io/v1alpha1
kind: MLMonitor
metadata: { name: churn-gbm-drift }
spec:
  owner: group:ml-platform
  model: churn-gbm
  type: data-drift
  cadence: P1D
  features:
    - { name: tenure, type: numerical, statistic: psi, warning: 0.1, alert: 0.25 }
`;

describe('the catalog-info editor schema', () => {
  it('is published as schema/catalog-info.schema.json (yarn build:schema writes it)', () => {
    const published = JSON.parse(
      readFileSync(
        resolve(__dirname, '../../schema/catalog-info.schema.json'),
        'utf8',
      ),
    );
    expect(published).toEqual(MLOPS_CATALOG_INFO_SCHEMA);
  });

  it('accepts a file that mixes ML entities with Backstage kinds', () => {
    expect(entities(file).map(problemsAt)).toEqual([[], [], []]);
  });

  it('accepts the example of each kind schema', () => {
    const { definitions } = MLOPS_CATALOG_INFO_SCHEMA as any;
    for (const kind of ['MLUseCase', 'MLModel', 'MLMonitor']) {
      const [example] = definitions[kind].examples;
      expect(problemsAt(example)).toEqual([]);
    }
  });

  it('rejects a misspelt kind of the mlightenment.io group', () => {
    const [, model] = entities(file.replace('kind: MLModel', 'kind: MLModle'));
    expect(problemsAt(model)).toEqual(['/kind']);
  });

  it('rejects an ML kind under the apiVersion of a Backstage kind', () => {
    const [, model] = entities(
      file.replace(
        'apiVersion: mlightenment.io/v1alpha1\nkind: MLModel',
        'apiVersion: backstage.io/v1alpha1\nkind: MLModel',
      ),
    );
    expect(problemsAt(model)).toEqual(['/apiVersion']);
  });

  it('rejects a misspelt root field, on any kind', () => {
    const [component, model] = entities(file.replace(/^spec:/gm, 'specs:'));
    expect(problemsAt(component)).toEqual(['/specs']);
    expect(problemsAt(model)).toEqual(['/spec', '/specs']);
  });

  it('rejects a malformed entity name', () => {
    const [component] = entities(
      file.replace('churn-scoring-service', 'Churn scoring'),
    );
    expect(problemsAt(component)).toEqual(['/metadata/name']);
  });

  it('finds the spec problems the validator finds', () => {
    const [, model, monitor] = entities(file);
    const broken = [
      { ...model, spec: { ...model.spec, metrcs: model.spec.metrics } },
      { ...model, spec: { ...model.spec, version: 7 } },
      { ...monitor, spec: { ...monitor.spec, cadence: 'daily' } },
      { ...monitor, spec: { ...monitor.spec, features: [] } },
    ];
    expect(broken.map(problemsAt)).toEqual(
      broken.map(entity =>
        validateMlopsEntity(entity).map(
          p => `/${p.path.replace(/\[(\d+)\]/g, '.$1').replace(/\./g, '/')}`,
        ),
      ),
    );
  });
});
