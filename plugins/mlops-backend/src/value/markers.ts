import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  frameworkStage,
  RELATION_MODEL_MONITORED_BY,
  RELATION_USE_CASE_IMPLEMENTED_BY,
  ValueMarker,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { DriftStore } from '../drift/DriftStore';
import type { GateStore } from '../gates/GateStore';
import type { ModelHistoryStore } from '../models';
import { refOf } from '../shared/entityRefs';

const targetsOf = (entity: Entity, type: string) =>
  (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef.toLowerCase());

/**
 * What happened to a use case and its models, for the KPI's time axis: gate
 * approvals of the use case and its models, the models' version changes,
 * and the drift alerts (and recoveries) of the models' monitors, oldest
 * first.
 */
export function createMarkerReader(options: {
  catalog: CatalogService;
  gates: GateStore;
  drift: DriftStore;
  models: ModelHistoryStore;
  credentials: () => Promise<BackstageCredentials>;
}) {
  return async (useCase: Entity): Promise<ValueMarker[]> => {
    const useCaseRef = refOf(useCase);
    const modelRefs = targetsOf(useCase, RELATION_USE_CASE_IMPLEMENTED_BY);
    const { items: models } = modelRefs.length
      ? await options.catalog.getEntitiesByRefs(
          { entityRefs: modelRefs, fields: ['kind', 'metadata', 'relations'] },
          { credentials: await options.credentials() },
        )
      : { items: [] };
    const titleOf = new Map<string, string>([
      [useCaseRef, useCase.metadata.title ?? useCase.metadata.name],
    ]);
    const monitorRefs: string[] = [];
    for (const model of models) {
      if (!model) continue;
      titleOf.set(refOf(model), model.metadata.title ?? model.metadata.name);
      monitorRefs.push(...targetsOf(model, RELATION_MODEL_MONITORED_BY));
    }

    const markers: ValueMarker[] = [];
    const events = await options.gates.getEvents([useCaseRef, ...modelRefs]);
    for (const [entityRef, list] of events) {
      for (const event of list) {
        if (event.type !== 'decision' || event.decision !== 'approve') continue;
        const stage = frameworkStage(event.stage);
        markers.push({
          at: event.at.toISOString(),
          kind: 'gate-approval',
          entityRef,
          title: `${titleOf.get(entityRef) ?? entityRef}: stage ${
            stage.number
          } (${stage.title}) approved by ${event.role}`,
        });
      }
    }
    const seen = new Map<string, string | null>();
    for (const entry of await options.models.history(modelRefs)) {
      const before = seen.get(entry.modelRef);
      seen.set(entry.modelRef, entry.version);
      // The first entry is when the portal first saw the model, not a change.
      if (before === undefined || before === entry.version) continue;
      markers.push({
        at: entry.observedAt.toISOString(),
        kind: 'model-version',
        entityRef: entry.modelRef,
        title: `${titleOf.get(entry.modelRef) ?? entry.modelRef}: version ${
          before ?? 'none'
        } → ${entry.version ?? 'none'}`,
      });
    }
    for (const monitorRef of monitorRefs) {
      for (const transition of await options.drift.transitions(monitorRef)) {
        if (transition.to === 'alert') {
          markers.push({
            at: transition.at.toISOString(),
            kind: 'drift-alert',
            entityRef: monitorRef,
            title: `Drift alert on ${monitorRef}`,
          });
        } else if (transition.from === 'alert' && transition.to === 'healthy') {
          markers.push({
            at: transition.at.toISOString(),
            kind: 'drift-recovery',
            entityRef: monitorRef,
            title: `${monitorRef} healthy again`,
          });
        }
      }
    }
    return markers.sort((a, b) => a.at.localeCompare(b.at));
  };
}
