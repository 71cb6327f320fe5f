import type {
  FrameworkStageId,
  GateEvent,
  NewGateEvent,
} from '@mlightenment/backstage-plugin-mlops-common';

export type {
  GateEvent,
  GateEventType,
  NewGateEvent,
} from '@mlightenment/backstage-plugin-mlops-common';

/**
 * The gates' persistence. The audit trail is append-only by construction:
 * this interface has no method that updates or deletes an event, and every
 * append bumps the gate's revision in the same transaction.
 */
export interface GateStore {
  /** The events of the entities (all entities when omitted), oldest first, by lower-case entity reference. */
  getEvents(entityRefs?: readonly string[]): Promise<Map<string, GateEvent[]>>;

  /** The revision of each gate of an entity that has one (a gate without events is at 0). */
  getRevisions(
    entityRef: string,
  ): Promise<Partial<Record<FrameworkStageId, number>>>;

  /**
   * Appends events to a gate if its revision is still `expectedRevision`, in
   * one transaction; the revision is bumped by one. Throws a ConflictError
   * (409, code `gate-revision-stale`) otherwise, recording nothing.
   */
  append(
    entityRef: string,
    stage: FrameworkStageId,
    expectedRevision: number,
    events: readonly NewGateEvent[],
  ): Promise<GateEvent[]>;

  /**
   * Records invalidations of decisions, whatever the revision (the system
   * acts on a change of facts, not on a view). A decision already invalidated
   * is skipped, so replicas doing the same concurrently record it once.
   * Returns the invalidations recorded.
   */
  invalidate(
    entityRef: string,
    stage: FrameworkStageId,
    invalidations: readonly NewGateEvent[],
  ): Promise<GateEvent[]>;
}
