import type { JsonPrimitive } from '@backstage/types';
import { compare } from '../acceptance/compare';
import type {
  CheckDefinition,
  CheckEvaluation,
  CheckMetadata,
} from '../checks/types';
import { parseEntityPath, valueAtPath } from './entityPath';

/** How a declarative check compares the value at its path. @public */
export type DeclarativeOperator =
  | 'exists'
  | 'equals'
  | 'notEquals'
  | 'in'
  | 'matches'
  | '>='
  | '>'
  | '<='
  | '<'
  | 'minItems';

/** Every declarative operator. @public */
export const DECLARATIVE_OPERATORS: readonly DeclarativeOperator[] = [
  'exists',
  'equals',
  'notEquals',
  'in',
  'matches',
  '>=',
  '>',
  '<=',
  '<',
  'minItems',
];

/** What a declarative check reads and how it judges it. @public */
export interface DeclarativeCondition {
  /**
   * Where in the entity: `spec.governance.reviewCadence`,
   * `metadata.annotations["backstage.io/techdocs-ref"]`, `spec.metrics[0].name`.
   */
  path: string;
  operator: DeclarativeOperator;
  /**
   * What to compare with: a string, number or boolean for `equals` and
   * `notEquals`, a list of them for `in`, a regular expression (string) for
   * `matches`, a number for the comparisons and `minItems`; none for `exists`.
   */
  value?: JsonPrimitive | JsonPrimitive[];
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isEmpty(value: unknown): boolean {
  if (value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && value !== null) {
    return Object.keys(value).length === 0;
  }
  return false;
}

function judge(
  { path, operator, value }: DeclarativeCondition,
  pattern: RegExp | undefined,
  found: unknown,
): CheckEvaluation {
  const pass = (reason: string): CheckEvaluation => ({
    outcome: 'passed',
    reason,
  });
  const fail = (reason: string): CheckEvaluation => ({
    outcome: 'failed',
    reason,
  });
  const is = `${path} is ${show(found)}`;
  switch (operator) {
    case 'exists':
      return isEmpty(found) ? fail(`${path} is empty.`) : pass(`${is}.`);
    case 'equals':
      return found === value
        ? pass(`${is}.`)
        : fail(`${is}, expected ${show(value)}.`);
    case 'notEquals':
      return found === value
        ? fail(`${is}, which is not allowed.`)
        : pass(`${is}.`);
    case 'in':
      return (value as JsonPrimitive[]).includes(found as JsonPrimitive)
        ? pass(`${is}.`)
        : fail(
            `${is}, expected one of ${(value as JsonPrimitive[])
              .map(show)
              .join(', ')}.`,
          );
    case 'matches': {
      if (typeof found !== 'string' && typeof found !== 'number') {
        return fail(`${is}, not text to match /${value}/.`);
      }
      return pattern!.test(String(found))
        ? pass(`${is}, matching /${value}/.`)
        : fail(`${is}, which does not match /${value}/.`);
    }
    case 'minItems': {
      if (!Array.isArray(found)) return fail(`${is}, not a list.`);
      const items = `${path} has ${found.length} item${
        found.length === 1 ? '' : 's'
      }`;
      return found.length >= (value as number)
        ? pass(`${items}.`)
        : fail(`${items}, needs at least ${value}.`);
    }
    default: {
      if (typeof found !== 'number') return fail(`${is}, not a number.`);
      return compare(found, operator, value as number)
        ? pass(`${is}.`)
        : fail(`${is}, needs ${operator} ${value}.`);
    }
  }
}

/**
 * A check that reads one value of the entity and compares it. A path that
 * leads nowhere (a missing field, `null`) fails whatever the operator: the
 * owner has not declared what the check asks for. The path and operator are
 * assumed valid; `configureRubric` validates them from configuration.
 * @public
 */
export function createDeclarativeCheck(
  metadata: CheckMetadata,
  condition: DeclarativeCondition,
): CheckDefinition {
  const segments = parseEntityPath(condition.path);
  const pattern =
    condition.operator === 'matches'
      ? new RegExp(condition.value as string)
      : undefined;
  return {
    ...metadata,
    evaluate({ entity }) {
      const found = valueAtPath(entity, segments);
      if (found === undefined || found === null) {
        return { outcome: 'failed', reason: `${condition.path} is not set.` };
      }
      return judge(condition, pattern, found);
    },
  };
}
