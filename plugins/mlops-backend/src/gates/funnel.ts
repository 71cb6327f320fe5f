import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  approvalFactOf,
  currentStage,
  FrameworkStageId,
  GATE_DEFINITIONS,
  GATED_KINDS,
  GateApprovalFact,
  GatedKind,
  GateFunnel,
  gateFactsVersionOf,
  gateHistory,
  gateRiskTierOf,
  gateSignOffFor,
  GateSignOffRules,
  GateState,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { EntityAccess } from '../shared/EntityAccess';
import { refOf } from '../shared/entityRefs';
import type { GateEvent, GateStore } from './GateStore';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Use cases or models by current stage, and the days each spent per stage:
 * from the approval of the previous gate (for stage 1, from the entity's
 * first gate event) to the approval of the stage's gate, or to now. Each is
 * signed off as its risk tier says (a model: its use case's).
 */
export function gateFunnel(input: {
  entities: readonly Entity[];
  /** The use cases, for the risk tier of the models that serve them. */
  useCases?: readonly Entity[];
  /** The entities' gate events, oldest first, by entity reference. */
  events: ReadonlyMap<string, readonly GateEvent[]>;
  signOff: GateSignOffRules;
  now: Date;
}): GateFunnel {
  const { entities, events, now } = input;
  const useCases = new Map(
    [...entities, ...(input.useCases ?? [])]
      .filter(e => e.kind === 'MLUseCase')
      .map(e => [refOf(e), e]),
  );
  const rows = entities.map(entity => {
    const ref = refOf(entity);
    const version = gateFactsVersionOf(entity);
    const entityEvents = events.get(ref) ?? [];
    const facts = decidedGateFacts({
      entity,
      events: entityEvents,
      signOff: input.signOff,
      useCaseOf: useCaseRef => useCases.get(useCaseRef),
    });
    const states: Partial<Record<FrameworkStageId, GateState>> = {};
    const daysInStage: Record<string, number> = {};
    // Stage 1 runs from the first event that is not a decision on other facts.
    let start: Date | undefined = entityEvents.find(
      e => e.type !== 'decision' || e.entityHash === version.hash,
    )?.at;
    let since: Date | undefined;
    for (const gate of GATE_DEFINITIONS) {
      const fact = facts[gate.stage];
      states[gate.stage] = fact.state;
      const end = fact.approvedAt ? new Date(fact.approvedAt) : undefined;
      if (start) {
        daysInStage[gate.stage] =
          Math.round((((end ?? now).getTime() - start.getTime()) / DAY) * 10) /
          10;
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

/**
 * Each gate of a use case or model as its recorded decisions make it
 * (`approved`, `rejected`, `changes-requested`, else `not-started`), signed
 * off as its risk tier says (a model: its use case's). Decisions on other
 * facts do not count, even before the next refresh records their
 * invalidation. Whether the criteria are met is not read: a gate awaiting
 * its sign-offs is `not-started` here.
 */
function decidedGateFacts(input: {
  entity: Entity;
  /** The entity's gate events, oldest first. */
  events: readonly GateEvent[];
  signOff: GateSignOffRules;
  useCaseOf: (useCaseRef: string) => Entity | undefined;
}): Record<FrameworkStageId, GateApprovalFact> {
  const signOff = gateSignOffFor(
    input.signOff,
    gateRiskTierOf(input.entity, input.useCaseOf),
  );
  const version = gateFactsVersionOf(input.entity);
  return Object.fromEntries(
    GATE_DEFINITIONS.map(gate => [
      gate.stage,
      approvalFactOf(
        signOff[gate.stage],
        gateHistory(input.events, gate.stage, version),
      ),
    ]),
  ) as Record<FrameworkStageId, GateApprovalFact>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[mid]
    : Math.round(((sorted[mid - 1] + sorted[mid]) / 2) * 10) / 10;
}

/** Reads the funnel of the entities the caller may read in the catalog. */
export function createGateFunnelReader(options: {
  store: GateStore;
  catalog: CatalogService;
  auth: AuthService;
  access: EntityAccess;
  signOff: GateSignOffRules;
  clock?: () => Date;
}) {
  return async (
    query: { kind?: GatedKind },
    credentials: BackstageCredentials,
  ): Promise<GateFunnel> => {
    // Every use case, also for a funnel of models: their risk tiers set
    // who signs off the models that serve them.
    const kinds = query.kind === 'MLUseCase' ? [query.kind] : GATED_KINDS;
    const all: Entity[] = [];
    for await (const page of options.catalog.streamEntities(
      {
        filter: kinds.map(kind => ({ kind })),
        fields: ['kind', 'metadata', 'spec'],
      },
      { credentials: await options.auth.getOwnServiceCredentials() },
    )) {
      all.push(...page);
    }
    const useCases = all.filter(e => e.kind === 'MLUseCase');
    const entities = query.kind ? all.filter(e => e.kind === query.kind) : all;
    const readable = await options.access.readable(
      entities.map(refOf),
      credentials,
    );
    const visible = entities.filter(
      e => readable === 'all' || readable.has(refOf(e)),
    );
    const events = await options.store.getEvents(
      visible.length <= 500 ? visible.map(refOf) : undefined,
    );
    return gateFunnel({
      entities: visible,
      useCases,
      events,
      signOff: options.signOff,
      now: options.clock?.() ?? new Date(),
    });
  };
}

/** Reads an entity funnel: see {@link createGateFunnelReader}. */
export type GateFunnelReader = ReturnType<typeof createGateFunnelReader>;
