import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { MlopsEntity } from '../kinds/types';
import type { CheckContext, EntityFacts } from './types';

/**
 * The catalog as checks see it: entities by their lower-case reference.
 * Build it once per evaluation run and share it between entities. Entity
 * references are ASCII, so plain `toLowerCase` keys them (it is an order of
 * magnitude faster than the locale-aware variant, which matters at 10,000
 * entities with dozens of look-ups each).
 * @public
 */
export class CatalogSnapshot {
  private readonly byRef = new Map<string, Entity>();
  // Short references (`churn-prevention`, `group:retention`) resolved once.
  private readonly resolved = new Map<string, string | null>();

  constructor(entities: Iterable<Entity>) {
    for (const entity of entities) {
      this.byRef.set(stringifyEntityRef(entity).toLowerCase(), entity);
    }
  }

  /** The entity a reference points to; `defaultKind` applies when the reference names none. */
  get(ref: string, defaultKind?: string): Entity | undefined {
    // Most references are full already (relations' targetRef): no parsing.
    const lower = ref.toLowerCase();
    const direct = this.byRef.get(lower);
    if (direct) return direct;
    const cacheKey = `${defaultKind ?? ''}\u0000${lower}`;
    let key = this.resolved.get(cacheKey);
    if (key === undefined) {
      try {
        key = stringifyEntityRef(
          parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
        ).toLowerCase();
      } catch {
        key = null;
      }
      this.resolved.set(cacheKey, key);
    }
    return key === null ? undefined : this.byRef.get(key);
  }

  /** Every entity of the snapshot. */
  values(): IterableIterator<Entity> {
    return this.byRef.values();
  }

  get size(): number {
    return this.byRef.size;
  }
}

/**
 * The context a check reads for one entity.
 * @public
 */
export function createCheckContext(options: {
  entity: MlopsEntity;
  catalog: CatalogSnapshot;
  facts?: EntityFacts;
  now?: Date;
}): CheckContext {
  const { entity, catalog } = options;
  return {
    entity,
    getEntity: ref => catalog.get(ref),
    related: relationType =>
      (entity.relations ?? [])
        .filter(relation => relation.type === relationType)
        .map(relation => catalog.get(relation.targetRef))
        .filter((related): related is Entity => related !== undefined),
    facts: options.facts ?? {},
    now: options.now ?? new Date(),
  };
}
