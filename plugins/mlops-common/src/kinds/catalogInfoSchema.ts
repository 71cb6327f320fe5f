import { MLOPS_API_VERSION, MLOPS_KINDS } from './types';
import { MLOPS_KIND_SCHEMAS } from './validation';

type Schema = Record<string, any>;

const metadata: Schema = {
  type: 'object',
  description:
    "Backstage's standard entity metadata. The catalog checks it for every kind.",
  examples: [{ name: 'churn-gbm', title: 'Churn GBM' }],
  required: ['name'],
  properties: {
    name: {
      type: 'string',
      pattern: '^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$',
      minLength: 1,
      maxLength: 63,
      description:
        'The name of the entity, unique among entities of its kind in its namespace: 1 to 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit.',
      examples: ['churn-gbm'],
    },
    namespace: {
      type: 'string',
      pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
      maxLength: 63,
      description:
        'The namespace of the entity; "default" when left out. Lower-case letters, digits and "-".',
      examples: ['default', 'retail'],
    },
    title: {
      type: 'string',
      minLength: 1,
      description: 'A display name for the entity, shown instead of the name.',
      examples: ['Churn GBM'],
    },
    description: {
      type: 'string',
      description: 'A short human-readable description of the entity.',
      examples: ['Gradient-boosted churn classifier, 60-day horizon.'],
    },
    labels: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'Key/value pairs for grouping and selecting entities.',
      examples: [{ 'northwind.example.com/cost-centre': 'cc-4711' }],
    },
    annotations: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description:
        'Key/value pairs read by plugins and integrations, such as backstage.io/techdocs-ref.',
      examples: [{ 'backstage.io/techdocs-ref': 'dir:.' }],
    },
    tags: {
      type: 'array',
      items: {
        type: 'string',
        pattern: '^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$',
        maxLength: 63,
      },
      description:
        'Single-word tags: lower-case letters, digits and ":+#", joined by "-".',
      examples: [['classification', 'xgboost']],
    },
    links: {
      type: 'array',
      description: 'Links shown on the entity page.',
      examples: [[{ url: 'https://mlflow.example.com', title: 'Registry' }]],
      items: {
        type: 'object',
        required: ['url'],
        properties: {
          url: {
            type: 'string',
            description: 'The address of the link.',
            examples: ['https://mlflow.example.com'],
          },
          title: {
            type: 'string',
            description: 'The text shown for the link.',
            examples: ['Registry'],
          },
          icon: {
            type: 'string',
            description: 'The key of an icon known to the app.',
            examples: ['dashboard'],
          },
          type: {
            type: 'string',
            description: 'The kind of link, for grouping.',
            examples: ['runbook'],
          },
        },
      },
    },
  },
};

/** The kind's own part of its schema, without the `Entity` envelope. */
function kindDefinition(kind: keyof typeof MLOPS_KIND_SCHEMAS): Schema {
  const { description, examples, allOf } = MLOPS_KIND_SCHEMAS[kind] as Schema;
  return { title: kind, description, examples, ...allOf[1] };
}

/**
 * One JSON schema (draft-07) for a catalog file that holds MLightenment
 * entities, for editors and the YAML language server: it checks the Backstage
 * envelope of every entity, requires `mlightenment.io` entities to be of one of
 * the three kinds, and applies the kind's own schema by `kind`. Entities of
 * other kinds are checked for their envelope only. Published as
 * `schema/catalog-info.schema.json` in this package.
 * @public
 */
export const MLOPS_CATALOG_INFO_SCHEMA: object = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Backstage catalog entity, with the MLightenment kinds',
  description:
    'A Backstage catalog entity. MLUseCase, MLModel and MLMonitor entities (apiVersion mlightenment.io/v1alpha1) are checked field by field; other kinds only for the Backstage envelope.',
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata'],
  additionalProperties: false,
  properties: {
    apiVersion: {
      type: 'string',
      description: `The version of the entity model the entity follows: ${MLOPS_API_VERSION} for the MLightenment kinds, backstage.io/v1alpha1 for Backstage's own.`,
      examples: [MLOPS_API_VERSION, 'backstage.io/v1alpha1'],
    },
    kind: {
      type: 'string',
      description: `The kind of the entity. The MLightenment kinds are ${MLOPS_KINDS.join(
        ', ',
      )}; kinds are case-sensitive.`,
      examples: [...MLOPS_KINDS],
    },
    metadata: { $ref: '#/definitions/metadata' },
    spec: {
      type: 'object',
      description: "The kind's fields.",
      examples: [{ owner: 'group:retention-analytics' }],
    },
    relations: {
      type: 'array',
      description:
        'Filled in by the catalog from the spec; not written by hand.',
      examples: [[]],
    },
    status: {
      type: 'object',
      description: 'Filled in by the catalog; not written by hand.',
      examples: [{}],
    },
  },
  allOf: [
    {
      // A misspelt kind or another version of our API group.
      if: {
        required: ['apiVersion'],
        properties: { apiVersion: { pattern: '^mlightenment\\.io/' } },
      },
      then: {
        properties: {
          apiVersion: { enum: [MLOPS_API_VERSION] },
          kind: { enum: [...MLOPS_KINDS] },
        },
      },
    },
    ...MLOPS_KINDS.map(kind => ({
      if: { required: ['kind'], properties: { kind: { const: kind } } },
      then: { $ref: `#/definitions/${kind}` },
    })),
  ],
  definitions: {
    metadata,
    ...Object.fromEntries(MLOPS_KINDS.map(k => [k, kindDefinition(k)])),
  },
};
