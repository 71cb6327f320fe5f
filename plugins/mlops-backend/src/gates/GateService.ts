import type {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { PolicyDecision } from '@backstage/plugin-permission-common';
import {
  approvalFactOf,
  criterionMet,
  criterionSource,
  EntityFacts,
  EntityGates,
  entityGatesView,
  FrameworkStageId,
  GATE_DEFINITIONS,
  GATED_KINDS,
  gateApprovalFactId,
  GateAttestationRequest,
  GateCheckResult,
  GateDecisionRequest,
  GatedKind,
  GateEvent,
  gateHistory,
  gateProgressSummaryOf,
  gateSignOffFor,
  gateSignOffKey,
  GateSignOffRules,
  GateView,
  GateViewer,
  mlopsGateDecidePermission,
  NewGateEvent,
  pendingInvalidations,
  signOffId,
  signOffSigners,
  SignOffRequirement,
} from '@mlightenment/backstage-plugin-mlops-common';
import { principalOf } from '../shared/principal';
import type { EntityAccess } from '../shared/EntityAccess';
import type { ScorecardChange } from '../scorecards/ScorecardStore';
import { refOf } from '../shared/entityRefs';
import { auditRecord } from './audit';
import { gateConflict } from './conflicts';
import { GatedEntities, GatedEntity, GateTarget } from './gatedEntities';
import type { GateProgressRow, GateProgressStore } from './GateProgressStore';
import type { GateStore } from './GateStore';
import type { GateNotifier } from './notifications';
import type { GateResource } from './permissionRules';

type CheckResultLike = GateCheckResult & { checkId: string };

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
  /** Each entity's gate events folded for the adoption diagnostic, kept as they are written. */
  progress: GateProgressStore;
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
  checkResults: (entity: Entity) => Promise<Map<string, GateCheckResult>>;
  /** Who signs off, for every entity and by the use case's risk tier. */
  signOff: GateSignOffRules;
  /** The configured sign-off groups missing from the catalog, which the views flag. */
  unresolvedGroups?: () => Promise<ReadonlySet<string>>;
  notifier: GateNotifier;
  logger: LoggerService;
  clock?: () => Date;
}

/** What a write on a gate computes from: read once, before it appends. */
interface GateWrite {
  gated: GatedEntity;
  events: GateEvent[];
  checks: ReadonlyMap<string, GateCheckResult>;
  viewer: GateViewer;
  gate: GateView;
}

/**
 * Stage gates of use cases and models: computes their views from the
 * catalog, the check engine's results and the audit trail with the common
 * gate model; records decisions and attestations (permission-checked, at the
 * revision the caller saw); and records the invalidation of decisions whose
 * facts changed — in the scheduled sync and before each write, never on a
 * read.
 */
export class GateService {
  private readonly entities: GatedEntities;

  constructor(private readonly options: GateServiceOptions) {
    this.entities = new GatedEntities(options);
  }

  private now() {
    return this.options.clock?.() ?? new Date();
  }

  /** The permission resource of a gate (for the permission framework's getResources). */
  async gateResource(
    entityRef: string,
    stage: FrameworkStageId,
  ): Promise<GateResource> {
    return this.entities.resource(await this.entities.get(entityRef), stage);
  }

  /** An entity's gate events, oldest first. */
  private async eventsOf(entityRef: string): Promise<GateEvent[]> {
    return (
      (await this.options.store.getEvents([entityRef])).get(entityRef) ?? []
    );
  }

  /** An entity's gate events folded against its current facts and sign-off, for the diagnostic. */
  private progressRow(
    gated: GatedEntity,
    events: readonly GateEvent[],
  ): GateProgressRow {
    return {
      entityRef: gated.entityRef,
      lastEventId: lastEventIdOf(events),
      summary: gateProgressSummaryOf(
        events,
        gated,
        gateSignOffFor(this.options.signOff, gated.riskTier),
      ),
    };
  }

  private view(
    gated: GatedEntity,
    events: readonly GateEvent[],
    checkResults: ReadonlyMap<string, GateCheckResult>,
    viewer?: GateViewer,
    unresolvedGroups?: ReadonlySet<string>,
  ): EntityGates {
    return entityGatesView({
      entity: gated,
      signOff: this.options.signOff,
      checkResults,
      events,
      viewer,
      now: this.now(),
      unresolvedGroups,
    });
  }

  /** The configured sign-off groups missing from the catalog, for a view a person reads. */
  private async unresolvedGroups(): Promise<ReadonlySet<string>> {
    return (await this.options.unresolvedGroups?.()) ?? new Set<string>();
  }

  /**
   * Records the invalidations an entity's events imply (decisions on other
   * facts than its current ones) and tells the owner and the approvers whose
   * decisions lapsed. `complete` is false when another replica recorded some
   * of them first, so the events read are behind.
   */
  private async recordInvalidations(
    target: GateTarget,
    events: readonly GateEvent[],
  ): Promise<{ recorded: GateEvent[]; complete: boolean }> {
    const recorded: GateEvent[] = [];
    let complete = true;
    for (const { stage } of GATE_DEFINITIONS) {
      const history = gateHistory(events, stage, target);
      if (history.pending.length === 0) continue;
      const stored = await this.options.store.invalidate(
        target.entityRef,
        stage,
        pendingInvalidations(history, target),
      );
      recorded.push(...stored);
      if (stored.length < history.pending.length) complete = false;
      if (stored.length === 0) continue;
      const reasons = [...new Set(stored.map(r => r.comment))].join(' ');
      const approvers = [
        ...new Set(
          history.pending
            .filter(d => stored.some(r => r.decisionId === d.id))
            .map(d => d.actor),
        ),
      ];
      this.options.logger.info(
        `Invalidated ${stored.length} decision(s) on the ${stage} gate of ${target.entityRef}: ${reasons}`,
      );
      await this.options.notifier.invalidated(
        { ...target, stage },
        reasons,
        approvers,
      );
    }
    return { recorded, complete };
  }

  /**
   * The gates of a use case or model. Decisions whose facts changed show as
   * invalidated; a read records and announces nothing.
   */
  async getGates(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityGates> {
    const gated = await this.entities.get(entityRef, credentials);
    const [events, checks, viewer, unresolved] = await Promise.all([
      this.eventsOf(gated.entityRef),
      this.options.checkResults(gated.entity),
      this.entities.viewerOf(gated, credentials),
      this.unresolvedGroups(),
    ]);
    return this.view(gated, events, checks, viewer, unresolved);
  }

  /**
   * Loads what a write on a gate needs and checks that the caller may act on
   * it: the permission (403, before anything of the gate is read), the
   * revision they saw, and the earlier gates approved.
   */
  private async prepare(
    entityRef: string,
    stage: FrameworkStageId,
    revision: number,
    credentials: BackstageCredentials,
  ): Promise<GateWrite> {
    const gated = await this.entities.get(entityRef, credentials);
    const viewer = await this.entities.viewerOf(gated, credentials);
    if (!viewer.mayDecide(stage)) {
      throw new NotAllowedError(
        `You may not decide on the ${stage} gate of ${gated.entityRef} (permission ${mlopsGateDecidePermission.name})`,
      );
    }
    const [events, checks] = await Promise.all([
      this.eventsOf(gated.entityRef),
      this.options.checkResults(gated.entity),
    ]);
    const view = this.view(gated, events, checks, viewer);
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
    return { gated, events, checks, viewer, gate };
  }

  /**
   * Appends an event to a gate after recording the invalidations pending on
   * the entity, and returns the gate as it is then; tells the approvers when
   * it has just become ready for review.
   */
  private async write(
    write: GateWrite,
    revision: number,
    event: NewGateEvent,
  ): Promise<GateView> {
    const { gated, gate } = write;
    const invalidations = await this.recordInvalidations(gated, write.events);
    const appended = await this.options.store.append(
      gated.entityRef,
      gate.stage,
      revision,
      [event],
    );
    const events = invalidations.complete
      ? [...write.events, ...invalidations.recorded, ...appended]
      : await this.eventsOf(gated.entityRef);
    await this.options.progress.save(
      [this.progressRow(gated, events)],
      this.now(),
    );
    const after = this.view(
      gated,
      events,
      write.checks,
      write.viewer,
      await this.unresolvedGroups(),
    );
    await this.notifyReady(
      gated,
      after,
      gate.state === 'ready-for-review' ? [gate.stage] : [],
    );
    return after.stages.find(s => s.stage === gate.stage)!;
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
    const write = await this.prepare(
      entityRef,
      stage,
      input.revision,
      credentials,
    );
    const { gated, gate, viewer } = write;
    const signOff = gateSignOffFor(this.options.signOff, gated.riskTier)[stage];
    const mine = signOff.filter(r =>
      signOffSigners(gated, r).some(ref => viewer.claims.includes(ref)),
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
    const after = await this.write(write, input.revision, {
      type: 'decision',
      decision: input.decision,
      role: signOffId(role),
      actor: by,
      comment: input.comment.trim(),
      ...(input.evidenceUrl ? { evidenceUrl: input.evidenceUrl } : {}),
      entityHash: gated.hash,
      facts: gated.facts,
    });
    await this.options.notifier.decisionMade(
      { ...gated, stage },
      { decision: input.decision, by, comment: input.comment.trim() },
    );
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
    const write = await this.prepare(
      entityRef,
      stage,
      input.revision,
      credentials,
    );
    const { gated, gate } = write;
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
    return this.write(write, input.revision, {
      type: 'attestation',
      criterion: input.criterion,
      actor: principalOf(credentials),
      comment: input.comment.trim(),
      evidenceUrl: input.evidenceUrl,
      entityHash: gated.hash,
      facts: gated.facts,
    });
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
      { ...gated, stage: gate.stage },
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
        const gated = await this.entities.describe(entity);
        const events = await this.eventsOf(gated.entityRef);
        const before = this.view(gated, events, resultsOf(previous!.results));
        const after = this.view(gated, events, resultsOf(current.results));
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

  /** The entity's audit trail as recorded, oldest first. */
  async getAudit(entityRef: string, credentials: BackstageCredentials) {
    const gated = await this.entities.get(entityRef, credentials);
    const events = await this.eventsOf(gated.entityRef);
    return {
      entityRef: gated.entityRef,
      records: events.map(auditRecord),
    };
  }

  /**
   * Records and announces the invalidation of stale decisions of the given
   * entities and returns their gate facts for the maturity rubric
   * (`gate.<stage>`). Runs with every scheduled scorecard refresh, so a
   * changed entity's invalidations are on record within one refresh interval
   * even when nobody writes to its gates.
   */
  async syncAndGetFacts(
    entities: readonly Entity[],
  ): Promise<Map<string, EntityFacts>> {
    const gatedEntities = entities.filter(e =>
      (GATED_KINDS as readonly string[]).includes(e.kind),
    );
    const refs = gatedEntities.map(refOf);
    const [all, described, folded] = await Promise.all([
      this.options.store.getEvents(refs),
      this.entities.describeAll(gatedEntities),
      this.options.progress.keys(refs),
    ]);
    const facts = new Map<string, EntityFacts>();
    const progress: GateProgressRow[] = [];
    for (const gated of described) {
      let events = all.get(gated.entityRef) ?? [];
      if (events.length > 0) {
        const { recorded, complete } = await this.recordInvalidations(
          gated,
          events,
        );
        if (!complete) events = await this.eventsOf(gated.entityRef);
        else if (recorded.length > 0) events = [...events, ...recorded];
      }
      const signOff = gateSignOffFor(this.options.signOff, gated.riskTier);
      // Folded again only when an event, the facts or the sign-off changed
      // since (or never folded: history recorded before the table).
      const stored = folded.get(gated.entityRef);
      if (
        stored?.lastEventId !== lastEventIdOf(events) ||
        stored.factsHash !== gated.hash ||
        stored.signOff !== gateSignOffKey(signOff)
      ) {
        progress.push(this.progressRow(gated, events));
      }
      // Pending or recorded, an invalidation counts the same.
      facts.set(
        gated.entityRef,
        Object.fromEntries(
          GATE_DEFINITIONS.map(({ stage }) => [
            gateApprovalFactId(stage),
            approvalFactOf(signOff[stage], gateHistory(events, stage, gated)),
          ]),
        ) as unknown as EntityFacts,
      );
    }
    await this.options.progress.save(progress, this.now());
    return facts;
  }
}

/** The id of the latest of an entity's events (oldest first); `0` without any. */
function lastEventIdOf(events: readonly GateEvent[]): string {
  return events.length ? events[events.length - 1].id : '0';
}
