import type { Entity } from '@backstage/catalog-model';
import { problemsOf, rejectedFromServed } from './rejectedEntities';

describe('problemsOf', () => {
  it('reads the field of an error of the catalog’s own policies from its innermost cause', () => {
    const cause = {
      name: 'Error',
      message:
        '"metadata.name" is not valid; expected a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total but found "Churn GBM". To learn more about catalog file format, visit: https://github.com/backstage/backstage/blob/master/docs/architecture-decisions/adr002-default-catalog-file-format.md',
    };
    expect(
      problemsOf([
        {
          name: 'InputError',
          message: `Policy check failed for mlmodel:default/churn; caused by Error: ${cause.message}`,
          cause,
        },
      ]),
    ).toEqual([
      {
        field: 'metadata.name',
        message: expect.stringMatching(
          /^is not valid; .* but found "Churn GBM"\.$/,
        ),
      },
    ]);
  });

  it('lists each problem of the module’s validation once, though the catalog recorded the error twice', () => {
    const validation = {
      name: 'InputError',
      message: 'Processor MlopsEntitiesProcessor threw an error …',
      cause: {
        name: 'MlopsEntityValidationError',
        message: 'Invalid MLModel entity …',
        problems: [
          { path: 'spec.owner', message: 'is required' },
          { path: 'spec.type', message: 'must be one of classification, …' },
        ],
      },
    };
    expect(problemsOf([validation, validation])).toEqual([
      { field: 'spec.owner', message: 'is required' },
      { field: 'spec.type', message: 'must be one of classification, …' },
    ]);
  });
});

describe('rejectedFromServed', () => {
  const model: Entity = {
    apiVersion: 'mlightenment.io/v1alpha1',
    kind: 'MLModel',
    metadata: {
      name: 'churn-gbm',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location':
          'url:https://github.com/northwind/churn/blob/main/catalog-info.yaml',
      },
    },
    spec: { owner: 'retention-analytics' },
    relations: [
      { type: 'ownedBy', targetRef: 'group:default/retention-analytics' },
    ],
  };

  it('is nothing for an entity whose status holds no processing error', () => {
    expect(rejectedFromServed(model)).toBeUndefined();
    expect(
      rejectedFromServed({
        ...model,
        status: {
          items: [
            {
              type: 'backstage.io/catalog-processing',
              level: 'warning',
              message: 'A warning',
            },
            { type: 'example.com/other', level: 'error', message: 'Other' },
          ],
        },
      } as Entity),
    ).toBeUndefined();
  });

  it('is the served entity with its processing errors, its owner and its location', () => {
    expect(
      rejectedFromServed({
        ...model,
        status: {
          items: [
            {
              type: 'backstage.io/catalog-processing',
              level: 'error',
              message: 'InputError: …',
              error: {
                name: 'InputError',
                message: '…',
                cause: {
                  name: 'MlopsEntityValidationError',
                  message: '…',
                  problems: [
                    {
                      path: 'spec.metrics[0].value',
                      message: 'must be a number, got "high"',
                    },
                  ],
                },
              },
            },
          ],
        },
      } as Entity),
    ).toEqual({
      entityRef: 'mlmodel:default/churn-gbm',
      kind: 'MLModel',
      owner: 'group:default/retention-analytics',
      state: 'previous-version-served',
      location: {
        type: 'url',
        target:
          'https://github.com/northwind/churn/blob/main/catalog-info.yaml',
      },
      problems: [
        {
          field: 'spec.metrics[0].value',
          message: 'must be a number, got "high"',
        },
      ],
    });
  });
});
