import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { refOf } from './entityRefs';

/**
 * Which entities a caller may read in the catalog. Scores are only served for
 * those. When the policy allows catalog reads unconditionally (the common
 * case), no catalog round trip is made.
 */
export class EntityAccess {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly catalog: CatalogService,
  ) {}

  /** `'all'`, or the subset of `entityRefs` (lower case) the caller may read. */
  async readable(
    entityRefs: readonly string[],
    credentials: BackstageCredentials,
  ): Promise<'all' | Set<string>> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return 'all';
    if (decision.result === AuthorizeResult.DENY) return new Set();
    const readable = new Set<string>();
    for (let i = 0; i < entityRefs.length; i += 1000) {
      const { items } = await this.catalog.getEntitiesByRefs(
        {
          entityRefs: entityRefs.slice(i, i + 1000) as string[],
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      );
      for (const item of items) if (item) readable.add(refOf(item));
    }
    return readable;
  }

  /** Whether the caller may read one entity. */
  async canRead(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const readable = await this.readable([entityRef], credentials);
    return readable === 'all' || readable.has(entityRef);
  }
}
