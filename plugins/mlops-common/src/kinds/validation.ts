import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import {
  DEFAULT_NAMESPACE,
  Entity,
  KindValidator,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import mlUseCaseSchema from './schema/MLUseCase.v1alpha1.schema.json';
import mlModelSchema from './schema/MLModel.v1alpha1.schema.json';
import mlMonitorSchema from './schema/MLMonitor.v1alpha1.schema.json';
import { durationMillis, thresholdsOf } from '../drift/health';
import {
  DRIFT_STATISTIC_NAMES,
  DRIFT_STATISTICS,
  DriftStatisticName,
  featureTypeProblem,
} from '../drift/statistics';
import { checkCadence, isIsoDate } from '../value/periods';
import { alertChannelProblems } from './alertChannels';
import { impliedKpiDirection, kpiIdOf } from './businessDrivers';
import { closest } from './closest';
import { readSpecReferences } from './references';
import {
  BusinessDriver,
  MLOPS_API_VERSION,
  MLMonitorEntityV1alpha1,
  MLOPS_KINDS,
  MlopsEntity,
  MlopsKind,
  MonitoredFeature,
  ThresholdBand,
  ThresholdDirection,
} from './types';

/** The JSON schema (draft-07) of each MLightenment kind. @public */
export const MLOPS_KIND_SCHEMAS: Record<MlopsKind, object> = {
  MLUseCase: mlUseCaseSchema,
  MLModel: mlModelSchema,
  MLMonitor: mlMonitorSchema,
};

/** One thing wrong with an entity: where, and what was expected. @public */
export interface ValidationProblem {
  /** The field, in the notation of the YAML it came from: `spec.metrics[0].value`. */
  path: string;
  message: string;
}

/**
 * Thrown when an MLightenment entity is invalid. The message names the entity
 * and lists every problem with its field path.
 * @public
 */
export class MlopsEntityValidationError extends TypeError {
  readonly problems: ValidationProblem[];

  constructor(entity: Entity, problems: ValidationProblem[]) {
    const ref = stringifyEntityRef({
      kind: entity.kind,
      namespace: entity.metadata?.namespace ?? DEFAULT_NAMESPACE,
      name: entity.metadata?.name,
    });
    super(
      `Invalid ${entity.kind} entity ${ref}: ${problems
        .map(p => `${p.path} ${p.message}`)
        .join('; ')}`,
    );
    this.name = 'MlopsEntityValidationError';
    this.problems = problems;
  }
}

// The catalog validates the entity envelope and metadata itself before any
// kind validator runs; here `Entity` only has to resolve so that the kind
// schemas can be published in the same `allOf` form as Backstage's own.
// Union types let a threshold be a number or a band [lower, upper].
const ajv = new Ajv({
  allErrors: true,
  verbose: true,
  strict: true,
  allowUnionTypes: true,
});
ajv.addSchema({ $id: 'Entity', type: 'object' });
const compiled = new Map<MlopsKind, ValidateFunction>();

function compiledSchema(kind: MlopsKind): ValidateFunction {
  let validate = compiled.get(kind);
  if (!validate) {
    validate = ajv.compile(MLOPS_KIND_SCHEMAS[kind]);
    compiled.set(kind, validate);
  }
  return validate;
}

function toPath(instancePath: string, child?: string): string {
  const segments = instancePath.split('/').slice(1);
  if (child !== undefined) segments.push(child);
  return segments.reduce(
    (path, segment) =>
      /^\d+$/.test(segment)
        ? `${path}[${segment}]`
        : `${path}${path ? '.' : ''}${segment}`,
    '',
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

// The usual ways YAML turns what the owner meant into another type.
function typeHint(expected: string, value: unknown): string {
  if (value === null) {
    return '; a key with nothing after it is null in YAML: give it a value or leave the key out';
  }
  if (expected === 'number' && typeof value === 'string' && /\d/.test(value)) {
    return '; write numbers bare: no units or "%", "." as the decimal separator';
  }
  if (
    expected === 'boolean' &&
    typeof value === 'string' &&
    /^(yes|no|on|off|y|n)$/i.test(value)
  ) {
    return `; YAML 1.2, which the catalog reads, takes ${value} for a string: write true or false`;
  }
  if (
    expected === 'string' &&
    (typeof value === 'number' || typeof value === 'boolean')
  ) {
    return `; quote it to make it a string: '${value}'`;
  }
  return '';
}

// The formats the schemas describe in words, named instead of their regex.
function patternName(description: string, pattern: string): string {
  if (/ISO 8601 duration/.test(description)) {
    return pattern.includes('T')
      ? 'an ISO 8601 duration such as P1D or PT6H'
      : 'an ISO 8601 duration in days, weeks, months or years such as P1M or P1W';
  }
  if (/ISO 8601 date/.test(description)) return 'a date such as 2025-01-31';
  return `the pattern ${pattern}`;
}

function explain(error: ErrorObject): ValidationProblem {
  const path = toPath(error.instancePath);
  const params = error.params as Record<string, any>;
  switch (error.keyword) {
    case 'required':
      return {
        path: toPath(error.instancePath, params.missingProperty),
        message: 'is required',
      };
    case 'additionalProperties': {
      const known = Object.keys(error.parentSchema?.properties ?? {});
      const suggestion = closest(params.additionalProperty, known);
      return {
        path: toPath(error.instancePath, params.additionalProperty),
        message: `is not a known field${
          suggestion ? `; did you mean "${suggestion}"?` : ''
        } (known fields of ${path || 'the entity'}: ${known.join(', ')})`,
      };
    }
    case 'type': {
      // One type, or several for a union (a threshold: a number or a band).
      const types = String(params.type).split(',');
      return {
        path,
        message: `must be ${types
          .map(type => `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`)
          .join(' or ')}, got ${describe(error.data)}${typeHint(
          types[0],
          error.data,
        )}`,
      };
    }
    case 'enum':
      return {
        path,
        message: `must be one of ${params.allowedValues
          .map((v: unknown) => JSON.stringify(v))
          .join(', ')}, got ${describe(error.data)}${
          error.data === '' && params.allowedValues.includes('>')
            ? `; unquoted, > and | start a YAML block scalar: write '>'`
            : ''
        }`,
      };
    case 'pattern':
      return {
        path,
        message: `must match ${patternName(
          error.parentSchema?.description ?? '',
          params.pattern,
        )}, got ${describe(error.data)}`,
      };
    case 'maxLength':
      return {
        path,
        message: `must be at most ${params.limit} characters, got ${
          (error.data as string).length
        }`,
      };
    case 'minLength':
      return { path, message: 'must not be empty' };
    case 'maxItems':
      return {
        path,
        message: `must list at most ${params.limit} items, got ${
          (error.data as unknown[]).length
        }`,
      };
    case 'minItems':
      return {
        path,
        message: `must list at least ${params.limit} item${
          params.limit === 1 ? '' : 's'
        }, got ${(error.data as unknown[]).length}`,
      };
    default:
      return { path, message: `${error.message}, got ${describe(error.data)}` };
  }
}

// Backstage's envelope. The catalog rejects any other root field before a kind
// validator runs, with a message that names no field.
const ROOT_FIELDS = [
  'apiVersion',
  'kind',
  'metadata',
  'spec',
  'relations',
  'status',
];

/**
 * Names each root field of an entity that is not one of Backstage's envelope
 * fields (`apiVersion`, `kind`, `metadata`, `spec`, `relations`, `status`),
 * with a suggestion when the field looks like a misspelt one (`specs`).
 * @public
 */
export function rootFieldProblems(entity: object): ValidationProblem[] {
  return Object.keys(entity)
    .filter(field => !ROOT_FIELDS.includes(field))
    .map(field => {
      const suggestion = closest(field, ROOT_FIELDS);
      return {
        path: field,
        message: `is not a known field${
          suggestion ? `; did you mean "${suggestion}"?` : ''
        } (known fields of the entity: ${ROOT_FIELDS.join(', ')})`,
      };
    });
}

function schemaProblems(kind: MlopsKind, entity: Entity): ValidationProblem[] {
  const validate = compiledSchema(kind);
  if (validate(entity)) return [];
  return (validate.errors ?? []).map(explain);
}

function formatNumber(value: number, unit?: string): string {
  return unit ? `${value} ${unit}` : String(value);
}

// The rules on business drivers that make their KPIs trackable: a unique
// history key, a known better direction, a usable cadence and reference period.
function businessDriverProblems(
  drivers: BusinessDriver[],
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const ids = new Map<string, number>();
  drivers.forEach((driver, index) => {
    const at = (field: string) => `spec.businessDrivers[${index}].${field}`;
    const id = kpiIdOf(driver);
    const derived = driver.id === undefined ? ' (derived from the kpi)' : '';
    if (!id) {
      problems.push({
        path: at('id'),
        message: `is required: the kpi ${JSON.stringify(
          driver.kpi,
        )} has no letter a-z or digit to derive it from; write an id of lower-case letters, digits and "-"`,
      });
    } else if (ids.has(id)) {
      problems.push({
        path: at('id'),
        message: `repeats "${id}"${derived}, the id of spec.businessDrivers[${ids.get(
          id,
        )}]; each KPI needs its own id, the key of its history`,
      });
    } else {
      ids.set(id, index);
    }

    const { baseline, target, unit } = driver;
    const implied = impliedKpiDirection(driver);
    if (implied && driver.direction && driver.direction !== implied) {
      problems.push({
        path: at('direction'),
        message: `is "${driver.direction}", but the target ${formatNumber(
          target!,
          unit,
        )} is ${
          implied === 'increase' ? 'above' : 'below'
        } the baseline ${formatNumber(
          baseline!,
          unit,
        )}, which means "${implied}"; correct the direction or the numbers`,
      });
    }
    if (!implied && !driver.direction) {
      const why =
        baseline === undefined || target === undefined
          ? `without both a baseline and a target`
          : `when the target equals the baseline`;
      problems.push({
        path: at('direction'),
        message: `is required ${why}: write "increase" if a higher ${driver.kpi} is better, "decrease" if a lower one is`,
      });
    }

    if (driver.cadence !== undefined) {
      const problem = checkCadence(driver.cadence);
      if (problem) problems.push({ path: at('cadence'), message: problem });
    }

    const period = driver.referencePeriod;
    if (period) {
      const dates = (['start', 'end'] as const).filter(key => {
        if (isIsoDate(period[key])) return true;
        problems.push({
          path: at(`referencePeriod.${key}`),
          message: `is not a day of the calendar, got "${period[key]}"`,
        });
        return false;
      });
      if (dates.length === 2 && period.end <= period.start) {
        problems.push({
          path: at('referencePeriod.end'),
          message: `must be after the start ${period.start}, got ${period.end}`,
        });
      }
    }
  });
  return problems;
}

const STATISTICS_BELOW = DRIFT_STATISTIC_NAMES.filter(name =>
  (DRIFT_STATISTICS[name].directions as readonly string[]).includes('below'),
);

// Why a statistic does not take a direction, naming those that do.
function directionProblem(
  direction: ThresholdDirection,
  statistic: DriftStatisticName,
): string {
  if (direction === 'below') {
    const values = STATISTICS_BELOW.filter(
      name => !DRIFT_STATISTICS[name].pValue,
    );
    const pValues = STATISTICS_BELOW.filter(
      name => DRIFT_STATISTICS[name].pValue,
    );
    return `"below" applies to ${values
      .map(name => `a ${name}`)
      .join(' or ')} or to the p-value of ${pValues.join(
      ' or ',
    )}; a ${statistic} distance only worsens upwards`;
  }
  const allowing = DRIFT_STATISTIC_NAMES.filter(name =>
    (DRIFT_STATISTICS[name].directions as readonly string[]).includes(
      direction,
    ),
  );
  return `"${direction}" applies to statistic ${allowing.join(
    ' or ',
  )}, a value that must stay inside a band; ${statistic} takes ${DRIFT_STATISTICS[
    statistic
  ].directions
    .map(name => `"${name}"`)
    .join(' or ')}`;
}

const formatBand = (band: readonly number[]) => `[${band.join(', ')}]`;

// The schema takes a number or a pair for either threshold; which one is
// right depends on the direction: a band [lower, upper] for `outside`, a
// number otherwise. Then the thresholds in order: the warning reached first.
function thresholdProblems(
  feature: MonitoredFeature,
  at: (field: string) => string,
): ValidationProblem[] {
  const levels = ['warning', 'alert'] as const;
  // As read from YAML, before the direction says which form is right.
  const value = (key: 'warning' | 'alert') =>
    feature[key] as number | ThresholdBand;
  const shape: ValidationProblem[] = [];
  for (const key of levels) {
    const threshold = value(key);
    if (feature.direction === 'outside') {
      if (!Array.isArray(threshold)) {
        shape.push({
          path: at(key),
          message: `must be a band [lower, upper] with direction "outside", got ${describe(
            threshold,
          )}`,
        });
      } else if (threshold[0] >= threshold[1]) {
        shape.push({
          path: at(key),
          message: `must be [lower, upper] with the lower bound below the upper, got ${formatBand(
            threshold,
          )}`,
        });
      }
    } else if (Array.isArray(threshold)) {
      shape.push({
        path: at(key),
        message: `must be a number, got ${formatBand(
          threshold,
        )}; a band [lower, upper] needs direction "outside"`,
      });
    }
  }
  if (shape.length) return shape;

  if (feature.direction === 'outside') {
    const [warningLower, warningUpper] = feature.warning;
    const [alertLower, alertUpper] = feature.alert;
    const order: ValidationProblem[] = [];
    if (alertLower > warningLower) {
      order.push({
        path: at('alert[0]'),
        message: `must be at most the lower bound of the warning band ${formatBand(
          feature.warning,
        )}, got ${alertLower}; the alert band contains the warning band`,
      });
    }
    if (alertUpper < warningUpper) {
      order.push({
        path: at('alert[1]'),
        message: `must be at least the upper bound of the warning band ${formatBand(
          feature.warning,
        )}, got ${alertUpper}; the alert band contains the warning band`,
      });
    }
    return order;
  }
  if (feature.direction === 'below') {
    return feature.alert > feature.warning
      ? [
          {
            path: at('alert'),
            message: `must be at most the warning threshold ${feature.warning} with direction "below", got ${feature.alert}`,
          },
        ]
      : [];
  }
  return feature.alert < feature.warning
    ? [
        {
          path: at('alert'),
          message: `must be at least the warning threshold ${feature.warning}, got ${feature.alert}`,
        },
      ]
    : [];
}

// What the schema cannot say about a monitor: a cadence longer than zero,
// and per feature what its statistic's entry in DRIFT_STATISTICS allows (the
// feature types, negative values, the directions), and thresholds of the
// form their direction needs, in order.
function monitorProblems(
  spec: MLMonitorEntityV1alpha1['spec'],
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (spec.cadence !== undefined && durationMillis(spec.cadence) === 0) {
    problems.push({
      path: 'spec.cadence',
      message: `must be longer than zero, got "${spec.cadence}"`,
    });
  }
  spec.features.forEach((feature, index) => {
    const at = (field: string) => `spec.features[${index}].${field}`;
    const { statistic } = feature;
    const definition = DRIFT_STATISTICS[statistic];
    if (feature.type === undefined && definition.input !== 'value') {
      problems.push({
        path: at('type'),
        message: `is required with statistic ${statistic}: ${definition.featureTypes
          .map(type => `"${type}"`)
          .join(' or ')}; only statistic ${DRIFT_STATISTIC_NAMES.filter(
          name => DRIFT_STATISTICS[name].input === 'value',
        ).join(', ')}, a value the pipeline pushes, may leave it out`,
      });
    }
    const wrongType = featureTypeProblem(feature);
    if (wrongType) problems.push({ path: at('statistic'), message: wrongType });
    const direction = feature.direction ?? 'above';
    if (
      !(definition.directions as readonly ThresholdDirection[]).includes(
        direction,
      )
    ) {
      problems.push({
        path: at('direction'),
        message: directionProblem(direction, statistic),
      });
    }
    if (!definition.signed) {
      for (const key of ['warning', 'alert'] as const) {
        const negative = [feature[key]].flat().find(bound => bound < 0);
        if (negative !== undefined) {
          problems.push({
            path: at(key),
            message: `must be at least 0, got ${negative}; a ${statistic} value is never negative (negative thresholds are for statistic ${DRIFT_STATISTIC_NAMES.filter(
              name => DRIFT_STATISTICS[name].signed,
            ).join(', ')})`,
          });
        }
      }
    }
    problems.push(...thresholdProblems(feature, at));
    if (
      feature.direction === 'below' &&
      thresholdsOf(feature).on === 'p-value' &&
      (feature.warning > 1 || feature.alert > 1)
    ) {
      const key = feature.warning > 1 ? 'warning' : 'alert';
      problems.push({
        path: at(key),
        message: `is a p-value threshold of ${statistic} (direction "below") and must be at most 1, got ${feature[key]}`,
      });
    }
  });
  problems.push(...prometheusSourceProblems(spec));
  problems.push(...alertChannelProblems(spec.alerting?.channels));
  return problems;
}

// A Prometheus binding must name declared features, each once, and read a
// p-value only where the feature's statistic has one.
function prometheusSourceProblems(
  spec: MLMonitorEntityV1alpha1['spec'],
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const prometheus = spec.source?.prometheus;
  if (prometheus?.step !== undefined && durationMillis(prometheus.step) === 0) {
    problems.push({
      path: 'spec.source.prometheus.step',
      message: `must be longer than zero, got "${prometheus.step}"`,
    });
  }
  const declared = new Map(spec.features.map(f => [f.name, f]));
  const bound = new Map<string, number>();
  prometheus?.features.forEach((binding, index) => {
    const at = `spec.source.prometheus.features[${index}]`;
    const feature = declared.get(binding.name);
    if (!feature) {
      const suggestion = closest(binding.name, [...declared.keys()]);
      problems.push({
        path: `${at}.name`,
        message: `"${binding.name}" is not a feature of spec.features (${[
          ...declared.keys(),
        ].join(', ')})${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
      });
      return;
    }
    if (bound.has(binding.name)) {
      problems.push({
        path: `${at}.name`,
        message: `repeats "${
          binding.name
        }", bound in spec.source.prometheus.features[${bound.get(
          binding.name,
        )}]; each feature takes one query`,
      });
    }
    bound.set(binding.name, index);
    if (
      binding.on === 'p-value' &&
      !DRIFT_STATISTICS[feature.statistic].pValue
    ) {
      problems.push({
        path: `${at}.on`,
        message: `"p-value" applies to a feature whose statistic has one (${DRIFT_STATISTIC_NAMES.filter(
          name => DRIFT_STATISTICS[name].pValue,
        ).join(', ')}); ${binding.name} is a ${feature.statistic}`,
      });
    }
  });
  return problems;
}

// Consistency rules that JSON schema cannot express.
function semanticProblems(entity: MlopsEntity): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (entity.kind === 'MLUseCase') {
    problems.push(...businessDriverProblems(entity.spec.businessDrivers ?? []));
  }
  const duplicates = (path: string, names: string[] | undefined) => {
    const seen = new Set<string>();
    names?.forEach((name, index) => {
      if (seen.has(name)) {
        problems.push({
          path: `${path}[${index}].name`,
          message: `repeats "${name}"; each name may appear once`,
        });
      }
      seen.add(name);
    });
  };
  if (entity.kind === 'MLModel') {
    duplicates(
      'spec.metrics',
      entity.spec.metrics?.map(m => m.name),
    );
  }
  if (entity.kind === 'MLMonitor') {
    duplicates(
      'spec.features',
      entity.spec.features.map(f => f.name),
    );
    problems.push(...monitorProblems(entity.spec));
  }
  return problems;
}

// Reference strings are checked whatever the shape of the rest of the spec,
// so that one round of fixes is enough.
function referenceProblems(entity: MlopsEntity): ValidationProblem[] {
  return readSpecReferences(entity).flatMap(reference =>
    reference.problem
      ? [{ path: reference.path, message: reference.problem }]
      : [],
  );
}

/**
 * Lists everything wrong with an MLightenment entity: root fields outside the
 * Backstage envelope, schema violations (wrong types, missing or misspelt
 * fields), malformed references and
 * inconsistent values. An empty list means the entity is valid.
 * @public
 */
export function validateMlopsEntity(entity: MlopsEntity): ValidationProblem[] {
  const problems = [
    ...rootFieldProblems(entity),
    ...schemaProblems(entity.kind, entity),
  ];
  // Consistency rules read the spec as typed, so only once its shape is right.
  const consistency = problems.length ? [] : semanticProblems(entity);
  return [...problems, ...consistency, ...referenceProblems(entity)];
}

/**
 * What is wrong with an entity that claims the `mlightenment.io` API group
 * but that no MLightenment kind validator accepts (an unknown version or a
 * misspelt kind), or with an MLightenment kind under another API group (an
 * apiVersion copied from a Backstage kind). Undefined for other entities,
 * which belong to other processors.
 * @public
 */
export function unsupportedMlopsEntityProblem(
  entity: Entity,
): ValidationProblem | undefined {
  const kinds = MLOPS_KINDS as readonly string[];
  if (!entity.apiVersion?.startsWith('mlightenment.io/')) {
    // An ML kind under another group, e.g. copied from a Component.
    return kinds.includes(entity.kind)
      ? {
          path: 'apiVersion',
          message: `"${entity.apiVersion}" is not the apiVersion of ${entity.kind}; write "${MLOPS_API_VERSION}"`,
        }
      : undefined;
  }
  if (!kinds.includes(entity.kind)) {
    const suggestion = closest(entity.kind ?? '', [...kinds]);
    return {
      path: 'kind',
      message: `"${entity.kind}" is not a kind of ${entity.apiVersion}${
        suggestion ? `; did you mean "${suggestion}"?` : ''
      } (kinds: ${kinds.join(', ')})`,
    };
  }
  if (entity.apiVersion !== MLOPS_API_VERSION) {
    return {
      path: 'apiVersion',
      message: `"${entity.apiVersion}" is not supported; ${entity.kind} entities use "${MLOPS_API_VERSION}"`,
    };
  }
  return undefined;
}

/**
 * A kind outside the `mlightenment.io` API group that looks like a misspelt
 * MLightenment kind (`MLModle` under `backstage.io/v1alpha1`). Meant for
 * tools that check files before commit; the catalog module does not claim
 * such entities, since another processor might.
 * @public
 */
export function lookalikeMlopsKindProblem(
  entity: Entity,
): ValidationProblem | undefined {
  const kinds = MLOPS_KINDS as readonly string[];
  if (
    typeof entity.kind !== 'string' ||
    kinds.includes(entity.kind) ||
    entity.apiVersion?.startsWith('mlightenment.io/') ||
    !/^ml/i.test(entity.kind)
  ) {
    return undefined;
  }
  const suggestion = closest(entity.kind, [...kinds]);
  return suggestion
    ? {
        path: 'kind',
        message: `"${entity.kind}" is not a known kind; did you mean "${suggestion}"? (apiVersion "${MLOPS_API_VERSION}")`,
      }
    : undefined;
}

function kindValidator(kind: MlopsKind): KindValidator {
  return {
    async check(entity: Entity) {
      if (entity.apiVersion !== MLOPS_API_VERSION || entity.kind !== kind) {
        return false;
      }
      const problems = validateMlopsEntity(entity as MlopsEntity);
      if (problems.length) {
        throw new MlopsEntityValidationError(entity, problems);
      }
      return true;
    },
  };
}

/** Validates MLUseCase entities; throws {@link MlopsEntityValidationError}. @public */
export const mlUseCaseEntityV1alpha1Validator = kindValidator('MLUseCase');
/** Validates MLModel entities; throws {@link MlopsEntityValidationError}. @public */
export const mlModelEntityV1alpha1Validator = kindValidator('MLModel');
/** Validates MLMonitor entities; throws {@link MlopsEntityValidationError}. @public */
export const mlMonitorEntityV1alpha1Validator = kindValidator('MLMonitor');
