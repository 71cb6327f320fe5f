import type { Entity } from '@backstage/catalog-model';
import { closest } from '../closest';
import { MLOPS_API_VERSION, MLOPS_KINDS } from '../types';
import type { ValidationProblem } from './problems';

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
