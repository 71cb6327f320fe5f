import {
  aggregateDriftState,
  DRIFT_HEALTH_FACT_ID,
  DriftHealthFact,
  DriftState,
  EntityFacts,
  MlopsEntity,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { MlopsFactSource } from '@mlightenment/backstage-plugin-mlops-node';
import { refOf } from '../shared/entityRefs';
import type { DriftStore, MonitorStateRow } from './DriftStore';

function factOf(rows: MonitorStateRow[], now: Date): DriftHealthFact {
  const states = rows.map(row => {
    const staleAfter = row.health.staleAfter as string | undefined;
    const stale =
      staleAfter &&
      now.getTime() > Date.parse(staleAfter) &&
      row.state !== 'alert';
    return (stale ? 'stale' : row.state) as DriftState;
  });
  const last = rows
    .map(r => r.lastObservationAt?.toISOString())
    .filter((at): at is string => !!at)
    .sort()
    .pop();
  const state = aggregateDriftState(states);
  const since = rows
    .filter((_, i) => states[i] === state)
    .map(r => r.since.toISOString())
    .sort()[0];
  return {
    state,
    monitors: rows.length,
    fresh: states.filter(s => s !== 'stale' && s !== 'no-data').length,
    inAlert: states.filter(s => s === 'alert').length,
    ...(last ? { lastObservationAt: last } : {}),
    ...(since ? { since } : {}),
  };
}

/**
 * The drift-health fact of monitors and models, from the stored monitor
 * states (no observation is read).
 */
export function driftFactSource(store: DriftStore): MlopsFactSource {
  return {
    id: 'drift',
    async getFacts(entities: readonly MlopsEntity[]) {
      const facts = new Map<string, EntityFacts>();
      const wanted = entities.filter(
        e => e.kind === 'MLMonitor' || e.kind === 'MLModel',
      );
      if (!wanted.length) return facts;
      const rows = await store.monitorStates({});
      const now = new Date();
      for (const entity of wanted) {
        const ref = refOf(entity);
        const mine = rows.filter(r =>
          entity.kind === 'MLMonitor'
            ? r.monitorRef === ref
            : r.modelRef === ref,
        );
        if (mine.length) {
          facts.set(ref, {
            [DRIFT_HEALTH_FACT_ID]: factOf(mine, now) as any,
          });
        }
      }
      return facts;
    },
  };
}
