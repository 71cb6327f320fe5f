import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  isMLUseCaseEntity,
  type MLModelEntityV1alpha1,
  type MLUseCaseEntityV1alpha1,
} from '../../kinds/types';
import type { CheckContext } from '../types';

// Spec references repeat across entities (a use case's name, a team): each
// is parsed once, found by default kind, namespace and value without building
// a key. Bounded, so a long-running backend does not grow it forever.
const fullRefs = new Map<string, Map<string, Map<string, string | null>>>();
let fullRefCount = 0;
const FULL_REFS_MAX = 100_000;

/**
 * A reference written in an entity's spec, in full (`kind:namespace/name`),
 * with the field's default kind and the entity's namespace filled in; undefined
 * when it does not parse.
 */
export function fullRef(
  value: string,
  defaultKind: string,
  from: Entity,
): string | undefined {
  const namespace = from.metadata.namespace ?? 'default';
  let byNamespace = fullRefs.get(defaultKind);
  if (!byNamespace) {
    byNamespace = new Map();
    fullRefs.set(defaultKind, byNamespace);
  }
  let byValue = byNamespace.get(namespace);
  if (!byValue) {
    byValue = new Map();
    byNamespace.set(namespace, byValue);
  }
  let ref = byValue.get(value);
  if (ref === undefined) {
    try {
      ref = stringifyEntityRef(
        parseEntityRef(value, { defaultKind, defaultNamespace: namespace }),
      );
    } catch {
      ref = null;
    }
    if (fullRefCount >= FULL_REFS_MAX) {
      fullRefs.clear();
      fullRefCount = 0;
    }
    byValue.set(value, ref);
    fullRefCount += 1;
  }
  return ref ?? undefined;
}

/** The catalog entity a spec reference points to, if the catalog holds it. */
export function findReferenced(
  context: Pick<CheckContext, 'entity' | 'getEntity'>,
  value: string,
  defaultKind: string,
): Entity | undefined {
  const ref = fullRef(value, defaultKind, context.entity);
  return ref ? context.getEntity(ref) : undefined;
}

/** The kind a reference names, lower case, with the field's default applied. */
export function refKind(
  value: string,
  defaultKind: string,
  from: Entity,
): string | undefined {
  return fullRef(value, defaultKind, from)?.split(':')[0];
}

/** `a, b and c` */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The use case a model's spec.useCase points to, if the catalog holds it. */
export function useCaseOfModel(
  context: Pick<CheckContext, 'entity' | 'getEntity'>,
  model: MLModelEntityV1alpha1,
): MLUseCaseEntityV1alpha1 | undefined {
  const useCase = findReferenced(context, model.spec.useCase, 'mlusecase');
  return useCase && isMLUseCaseEntity(useCase) ? useCase : undefined;
}
