import type { ErrorObject } from 'ajv';
import { closest } from '../closest';
import type { ValidationProblem } from './problems';

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

export function describe(value: unknown): string {
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

export function explain(error: ErrorObject): ValidationProblem {
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
