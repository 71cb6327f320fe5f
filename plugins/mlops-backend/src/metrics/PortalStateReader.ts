import type { AuthService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  entityGatesView,
  GATED_KINDS,
  GateCheckResult,
  GateSignOffRules,
  isMLUseCaseEntity,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { DriftStore } from '../drift/DriftStore';
import { describeGatedEntity } from '../gates/gatedEntities';
import type { GateStore } from '../gates/GateStore';
import type { ScorecardStore } from '../scorecards/ScorecardStore';
import { refOf } from '../shared/entityRefs';
import { TtlCache } from '../shared/TtlCache';
import type { ValueService } from '../value/ValueService';
import type { PortalState } from './portalMetrics';

/**
 * Loads the state the metrics export, all of it at once and at most once per
 * `ttlMs` however often and by however many servers it is scraped: one read
 * of the catalog's use cases and models, and one query per store (monitor
 * states, scorecards with their check results, gate events, the KPIs' latest
 * actuals), never one per entity. A gate's state is computed as its tab
 * computes it, from the stored check results and the recorded decisions.
 */
export class PortalStateReader {
  private readonly cache: TtlCache<PortalState>;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      drift: Pick<DriftStore, 'monitorStates'>;
      scorecards: Pick<ScorecardStore, 'listScorecards'>;
      gates: Pick<GateStore, 'getEvents'>;
      value: Pick<ValueService, 'currentKpis'>;
      signOff: GateSignOffRules;
      ttlMs: number;
    },
  ) {
    this.cache = new TtlCache({ ttlMs: options.ttlMs, maxEntries: 1 });
  }

  read(): Promise<PortalState> {
    return this.cache.get('state', () => this.load());
  }

  private async load(): Promise<PortalState> {
    const { options } = this;
    const [entities, monitors, scorecards, events] = await Promise.all([
      this.gatedEntities(),
      options.drift.monitorStates({}),
      options.scorecards.listScorecards(),
      options.gates.getEvents(),
    ]);
    const useCases = entities.filter(isMLUseCaseEntity);
    const byRef = new Map(useCases.map(u => [refOf(u), u as Entity]));
    const resultsOf = new Map(
      scorecards.map(s => [
        s.entityRef,
        new Map<string, GateCheckResult>(s.results.map(r => [r.checkId, r])),
      ]),
    );
    const kpis = await options.value.currentKpis(useCases);
    const now = new Date();
    return {
      monitors,
      scorecards,
      gates: entities.map(entity => {
        const gated = describeGatedEntity(entity, ref => byRef.get(ref));
        const view = entityGatesView({
          entity: gated,
          signOff: options.signOff,
          checkResults: resultsOf.get(gated.entityRef) ?? new Map(),
          events: events.get(gated.entityRef) ?? [],
          now,
        });
        return {
          entityRef: gated.entityRef,
          kind: gated.kind,
          states: Object.fromEntries(
            view.stages.map(stage => [stage.stage, stage.state]),
          ) as PortalState['gates'][number]['states'],
        };
      }),
      kpis: [...kpis].map(([useCaseRef, list]) => ({ useCaseRef, kpis: list })),
    };
  }

  private async gatedEntities(): Promise<Entity[]> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: GATED_KINDS.map(kind => ({ kind })),
        fields: ['apiVersion', 'kind', 'metadata', 'spec', 'relations'],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return items;
  }
}
