import { parseEntityRef } from '@backstage/catalog-model';
import type { FrameworkStageId } from '../framework/stages';
import type { CheckOutcome } from '../checks/outcomes';
import type {
  EntityGates,
  GateCriterion,
  GateDecisionRecord,
  GateSignOff,
  GateView,
} from '../api/gates';
import { criterionSource, GATE_DEFINITIONS, GatedKind } from './definitions';
import type { GateEvent } from './events';
import {
  effectiveGateDecisions,
  gateApprovedAt,
  gateDecisionStatuses,
  gateHistory,
  GateFactsVersion,
  GateHistory,
} from './history';
import {
  gateSignOffFor,
  GateSignOffRules,
  RiskTier,
  signOffAddedByRiskTier,
} from './signOff';
import { criterionMet, currentStage, evaluateGateState } from './state';
import { signOffId, SignOffRequirement } from './types';

/** The result of a check a gate criterion reads. @public */
export interface GateCheckResult {
  outcome: CheckOutcome;
  reason: string;
}

/** A use case or model as its gates see it: who owns and sponsors it, and its gate facts now. @public */
export interface GatedEntityDescription extends GateFactsVersion {
  /** The lower-case entity reference. */
  entityRef: string;
  kind: GatedKind;
  /** The sponsor's reference: of the use case, or of a model's use case. */
  sponsorRef?: string;
  /** The owner's reference (`spec.owner`). */
  ownerRef?: string;
  /**
   * The risk tier that adds sign-offs to its gates: of the use case, or of a
   * model's use case ({@link gateRiskTierOf}).
   */
  riskTier?: RiskTier;
}

/** Who may sign for a sign-off requirement of the entity's gates. @public */
export function signOffSigners(
  entity: Pick<GatedEntityDescription, 'sponsorRef' | 'ownerRef'>,
  requirement: SignOffRequirement,
): string[] {
  if (requirement.type === 'sponsor') {
    return entity.sponsorRef ? [entity.sponsorRef] : [];
  }
  if (requirement.type === 'owner') {
    return entity.ownerRef ? [entity.ownerRef] : [];
  }
  return [requirement.ref];
}

/** How a sign-off requirement reads: `Sponsor`, `Owner` or the group's name. @public */
export function signOffLabel(requirement: SignOffRequirement): string {
  if (requirement.type === 'sponsor') return 'Sponsor';
  if (requirement.type === 'owner') return 'Owner';
  return parseEntityRef(requirement.ref).name;
}

/** Who reads the gates: the entity refs they may sign for, and on which gates they may decide. @public */
export interface GateViewer {
  /** The user's ownership claims (their own ref and their groups), lower case. */
  claims: readonly string[];
  /** Whether the permission policy lets them decide on the gate of a stage. */
  mayDecide(stage: FrameworkStageId): boolean;
}

/** What an entity's gates are computed from. @public */
export interface EntityGatesInput {
  entity: GatedEntityDescription;
  /** Who signs off, for every entity and by risk tier; the entity's `riskTier` picks its sign-offs. */
  signOff: GateSignOffRules;
  /** The entity's current check results, by check id. */
  checkResults: ReadonlyMap<string, GateCheckResult>;
  /** The entity's gate events, oldest first. */
  events: readonly GateEvent[];
  /** None for the system: nothing is theirs and they decide nothing. */
  viewer?: GateViewer;
  /** The time a pending invalidation shows until it is recorded. */
  now: Date;
  /**
   * The configured sign-off groups (lower-case refs) that are not in the
   * catalog: their sign-offs show as `unresolved`.
   */
  unresolvedGroups?: ReadonlySet<string>;
}

function criteriaOf(
  input: EntityGatesInput,
  stage: FrameworkStageId,
  history: GateHistory,
): GateCriterion[] {
  const gate = GATE_DEFINITIONS.find(g => g.stage === stage)!;
  return gate.criteria.map(criterion => {
    const source = criterionSource(criterion, input.entity.kind);
    if (source.source === 'check') {
      const result = input.checkResults.get(source.checkId);
      return {
        id: criterion.id,
        title: criterion.title,
        source: 'check',
        checkId: source.checkId,
        ...(result ? { outcome: result.outcome, reason: result.reason } : {}),
        met: criterionMet({
          id: criterion.id,
          source: 'check',
          outcome: result?.outcome,
        }),
      };
    }
    const attestation = history.attestations.get(criterion.id);
    return {
      id: criterion.id,
      title: criterion.title,
      source: 'attestation',
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
}

function decisionRecord(
  event: GateEvent,
  history: GateHistory,
  now: Date,
): GateDecisionRecord {
  const invalidation = history.invalidations.get(event.id);
  return {
    id: event.id,
    stage: event.stage,
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
            at: (invalidation.at ?? now).toISOString(),
            reason: invalidation.reason,
          },
        }
      : {}),
  };
}

/**
 * An entity's three gates: each gate's criteria (checks from the check
 * results, attestations from the trail), its sign-offs with the decisions
 * that count, its state ({@link evaluateGateState}) and revision, and
 * whether the viewer may decide on it (their permission, a sign-off of
 * theirs, and every earlier gate approved); then the current stage.
 * Decisions on other facts than the entity's current ones show as
 * invalidated ({@link gateHistory}).
 * @public
 */
export function entityGatesView(input: EntityGatesInput): EntityGates {
  const { entity, viewer, now } = input;
  const claims = viewer?.claims ?? [];
  const stages: GateView[] = [];
  let previousApproval: Date | undefined;
  let earlierApproved = true;
  const entitySignOff = gateSignOffFor(input.signOff, entity.riskTier);
  for (const gate of GATE_DEFINITIONS) {
    const signOff = entitySignOff[gate.stage];
    const history = gateHistory(input.events, gate.stage, entity);
    const criteria = criteriaOf(input, gate.stage, history);
    const state = evaluateGateState({
      criteria: criteria.map(c =>
        c.source === 'check'
          ? { id: c.id, source: c.source, outcome: c.outcome }
          : { id: c.id, source: c.source, attested: c.met },
      ),
      signOff,
      decisions: gateDecisionStatuses(history),
    });
    const effective = effectiveGateDecisions(signOff, history);
    const signOffs: GateSignOff[] = signOff.map(requirement => {
      const decided = effective.get(signOffId(requirement));
      const refs = signOffSigners(entity, requirement);
      const unresolved =
        requirement.type === 'group' &&
        Boolean(input.unresolvedGroups?.has(requirement.ref));
      const addedBy = signOffAddedByRiskTier(
        input.signOff,
        entity.riskTier,
        gate.stage,
        requirement,
      );
      return {
        id: signOffId(requirement),
        // Why the gate asks for it: `model-risk (high risk)`.
        label: addedBy
          ? `${signOffLabel(requirement)} (${addedBy} risk)`
          : signOffLabel(requirement),
        refs,
        yours: refs.some(ref => claims.includes(ref)),
        ...(unresolved ? { unresolved: true } : {}),
        ...(decided
          ? { decision: decisionRecord(decided.event, history, now) }
          : {}),
      };
    });
    stages.push({
      stage: gate.stage,
      number: gate.number,
      title: gate.title,
      state,
      revision: history.revision,
      ...(previousApproval
        ? { enteredAt: previousApproval.toISOString() }
        : {}),
      keySteps: [...gate.keySteps],
      keyRoles: [...gate.keyRoles],
      criteria,
      signOff: signOffs,
      canDecide:
        earlierApproved &&
        signOffs.some(s => s.yours) &&
        Boolean(viewer?.mayDecide(gate.stage)),
      decisions: history.decisions
        .map(d => decisionRecord(d, history, now))
        .reverse(),
      invalidations: [...history.invalidations.values()].map(i => ({
        at: (i.at ?? now).toISOString(),
        reason: i.reason,
        decisionId: i.decisionId,
      })),
    });
    previousApproval =
      state === 'approved' ? gateApprovedAt(signOff, history) : undefined;
    earlierApproved = earlierApproved && state === 'approved';
  }
  const current = currentStage(
    Object.fromEntries(stages.map(s => [s.stage, s.state])),
  );
  return {
    entityRef: entity.entityRef,
    currentStage: current.stage,
    complete: current.complete,
    entityHash: entity.hash,
    stages,
  };
}
