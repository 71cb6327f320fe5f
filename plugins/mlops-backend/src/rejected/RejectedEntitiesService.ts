import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ResponseError, ServiceUnavailableError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CatalogUnprocessedEntitiesApi,
  CatalogUnprocessedEntitiesClient,
  unprocessedEntitiesReadPermission,
} from '@backstage/plugin-catalog-unprocessed-entities-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MLOPS_KINDS,
  RejectedEntities,
  RejectedEntity,
} from '@mlightenment/backstage-plugin-mlops-common';
import { TtlCache } from '../shared/TtlCache';
import {
  rejectedFromServed,
  rejectedFromUnprocessed,
} from './rejectedEntities';

// What a served entity's processing errors are read from.
const SERVED_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.owner',
  'relations',
  'status',
];

/** Where a rejected entity's file is read from to find its lines. */
export interface SourceLines {
  /** The entity with the line of its document and of each problem's field, where found. */
  locate(entity: RejectedEntity): Promise<RejectedEntity>;
}

/**
 * The ML entities the catalog rejected, read from the catalog's own record:
 * its unprocessed entities (served by
 * `@backstage/plugin-catalog-backend-module-unprocessed`), for entities it
 * never accepted, and the processing errors in the status of entities it
 * still serves in a previous version.
 */
export class RejectedEntitiesService {
  private readonly unprocessed: CatalogUnprocessedEntitiesApi;
  // The catalog answers with every unprocessed entity in full, of every
  // kind (thousands while a large catalog starts): read at most every 10 s,
  // however many Group pages are open. Who may see what is decided after.
  private readonly neverAcceptedCache = new TtlCache<RejectedEntity[]>({
    ttlMs: 10_000,
    maxEntries: 1,
  });

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      discovery: DiscoveryService;
      permissions: PermissionsService;
      userInfo: UserInfoService;
      sourceLines?: SourceLines;
    },
  ) {
    this.unprocessed = new CatalogUnprocessedEntitiesClient(deps.discovery);
  }

  /**
   * The rejected ML entities the caller may see, of one owner when given
   * (a full, lower-case entity reference): all that the catalog never
   * accepted for whoever may read its unprocessed entities, else those the
   * caller owns, directly or through a group; and those served in a
   * previous version that the caller may read.
   */
  async list(
    credentials: BackstageCredentials,
    owner?: string,
  ): Promise<RejectedEntities> {
    const [neverAccepted, served, visible] = await Promise.all([
      this.neverAcceptedCache.get('all', () => this.neverAccepted()),
      this.servedWithErrors(credentials, owner),
      this.visibleUnprocessed(credentials),
    ]);
    const items = [
      ...neverAccepted.filter(
        e =>
          visible === 'all' || (e.owner !== undefined && visible.has(e.owner)),
      ),
      ...served,
    ]
      .filter(e => owner === undefined || e.owner === owner)
      .sort(
        (a, b) =>
          (a.owner ?? '\uffff').localeCompare(b.owner ?? '\uffff') ||
          a.entityRef.localeCompare(b.entityRef),
      );
    const { sourceLines } = this.deps;
    return {
      items: sourceLines
        ? await Promise.all(items.map(e => sourceLines.locate(e)))
        : items,
    };
  }

  /** Whether the caller may read every unprocessed entity, else the owners they count as. */
  private async visibleUnprocessed(
    credentials: BackstageCredentials,
  ): Promise<'all' | Set<string>> {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: unprocessedEntitiesReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return 'all';
    if (!this.deps.auth.isPrincipal(credentials, 'user')) return new Set();
    const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(
      credentials,
    );
    return new Set(ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US')));
  }

  /** The ML entities the catalog has never accepted, with its errors. */
  private async neverAccepted(): Promise<RejectedEntity[]> {
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
      targetPluginId: 'catalog',
    });
    let records;
    try {
      // An entity rejected on its first processing has no final entity
      // ("pending" with errors); "failed" has the ones whose final entity
      // was removed.
      const [pending, failed] = await Promise.all([
        this.unprocessed.pending({ token }),
        this.unprocessed.failed({ token }),
      ]);
      records = [...pending.entities, ...failed.entities];
    } catch (error) {
      if (error instanceof ResponseError && error.response.status === 404) {
        throw new ServiceUnavailableError(
          'The catalog does not serve its unprocessed entities: add @backstage/plugin-catalog-backend-module-unprocessed to the backend',
        );
      }
      throw error;
    }
    const byRef = new Map<string, RejectedEntity>();
    for (const record of records) {
      const rejected = rejectedFromUnprocessed(record);
      if (rejected) byRef.set(rejected.entityRef, rejected);
    }
    return [...byRef.values()];
  }

  /** The ML entities the caller may read whose latest version the catalog rejected. */
  private async servedWithErrors(
    credentials: BackstageCredentials,
    owner?: string,
  ): Promise<RejectedEntity[]> {
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          kind: [...MLOPS_KINDS],
          ...(owner && { 'relations.ownedBy': owner }),
        },
        fields: SERVED_FIELDS,
      },
      { credentials },
    );
    return items
      .map((entity: Entity) => rejectedFromServed(entity))
      .filter((e): e is RejectedEntity => e !== undefined);
  }
}
