import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  diagnosticRefOf,
  MLOPS_KINDS,
  MlopsKind,
} from '@mlightenment/backstage-plugin-mlops-common';

/** An entity reference in the one form the store keys on: `kind:namespace/name`, lower case. */
export function normalizeRef(
  ref: string,
  defaults?: { defaultKind?: string; defaultNamespace?: string },
): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultNamespace: 'default', ...defaults }),
  ).toLowerCase();
}

/**
 * The lower-case reference of an entity, asked for many times per refresh
 * (the checks, the fact sources, the stores) and per diagnostic: worked out
 * once per entity object, in the one memo the common package keeps.
 */
export function refOf(entity: Entity): string {
  return diagnosticRefOf(entity);
}

/** The kind of an ML entity from a path segment, case-insensitive; a 400 naming the parameter otherwise. */
export function mlopsKindParam(kind: string): MlopsKind {
  const found = MLOPS_KINDS.find(k => k.toLowerCase() === kind.toLowerCase());
  if (!found) {
    throw new InputError(
      `Invalid kind "${kind}": must be one of ${MLOPS_KINDS.join(', ')}`,
    );
  }
  return found;
}

/** The owner of an entity as a full reference: the catalog's ownedBy relation, else spec.owner. */
export function ownerRefOf(entity: Entity): string | undefined {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) return relation.targetRef.toLowerCase();
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string') return undefined;
  try {
    return normalizeRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
  } catch {
    return undefined;
  }
}

/**
 * An entity's page in the portal, relative to the app's base URL, with an
 * optional tab (`maturity`, `gate-strategy`, `value`): the link every
 * notification carries.
 */
export function entityPath(entityRef: string, tab?: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind.toLowerCase()}/${name}${
    tab ? `/${tab}` : ''
  }`;
}
