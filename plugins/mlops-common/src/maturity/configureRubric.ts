import type { JsonPrimitive } from '@backstage/types';
import { createExternalCheck } from '../checks/externalCheck';
import { FRAMEWORK_STAGES, FrameworkStageId } from '../framework/stages';
import type {
  CheckDefinition,
  CheckMetadata,
  CheckRemediation,
} from '../checks/types';
import type { CheckLevel, MaturityLevel } from '../framework/levels';
import { closest } from '../kinds/closest';
import { MLOPS_KINDS, MlopsKind } from '../kinds/types';
import { describeValue, isObject, ProblemCollector } from './configError';
import {
  createDeclarativeCheck,
  DECLARATIVE_OPERATORS,
  DeclarativeOperator,
} from './declarativeCheck';
import { parseEntityPath } from './entityPath';
import type { Rubric } from './rubric';

/** The app-config key the maturity configuration lives under. @public */
export const MATURITY_CONFIG_KEY = 'mlops.maturity';

/** What every check from configuration declares about itself. @public */
export interface CustomCheckConfigBase {
  /** `area.what` in kebab case, e.g. `model.techdocs`; unique in the rubric. */
  id: string;
  title: string;
  /** Defaults to the title. */
  description?: string;
  stage: FrameworkStageId;
  level: CheckLevel;
  kinds: readonly MlopsKind[];
  /** Defaults to the description. */
  rationale?: string;
  /** Defaults to a sentence naming the path and what it must hold. */
  remediation?: CheckRemediation;
}

/** A check from configuration that compares one value of the entity. @public */
export interface DeclarativeCheckConfig extends CustomCheckConfigBase {
  type?: 'declarative';
  /** See {@link DeclarativeCondition.path}. */
  path: string;
  operator: DeclarativeOperator;
  value?: JsonPrimitive | JsonPrimitive[];
}

/** A check from configuration whose results a pipeline pushes. @public */
export interface ExternalCheckConfig extends CustomCheckConfigBase {
  type: 'external';
}

/** A check added through configuration. @public */
export type CustomCheckConfig = DeclarativeCheckConfig | ExternalCheckConfig;

/** A level's name and meaning, as configuration overrides them. @public */
export interface LevelConfig {
  name?: string;
  description?: string;
}

/** The rubric configuration, `mlops.maturity` in app-config. @public */
export interface RubricConfig {
  /** Ids of checks of the base rubric to leave out. */
  disabledChecks?: string[];
  /** New names or meanings for levels 0 to 4. */
  levels?: Partial<Record<MaturityLevel, LevelConfig>>;
  /** Checks to add. */
  customChecks?: CustomCheckConfig[];
}

const CHECK_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$/;
const COMMON_FIELDS = [
  'id',
  'title',
  'description',
  'stage',
  'level',
  'kinds',
  'rationale',
  'remediation',
  'type',
];
const DECLARATIVE_FIELDS = [...COMMON_FIELDS, 'path', 'operator', 'value'];
const STAGES = FRAMEWORK_STAGES.map(s => s.id);

function hint(value: string, candidates: readonly string[]): string {
  const suggestion = closest(value, [...candidates]);
  return suggestion
    ? `; did you mean "${suggestion}"?`
    : ` (one of ${candidates.map(c => `"${c}"`).join(', ')})`;
}

function regexProblem(source: string): string | undefined {
  try {
    return RegExp(source) ? undefined : 'empty';
  } catch (error) {
    return (error as Error).message;
  }
}

// "=>" is nearer to ">" by spelling, but meant ">=".
function operatorHint(operator: string): string {
  const reversed = [...operator].reverse().join('');
  return DECLARATIVE_OPERATORS.includes(reversed as DeclarativeOperator)
    ? `; did you mean "${reversed}"?`
    : hint(operator, DECLARATIVE_OPERATORS);
}

function unknownFields(
  problems: ProblemCollector,
  key: string,
  object: Record<string, unknown>,
  known: readonly string[],
): void {
  for (const field of Object.keys(object)) {
    if (!known.includes(field)) {
      problems.add(
        `${key}.${field}`,
        `is not a known field${hint(field, known)}`,
      );
    }
  }
}

function text(
  problems: ProblemCollector,
  key: string,
  value: unknown,
  required: boolean,
): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || !value.trim()) {
    problems.add(
      key,
      `must be a non-empty string, got ${describeValue(value)}`,
    );
    return undefined;
  }
  return value;
}

function readLevels(
  problems: ProblemCollector,
  key: string,
  raw: unknown,
): Map<number, LevelConfig> {
  const levels = new Map<number, LevelConfig>();
  if (raw === undefined) return levels;
  if (!isObject(raw)) {
    problems.add(
      key,
      `must be an object of levels 0 to 4, got ${describeValue(raw)}`,
    );
    return levels;
  }
  for (const [level, override] of Object.entries(raw)) {
    const levelKey = `${key}.${level}`;
    if (!/^[0-4]$/.test(level)) {
      problems.add(levelKey, 'is not a level; levels are 0 to 4');
      continue;
    }
    if (!isObject(override)) {
      problems.add(
        levelKey,
        `must be an object with name and description, got ${describeValue(
          override,
        )}`,
      );
      continue;
    }
    unknownFields(problems, levelKey, override, ['name', 'description']);
    levels.set(Number(level), {
      name: text(problems, `${levelKey}.name`, override.name, false),
      description: text(
        problems,
        `${levelKey}.description`,
        override.description,
        false,
      ),
    });
  }
  return levels;
}

function readCondition(
  problems: ProblemCollector,
  key: string,
  raw: Record<string, unknown>,
): Pick<DeclarativeCheckConfig, 'path' | 'operator' | 'value'> | undefined {
  const before = problems.problems.length;
  const path = text(problems, `${key}.path`, raw.path, true);
  if (path !== undefined) {
    try {
      parseEntityPath(path);
    } catch (error) {
      problems.add(`${key}.path`, (error as Error).message);
    }
  }
  const operator = raw.operator as DeclarativeOperator;
  const value = raw.value;
  const scalar = (v: unknown) =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  if (
    typeof operator !== 'string' ||
    !DECLARATIVE_OPERATORS.includes(operator)
  ) {
    problems.add(
      `${key}.operator`,
      typeof operator === 'string'
        ? `unknown operator "${operator}"${operatorHint(operator)}`
        : `is required, one of ${DECLARATIVE_OPERATORS.map(o => `"${o}"`).join(
            ', ',
          )}`,
    );
  } else if (operator === 'exists') {
    if (value !== undefined) {
      problems.add(`${key}.value`, 'must be left out: "exists" takes no value');
    }
  } else if (value === undefined) {
    problems.add(`${key}.value`, `is required for the operator "${operator}"`);
  } else if (operator === 'equals' || operator === 'notEquals') {
    if (!scalar(value)) {
      problems.add(
        `${key}.value`,
        `must be a string, number or boolean for "${operator}", got ${describeValue(
          value,
        )}`,
      );
    }
  } else if (operator === 'in') {
    if (!Array.isArray(value) || value.length === 0 || !value.every(scalar)) {
      problems.add(
        `${key}.value`,
        `must be a non-empty list of strings, numbers or booleans for "in", got ${describeValue(
          value,
        )}`,
      );
    }
  } else if (operator === 'matches') {
    if (typeof value !== 'string') {
      problems.add(
        `${key}.value`,
        `must be a regular expression as a string, got ${describeValue(value)}`,
      );
    } else {
      const invalid = regexProblem(value);
      if (invalid) {
        problems.add(
          `${key}.value`,
          `is not a valid regular expression: ${invalid}`,
        );
      }
    }
  } else if (operator === 'minItems') {
    if (!Number.isInteger(value) || (value as number) < 0) {
      problems.add(
        `${key}.value`,
        `must be a whole number of at least 0 for "minItems", got ${describeValue(
          value,
        )}`,
      );
    }
  } else if (typeof value !== 'number') {
    problems.add(
      `${key}.value`,
      `must be a number for "${operator}", got ${describeValue(value)}`,
    );
  }
  if (problems.problems.length > before) return undefined;
  return {
    path: path!,
    operator,
    value: value as DeclarativeCheckConfig['value'],
  };
}

function defaultRemediation(
  condition: Pick<DeclarativeCheckConfig, 'path' | 'operator' | 'value'>,
): string {
  const { path, operator, value } = condition;
  switch (operator) {
    case 'exists':
      return `Set ${path}.`;
    case 'equals':
      return `Set ${path} to ${JSON.stringify(value)}.`;
    case 'notEquals':
      return `Set ${path} to anything but ${JSON.stringify(value)}.`;
    case 'in':
      return `Set ${path} to one of ${(value as JsonPrimitive[])
        .map(v => JSON.stringify(v))
        .join(', ')}.`;
    case 'matches':
      return `Set ${path} to a value matching /${value}/.`;
    case 'minItems':
      return `List at least ${value} item${value === 1 ? '' : 's'} in ${path}.`;
    default:
      return `Set ${path} to a number ${operator} ${value}.`;
  }
}

function readCustomCheck(
  problems: ProblemCollector,
  key: string,
  raw: unknown,
  takenIds: Set<string>,
): CheckDefinition | undefined {
  if (!isObject(raw)) {
    problems.add(key, `must be an object, got ${describeValue(raw)}`);
    return undefined;
  }
  const before = problems.problems.length;
  const external = raw.type === 'external';
  if (raw.type !== undefined && raw.type !== 'declarative' && !external) {
    problems.add(
      `${key}.type`,
      `must be "declarative" (the default) or "external", got ${describeValue(
        raw.type,
      )}`,
    );
  }
  unknownFields(
    problems,
    key,
    raw,
    external ? COMMON_FIELDS : DECLARATIVE_FIELDS,
  );

  const id = text(problems, `${key}.id`, raw.id, true);
  if (id !== undefined) {
    if (!CHECK_ID.test(id)) {
      problems.add(
        `${key}.id`,
        `"${id}" must be kebab-case words joined by dots, such as "model.techdocs"`,
      );
    } else if (takenIds.has(id)) {
      problems.add(`${key}.id`, `"${id}" is already the id of another check`);
    }
    takenIds.add(id);
  }
  const title = text(problems, `${key}.title`, raw.title, true);
  const description = text(
    problems,
    `${key}.description`,
    raw.description,
    false,
  );
  const rationale = text(problems, `${key}.rationale`, raw.rationale, false);

  const stage = raw.stage as FrameworkStageId;
  if (!STAGES.includes(stage)) {
    problems.add(
      `${key}.stage`,
      typeof stage === 'string'
        ? `unknown stage "${stage}"${hint(stage, STAGES)}`
        : `is required, one of ${STAGES.map(s => `"${s}"`).join(', ')}`,
    );
  }
  const level = raw.level as CheckLevel;
  if (![1, 2, 3, 4].includes(level)) {
    problems.add(
      `${key}.level`,
      `must be a level from 1 to 4, got ${describeValue(raw.level)}`,
    );
  }
  const kinds = raw.kinds as MlopsKind[];
  if (!Array.isArray(kinds) || kinds.length === 0) {
    problems.add(
      `${key}.kinds`,
      `must list at least one of ${MLOPS_KINDS.join(', ')}, got ${describeValue(
        kinds,
      )}`,
    );
  } else {
    kinds.forEach((kind, index) => {
      if (!MLOPS_KINDS.includes(kind)) {
        problems.add(
          `${key}.kinds[${index}]`,
          `unknown kind ${describeValue(kind)}${
            typeof kind === 'string' ? hint(kind, MLOPS_KINDS) : ''
          }`,
        );
      }
    });
  }
  let remediation: CheckRemediation | undefined;
  if (raw.remediation !== undefined) {
    const remediationKey = `${key}.remediation`;
    if (!isObject(raw.remediation)) {
      problems.add(
        remediationKey,
        `must be an object with text and link, got ${describeValue(
          raw.remediation,
        )}`,
      );
    } else {
      unknownFields(problems, remediationKey, raw.remediation, [
        'text',
        'link',
      ]);
      remediation = {
        text: text(
          problems,
          `${remediationKey}.text`,
          raw.remediation.text,
          true,
        )!,
        link: text(
          problems,
          `${remediationKey}.link`,
          raw.remediation.link,
          false,
        ),
      };
      if (remediation.link === undefined) delete remediation.link;
    }
  }
  const condition = external ? undefined : readCondition(problems, key, raw);
  if (problems.problems.length > before) return undefined;

  const metadata: CheckMetadata = {
    id: id!,
    title: title!,
    description: description ?? title!,
    stage,
    level,
    kinds,
    rationale: rationale ?? description ?? title!,
    remediation: remediation ?? {
      text: condition
        ? defaultRemediation(condition)
        : 'Push a result for this check from your pipeline.',
    },
  };
  return condition
    ? createDeclarativeCheck(metadata, condition)
    : createExternalCheck(metadata);
}

/**
 * A rubric configured from app-config (`mlops.maturity`): checks of the base
 * rubric disabled, levels renamed, declarative and external checks added
 * (after the base checks, in configuration order). A custom check may reuse
 * the id of a base check it disables, to replace it. The configuration is
 * validated as a whole; every problem is reported at once in a
 * {@link RubricConfigError} whose message names each key.
 * @public
 */
export function configureRubric(
  base: Rubric,
  config: RubricConfig | undefined,
  keyPrefix: string = MATURITY_CONFIG_KEY,
): Rubric {
  const raw: unknown = config;
  if (raw === undefined || raw === null) return base;
  const problems = new ProblemCollector();
  if (!isObject(raw)) {
    problems.add(keyPrefix, `must be an object, got ${describeValue(raw)}`);
    problems.throwIfAny();
  }
  const settings = raw as Record<string, unknown>;
  const baseIds = base.checks.map(check => check.id);

  const disabled = new Set<string>();
  const disabledKey = `${keyPrefix}.disabledChecks`;
  if (settings.disabledChecks !== undefined) {
    if (!Array.isArray(settings.disabledChecks)) {
      problems.add(
        disabledKey,
        `must be a list of check ids, got ${describeValue(
          settings.disabledChecks,
        )}`,
      );
    } else {
      settings.disabledChecks.forEach((id, index) => {
        const key = `${disabledKey}[${index}]`;
        if (typeof id !== 'string') {
          problems.add(key, `must be a check id, got ${describeValue(id)}`);
        } else if (!baseIds.includes(id)) {
          const suggestion = closest(id, baseIds);
          problems.add(
            key,
            `unknown check "${id}"${
              suggestion
                ? `; did you mean "${suggestion}"?`
                : `; the checks are ${baseIds.join(', ')}`
            }`,
          );
        } else {
          disabled.add(id);
        }
      });
    }
  }

  const levels = readLevels(problems, `${keyPrefix}.levels`, settings.levels);

  const custom: CheckDefinition[] = [];
  const customKey = `${keyPrefix}.customChecks`;
  if (settings.customChecks !== undefined) {
    if (!Array.isArray(settings.customChecks)) {
      problems.add(
        customKey,
        `must be a list of checks, got ${describeValue(settings.customChecks)}`,
      );
    } else {
      const taken = new Set(baseIds.filter(id => !disabled.has(id)));
      settings.customChecks.forEach((check, index) => {
        const definition = readCustomCheck(
          problems,
          `${customKey}[${index}]`,
          check,
          taken,
        );
        if (definition) custom.push(definition);
      });
    }
  }

  problems.throwIfAny();
  return {
    ...base,
    levels: base.levels.map(level => ({
      ...level,
      ...Object.fromEntries(
        Object.entries(levels.get(level.level) ?? {}).filter(
          ([, value]) => value !== undefined,
        ),
      ),
    })),
    checks: [
      ...base.checks.filter(check => !disabled.has(check.id)),
      ...custom,
    ],
  };
}
