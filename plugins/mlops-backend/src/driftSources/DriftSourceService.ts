import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { PolicyDecision } from '@backstage/plugin-permission-common';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import {
  DriftSourceDryRun,
  DriftSourceDryRunBinding,
  DriftSourceDryRunRequest,
  DriftSourceStatus,
  isMLMonitorEntity,
  MLMonitorEntityV1alpha1,
  mlopsDriftSourceDryRunPermission,
  validateMlopsEntity,
} from '@mlightenment/backstage-plugin-mlops-common';
import type {
  DriftSourceBatch,
  DriftSourceBindingPull,
  MlopsDriftSource,
} from '@mlightenment/backstage-plugin-mlops-node';
import type { DriftService } from '../drift/DriftService';
import type { DriftStore } from '../drift/DriftStore';
import { prepareObservations } from '../drift/observations';
import {
  asObservationBatch,
  isSeriesBatch,
  lastObservedAt,
  observationCount,
  prepareSeries,
} from '../drift/series';
import type { EntityAccess } from '../shared/EntityAccess';
import { normalizeRef, ownerRefOf, refOf } from '../shared/entityRefs';
import { toSourceBindingStatus } from '../shared/sourceBindings/bindingStatus';
import { dryRunSources } from '../shared/sourceBindings/dryRun';
import {
  BatchSink,
  mayDryRun,
  pullBindings,
} from '../shared/sourceBindings/pullBindings';
import type { SourceBindingStore } from '../shared/sourceBindings/SourceBindingStore';
import type { MonitorSourceResource } from './permissionRules';

/** Observations a dry run shows per binding, the latest. */
export const DRY_RUN_OBSERVATIONS = 100;

export interface DriftSourceServiceOptions {
  sources: readonly MlopsDriftSource[];
  store: SourceBindingStore;
  /** The cursor of sources that return plain batches. */
  cursors: Pick<DriftStore, 'sourceCursor' | 'setSourceCursor'>;
  drift: Pick<DriftService, 'ingest' | 'ingestPulled'>;
  catalog: CatalogService;
  auth: AuthService;
  access: EntityAccess;
  permissions: PermissionsService;
  /** Applies a conditional decision to a monitor (the registered rules). */
  applyConditions(
    decision: PolicyDecision,
    resource: MonitorSourceResource,
  ): boolean;
  logger: LoggerService;
  now?: () => Date;
}

/**
 * The drift sources that backend modules add: their scheduled pulls, the
 * status of each binding those pulls leave, and the dry run an owner
 * makes before committing a binding.
 */
export class DriftSourceService {
  private readonly now: () => Date;

  constructor(private readonly options: DriftSourceServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** The monitor's page: a 404 for a monitor the caller may not read. */
  private async monitor(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<{ monitorRef: string; entity: MLMonitorEntityV1alpha1 }> {
    let monitorRef: string;
    try {
      monitorRef = normalizeRef(ref, { defaultKind: 'mlmonitor' });
    } catch (error) {
      throw new InputError(`monitor: ${(error as Error).message}`);
    }
    const entity = (await this.options.access.canRead(monitorRef, credentials))
      ? await this.options.catalog.getEntityByRef(monitorRef, {
          credentials: await this.options.auth.getOwnServiceCredentials(),
        })
      : undefined;
    if (!entity || !isMLMonitorEntity(entity)) {
      throw new NotFoundError(`${monitorRef} is not in the catalog`);
    }
    return { monitorRef, entity };
  }

  /** One scheduled pull of a source over the catalog's monitors. */
  async pull(source: MlopsDriftSource): Promise<void> {
    const { auth, catalog, store, cursors, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const startedAt = this.now();
    const { items } = await catalog.getEntities(
      { filter: { kind: 'MLMonitor' } },
      { credentials },
    );
    const since = await cursors.sourceCursor(source.id);
    const monitors = items.filter(isMLMonitorEntity);
    const byRef = new Map(monitors.map(m => [refOf(m), m]));
    const sink: BatchSink<DriftSourceBatch> = {
      ingest: async batch =>
        (
          await this.options.drift.ingest(
            isSeriesBatch(batch) ? asObservationBatch(batch) : batch,
            credentials,
          )
        ).stored,
      ingestEntities: async entities => {
        const known = entities.filter(e => byRef.has(e.entityRef));
        const stored = await this.options.drift.ingestPulled(
          known.map(({ entityRef, bindings }) => ({
            entity: byRef.get(entityRef)!,
            sequences: bindings,
          })),
          credentials,
        );
        return entities.map(
          e =>
            stored[known.indexOf(e)] ??
            e.bindings.map(() => ({
              stored: [],
              error: `${e.entityRef} is not in the catalog`,
            })),
        );
      },
      samplesOf: observationCount,
      reachOf: lastObservedAt,
      keyOf: batch => batch.idempotencyKey,
    };
    await pullBindings<DriftSourceBatch, DriftSourceBindingPull>({
      sourceId: source.id,
      pull: pulledThrough =>
        source.pull({
          monitors,
          since,
          pulledThrough,
          dryRun: false,
        }),
      entityOf: pull => pull.monitor,
      store,
      sink,
      logger,
      at: startedAt,
    });
    await cursors.setSourceCursor(source.id, startedAt);
  }

  /** Each binding of a monitor to a drift source and how its pulls went. */
  async status(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<DriftSourceStatus> {
    const { monitorRef } = await this.monitor(ref, credentials);
    const rows = await this.options.store.forEntity(monitorRef);
    return { monitor: monitorRef, bindings: rows.map(toSourceBindingStatus) };
  }

  /** The monitor's source resource, for the permission framework's `getResources`. */
  async resource(ref: string): Promise<MonitorSourceResource | undefined> {
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    return entity && isMLMonitorEntity(entity)
      ? { entityRef: refOf(entity), ownerRef: ownerRefOf(entity) }
      : undefined;
  }

  /**
   * Runs a monitor's bindings now, the catalog's or those of the request,
   * and says what they would import, or why not. Stores nothing.
   */
  async dryRun(
    request: DriftSourceDryRunRequest,
    credentials: BackstageCredentials,
  ): Promise<DriftSourceDryRun> {
    const { monitorRef, entity } = await this.monitor(
      request.monitor,
      credentials,
    );
    const allowed = await mayDryRun({
      permissions: this.options.permissions,
      permission: mlopsDriftSourceDryRunPermission,
      credentials,
      applyConditions: decision =>
        this.options.applyConditions(decision, {
          entityRef: monitorRef,
          ownerRef: ownerRefOf(entity),
        }),
    });
    if (!allowed) {
      throw new NotAllowedError(
        `a dry run of ${monitorRef}'s bindings needs the mlops.drift-source.dry-run permission (by default for its owner)`,
      );
    }
    const monitor: MLMonitorEntityV1alpha1 =
      request.source === undefined
        ? entity
        : { ...entity, spec: { ...entity.spec, source: request.source } };
    const problems = validateMlopsEntity(monitor).filter(p =>
      p.path.startsWith('spec.source'),
    );
    if (problems.length) {
      throw new InputError(
        problems.map(p => `${p.path} ${p.message}`).join('; '),
      );
    }
    const bindings = await dryRunSources<
      MlopsDriftSource,
      DriftSourceBatch,
      DriftSourceBindingPull,
      DriftSourceDryRunBinding
    >({
      sources: this.options.sources,
      entityRef: monitorRef,
      pull: source =>
        source.pull({
          monitors: [monitor],
          pulledThrough: () => undefined,
          dryRun: true,
        }),
      entityOf: pull => pull.monitor,
      asPull: batches => ({
        monitor: monitorRef,
        binding: '',
        batches,
        skipped: 0,
      }),
      failed: failure => ({ ...failure, observations: [] }),
      result: (sourceId, pull) =>
        this.wouldImport(sourceId, monitor, monitorRef, pull),
    });
    return { monitor: monitorRef, bindings };
  }

  private wouldImport(
    sourceId: string,
    monitor: MLMonitorEntityV1alpha1,
    monitorRef: string,
    pull: DriftSourceBindingPull,
  ): DriftSourceDryRunBinding {
    const observations = pull.batches.flatMap(
      b => (isSeriesBatch(b) ? asObservationBatch(b) : b).observations,
    );
    let error = pull.error;
    if (!error) {
      try {
        // What the drift API would refuse, without storing anything.
        for (const batch of pull.batches) {
          if (isSeriesBatch(batch)) prepareSeries(monitor, monitorRef, batch);
          else prepareObservations(monitor, monitorRef, batch.observations);
        }
      } catch (e) {
        error = (e as Error).message;
      }
    }
    return {
      source: sourceId,
      binding: pull.binding,
      ...(pull.description ? { description: pull.description } : {}),
      samples: error ? 0 : observations.length,
      skipped: pull.skipped,
      ...(pull.span ? { from: pull.span.from, to: pull.span.to } : {}),
      observations: error ? [] : observations.slice(-DRY_RUN_OBSERVATIONS),
      ...(error ? { error } : {}),
    };
  }
}
