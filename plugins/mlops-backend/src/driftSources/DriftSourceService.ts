import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import {
  DriftObservationBatch,
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
  DriftSourceBindingPull,
  MlopsDriftSource,
} from '@mlightenment/backstage-plugin-mlops-node';
import type { DriftService } from '../drift/DriftService';
import type { DriftStore } from '../drift/DriftStore';
import { prepareObservations } from '../drift/observations';
import type { EntityAccess } from '../shared/EntityAccess';
import { normalizeRef, ownerRefOf, refOf } from '../shared/entityRefs';
import type {
  BindingStatusRow,
  BindingStatusStore,
} from './BindingStatusStore';
import { BindingImport, nextBindingStatus } from './bindingStatus';
import type { MonitorSourceResource } from './permissionRules';

/** Observations a dry run shows per binding, the latest. */
export const DRY_RUN_OBSERVATIONS = 100;

export interface DriftSourceServiceOptions {
  sources: readonly MlopsDriftSource[];
  store: BindingStatusStore;
  /** The cursor of sources that return plain batches. */
  cursors: Pick<DriftStore, 'sourceCursor' | 'setSourceCursor'>;
  drift: Pick<DriftService, 'ingest'>;
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

const key = (monitorRef: string, binding: string) =>
  `${monitorRef}\u0000${binding}`;

const isBindingPulls = (
  result: DriftObservationBatch[] | DriftSourceBindingPull[],
): result is DriftSourceBindingPull[] =>
  result.some(r => 'binding' in r && 'batches' in r);

/** The latest `observedAt` of a batch's observations. */
const lastObservedAt = (batch: DriftObservationBatch) =>
  new Date(Math.max(...batch.observations.map(o => Date.parse(o.observedAt))));

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
    const previous = new Map(
      (await store.forSource(source.id)).map(row => [
        key(row.monitorRef, row.binding),
        row,
      ]),
    );
    const result = await source.pull({
      monitors: items.filter(isMLMonitorEntity),
      since: await cursors.sourceCursor(source.id),
      pulledThrough: (monitor, binding) =>
        previous.get(key(monitor.toLowerCase(), binding))?.pulledThrough ??
        undefined,
      dryRun: false,
    });
    if (isBindingPulls(result) || result.length === 0) {
      const rows: BindingStatusRow[] = [];
      for (const pull of result as DriftSourceBindingPull[]) {
        const monitorRef = pull.monitor.toLowerCase();
        const outcome = await this.store(source, pull, credentials);
        rows.push(
          nextBindingStatus({
            sourceId: source.id,
            monitorRef,
            pull,
            result: outcome,
            previous: previous.get(key(monitorRef, pull.binding)),
            at: startedAt,
          }),
        );
      }
      await store.replaceForSource(source.id, rows);
    } else {
      for (const batch of result) {
        try {
          await this.options.drift.ingest(batch, credentials);
        } catch (error) {
          logger.warn(
            `Drift source ${source.id}: batch ${batch.idempotencyKey} for ${batch.monitor} was not stored: ${error}`,
          );
        }
      }
    }
    await cursors.setSourceCursor(source.id, startedAt);
  }

  /**
   * Stores a binding's batches in order and stops at the first that is
   * not stored: the next pull asks for it again, and not for those before.
   */
  private async store(
    source: MlopsDriftSource,
    pull: DriftSourceBindingPull,
    credentials: BackstageCredentials,
  ): Promise<BindingImport> {
    const outcome: BindingImport = { imported: 0, samples: 0 };
    if (pull.error) return outcome;
    for (const batch of pull.batches) {
      try {
        const { stored } = await this.options.drift.ingest(batch, credentials);
        outcome.imported += stored;
        outcome.samples += batch.observations.length;
        if (batch.observations.length) {
          outcome.storedThrough = lastObservedAt(batch);
        }
      } catch (error) {
        outcome.error = `batch ${batch.idempotencyKey} was not stored: ${
          (error as Error).message
        }`;
        this.options.logger.warn(
          `Drift source ${source.id}: ${pull.monitor} binding ${pull.binding}: ${outcome.error}`,
        );
        break;
      }
    }
    if (!outcome.error) delete outcome.storedThrough;
    return outcome;
  }

  /** Each binding of a monitor to a drift source and how its pulls went. */
  async status(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<DriftSourceStatus> {
    const { monitorRef } = await this.monitor(ref, credentials);
    const rows = await this.options.store.forMonitor(monitorRef);
    return {
      monitor: monitorRef,
      bindings: rows.map(row => ({
        source: row.sourceId,
        binding: row.binding,
        ...(row.description ? { description: row.description } : {}),
        state: row.state,
        lastPullAt: row.lastPullAt.toISOString(),
        ...(row.pulledThrough
          ? { pulledThrough: row.pulledThrough.toISOString() }
          : {}),
        imported: row.imported,
        skipped: row.skipped,
        totalImported: row.totalImported,
        ...(row.lastError && row.lastErrorAt
          ? {
              lastError: {
                at: row.lastErrorAt.toISOString(),
                message: row.lastError,
              },
            }
          : {}),
      })),
    };
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
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission: mlopsDriftSourceDryRunPermission }],
      { credentials },
    );
    const allowed =
      decision.result === AuthorizeResult.ALLOW ||
      (decision.result === AuthorizeResult.CONDITIONAL &&
        this.options.applyConditions(decision, {
          entityRef: monitorRef,
          ownerRef: ownerRefOf(entity),
        }));
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
    const bindings: DriftSourceDryRunBinding[] = [];
    for (const source of this.options.sources) {
      let result: DriftObservationBatch[] | DriftSourceBindingPull[];
      try {
        result = await source.pull({
          monitors: [monitor],
          pulledThrough: () => undefined,
          dryRun: true,
        });
      } catch (error) {
        bindings.push({
          source: source.id,
          binding: '',
          samples: 0,
          skipped: 0,
          observations: [],
          error: (error as Error).message,
        });
        continue;
      }
      const pulls: DriftSourceBindingPull[] = isBindingPulls(result)
        ? result
        : [{ monitor: monitorRef, binding: '', batches: result, skipped: 0 }];
      for (const pull of pulls) {
        if (normalizeRef(pull.monitor) !== monitorRef) continue;
        bindings.push(this.wouldImport(source.id, monitor, monitorRef, pull));
      }
    }
    return { monitor: monitorRef, bindings };
  }

  private wouldImport(
    sourceId: string,
    monitor: MLMonitorEntityV1alpha1,
    monitorRef: string,
    pull: DriftSourceBindingPull,
  ): DriftSourceDryRunBinding {
    const observations = pull.batches.flatMap(b => b.observations);
    let error = pull.error;
    if (!error) {
      try {
        // What the drift API would refuse, without storing anything.
        prepareObservations(monitor, monitorRef, observations);
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
