import type {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  changedGateFacts,
  CheckOutcome,
  criterionMet,
  EntityFacts,
  criterionSource,
  currentStage,
  effectiveDecisions,
  EntityGates,
  GateAttestationRequest,
  GateAuditRecord,
  GateDecisionRecord,
  GateDecisionRequest,
  GateView,
  evaluateGateState,
  FrameworkStageId,
  GATE_DEFINITIONS,
  GATED_KINDS,
  GateApprovalFact,
  GatedKind,
  GateFacts,
  gateFactsHash,
  gateFactsOf,
  GateSignOffConfig,
  GateState,
  mlopsGateDecidePermission,
  signOffId,
  SignOffRequirement,
} from '@mlightenment/backstage-plugin-mlops-common';
import { toCsv } from '../shared/csv';
import { principalOf } from '../shared/principal';
import type { EntityAccess } from '../shared/EntityAccess';
import type { ScorecardChange } from '../scorecards/ScorecardStore';
import { normalizeRef, ownerRefOf, refOf } from '../shared/entityRefs';
import { gateConflict } from './conflicts';
import type { GateEvent, GateStore, NewGateEvent } from './GateStore';
import type { GateNotifier, NotifiedGate } from './notifications';
import type { GateResource } from './permissionRules';

const DAY = 24 * 60 * 60 * 1000;

/** A check result a gate criterion reads. */
export type CriterionCheckResult = { outcome: CheckOutcome; reason: string };

type CheckResultLike = CriterionCheckResult & { checkId: string };

/** The checks behind the gate criteria of a kind. */
function gateCheckIds(kind: GatedKind): string[] {
  return GATE_DEFINITIONS.flatMap(gate =>
    gate.criteria.flatMap(criterion => {
      const source = criterionSource(criterion, kind);
      return source.source === 'check' ? [source.checkId] : [];
    }),
  );
}

export interface GateServiceOptions {
  store: GateStore;
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
  /** The current check results of an entity, by check id (the scorecard engine's). */
  checkResults: (entity: Entity) => Promise<Map<string, CriterionCheckResult>>;
  signOff: GateSignOffConfig;
  notifier: GateNotifier;
  logger: LoggerService;
  clock?: () => Date;
}

/** The gated entity with what its gates need around it. */
interface GatedEntity {
  entity: Entity;
  entityRef: string;
  kind: GatedKind;
  title: string;
  ownerRef?: string;
  sponsorRef?: string;
  facts: GateFacts;
  hash: string;
}

/** An invalidation of a decision: recorded, or implied by the current facts. */
interface Invalidation {
  at: Date;
  comment: string;
  decisionId: string;
}

/** Derived state of one gate from its events, without criteria. */
interface GateHistory {
  decisions: GateEvent[];
  invalidated: Map<string, Invalidation>;
  attestations: Map<string, GateEvent>;
  /** Decisions resting on other facts than the current ones, not invalidated on record yet. */
  stale: GateEvent[];
}

/**
 * The history of a gate. With the entity's current facts, a decision that
 * rests on others counts as invalidated, whether or not the invalidation is
 * recorded yet (the scheduled sync and the next write record it).
 */
function historyOf(
  events: readonly GateEvent[],
  stage: FrameworkStageId,
  current?: { facts: GateFacts; hash: string; at: Date },
): GateHistory {
  const history: GateHistory = {
    decisions: [],
    invalidated: new Map(),
    attestations: new Map(),
    stale: [],
  };
  for (const event of events) {
    if (event.stage !== stage) continue;
    if (event.type === 'decision') history.decisions.push(event);
    if (event.type === 'invalidation' && event.decisionId) {
      history.invalidated.set(event.decisionId, event);
    }
    // The latest attestation of a criterion counts.
    if (event.type === 'attestation' && event.criterion) {
      history.attestations.set(event.criterion, event);
    }
  }
  if (current) {
    for (const d of history.decisions) {
      if (history.invalidated.has(d.id) || d.entityHash === current.hash) {
        continue;
      }
      history.stale.push(d);
      history.invalidated.set(d.id, {
        at: current.at,
        comment: invalidationReason(d, current.facts),
        decisionId: d.id,
      });
    }
  }
  return history;
}

function invalidationReason(decision: GateEvent, facts: GateFacts): string {
  return `The facts the decision rested on changed: ${changedGateFacts(
    decision.facts,
    facts,
  ).join(', ')}.`;
}

function decisionStatuses(history: GateHistory) {
  return history.decisions.map(d => ({
    event: d,
    decision: d.decision!,
    role: d.role!,
    at: d.at.toISOString(),
    invalidated: history.invalidated.has(d.id),
  }));
}

/** When a gate's sign-off completed: the latest of the approvals that count. */
function approvedAt(
  signOff: readonly SignOffRequirement[],
  history: GateHistory,
): Date | undefined {
  const effective = [
    ...effectiveDecisions(signOff, decisionStatuses(history)).values(),
  ];
  if (effective.length === 0) return undefined;
  return new Date(Math.max(...effective.map(d => d.event.at.getTime())));
}

/**
 * Stage gates of use cases and models: builds their views from the catalog,
 * the check engine's results and the audit trail; records decisions and
 * attestations (permission-checked, at the revision the caller saw); and
 * invalidates decisions whose facts changed.
 */
export class GateService {
  constructor(private readonly options: GateServiceOptions) {}

  private now() {
    return this.options.clock?.() ?? new Date();
  }

  /** The ML entity a gate route names, with its sponsor and facts; 404 unless the caller may read it. */
  private async gatedEntity(
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

  private async describe(entity: Entity): Promise<GatedEntity> {
    const facts = gateFactsOf(entity);
    return {
      entity,
      entityRef: refOf(entity),
      kind: entity.kind as GatedKind,
      title: entity.metadata.title ?? entity.metadata.name,
      ownerRef: ownerRefOf(entity),
      sponsorRef: await this.sponsorOf(entity),
      facts,
      hash: gateFactsHash(facts),
    };
  }

  /** The sponsor of a use case, or of a model's use case. */
  private async sponsorOf(entity: Entity): Promise<string | undefined> {
    const namespace = entity.metadata.namespace ?? 'default';
    let useCase: Entity | undefined = entity;
    if (entity.kind === 'MLModel') {
      const ref = entity.spec?.useCase;
      if (typeof ref !== 'string') return undefined;
      useCase = await this.options.catalog.getEntityByRef(
        normalizeRef(ref, {
          defaultKind: 'mlusecase',
          defaultNamespace: namespace,
        }),
        { credentials: await this.options.auth.getOwnServiceCredentials() },
      );
    }
    const sponsor = useCase?.spec?.sponsor;
    if (typeof sponsor !== 'string') return undefined;
    try {
      return normalizeRef(sponsor, {
        defaultKind: 'user',
        defaultNamespace: useCase!.metadata.namespace ?? namespace,
      });
    } catch {
      return undefined;
    }
  }

  /** The permission resource of a gate (for the permission framework's getResources). */
  async gateResource(
    entityRef: string,
    stage: FrameworkStageId,
  ): Promise<GateResource> {
    return this.resource(await this.gatedEntity(entityRef), stage);
  }

  private resource(gated: GatedEntity, stage: FrameworkStageId): GateResource {
    return {
      entityRef: gated.entityRef,
      stage,
      ...(gated.sponsorRef ? { sponsorRef: gated.sponsorRef } : {}),
      ...(gated.ownerRef ? { ownerRef: gated.ownerRef } : {}),
      signOffGroups: this.options.signOff[stage]
        .filter((r): r is { type: 'group'; ref: string } => r.type === 'group')
        .map(r => r.ref),
    };
  }

  /** Who may sign for a requirement of the entity's gate. */
  private signers(
    gated: GatedEntity,
    requirement: SignOffRequirement,
  ): string[] {
    if (requirement.type === 'sponsor')
      return gated.sponsorRef ? [gated.sponsorRef] : [];
    if (requirement.type === 'owner')
      return gated.ownerRef ? [gated.ownerRef] : [];
    return [requirement.ref];
  }

  private signOffLabel(requirement: SignOffRequirement): string {
    if (requirement.type === 'sponsor') return 'Sponsor';
    if (requirement.type === 'owner') return 'Owner';
    return parseEntityRef(requirement.ref).name;
  }

  /** The caller's decision on `mlops.gate.decide`, applied per gate. */
  private async gateAuthorizer(credentials: BackstageCredentials) {
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission: mlopsGateDecidePermission }],
      { credentials },
    );
    return (resource: GateResource) => {
      if (decision.result === AuthorizeResult.ALLOW) return true;
      if (decision.result === AuthorizeResult.DENY) return false;
      return this.options.applyConditions(decision, resource);
    };
  }

  private async claimsOf(credentials: BackstageCredentials): Promise<string[]> {
    if (!this.options.auth.isPrincipal(credentials, 'user')) {
      return [];
    }
    const info = await this.options.userInfo.getUserInfo(credentials);
    return info.ownershipEntityRefs.map(ref => ref.toLowerCase());
  }

  /**
   * Invalidates the decisions of an entity that rest on other facts than its
   * current ones, recording which fields changed, and notifies the owner and
   * the approvers. Returns the stages whose gates changed.
   */
  private async invalidateStale(
    gated: GatedEntity,
    events: readonly GateEvent[],
  ): Promise<FrameworkStageId[]> {
    const changed: FrameworkStageId[] = [];
    for (const gate of GATE_DEFINITIONS) {
      const { stale } = historyOf(events, gate.stage, this.current(gated));
      if (stale.length === 0) continue;
      const invalidations: NewGateEvent[] = stale.map(d => ({
        type: 'invalidation',
        actor: 'system',
        comment: invalidationReason(d, gated.facts),
        entityHash: gated.hash,
        facts: gated.facts,
        decisionId: d.id,
      }));
      const recorded = await this.options.store.invalidate(
        gated.entityRef,
        gate.stage,
        invalidations,
      );
      if (recorded.length === 0) continue;
      changed.push(gate.stage);
      const reasons = [...new Set(recorded.map(r => r.comment))].join(' ');
      const approvers = [
        ...new Set(
          stale
            .filter(d => recorded.some(r => r.decisionId === d.id))
            .map(d => d.actor),
        ),
      ];
      this.options.logger.info(
        `Invalidated ${recorded.length} decision(s) on the ${gate.stage} gate of ${gated.entityRef}: ${reasons}`,
      );
      await this.options.notifier.invalidated(
        this.notified(gated, gate.stage),
        reasons,
        approvers,
      );
    }
    return changed;
  }

  /** The entity's facts now, against which decisions are judged. */
  private current(gated: GatedEntity) {
    return { facts: gated.facts, hash: gated.hash, at: this.now() };
  }

  private notified(gated: GatedEntity, stage: FrameworkStageId): NotifiedGate {
    return {
      entityRef: gated.entityRef,
      title: gated.title,
      ownerRef: gated.ownerRef,
      stage,
    };
  }

  /** An entity's gate events, oldest first. */
  private async eventsOf(entityRef: string): Promise<GateEvent[]> {
    return (
      (await this.options.store.getEvents([entityRef])).get(entityRef) ?? []
    );
  }

  private async buildView(
    gated: GatedEntity,
    events: readonly GateEvent[],
    credentials?: BackstageCredentials,
    checkResults?: ReadonlyMap<string, CriterionCheckResult>,
  ): Promise<EntityGates> {
    const [checks, revisions] = await Promise.all([
      checkResults ?? this.options.checkResults(gated.entity),
      this.options.store.getRevisions(gated.entityRef),
    ]);
    const authorize = credentials
      ? await this.gateAuthorizer(credentials)
      : () => false;
    const claims = credentials ? await this.claimsOf(credentials) : [];
    const stages: GateView[] = [];
    let previousApproval: Date | undefined;
    let earlierApproved = true;
    for (const gate of GATE_DEFINITIONS) {
      const signOff = this.options.signOff[gate.stage];
      const history = historyOf(events, gate.stage, this.current(gated));
      const criteria = gate.criteria.map(criterion => {
        const source = criterionSource(criterion, gated.kind);
        if (source.source === 'check') {
          const result = checks.get(source.checkId);
          const status = {
            id: criterion.id,
            source: 'check' as const,
            outcome: result?.outcome,
          };
          return {
            id: criterion.id,
            title: criterion.title,
            source: 'check' as const,
            checkId: source.checkId,
            ...(result
              ? { outcome: result.outcome, reason: result.reason }
              : {}),
            met: criterionMet(status),
          };
        }
        const attestation = history.attestations.get(criterion.id);
        return {
          id: criterion.id,
          title: criterion.title,
          source: 'attestation' as const,
          met: Boolean(attestation),
          ...(attestation
            ? {
                attestation: {
                  by: attestation.actor,
                  at: attestation.at.toISOString(),
                  evidenceUrl: attestation.evidenceUrl ?? '',
                  comment: attestation.comment,
                },
              }
            : {}),
        };
      });
      const statuses = decisionStatuses(history);
      const state = evaluateGateState({
        criteria: criteria.map(c =>
          c.source === 'check'
            ? { id: c.id, source: c.source, outcome: c.outcome }
            : { id: c.id, source: c.source, attested: c.met },
        ),
        signOff,
        decisions: statuses,
      });
      const effective = effectiveDecisions(signOff, statuses);
      const decisionView = (event: GateEvent): GateDecisionRecord => {
        const invalidation = history.invalidated.get(event.id);
        return {
          id: event.id,
          stage: gate.stage,
          decision: event.decision!,
          role: event.role!,
          by: event.actor,
          at: event.at.toISOString(),
          comment: event.comment,
          ...(event.evidenceUrl ? { evidenceUrl: event.evidenceUrl } : {}),
          entityHash: event.entityHash,
          revision: event.revision,
          ...(invalidation
            ? {
                invalidated: {
                  at: invalidation.at.toISOString(),
                  reason: invalidation.comment,
                },
              }
            : {}),
        };
      };
      const resource = this.resource(gated, gate.stage);
      const canSign = signOff.some(r =>
        this.signers(gated, r).some(ref => claims.includes(ref)),
      );
      stages.push({
        stage: gate.stage,
        number: gate.number,
        title: gate.title,
        state,
        // Pending invalidations are recorded at the next revision.
        revision:
          (revisions[gate.stage] ?? 0) + (history.stale.length > 0 ? 1 : 0),
        ...(previousApproval
          ? { enteredAt: previousApproval.toISOString() }
          : {}),
        keySteps: [...gate.keySteps],
        keyRoles: [...gate.keyRoles],
        criteria,
        signOff: signOff.map(requirement => {
          const decided = effective.get(signOffId(requirement));
          const refs = this.signers(gated, requirement);
          return {
            id: signOffId(requirement),
            label: this.signOffLabel(requirement),
            refs,
            yours: refs.some(ref => claims.includes(ref)),
            ...(decided ? { decision: decisionView(decided.event) } : {}),
          };
        }),
        canDecide: earlierApproved && canSign && authorize(resource),
        decisions: history.decisions.map(decisionView).reverse(),
        invalidations: [...history.invalidated.values()].map(i => ({
          at: i.at.toISOString(),
          reason: i.comment,
          decisionId: i.decisionId!,
        })),
      });
      previousApproval =
        state === 'approved' ? approvedAt(signOff, history) : undefined;
      earlierApproved = earlierApproved && state === 'approved';
    }
    const current = currentStage(
      Object.fromEntries(stages.map(s => [s.stage, s.state])),
    );
    return {
      entityRef: gated.entityRef,
      currentStage: current.stage,
      complete: current.complete,
      entityHash: gated.hash,
      stages,
    };
  }

  /**
   * The gates of a use case or model. Decisions whose facts changed show as
   * invalidated; a read records and announces nothing.
   */
  async getGates(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityGates> {
    const gated = await this.gatedEntity(entityRef, credentials);
    return this.buildView(
      gated,
      await this.eventsOf(gated.entityRef),
      credentials,
    );
  }

  /**
   * Checks that the caller may act on the gate: the permission (403, before
   * anything else is read or written), a sign-off the caller may give, and
   * the revision they saw.
   */
  private async prepare(
    entityRef: string,
    stage: FrameworkStageId,
    revision: number,
    credentials: BackstageCredentials,
  ) {
    const gated = await this.gatedEntity(entityRef, credentials);
    const authorize = await this.gateAuthorizer(credentials);
    if (!authorize(this.resource(gated, stage))) {
      throw new NotAllowedError(
        `You may not decide on the ${stage} gate of ${gated.entityRef} (permission ${mlopsGateDecidePermission.name})`,
      );
    }
    const events = await this.eventsOf(gated.entityRef);
    const view = await this.buildView(gated, events);
    const gate = view.stages.find(s => s.stage === stage)!;
    if (gate.revision !== revision) {
      throw gateConflict(
        'gate-revision-stale',
        `The ${stage} gate of ${gated.entityRef} changed since you loaded it (revision ${revision}, now ${gate.revision}); reload the gate and decide again`,
      );
    }
    const open = view.stages.find(
      s => s.number < gate.number && s.state !== 'approved',
    );
    if (open) {
      throw gateConflict(
        'earlier-gate-open',
        `The ${open.stage} gate of ${gated.entityRef} is not approved yet; gates are decided in order`,
      );
    }
    return { gated, view, gate, events };
  }

  /** Records a decision; 403, 404 or 409 record nothing. */
  async recordDecision(
    entityRef: string,
    stage: FrameworkStageId,
    input: GateDecisionRequest,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<GateView> {
    if (!input.comment.trim()) {
      throw new InputError('comment must not be empty');
    }
    const { gated, gate, events } = await this.prepare(
      entityRef,
      stage,
      input.revision,
      credentials,
    );
    const claims = await this.claimsOf(credentials);
    const signOff = this.options.signOff[stage];
    const mine = signOff.filter(r =>
      this.signers(gated, r).some(ref => claims.includes(ref)),
    );
    if (mine.length === 0) {
      throw new NotAllowedError(
        `You are not among those who sign off the ${stage} gate of ${
          gated.entityRef
        }: ${gate.signOff
          .map(s => `${s.label} (${s.refs.join(', ') || 'not declared'})`)
          .join(', ')}`,
      );
    }
    let role: SignOffRequirement | undefined;
    if (input.role) {
      role = mine.find(r => signOffId(r) === input.role!.toLowerCase());
      if (!role) {
        throw new NotAllowedError(
          `You may not sign for "${
            input.role
          }" on the ${stage} gate; you may sign for ${mine
            .map(signOffId)
            .join(', ')}`,
        );
      }
    } else {
      role =
        mine.find(
          r => !gate.signOff.find(s => s.id === signOffId(r))?.decision,
        ) ?? mine[0];
    }
    const unmet = gate.criteria.filter(c => !c.met).map(c => c.id);
    if (input.decision === 'approve' && unmet.length > 0) {
      throw gateConflict(
        'gate-criteria-unmet',
        `The ${stage} gate of ${
          gated.entityRef
        } is not ready for review; criteria not met: ${unmet.join(', ')}`,
      );
    }
    const by = principalOf(credentials);
    await this.invalidateStale(gated, events);
    await this.options.store.append(gated.entityRef, stage, input.revision, [
      {
        type: 'decision',
        decision: input.decision,
        role: signOffId(role),
        actor: by,
        comment: input.comment.trim(),
        ...(input.evidenceUrl ? { evidenceUrl: input.evidenceUrl } : {}),
        entityHash: gated.hash,
        facts: gated.facts,
      },
    ]);
    const after = await this.afterChange(gated, stage, gate.state, credentials);
    await this.options.notifier.decisionMade(this.notified(gated, stage), {
      decision: input.decision,
      by,
      comment: input.comment.trim(),
    });
    return after;
  }

  /** Records an attestation of a criterion the catalog cannot know. */
  async recordAttestation(
    entityRef: string,
    stage: FrameworkStageId,
    input: GateAttestationRequest,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<GateView> {
    if (!input.comment.trim()) {
      throw new InputError('comment must not be empty');
    }
    const { gated, gate, events } = await this.prepare(
      entityRef,
      stage,
      input.revision,
      credentials,
    );
    const criterion = gate.criteria.find(c => c.id === input.criterion);
    if (!criterion || criterion.source !== 'attestation') {
      const attested = gate.criteria
        .filter(c => c.source === 'attestation')
        .map(c => c.id);
      throw new InputError(
        `criterion "${
          input.criterion
        }" is not an attested criterion of the ${stage} gate of a ${
          gated.kind
        }; these are: ${attested.join(', ')}`,
      );
    }
    await this.invalidateStale(gated, events);
    await this.options.store.append(gated.entityRef, stage, input.revision, [
      {
        type: 'attestation',
        criterion: input.criterion,
        actor: principalOf(credentials),
        comment: input.comment.trim(),
        evidenceUrl: input.evidenceUrl,
        entityHash: gated.hash,
        facts: gated.facts,
      },
    ]);
    return this.afterChange(gated, stage, gate.state, credentials);
  }

  /** The gate after a change; tells the approvers when it has just become ready for review. */
  private async afterChange(
    gated: GatedEntity,
    stage: FrameworkStageId,
    before: GateState,
    credentials: BackstageCredentials,
  ): Promise<GateView> {
    const events = await this.eventsOf(gated.entityRef);
    const view = await this.buildView(gated, events, credentials);
    const gate = view.stages.find(s => s.stage === stage)!;
    await this.notifyReady(
      gated,
      view,
      before === 'ready-for-review' ? [stage] : [],
    );
    return gate;
  }

  /** Notifies the approvers of gates that are ready for review, except those named. */
  private async notifyReady(
    gated: GatedEntity,
    view: EntityGates,
    alreadyReady: readonly FrameworkStageId[],
  ) {
    const gate = view.stages.find(s => s.stage === view.currentStage)!;
    if (
      gate.state !== 'ready-for-review' ||
      alreadyReady.includes(gate.stage)
    ) {
      return;
    }
    const approvers = gate.signOff
      .filter(s => s.decision?.decision !== 'approve')
      .flatMap(s => s.refs);
    await this.options.notifier.readyForReview(
      this.notified(gated, gate.stage),
      approvers,
    );
  }

  /**
   * Tells the approvers of gates that have just become ready for review
   * because checks started passing — in a scheduled refresh, an on-demand
   * one or a pushed result. (Attestations, decisions and invalidations tell
   * them as they happen.) An entity's first evaluation has nothing to
   * compare with: a gate found ready then is announced by the next change
   * to it, not by the plugin's first refresh of the whole catalog.
   */
  async notifyReadyAfterCheckChanges(
    changes: readonly ScorecardChange[],
  ): Promise<void> {
    const resultsOf = (results: readonly CheckResultLike[]) =>
      new Map(results.map(r => [r.checkId, r]));
    // Only a change in whether a gate criterion is met can make a gate
    // ready; most changes (and a whole first refresh, which has no earlier
    // state to compare with) are passed over without a read.
    const candidates = changes.filter(
      ({ current, previous }) =>
        previous &&
        (GATED_KINDS as readonly string[]).includes(current.kind) &&
        gateCheckIds(current.kind as GatedKind).some(checkId => {
          const met = (results: readonly CheckResultLike[]) =>
            criterionMet({
              id: checkId,
              source: 'check',
              outcome: results.find(r => r.checkId === checkId)?.outcome,
            });
          return met(previous.results) !== met(current.results);
        }),
    );
    if (candidates.length === 0) return;
    const credentials = await this.options.auth.getOwnServiceCredentials();
    for (const { current, previous } of candidates) {
      try {
        const entity = await this.options.catalog.getEntityByRef(
          current.entityRef,
          { credentials },
        );
        if (!entity) continue;
        const gated = await this.describe(entity);
        const events = await this.eventsOf(gated.entityRef);
        const before = await this.buildView(
          gated,
          events,
          undefined,
          resultsOf(previous!.results),
        );
        const after = await this.buildView(
          gated,
          events,
          undefined,
          resultsOf(current.results),
        );
        await this.notifyReady(
          gated,
          after,
          before.stages
            .filter(s => s.state === 'ready-for-review')
            .map(s => s.stage),
        );
      } catch (error) {
        this.options.logger.warn(
          `Could not tell the approvers of ${current.entityRef} that a gate is ready: ${error}`,
        );
      }
    }
  }

  /** The entity's audit trail, oldest first. */
  async getAudit(entityRef: string, credentials: BackstageCredentials) {
    const gated = await this.gatedEntity(entityRef, credentials);
    const events = await this.eventsOf(gated.entityRef);
    return {
      entityRef: gated.entityRef,
      records: events.map(auditRecord),
    };
  }

  /**
   * Invalidates stale decisions of the given entities and returns their gate
   * facts for the maturity rubric (`gate.<stage>`). Runs with every scheduled
   * scorecard refresh, so a changed entity loses its approvals within one
   * refresh interval even when nobody opens its gates.
   */
  async syncAndGetFacts(
    entities: readonly Entity[],
  ): Promise<Map<string, EntityFacts>> {
    const gatedEntities = entities.filter(e =>
      (GATED_KINDS as readonly string[]).includes(e.kind),
    );
    const refs = gatedEntities.map(refOf);
    const all = await this.options.store.getEvents(
      refs.length === 1 ? refs : undefined,
    );
    const facts = new Map<string, EntityFacts>();
    for (const entity of gatedEntities) {
      const ref = refOf(entity);
      let events = all.get(ref) ?? [];
      if (events.length > 0) {
        const gated = await this.describe(entity);
        if ((await this.invalidateStale(gated, events)).length > 0) {
          events = await this.eventsOf(ref);
        }
      }
      const entityFacts: Record<string, GateApprovalFact> = {};
      for (const gate of GATE_DEFINITIONS) {
        entityFacts[`gate.${gate.stage}`] = this.approvalFact(
          gate.stage,
          events,
        );
      }
      facts.set(ref, entityFacts as unknown as EntityFacts);
    }
    return facts;
  }

  /**
   * A gate's state from its decisions alone (the rubric's fact): approved,
   * rejected or changes requested as decided, `not-started` for a gate
   * without a decision that counts.
   */
  private approvalFact(
    stage: FrameworkStageId,
    events: readonly GateEvent[],
  ): GateApprovalFact {
    const signOff = this.options.signOff[stage];
    const history = historyOf(events, stage);
    const statuses = decisionStatuses(history);
    const state = evaluateGateState({
      criteria: [{ id: 'unknown', source: 'check' }],
      signOff,
      decisions: statuses,
    });
    if (state !== 'approved') return { state };
    return {
      state,
      approvedAt: approvedAt(signOff, history)!.toISOString(),
      approvedBy: [...effectiveDecisions(signOff, statuses).values()].map(
        d => d.event.actor,
      ),
    };
  }

  /** Entities per current stage and the time each spent per stage. */
  async getFunnel(
    options: { kind?: GatedKind },
    credentials: BackstageCredentials,
  ) {
    const kinds = options.kind ? [options.kind] : GATED_KINDS;
    const entities: Entity[] = [];
    for await (const page of this.options.catalog.streamEntities(
      {
        filter: kinds.map(kind => ({ kind })),
        fields: ['kind', 'metadata', 'spec'],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    )) {
      entities.push(...page);
    }
    const readable = await this.options.access.readable(
      entities.map(refOf),
      credentials,
    );
    const visible = entities.filter(
      e => readable === 'all' || readable.has(refOf(e)),
    );
    const events = await this.options.store.getEvents(
      visible.length <= 500 ? visible.map(refOf) : undefined,
    );
    const now = this.now();
    const rows = visible.map(entity => {
      const ref = refOf(entity);
      const hash = gateFactsHash(gateFactsOf(entity));
      // Decisions on other facts do not count, even before the next
      // refresh records their invalidation.
      const entityEvents = (events.get(ref) ?? []).filter(
        e => e.type !== 'decision' || e.entityHash === hash,
      );
      const states: Partial<Record<FrameworkStageId, GateState>> = {};
      const daysInStage: Record<string, number> = {};
      let start: Date | undefined = entityEvents[0]?.at;
      let since: Date | undefined;
      for (const gate of GATE_DEFINITIONS) {
        const fact = this.approvalFact(gate.stage, entityEvents);
        states[gate.stage] = fact.state;
        const end = fact.approvedAt ? new Date(fact.approvedAt) : undefined;
        if (start) {
          daysInStage[gate.stage] =
            Math.round(
              (((end ?? now).getTime() - start.getTime()) / DAY) * 10,
            ) / 10;
        }
        if (fact.state !== 'approved') {
          since = gate.number > 1 ? start : undefined;
          break;
        }
        start = end;
      }
      const current = currentStage(states);
      return {
        entityRef: ref,
        kind: entity.kind as GatedKind,
        title: entity.metadata.title ?? entity.metadata.name,
        currentStage: current.stage,
        complete: current.complete,
        ...(since ? { since: since.toISOString() } : {}),
        daysInStage,
      };
    });
    return {
      stages: GATE_DEFINITIONS.map(gate => {
        const days = rows
          .map(r => r.daysInStage[gate.stage])
          .filter((d): d is number => d !== undefined);
        return {
          stage: gate.stage,
          title: gate.title,
          count: rows.filter(r => !r.complete && r.currentStage === gate.stage)
            .length,
          ...(days.length ? { medianDaysInStage: median(days) } : {}),
        };
      }),
      complete: rows.filter(r => r.complete).length,
      entities: rows,
    };
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[mid]
    : Math.round(((sorted[mid - 1] + sorted[mid]) / 2) * 10) / 10;
}

/** One row of the audit trail as served. */
export function auditRecord(event: GateEvent): GateAuditRecord {
  return {
    id: event.id,
    type: event.type,
    entityRef: event.entityRef,
    stage: event.stage,
    at: event.at.toISOString(),
    by: event.actor,
    ...(event.decision ? { decision: event.decision } : {}),
    ...(event.role ? { role: event.role } : {}),
    ...(event.criterion ? { criterion: event.criterion } : {}),
    comment: event.comment,
    ...(event.evidenceUrl ? { evidenceUrl: event.evidenceUrl } : {}),
    entityHash: event.entityHash,
    revision: event.revision,
    ...(event.decisionId ? { decisionId: event.decisionId } : {}),
  };
}

const AUDIT_COLUMNS: ReadonlyArray<keyof GateAuditRecord> = [
  'id',
  'type',
  'entityRef',
  'stage',
  'at',
  'by',
  'decision',
  'role',
  'criterion',
  'comment',
  'evidenceUrl',
  'entityHash',
  'revision',
  'decisionId',
];

/** The audit trail as CSV, one row per event; comments cannot run as formulas. */
export function auditCsv(records: readonly GateAuditRecord[]): string {
  return toCsv(
    AUDIT_COLUMNS.map(column => ({
      header: column,
      value: (record: GateAuditRecord) => record[column],
    })),
    records,
  );
}
