import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  FrameworkStageId,
  GATED_KINDS,
  GatedEntityDescription,
  GatedKind,
  GateFactsVersion,
  gateFactsVersionOf,
  gateRiskTierOf,
  gateSignOffFor,
  GateSignOffRules,
  GateViewer,
  mlopsGateDecidePermission,
  modelUseCaseRef,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { EntityAccess } from '../shared/EntityAccess';
import { normalizeRef, ownerRefOf, refOf } from '../shared/entityRefs';
import type { NotifiedGate } from './notifications';
import type { GateResource } from './permissionRules';

/** An entity whose gates change: what recording and announcing that needs. */
export type GateTarget = GateFactsVersion & Omit<NotifiedGate, 'stage'>;

/** The gated entity with what its gates need around it. */
export interface GatedEntity extends GatedEntityDescription, GateTarget {
  entity: Entity;
}

/** What recording and announcing an entity's gate changes needs, from the entity alone. */
export function targetOf(entity: Entity): GateTarget {
  return {
    entityRef: refOf(entity),
    title: entity.metadata.title ?? entity.metadata.name,
    ownerRef: ownerRefOf(entity),
    ...gateFactsVersionOf(entity),
  };
}

/**
 * The use cases and models behind gate routes, and who may do what on
 * them: the entity with its sponsor and risk tier (of the use case, or of a
 * model's use case), its permission resources, and the caller's claims and
 * decision on `mlops.gate.decide`.
 */
export class GatedEntities {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      userInfo: UserInfoService;
      permissions: PermissionsService;
      /** Applies a conditional decision on `mlops.gate.decide` to a gate (the registered rules). */
      applyConditions: (
        decision: PolicyDecision,
        resource: GateResource,
      ) => boolean;
      access: EntityAccess;
      signOff: GateSignOffRules;
    },
  ) {}

  /** The ML entity a gate route names, with its sponsor and facts; 404 unless the caller may read it. */
  async get(
    entityRef: string,
    credentials?: BackstageCredentials,
  ): Promise<GatedEntity> {
    const ref = normalizeRef(entityRef);
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    if (
      !entity ||
      !(GATED_KINDS as readonly string[]).includes(entity.kind) ||
      (credentials && !(await this.options.access.canRead(ref, credentials)))
    ) {
      throw new NotFoundError(`No use case or model ${ref} in the catalog`);
    }
    return this.describe(entity);
  }

  async describe(entity: Entity): Promise<GatedEntity> {
    return (await this.describeAll([entity]))[0];
  }

  /**
   * Use cases and models with their sponsor and risk tier. The use cases of
   * models are taken from the list where they are in it, the others read
   * from the catalog at once.
   */
  async describeAll(entities: readonly Entity[]): Promise<GatedEntity[]> {
    const useCases = new Map<string, Entity>(
      entities.filter(e => e.kind === 'MLUseCase').map(e => [refOf(e), e]),
    );
    const missing = [
      ...new Set(
        entities
          .map(modelUseCaseRef)
          .filter((ref): ref is string => !!ref && !useCases.has(ref)),
      ),
    ];
    if (missing.length > 0) {
      const { items } = await this.options.catalog.getEntitiesByRefs(
        { entityRefs: missing, fields: ['kind', 'metadata', 'spec'] },
        { credentials: await this.options.auth.getOwnServiceCredentials() },
      );
      items.forEach((item, i) => {
        if (item) useCases.set(missing[i], item);
      });
    }
    return entities.map(entity =>
      describeGatedEntity(entity, ref => useCases.get(ref)),
    );
  }

  resource(gated: GatedEntity, stage: FrameworkStageId): GateResource {
    return {
      entityRef: gated.entityRef,
      stage,
      ...(gated.sponsorRef ? { sponsorRef: gated.sponsorRef } : {}),
      ...(gated.ownerRef ? { ownerRef: gated.ownerRef } : {}),
      signOffGroups: gateSignOffFor(this.options.signOff, gated.riskTier)
        [stage].filter(
          (r): r is { type: 'group'; ref: string } => r.type === 'group',
        )
        .map(r => r.ref),
    };
  }

  /** The caller as the gates see them: their claims, and their decision on `mlops.gate.decide` applied per gate. */
  async viewerOf(
    gated: GatedEntity,
    credentials: BackstageCredentials,
  ): Promise<GateViewer> {
    const [[decision], claims] = await Promise.all([
      this.options.permissions.authorizeConditional(
        [{ permission: mlopsGateDecidePermission }],
        { credentials },
      ),
      this.claimsOf(credentials),
    ]);
    return {
      claims,
      mayDecide: stage => {
        if (decision.result === AuthorizeResult.ALLOW) return true;
        if (decision.result === AuthorizeResult.DENY) return false;
        return this.options.applyConditions(
          decision,
          this.resource(gated, stage),
        );
      },
    };
  }

  private async claimsOf(credentials: BackstageCredentials): Promise<string[]> {
    if (!this.options.auth.isPrincipal(credentials, 'user')) {
      return [];
    }
    const info = await this.options.userInfo.getUserInfo(credentials);
    return info.ownershipEntityRefs.map(ref => ref.toLowerCase());
  }
}

/**
 * A use case or model with its sponsor and risk tier: of the use case, or of
 * a model's use case, found with `useCaseOf`.
 */
export function describeGatedEntity(
  entity: Entity,
  useCaseOf: (useCaseRef: string) => Entity | undefined,
): GatedEntity {
  const useCase =
    entity.kind === 'MLModel'
      ? useCaseOf(modelUseCaseRef(entity) ?? '')
      : entity;
  const sponsorRef =
    useCase?.kind === 'MLUseCase' ? sponsorOf(useCase) : undefined;
  const riskTier = gateRiskTierOf(entity, useCaseOf);
  return {
    ...targetOf(entity),
    entity,
    kind: entity.kind as GatedKind,
    ...(sponsorRef ? { sponsorRef } : {}),
    ...(riskTier ? { riskTier } : {}),
  };
}

/** The sponsor of a use case (`spec.sponsor`, a user unless it names a group). */
function sponsorOf(useCase: Entity): string | undefined {
  const sponsor = useCase.spec?.sponsor;
  if (typeof sponsor !== 'string') return undefined;
  try {
    return normalizeRef(sponsor, {
      defaultKind: 'user',
      defaultNamespace: useCase.metadata.namespace ?? 'default',
    });
  } catch {
    return undefined;
  }
}
