import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { PolicyDecision } from '@backstage/plugin-permission-common';
import {
  isMLUseCaseEntity,
  kpiIdOf,
  KpiActualsBatch,
  KpiSourceDryRun,
  KpiSourceDryRunBinding,
  KpiSourceDryRunRequest,
  KpiSourceStatus,
  MLUseCaseEntityV1alpha1,
  mlopsKpiSourceDryRunPermission,
  validateMlopsEntity,
} from '@mlightenment/backstage-plugin-mlops-common';
import type {
  KpiSourceBindingPull,
  MlopsKpiSource,
} from '@mlightenment/backstage-plugin-mlops-node';
import { refOf } from '../shared/entityRefs';
import { toSourceBindingStatus } from '../shared/sourceBindings/bindingStatus';
import { dryRunSources } from '../shared/sourceBindings/dryRun';
import {
  BatchSink,
  mayDryRun,
  pullBindings,
} from '../shared/sourceBindings/pullBindings';
import type { SourceBindingStore } from '../shared/sourceBindings/SourceBindingStore';
import type { KpiStore } from '../value/KpiStore';
import type { UseCaseValueResource } from '../value/permissionRules';
import { ValueService } from '../value/ValueService';

/** Actuals a dry run shows per binding, the latest. */
export const DRY_RUN_ACTUALS = 100;

const DAY_MS = 86_400_000;

export interface KpiSourceServiceOptions {
  sources: readonly MlopsKpiSource[];
  store: SourceBindingStore;
  /** The cursor of sources that return plain batches. */
  cursors: Pick<KpiStore, 'sourceCursor' | 'setSourceCursor'>;
  /** Records what the sources pull, through the push API's validation; reads a use case as its caller may. */
  value: Pick<ValueService, 'ingest' | 'useCase' | 'checkActuals'>;
  catalog: CatalogService;
  auth: AuthService;
  permissions: PermissionsService;
  /** Applies a conditional decision to a use case's value ledger (the registered value rules). */
  applyConditions(
    decision: PolicyDecision,
    resource: UseCaseValueResource,
  ): boolean;
  logger: LoggerService;
  now?: () => Date;
}

/** The first instant after the last period a batch records. */
const periodsEnd = (batch: KpiActualsBatch) =>
  new Date(
    Math.max(
      ...batch.actuals.map(a => Date.parse(`${a.periodEnd}T00:00:00Z`)),
    ) + DAY_MS,
  );

/**
 * The KPI sources that backend modules add: their scheduled pulls, the
 * status of each binding (one KPI of a use case) those pulls leave, and
 * the dry run an owner makes before committing a binding.
 */
export class KpiSourceService {
  private readonly now: () => Date;

  constructor(private readonly options: KpiSourceServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** One scheduled pull of a source over the catalog's use cases. */
  async pull(source: MlopsKpiSource): Promise<void> {
    const { auth, catalog, store, cursors, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const startedAt = this.now();
    const { items } = await catalog.getEntities(
      { filter: { kind: 'MLUseCase' } },
      { credentials },
    );
    const since = await cursors.sourceCursor(source.id);
    const sink: BatchSink<KpiActualsBatch> = {
      ingest: async batch =>
        (await this.options.value.ingest(batch, credentials, source.id)).stored,
      samplesOf: batch => batch.actuals.length,
      reachOf: periodsEnd,
      keyOf: batch => batch.idempotencyKey,
    };
    await pullBindings<KpiActualsBatch, KpiSourceBindingPull>({
      sourceId: source.id,
      pull: pulledThrough =>
        source.pull({
          useCases: items.filter(isMLUseCaseEntity),
          since,
          pulledThrough,
          dryRun: false,
        }),
      entityOf: pull => pull.useCase,
      store,
      sink,
      logger,
      at: startedAt,
    });
    await cursors.setSourceCursor(source.id, startedAt);
  }

  /** Each binding of a use case's KPIs to a source and how its pulls went. */
  async status(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<KpiSourceStatus> {
    const useCaseRef = refOf(
      await this.options.value.useCase(ref, credentials),
    );
    const rows = await this.options.store.forEntity(useCaseRef);
    return { useCase: useCaseRef, bindings: rows.map(toSourceBindingStatus) };
  }

  /**
   * Runs a use case's KPI bindings now (one KPI's, or a binding to try for
   * it) and says what they would record, or why not. Stores nothing.
   */
  async dryRun(
    request: KpiSourceDryRunRequest,
    credentials: BackstageCredentials,
  ): Promise<KpiSourceDryRun> {
    const entity = await this.options.value.useCase(
      request.useCase,
      credentials,
    );
    const useCaseRef = refOf(entity);
    const allowed = await mayDryRun({
      permissions: this.options.permissions,
      permission: mlopsKpiSourceDryRunPermission,
      credentials,
      applyConditions: decision =>
        this.options.applyConditions(decision, ValueService.resourceOf(entity)),
    });
    if (!allowed) {
      throw new NotAllowedError(
        `a dry run of ${useCaseRef}'s KPI bindings needs the mlops.kpi-source.dry-run permission (by default for its owner)`,
      );
    }
    const useCase = withBindingToTry(entity, request);
    const bindings = await dryRunSources<
      MlopsKpiSource,
      KpiActualsBatch,
      KpiSourceBindingPull,
      KpiSourceDryRunBinding
    >({
      sources: this.options.sources,
      entityRef: useCaseRef,
      pull: source =>
        source.pull({
          useCases: [useCase],
          pulledThrough: () => undefined,
          dryRun: true,
        }),
      entityOf: pull => pull.useCase,
      asPull: batches => ({
        useCase: useCaseRef,
        binding: '',
        batches,
        skipped: 0,
      }),
      failed: failure => ({ ...failure, actuals: [] }),
      result: (sourceId, pull) => {
        let actuals = pull.error
          ? []
          : pull.batches
              .flatMap(b => b.actuals)
              .filter(a => request.kpi === undefined || a.kpi === request.kpi);
        // What the value API would refuse, without storing anything.
        const { problems } = this.options.value.checkActuals(
          useCase,
          actuals,
          sourceId,
          true,
        );
        const error =
          pull.error ??
          (problems.length
            ? `the value API would refuse: ${problems.join('; ')}`
            : undefined);
        if (error) actuals = [];
        return {
          source: sourceId,
          binding: pull.binding,
          ...(pull.description ? { description: pull.description } : {}),
          samples: actuals.length,
          skipped: pull.skipped,
          ...(pull.span ? { from: pull.span.from, to: pull.span.to } : {}),
          actuals: actuals.slice(-DRY_RUN_ACTUALS),
          ...(error ? { error } : {}),
        };
      },
    });
    return { useCase: useCaseRef, bindings };
  }
}

/**
 * The use case with only the KPI asked for, and the binding to try in
 * place of its own, validated as the catalog would; the use case as it is
 * when the request names no KPI.
 */
function withBindingToTry(
  useCase: MLUseCaseEntityV1alpha1,
  request: KpiSourceDryRunRequest,
): MLUseCaseEntityV1alpha1 {
  if (request.kpi === undefined) {
    if (request.prometheus) {
      throw new InputError('kpi: name the KPI whose binding to try');
    }
    return useCase;
  }
  const drivers = useCase.spec.businessDrivers ?? [];
  const index = drivers.findIndex(d => kpiIdOf(d) === request.kpi);
  if (index < 0) {
    throw new InputError(
      `kpi "${request.kpi}" is not a KPI of ${refOf(useCase)}; its KPIs are ${
        drivers.map(d => `"${kpiIdOf(d)}"`).join(', ') || 'none'
      }`,
    );
  }
  const driver = request.prometheus
    ? { ...drivers[index], prometheus: request.prometheus }
    : drivers[index];
  const withDriver = (businessDrivers: typeof drivers) => ({
    ...useCase,
    spec: { ...useCase.spec, businessDrivers },
  });
  // Validated among the use case's drivers, so a problem names its index.
  const problems = validateMlopsEntity(
    withDriver(drivers.map((d, i) => (i === index ? driver : d))),
  ).filter(
    p =>
      p.path === `spec.businessDrivers[${index}]` ||
      p.path.startsWith(`spec.businessDrivers[${index}].`),
  );
  if (problems.length) {
    throw new InputError(
      problems.map(p => `${p.path} ${p.message}`).join('; '),
    );
  }
  const tried: MLUseCaseEntityV1alpha1 = withDriver([driver]);
  return tried;
}
