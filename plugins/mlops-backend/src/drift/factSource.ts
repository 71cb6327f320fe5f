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

const CHUNK = 500;

/** The stored states of the monitors `refs` name (`by` 'monitorRefs') or of the monitors of the models they name. */
async function statesOf(
  store: DriftStore,
  by: 'monitorRefs' | 'modelRefs',
  refs: readonly string[],
): Promise<Map<string, MonitorStateRow[]>> {
  const byRef = new Map<string, MonitorStateRow[]>();
  for (let i = 0; i < refs.length; i += CHUNK) {
    const rows = await store.monitorStates({
      [by]: refs.slice(i, i + CHUNK),
    });
    for (const row of rows) {
      const ref = by === 'monitorRefs' ? row.monitorRef : row.modelRef;
      if (!ref) continue;
      const list = byRef.get(ref);
      if (list) list.push(row);
      else byRef.set(ref, [row]);
    }
  }
  return byRef;
}

/**
 * The drift-health fact of monitors and models, from the stored states of
 * their monitors (no observation is read), for the entities asked about
 * only.
 */
export function driftFactSource(store: DriftStore): MlopsFactSource {
  return {
    id: 'drift',
    async getFacts(entities: readonly MlopsEntity[]) {
      const refsOf = (kind: string) =>
        entities.filter(e => e.kind === kind).map(refOf);
      const [ofMonitors, ofModels] = await Promise.all([
        statesOf(store, 'monitorRefs', refsOf('MLMonitor')),
        statesOf(store, 'modelRefs', refsOf('MLModel')),
      ]);
      const facts = new Map<string, EntityFacts>();
      const now = new Date();
      for (const [ref, rows] of [...ofMonitors, ...ofModels]) {
        facts.set(ref, { [DRIFT_HEALTH_FACT_ID]: factOf(rows, now) as any });
      }
      return facts;
    },
  };
}
