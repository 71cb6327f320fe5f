import { parseDocument } from 'yaml';
import {
  CATALOG_YAML_OPTIONS,
  fieldOffset,
  locateEntityFields,
} from './yamlLocations';

const file = `# Two models in one file.
apiVersion: mlightenment.io/v1alpha1
kind: MLModel
metadata:
  name: churn-gbm
spec:
  owner: retention-analytics
  metrics:
    - name: recall
      value: 0.76
---
apiVersion: mlightenment.io/v1alpha1
kind: MLModel
metadata:
  name: upsell-draft
  namespace: sales
spec:
  owner: customer-analytics
  metrcs:
    - name: auc
      value: high
`;

describe('locateEntityFields', () => {
  it('finds the entity’s document and the line of each field in it', () => {
    expect(
      locateEntityFields(
        file,
        { kind: 'mlmodel', namespace: 'sales', name: 'upsell-draft' },
        ['spec.metrcs', 'spec.metrcs[0].value', 'spec.owner'],
      ),
    ).toEqual({ line: 12, fields: [19, 21, 18] });
  });

  it('places a missing field at its closest existing parent', () => {
    expect(
      locateEntityFields(file, { kind: 'MLModel', name: 'churn-gbm' }, [
        'spec.useCase',
        'spec.metrics[3].value',
      ]),
    ).toEqual({ line: 2, fields: [6, 8] });
  });

  it('finds nothing for an entity the file does not hold', () => {
    expect(
      locateEntityFields(file, { kind: 'MLModel', name: 'upsell-draft' }, []),
    ).toBeUndefined();
    expect(
      locateEntityFields('kind: [', { kind: 'MLModel', name: 'x' }, []),
    ).toBeUndefined();
  });
});

describe('fieldOffset', () => {
  it('points at the key of a mapping entry and the item of a sequence', () => {
    const text = 'spec:\n  metrics:\n    - name: recall\n';
    const doc = parseDocument(text, CATALOG_YAML_OPTIONS);
    expect(text.slice(fieldOffset(doc, 'spec.metrics'))).toMatch(/^metrics:/);
    expect(text.slice(fieldOffset(doc, 'spec.metrics[0]'))).toMatch(
      /^name: recall/,
    );
  });
});
