import {
  ANNOTATION_LOCATION,
  DEFAULT_NAMESPACE,
  Entity,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ENTITY_STATUS_CATALOG_PROCESSING_TYPE } from '@backstage/catalog-client';
import type { UnprocessedEntity } from '@backstage/plugin-catalog-unprocessed-entities-common';
import {
  catalogPolicyProblem,
  MLOPS_KINDS,
  MlopsKind,
  RejectedEntity,
  RejectedEntityLocation,
  RejectedEntityProblem,
  ValidationProblem,
} from '@mlightenment/backstage-plugin-mlops-common';
import { ownerRefOf, refOf } from '../shared/entityRefs';

/**
 * An error as the catalog stores it (serialised, with its causes): the
 * module's MlopsEntityValidationError keeps its `problems` when serialised.
 */
type StoredError = {
  name?: string;
  message?: string;
  cause?: StoredError;
  problems?: ValidationProblem[];
};

/** The ML kind of an entity, whatever the case it was written in. */
export function mlopsKindOf(entity: Partial<Entity>): MlopsKind | undefined {
  const kind = String(entity.kind ?? '').toLocaleLowerCase('en-US');
  return MLOPS_KINDS.find(k => k.toLocaleLowerCase('en-US') === kind);
}

/**
 * The problems in the catalog's errors for one entity: the field-level
 * problems of the module's validation where it threw them, else the
 * innermost cause's message (the catalog wraps each error in its own:
 * "Processor … threw an error while validating the entity …; caused by …"),
 * with the field it names. Each problem once.
 */
export function problemsOf(
  errors: readonly StoredError[],
): RejectedEntityProblem[] {
  const problems: RejectedEntityProblem[] = [];
  const add = (problem: RejectedEntityProblem) => {
    if (
      !problems.some(
        p => p.field === problem.field && p.message === problem.message,
      )
    ) {
      problems.push(problem);
    }
  };
  for (const error of errors) {
    let innermost = error;
    let validation: ValidationProblem[] | undefined;
    const seen = new Set<StoredError>();
    for (let e: StoredError | undefined = error; e && !seen.has(e); ) {
      seen.add(e);
      if (Array.isArray(e.problems)) validation = e.problems;
      innermost = e;
      e = e.cause;
    }
    if (validation) {
      for (const p of validation) add({ field: p.path, message: p.message });
    } else {
      const { path, message } = catalogPolicyProblem(
        innermost.message ?? error.message ?? String(error.name ?? 'Error'),
      );
      add(path ? { field: path, message } : { message });
    }
  }
  return problems;
}

/** Where the catalog read the entity from, if it says. */
export function locationOf(
  entity: Partial<Entity>,
): RejectedEntityLocation | undefined {
  const ref = entity.metadata?.annotations?.[ANNOTATION_LOCATION];
  if (typeof ref !== 'string') return undefined;
  try {
    const { type, target } = parseLocationRef(ref);
    return { type, target };
  } catch {
    return undefined;
  }
}

function titleOf(entity: Partial<Entity>): string | undefined {
  const title = entity.metadata?.title;
  return typeof title === 'string' && title ? title : undefined;
}

/**
 * An entity the catalog has never accepted, from its record of unprocessed
 * entities; undefined for other kinds and for entities not processed yet.
 */
export function rejectedFromUnprocessed(
  record: UnprocessedEntity,
): RejectedEntity | undefined {
  // The module's query joins two tables whose columns share names: the
  // record's entity_ref may be null, and errors not yet written are "".
  const entity = record.unprocessed_entity;
  const name = entity?.metadata?.name;
  const kind = entity && mlopsKindOf(entity);
  const errors = Array.isArray(record.errors) ? record.errors : [];
  if (!kind || typeof name !== 'string' || !errors.length) return undefined;
  const owner = ownerRefOf(entity);
  const location = locationOf(entity);
  const title = titleOf(entity);
  return {
    entityRef: stringifyEntityRef({
      kind,
      namespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
      name,
    }).toLocaleLowerCase('en-US'),
    kind,
    ...(title && { title }),
    ...(owner && { owner }),
    state: 'not-in-catalog',
    ...(location && { location }),
    problems: problemsOf(errors as StoredError[]),
  };
}

/**
 * An entity the catalog serves in the last version it accepted while it
 * rejects the current one: the processing errors in its status. Undefined
 * for an entity without them.
 */
export function rejectedFromServed(entity: Entity): RejectedEntity | undefined {
  const kind = mlopsKindOf(entity);
  // `status` is not in the Entity type: the catalog adds it when it stitches.
  const { status } = entity as {
    status?: {
      items?: {
        type?: string;
        level?: string;
        message?: string;
        error?: StoredError;
      }[];
    };
  };
  const items = (status?.items ?? []).filter(
    item =>
      item.type === ENTITY_STATUS_CATALOG_PROCESSING_TYPE &&
      item.level === 'error',
  );
  if (!kind || !items.length) return undefined;
  const owner = ownerRefOf(entity);
  const location = locationOf(entity);
  const title = titleOf(entity);
  return {
    entityRef: refOf(entity),
    kind,
    ...(title && { title }),
    ...(owner && { owner }),
    state: 'previous-version-served',
    ...(location && { location }),
    problems: problemsOf(
      items.map(item => item.error ?? { message: item.message }),
    ),
  };
}
