import type { RejectedEntities } from '@mlightenment/backstage-plugin-mlops-common';

/**
 * What the backend serves for the demo's registration mistakes
 * (examples/registration-mistakes.yaml), plus a model of the same team that
 * the catalog still serves in its previous version.
 */
export const rejectedEntities: RejectedEntities = {
  items: [
    {
      entityRef: 'mlmodel:default/upsell-propensity-draft',
      kind: 'MLModel',
      title: 'Upsell propensity (draft)',
      owner: 'group:default/customer-analytics',
      state: 'not-in-catalog',
      location: {
        type: 'file',
        target: '/srv/portal/examples/registration-mistakes.yaml',
        line: 6,
      },
      problems: [
        {
          field: 'spec.metrcs',
          message:
            'is not a known field; did you mean "metrics"? (known fields of spec: owner, useCase, lifecycle, type, framework, version, system, metrics, fairness, modelCard, dependsOn, servedBy, registry, mlTestScore)',
          line: 17,
        },
      ],
    },
    {
      entityRef: 'mlmodel:default/customer-segments',
      kind: 'MLModel',
      title: 'Customer segments',
      owner: 'group:default/customer-analytics',
      state: 'previous-version-served',
      location: {
        type: 'url',
        target:
          'https://github.com/northwind/customer-profiling/blob/main/catalog-info.yaml',
      },
      problems: [
        {
          field: 'spec.metrics[0].value',
          message: 'must be a number, got "high"',
        },
        {
          message: 'Policy check failed for mlmodel:default/customer-segments',
        },
      ],
    },
    {
      entityRef: 'mlmonitor:default/upsell-propensity-drift',
      kind: 'MLMonitor',
      owner: 'group:default/ml-platform',
      state: 'not-in-catalog',
      location: {
        type: 'file',
        target: '/srv/portal/examples/registration-mistakes.yaml',
        line: 22,
      },
      problems: [
        {
          field: 'spec.model',
          message: 'is not a valid entity reference: "mlmodel:" has no name',
          line: 29,
        },
      ],
    },
  ],
};
