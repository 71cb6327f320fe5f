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
    // Most references are full and lower case already (relations'
    // targetRef): no parsing, no new string.
    const exact = this.byRef.get(ref);
    if (exact) return exact;
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
  // Several checks ask for the same relation (a model's monitors); each
  // relation type is looked up once per entity, and every caller gets its own
  // copy, free to change.
  const relatedByType = new Map<string, Entity[]>();
  return {
    entity,
    getEntity: ref => catalog.get(ref),
    related: relationType => {
      let related = relatedByType.get(relationType);
      if (!related) {
        related = [];
        for (const relation of entity.relations ?? []) {
          if (relation.type !== relationType) continue;
          const target = catalog.get(relation.targetRef);
          if (target) related.push(target);
        }
        relatedByType.set(relationType, related);
      }
      return related.slice();
    },
    facts: options.facts ?? {},
    now: options.now ?? new Date(),
  };
}
