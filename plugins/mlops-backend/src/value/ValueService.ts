import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  checkPeriod,
  EntityFacts,
  definitionVersionKey,
  isIsoDate,
  isMLUseCaseEntity,
  KPI_STATUSES,
  KpiActualInput,
  KpiActualsBatch,
  KpiDefinition,
  kpiDefinitionsOf,
  KpiIngestionResult,
  KpiStatus,
  MLUseCaseEntityV1alpha1,
  mlopsValueRecordPermission,
  UseCaseValue,
  UseCaseValueHistory,
  UseCaseValueSummary,
  ValueMarker,
  VALUE_FACT_ID,
  ValueFact,
  ValueOverview,
} from '@mlightenment/backstage-plugin-mlops-common';
import { createHash } from 'crypto';
import { normalizeRef, ownerRefOf, refOf } from '../shared/entityRefs';
import type { EntityAccess } from '../shared/EntityAccess';
import { principalOf } from '../shared/principal';
import { TtlCache } from '../shared/TtlCache';
import { IdempotencyKeyConflictError } from './errors';
import type {
  AppendActualsResult,
  KpiDefinitionInput,
  KpiSourceKind,
  KpiStore,
  NewKpiActual,
} from './KpiStore';
import type { UseCaseValueResource } from './permissionRules';
import {
  CurrentKpi,
  currentKpisOf,
  dayOf,
  historyView,
  isoDay,
  kpiValueView,
  pointsInForce,
} from './view';

export interface ValueServiceOptions {
  store: KpiStore;
  catalog: CatalogService;
  auth: AuthService;
  permissions: PermissionsService;
  /** Applies a conditional decision on `mlops.value.record` (the registered rules). */
  applyConditions: (
    decision: PolicyDecision,
    resource: UseCaseValueResource,
  ) => boolean;
  /** What happened to the use case and its models: gate approvals, drift alerts. */
  markers: (useCase: Entity) => Promise<ValueMarker[]>;
  /** Which entities a caller may read in the catalog. */
  access: EntityAccess;
  /** Most actuals one pushed batch may hold. */
  maxActuals: number;
  /** Called after a check-in was stored, awaited (the scorecard re-evaluates the use case). */
  onWrite?: (useCaseRef: string) => Promise<void>;
  /**
   * Called after a pushed or pulled batch was stored, not awaited: the
   * batches of a backfill are answered as they are stored, and the use case
   * is re-evaluated after them.
   */
  onBatchWrite?: (useCaseRef: string) => void;
  clock?: () => Date;
}

/** How long the organisation view reuses the catalog's list of use cases. */
const USE_CASES_TTL_MS = 10_000;

/** What a use case's value summary reads of its entity: the catalog sends no more. */
const USE_CASE_SUMMARY_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'spec.owner',
  'spec.sponsor',
  'spec.lifecycle',
  'spec.businessDrivers',
];

function sponsorRefOf(useCase: MLUseCaseEntityV1alpha1): string | undefined {
  return useCase.spec.sponsor
    ? normalizeRef(useCase.spec.sponsor, { defaultKind: 'User' })
    : undefined;
}

/**
 * Business value realised: a use case's KPIs with their actuals in force,
 * status and progress from the common package's rules, the append-only
 * ledger behind them, check-ins by sponsors and owners (permission-checked)
 * and batches pushed by pipelines.
 */
export class ValueService {
  /**
   * Every use case as the catalog served it, for a few seconds: the
   * organisation view opened by many people reads the catalog once. The
   * KPIs themselves are read from the ledger on every request.
   */
  private readonly useCases = new TtlCache<MLUseCaseEntityV1alpha1[]>({
    ttlMs: USE_CASES_TTL_MS,
    maxEntries: 1,
  });

  constructor(private readonly options: ValueServiceOptions) {}

  private now() {
    return this.options.clock?.() ?? new Date();
  }

  /**
   * The use case the caller names; 404 when the catalog has none or the
   * caller may not read it. Read with the plugin's own credentials after the
   * caller's catalog read permission is checked, so that a pipeline's token
   * restricted to this plugin works.
   */
  async useCase(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<MLUseCaseEntityV1alpha1> {
    let entityRef: string;
    try {
      entityRef = normalizeRef(ref, { defaultKind: 'MLUseCase' });
    } catch {
      throw new InputError(`Invalid use case reference "${ref}"`);
    }
    if (parseEntityRef(entityRef).kind !== 'mlusecase') {
      throw new InputError(
        `${entityRef} is not an MLUseCase: KPIs belong to use cases`,
      );
    }
    const entity = (await this.options.access.canRead(entityRef, credentials))
      ? await this.options.catalog.getEntityByRef(entityRef, {
          credentials: await this.options.auth.getOwnServiceCredentials(),
        })
      : undefined;
    if (!entity || !isMLUseCaseEntity(entity)) {
      throw new NotFoundError(`No MLUseCase ${entityRef} in the catalog`);
    }
    return entity;
  }

  /** The resource the value rules judge. */
  static resourceOf(useCase: MLUseCaseEntityV1alpha1): UseCaseValueResource {
    return {
      entityRef: refOf(useCase),
      sponsorRef: sponsorRefOf(useCase),
      ownerRef: ownerRefOf(useCase)?.toLowerCase(),
    };
  }

  /** The value resource of a use case, for the permission framework's `getResources`. */
  async valueResource(ref: string): Promise<UseCaseValueResource | undefined> {
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    return entity && isMLUseCaseEntity(entity)
      ? ValueService.resourceOf(entity)
      : undefined;
  }

  private async mayRecord(
    useCase: MLUseCaseEntityV1alpha1,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    if (!this.options.auth.isPrincipal(credentials, 'user')) return false;
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission: mlopsValueRecordPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return true;
    if (decision.result === AuthorizeResult.DENY) return false;
    return this.options.applyConditions(
      decision,
      ValueService.resourceOf(useCase),
    );
  }

  /** A use case's KPIs, their actuals in force, status and the markers on their time axis. */
  async getValue(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<UseCaseValue> {
    const useCase = await this.useCase(ref, credentials);
    return this.valueOf(useCase, credentials);
  }

  private async valueOf(
    useCase: MLUseCaseEntityV1alpha1,
    credentials: BackstageCredentials,
  ): Promise<UseCaseValue> {
    const entityRef = refOf(useCase);
    const [points, versions, canRecord, markers] = await Promise.all([
      this.options.store.listPoints(entityRef),
      this.options.store.definitionVersions(entityRef),
      this.mayRecord(useCase, credentials),
      this.options.markers(useCase),
    ]);
    const kpis = kpiDefinitionsOf(useCase).map(definition => ({
      definition,
      inForce: pointsInForce(points, definition.id),
    }));
    // The latest point of each KPI in full: the card shows who reported it.
    const latest = new Map(
      (
        await this.options.store.getActuals(
          kpis.flatMap(({ inForce }) => inForce.slice(-1).map(f => f.id)),
        )
      ).map(record => [record.id, record]),
    );
    const now = this.now();
    const sponsor = sponsorRefOf(useCase);
    const owner = ownerRefOf(useCase);
    return {
      entityRef,
      title: useCase.metadata.title ?? useCase.metadata.name,
      ...(owner ? { owner } : {}),
      ...(sponsor ? { sponsor } : {}),
      ...(useCase.spec.lifecycle ? { lifecycle: useCase.spec.lifecycle } : {}),
      canRecord,
      kpis: kpis.map(({ definition, inForce }) =>
        kpiValueView({
          definition,
          inForce,
          latest: latest.get(inForce[inForce.length - 1]?.id),
          versions,
          now,
        }),
      ),
      markers,
    };
  }

  /** Every record of the use case's ledger, corrections included. */
  async getHistory(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<UseCaseValueHistory> {
    const useCase = await this.useCase(ref, credentials);
    const entityRef = refOf(useCase);
    const [records, versions] = await Promise.all([
      this.options.store.listActuals(entityRef),
      this.options.store.definitionVersions(entityRef),
    ]);
    return { entityRef, records: historyView(records, versions) };
  }

  /** Records the use case's KPI definitions where they changed; returns how many versions were added. */
  async syncDefinitions(useCase: MLUseCaseEntityV1alpha1): Promise<number> {
    const added = await this.options.store.recordDefinitions(
      refOf(useCase),
      definitionInputsOf(useCase),
      this.now(),
    );
    return added.length;
  }

  /** A sponsor's or owner's check-in of one actual (or a correction). */
  async recordCheckIn(
    ref: string,
    input: KpiActualInput,
    credentials: BackstageCredentials,
  ): Promise<UseCaseValue> {
    const useCase = await this.useCase(ref, credentials);
    if (!(await this.mayRecord(useCase, credentials))) {
      throw new NotAllowedError(
        `Checking in an actual of ${refOf(
          useCase,
        )} needs the mlops.value.record permission: its sponsor and the members of its owner group have it`,
      );
    }
    const actual = this.validated(
      useCase,
      kpiDefinitionsOf(useCase),
      input,
      { prefix: '', today: isoDay(this.now()) },
      {
        sourceKind: 'person',
        recordedBy: principalOf(credentials),
      },
    );
    await this.options.store.appendActuals([actual], {
      definitions: new Map([[refOf(useCase), definitionInputsOf(useCase)]]),
      now: this.now(),
      fieldPath: () => '',
    });
    await this.options.onWrite?.(refOf(useCase));
    return this.valueOf(useCase, credentials);
  }

  /**
   * A batch pushed by a pipeline, or pulled by a KPI source (`sourceId`):
   * every actual valid, or nothing stored.
   */
  async ingest(
    batch: KpiActualsBatch,
    credentials: BackstageCredentials,
    sourceId?: string,
  ): Promise<KpiIngestionResult> {
    if (batch.actuals.length > this.options.maxActuals) {
      throw new InputError(
        `actuals holds ${batch.actuals.length} actuals; one batch may hold at most ${this.options.maxActuals}: split it`,
      );
    }
    const useCase = await this.useCase(batch.useCase, credentials);
    const { actuals, problems } = this.checkActuals(
      useCase,
      batch.actuals,
      sourceId ?? principalOf(credentials),
      sourceId !== undefined,
    );
    if (problems.length > 0) {
      throw new InputError(
        `Nothing of the batch was stored: ${problems.join('; ')}`,
      );
    }
    let result: AppendActualsResult;
    try {
      result = await this.options.store.appendActuals(actuals, {
        definitions: new Map([[refOf(useCase), definitionInputsOf(useCase)]]),
        idempotencyKey: `${sourceId ?? 'push'}:${refOf(useCase)}:${
          batch.idempotencyKey
        }`,
        requestHash: createHash('sha256')
          .update(JSON.stringify(batch.actuals))
          .digest('hex'),
        now: this.now(),
        fieldPath: i => `actuals[${i}]`,
      });
    } catch (error) {
      // The store keys batches per source and use case; the caller knows its own key.
      if (error instanceof IdempotencyKeyConflictError) {
        throw new IdempotencyKeyConflictError(batch.idempotencyKey);
      }
      throw error;
    }
    if (!result.replayed && result.stored > 0) {
      this.options.onBatchWrite?.(refOf(useCase));
    }
    return {
      useCase: refOf(useCase),
      stored: result.replayed ? 0 : result.stored,
      duplicate: result.replayed === true,
    };
  }

  /**
   * Actuals checked against the use case's declared KPIs, as the value API
   * checks a batch (a KPI source's dry run shows what it would refuse): each
   * valid actual as it would be stored, and what is wrong with the others,
   * each naming its field.
   */
  checkActuals(
    useCase: MLUseCaseEntityV1alpha1,
    inputs: readonly KpiActualInput[],
    recordedBy: string,
    fromSource: boolean,
  ): { actuals: NewKpiActual[]; problems: string[] } {
    const problems: string[] = [];
    const actuals: NewKpiActual[] = [];
    const definitions = kpiDefinitionsOf(useCase);
    const today = isoDay(this.now());
    inputs.forEach((input, i) => {
      try {
        actuals.push(
          this.validated(
            useCase,
            definitions,
            input,
            { prefix: `actuals[${i}].`, today },
            {
              sourceKind: fromSource ? 'source' : 'pipeline',
              sourceName: recordedBy,
              recordedBy,
            },
          ),
        );
      } catch (error) {
        problems.push((error as Error).message);
      }
    });
    return { actuals, problems };
  }

  /**
   * One actual checked against the use case's declared KPIs; an error that
   * names the field (with `prefix`, e.g. `actuals[3].`) otherwise. Periods
   * may not begin after `today` (the server's UTC day).
   */
  private validated(
    useCase: MLUseCaseEntityV1alpha1,
    definitions: readonly KpiDefinition[],
    input: KpiActualInput,
    { prefix, today }: { prefix: string; today: string },
    source: {
      sourceKind: KpiSourceKind;
      sourceName?: string;
      recordedBy: string;
    },
  ): NewKpiActual {
    const definition: KpiDefinition | undefined = definitions.find(
      d => d.id === input.kpi,
    );
    if (!definition) {
      throw new InputError(
        `${prefix}kpi "${input.kpi}" is not a KPI of ${refOf(
          useCase,
        )}; its KPIs are ${
          definitions.map(d => `"${d.id}"`).join(', ') || 'none'
        }`,
      );
    }
    if (typeof input.value !== 'number' || !Number.isFinite(input.value)) {
      throw new InputError(`${prefix}value must be a finite number`);
    }
    if (input.unit !== undefined && input.unit !== (definition.unit ?? '')) {
      throw new InputError(
        `${prefix}unit "${input.unit}" is not the unit of KPI "${
          definition.id
        }", which is ${definition.unit ? `"${definition.unit}"` : 'unitless'}`,
      );
    }
    for (const field of ['periodStart', 'periodEnd'] as const) {
      if (!isIsoDate(input[field])) {
        throw new InputError(
          `${prefix}${field} "${input[field]}" is not a date (YYYY-MM-DD)`,
        );
      }
    }
    if (input.periodStart > today) {
      throw new InputError(
        `${prefix}periodStart ${input.periodStart} is in the future: actuals are for periods that have begun`,
      );
    }
    const misfit = checkPeriod(
      definition.cadence,
      input.periodStart,
      input.periodEnd,
    );
    if (misfit) {
      throw new InputError(`${prefix}periodStart: ${misfit}`);
    }
    let supersedes: number | undefined;
    if (input.supersedes !== undefined) {
      supersedes = Number(input.supersedes);
      if (!Number.isInteger(supersedes) || supersedes <= 0) {
        throw new InputError(
          `${prefix}supersedes "${input.supersedes}" is not the id of a ledger record`,
        );
      }
    }
    return {
      useCaseRef: refOf(useCase),
      kpiId: definition.id,
      periodStart: dayOf(input.periodStart),
      periodEnd: dayOf(input.periodEnd),
      value: input.value,
      unit: definition.unit ?? null,
      ...source,
      comment: input.comment ?? null,
      evidenceUrl: input.evidenceUrl ?? null,
      supersedes: supersedes ?? null,
    };
  }

  /**
   * Where each use case's KPIs stand, from the two latest points in force of
   * each (what status and progress need), by use case ref: one store read
   * for all.
   */
  async currentKpis(
    useCases: readonly MLUseCaseEntityV1alpha1[],
  ): Promise<Map<string, CurrentKpi[]>> {
    const recent = useCases.length
      ? await this.options.store.recentActuals(useCases.map(refOf))
      : [];
    return currentKpisOf(useCases, recent, this.now());
  }

  /** Use cases with their KPIs' status and progress, most urgent first. */
  async summaries(
    useCases: readonly MLUseCaseEntityV1alpha1[],
  ): Promise<UseCaseValueSummary[]> {
    const kpisOf = await this.currentKpis(useCases);
    const rank = (status: KpiStatus) => KPI_STATUSES.indexOf(status);
    const summaries = useCases.map(useCase => {
      const sponsor = sponsorRefOf(useCase);
      const owner = ownerRefOf(useCase);
      return {
        entityRef: refOf(useCase),
        title: useCase.metadata.title ?? useCase.metadata.name,
        ...(owner ? { owner } : {}),
        ...(sponsor ? { sponsor } : {}),
        ...(useCase.spec.lifecycle
          ? { lifecycle: useCase.spec.lifecycle }
          : {}),
        kpis: (kpisOf.get(refOf(useCase)) ?? []).map(kpi => ({
          id: kpi.id,
          kpi: kpi.kpi,
          ...(kpi.unit !== undefined ? { unit: kpi.unit } : {}),
          status: kpi.status,
          ...(kpi.progress !== undefined ? { progress: kpi.progress } : {}),
          ...(kpi.latest
            ? {
                latest: {
                  periodStart: kpi.latest.periodStart,
                  periodEnd: kpi.latest.periodEnd,
                  value: kpi.latest.value,
                },
              }
            : {}),
        })),
      };
    });
    const urgency = (s: UseCaseValueSummary) =>
      Math.min(...s.kpis.map(k => rank(k.status)), KPI_STATUSES.length);
    return summaries.sort(
      (a, b) => urgency(a) - urgency(b) || a.title.localeCompare(b.title),
    );
  }

  /** The use cases the caller may read. */
  async readableUseCases(
    credentials: BackstageCredentials,
  ): Promise<MLUseCaseEntityV1alpha1[]> {
    const useCases = await this.useCases.get('all', async () => {
      const { items } = await this.options.catalog.getEntities(
        { filter: { kind: 'MLUseCase' }, fields: USE_CASE_SUMMARY_FIELDS },
        { credentials: await this.options.auth.getOwnServiceCredentials() },
      );
      return items.filter(isMLUseCaseEntity);
    });
    const readable = await this.options.access.readable(
      useCases.map(refOf),
      credentials,
    );
    return readable === 'all'
      ? useCases
      : useCases.filter(u => readable.has(refOf(u)));
  }

  /** The value of every use case the caller may read, most urgent first. */
  async getOverview(credentials: BackstageCredentials): Promise<ValueOverview> {
    const useCases = await this.summaries(
      await this.readableUseCases(credentials),
    );
    const statusCounts = Object.fromEntries(
      KPI_STATUSES.map(s => [s, 0]),
    ) as Record<KpiStatus, number>;
    for (const useCase of useCases) {
      for (const kpi of useCase.kpis) statusCounts[kpi.status] += 1;
    }
    return { useCases, statusCounts };
  }

  /** Where each use case's KPIs stand, as the fact the value checks of the rubric read. */
  async factsOf(
    entities: readonly Entity[],
  ): Promise<Map<string, EntityFacts>> {
    const kpisOf = await this.currentKpis(entities.filter(isMLUseCaseEntity));
    const facts = new Map<string, EntityFacts>();
    for (const [entityRef, kpis] of kpisOf) {
      const fact: ValueFact = {
        kpis: kpis.map(kpi => ({
          id: kpi.id,
          kpi: kpi.kpi,
          status: kpi.status,
          ...(kpi.latest ? { latestPeriodEnd: kpi.latest.periodEnd } : {}),
        })),
      };
      facts.set(entityRef, { [VALUE_FACT_ID]: fact });
    }
    return facts;
  }

  /** Records the KPI definitions of every use case where they changed (the scheduled sync). */
  async syncAllDefinitions(): Promise<number> {
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: 'MLUseCase' } },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    let added = 0;
    for (const entity of items) {
      if (isMLUseCaseEntity(entity))
        added += await this.syncDefinitions(entity);
    }
    return added;
  }
}

/** The use case's KPI definitions as the ledger versions them. */
function definitionInputsOf(
  useCase: MLUseCaseEntityV1alpha1,
): KpiDefinitionInput[] {
  return kpiDefinitionsOf(useCase).map(definition => ({
    kpiId: definition.id,
    key: definitionVersionKey(definition),
    definition: {
      baseline: definition.baseline,
      target: definition.target,
      unit: definition.unit,
      direction: definition.direction,
      method: definition.method,
    },
  }));
}
