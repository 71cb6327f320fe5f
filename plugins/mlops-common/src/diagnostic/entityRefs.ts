import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { readSpecReferences } from '../kinds/references';
import type { MlopsEntity } from '../kinds/types';

// The diagnostic asks for an entity's reference and the references in its
// spec many times over (every indicator, every team); an entity is a value
// read from the catalog and never changed in place, so each is worked out
// once per entity object.
const refs = new WeakMap<Entity, string>();
const specRefs = new WeakMap<MlopsEntity, Map<string, string[]>>();
const NONE: readonly string[] = [];

/** The lower-case reference of an entity, worked out once per entity object. */
export function entityRefOnce(entity: Entity): string {
  let ref = refs.get(entity);
  if (ref === undefined) {
    ref = stringifyEntityRef(entity).toLowerCase();
    refs.set(entity, ref);
  }
  return ref;
}

/**
 * The lower-case references an ML entity's spec field points to, worked
 * out once per entity object: the list itself, read-only, for the
 * diagnostic's own loops (no copy per call).
 */
export function specRefsView(
  entity: MlopsEntity,
  path: string,
): readonly string[] {
  let byPath = specRefs.get(entity);
  if (!byPath) {
    byPath = new Map();
    for (const r of readSpecReferences(entity)) {
      if (!r.target) continue;
      const list = byPath.get(r.field.path) ?? [];
      list.push(stringifyEntityRef(r.target).toLowerCase());
      byPath.set(r.field.path, list);
    }
    specRefs.set(entity, byPath);
  }
  return byPath.get(path) ?? NONE;
}
