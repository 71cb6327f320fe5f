import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  aggregateDriftState,
  compareDriftStates,
  DRIFT_STATE_SEVERITY,
  driftScoreOf,
  DriftAlertEvent,
  DriftAlertMessage,
  DriftObservationBatch,
  FeatureHealth,
  MonitorHealth,
  DriftState,
  featureDriftState,
  isMLMonitorEntity,
  MLMonitorEntityV1alpha1,
  monitorDriftHealth,
  RELATION_USE_CASE_IMPLEMENTED_BY,
  STALE_GRACE_FACTOR,
  thresholdsOf,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { DriftSourceBatch } from '@mlightenment/backstage-plugin-mlops-node';
import { createHash } from 'crypto';
import type { EntityAccess } from '../shared/EntityAccess';
import { entityPath } from '../shared/entityRefs';
import { principalOf } from '../shared/principal';
import type { StoredSequence } from '../shared/sourceBindings/pullBindings';
import type {
  CurrentMonitorState,
  DriftStore,
  EvaluatedMonitorState,
  FeatureStateRow,
  MonitorStateRow,
  NewBatch,
  StoredBatch,
} from './DriftStore';
import { driftAlertMessage } from './alertMessage';
import { parsedDates, prepareObservations } from './observations';
import { columnsOf } from './observationChunks';
import {
  asObservationBatch,
  isSeriesBatch,
  observationCount,
  prepareSeries,
  seriesHashOf,
} from './series';
import { PayloadTooLargeError } from '../shared/jsonBody';

/** The topic of drift notifications, for users' notification settings. */
export const DRIFT_NOTIFICATION_TOPIC = 'mlops-drift';

export interface DriftServiceOptions {
  store: DriftStore;
  catalog: CatalogService;
  auth: AuthService;
  access: EntityAccess;
  notifications: NotificationService;
  logger: LoggerService;
  /** Most observations one batch may hold. */
  maxObservations: number;
  /** Cadence × this = the silence after which a monitor is stale. */
  graceFactor?: number;
  /** The clock; tests move it. */
  now?: () => Date;
  /** The portal's address (`app.baseUrl`), for links in messages to alert channels. */
  appBaseUrl?: string;
  /** Called when messages to alert channels were enqueued, to send them soon. */
  onAlertsEnqueued?: () => void;
}

const refKey = (entity: Entity) => stringifyEntityRef(entity).toLowerCase();

/** A JSON.stringify replacer that writes object keys in sorted order. */
function withSortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return value;
  }
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    sorted[key] = (value as Record<string, unknown>)[key];
  }
  return sorted;
}

/** The batch's hash: a retry resends the same body, in whatever key order its client writes. */
const bodyHashOf = (batch: DriftObservationBatch) =>
  createHash('sha256')
    .update(JSON.stringify(batch, withSortedKeys))
    .digest('hex');

/**
 * A pulled batch's hash. A source writes its batches' keys in one order,
 * so the same window pulled again hashes the same without sorting them; a
 * series hashes its numbers.
 */
const pulledHashOf = (batch: DriftSourceBatch) =>
  isSeriesBatch(batch)
    ? seriesHashOf(batch)
    : createHash('sha256').update(JSON.stringify(batch)).digest('hex');

/**
 * Whether a stored batch's hash is that of this pulled batch: as pulled,
 * or as the push path hashed it (sorted keys), or for a series, as its
 * source wrote it before series (observations).
 */
function sameBody(storedHash: string, batch: DriftSourceBatch): boolean {
  if (storedHash === pulledHashOf(batch)) return true;
  if (!isSeriesBatch(batch)) return storedHash === bodyHashOf(batch);
  const observations = asObservationBatch(batch);
  return (
    storedHash === pulledHashOf(observations) ||
    storedHash === bodyHashOf(observations)
  );
}

/** The monitor a batch names, as a lower-case entity reference. */
function monitorRefOf(batch: { monitor: string }): string {
  let monitorRef: string;
  try {
    monitorRef = stringifyEntityRef(
      parseEntityRef(batch.monitor, {
        defaultKind: 'MLMonitor',
        defaultNamespace: DEFAULT_NAMESPACE,
      }),
    ).toLowerCase();
  } catch (error) {
    throw new InputError(`monitor: ${(error as Error).message}`);
  }
  if (!monitorRef.startsWith('mlmonitor:')) {
    throw new InputError(
      `monitor: "${batch.monitor}" refers to a ${
        parseEntityRef(monitorRef).kind
      }, not an MLMonitor`,
    );
  }
  return monitorRef;
}

/**
 * Drift monitoring: ingestion of observations, evaluation of monitors
 * against their thresholds with staleness per cadence, alert episodes with
 * notifications, and the health reads.
 */
export class DriftService {
  private readonly graceFactor: number;
  private readonly now: () => Date;

  constructor(private readonly options: DriftServiceOptions) {
    this.graceFactor = options.graceFactor ?? STALE_GRACE_FACTOR;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The plugin's own credentials for catalog reads: a pipeline's static token
   * may be restricted to this plugin. What the caller may read is checked
   * with {@link EntityAccess}.
   */
  private async ownCredentials() {
    return { credentials: await this.options.auth.getOwnServiceCredentials() };
  }

  /**
   * Validates and stores a batch, then evaluates its monitor. A retry of a
   * stored batch stores nothing; the same key with another body conflicts.
   */
  async ingest(
    batch: DriftObservationBatch,
    credentials: BackstageCredentials,
  ): Promise<{
    stored: number;
    duplicate: boolean;
    monitor: string;
    state?: DriftState;
  }> {
    const { store, maxObservations } = this.options;
    if (batch.observations.length > maxObservations) {
      throw new PayloadTooLargeError(
        `observations: ${batch.observations.length} observations exceed mlops.drift.ingestion.maxObservations (${maxObservations}) per batch; split the batch`,
      );
    }
    const bodyHash = bodyHashOf(batch);
    const conflict = (existing: { bodyHash: string }) => {
      if (existing.bodyHash !== bodyHash) {
        throw new ConflictError(
          `idempotencyKey: "${batch.idempotencyKey}" was already used for a different batch; use a new key for new observations`,
        );
      }
    };
    const earlier = await store.findBatch(batch.idempotencyKey);
    if (earlier) {
      conflict(earlier);
      return { stored: 0, duplicate: true, monitor: earlier.monitorRef };
    }

    const monitorRef = monitorRefOf(batch);
    const entity = (await this.options.access.canRead(monitorRef, credentials))
      ? await this.options.catalog.getEntityByRef(
          monitorRef,
          await this.ownCredentials(),
        )
      : undefined;
    if (!entity || !isMLMonitorEntity(entity)) {
      throw new NotFoundError(`monitor: ${monitorRef} is not in the catalog`);
    }
    const observations = prepareObservations(
      entity,
      monitorRef,
      batch.observations,
    );
    const result = await store.storeBatch({
      idempotencyKey: batch.idempotencyKey,
      monitorRef,
      bodyHash,
      submittedBy: principalOf(credentials),
      features: columnsOf(observations),
      count: observations.length,
      receivedAt: this.now(),
    });
    if ('existing' in result) {
      conflict(result.existing);
      return { stored: 0, duplicate: true, monitor: monitorRef };
    }
    const state = await this.evaluateMonitor(entity);
    return {
      stored: result.stored,
      duplicate: false,
      monitor: monitorRef,
      state: state.state,
    };
  }

  /**
   * Stores what a drift source pulled for some distinct monitors of the
   * catalog, for each as sequences of batches (one per binding): each
   * sequence's batches in order up to the first the drift API would
   * refuse. The batches of all the monitors and their evaluations go in
   * one transaction, as few statements for ten monitors as for one; should
   * it fail (a key taken meanwhile by a concurrent pull), each monitor is
   * stored on its own. A batch stored before counts as stored with nothing
   * new. Returns, per monitor and sequence, what each batch stored until
   * the first that was not, and why that one was not.
   */
  async ingestPulled(
    pulled: ReadonlyArray<{
      entity: MLMonitorEntityV1alpha1;
      sequences: ReadonlyArray<readonly DriftSourceBatch[]>;
    }>,
    credentials: BackstageCredentials,
  ): Promise<StoredSequence[][]> {
    const earlier = new Map(
      (
        await this.options.store.findBatches(
          pulled.flatMap(({ sequences }) =>
            sequences.flatMap(batches => batches.map(b => b.idempotencyKey)),
          ),
        )
      ).map(b => [b.idempotencyKey, b]),
    );
    const prepared = pulled.map(({ entity, sequences }) =>
      this.preparePulled(entity, sequences, earlier, credentials),
    );
    const toStore = prepared
      .map((p, i) => ({ ...p, entity: pulled[i].entity }))
      .filter(p => p.fresh.length);
    if (!toStore.length) return prepared.map(p => p.results);
    try {
      // One transaction: the batches stored and the monitors evaluated.
      await this.evaluateMonitors(
        toStore.map(p => p.entity),
        toStore.flatMap(p => p.fresh),
      );
      return prepared.map(p => p.results);
    } catch {
      // It failed whole, storing nothing.
    }
    const results: StoredSequence[][] = [];
    for (const [i, { entity, sequences }] of pulled.entries()) {
      try {
        results.push(
          prepared[i].fresh.length
            ? await this.storePulledAlone(entity, sequences, prepared[i])
            : prepared[i].results,
        );
      } catch (error) {
        // This monitor's failure is its own: the others are stored.
        const message = (error as Error).message;
        results.push(sequences.map(() => ({ stored: [], error: message })));
      }
    }
    return results;
  }

  /**
   * A monitor's pulled sequences checked: per sequence, what each batch
   * will store up to the first refused, and the batches whose keys are free.
   */
  private preparePulled(
    entity: MLMonitorEntityV1alpha1,
    sequences: ReadonlyArray<readonly DriftSourceBatch[]>,
    earlier: ReadonlyMap<string, StoredBatch>,
    credentials: BackstageCredentials,
  ): { results: StoredSequence[]; fresh: NewBatch[] } {
    const entityRef = refKey(entity);
    const receivedAt = this.now();
    const submittedBy = principalOf(credentials);
    const dateOf = parsedDates();
    const fresh: NewBatch[] = [];
    const results = sequences.map(batches => {
      const result: StoredSequence = { stored: [] };
      // Each batch to store, or undefined for one stored before.
      const prepared: Array<NewBatch | undefined> = [];
      for (const batch of batches) {
        try {
          const stored = this.checkPulled(batch, entityRef, earlier);
          prepared.push(
            stored
              ? undefined
              : {
                  ...this.pulledColumns(entity, entityRef, batch, dateOf),
                  idempotencyKey: batch.idempotencyKey,
                  monitorRef: entityRef,
                  bodyHash: pulledHashOf(batch),
                  submittedBy,
                  receivedAt,
                },
          );
        } catch (error) {
          result.error = (error as Error).message;
          break;
        }
      }
      for (const batch of prepared) {
        result.stored.push(batch?.count ?? 0);
        if (batch) fresh.push(batch);
      }
      return result;
    });
    return { results, fresh };
  }

  /**
   * One monitor's pulled batches stored and the monitor evaluated in one
   * transaction; should that fail (a key taken meanwhile by a concurrent
   * pull), each batch is stored on its own (a taken key stores nothing),
   * then the monitor evaluated; another failure fails again there.
   */
  private async storePulledAlone(
    entity: MLMonitorEntityV1alpha1,
    sequences: ReadonlyArray<readonly DriftSourceBatch[]>,
    { results, fresh }: { results: StoredSequence[]; fresh: NewBatch[] },
  ): Promise<StoredSequence[]> {
    try {
      await this.evaluateMonitor(entity, fresh);
      return results;
    } catch {
      // Stored on its own below.
    }
    const outcomes = await this.options.store.storeBatches(fresh);
    // A key a concurrent retry took meanwhile stored nothing here.
    const lost = new Set(
      fresh
        .filter((_, i) => 'existing' in outcomes[i])
        .map(b => b.idempotencyKey),
    );
    if (lost.size) {
      sequences.forEach((batches, s) =>
        batches.forEach((b, i) => {
          if (lost.has(b.idempotencyKey) && i < results[s].stored.length) {
            results[s].stored[i] = 0;
          }
        }),
      );
    }
    await this.evaluateMonitor(entity);
    return results;
  }

  /**
   * Checks a pulled batch's size and monitor, and whether its key was
   * stored before: the batch stored under it, which must be the same.
   */
  private checkPulled(
    batch: DriftSourceBatch,
    entityRef: string,
    earlier: ReadonlyMap<string, StoredBatch>,
  ): StoredBatch | undefined {
    const { maxObservations } = this.options;
    const count = observationCount(batch);
    if (count > maxObservations) {
      throw new PayloadTooLargeError(
        `observations: ${count} observations exceed mlops.drift.ingestion.maxObservations (${maxObservations}) per batch`,
      );
    }
    if (monitorRefOf(batch) !== entityRef) {
      throw new InputError(
        `monitor: "${batch.monitor}" is not ${entityRef}, the monitor pulled`,
      );
    }
    const stored = earlier.get(batch.idempotencyKey);
    if (stored && !sameBody(stored.bodyHash, batch)) {
      throw new ConflictError(
        `idempotencyKey: "${batch.idempotencyKey}" was already used for a different batch`,
      );
    }
    return stored;
  }

  /** A pulled batch's observations validated, as columns to store. */
  private pulledColumns(
    entity: MLMonitorEntityV1alpha1,
    entityRef: string,
    batch: DriftSourceBatch,
    dateOf: (text: string) => Date,
  ): Pick<NewBatch, 'features' | 'count'> {
    if (isSeriesBatch(batch)) {
      const columns = prepareSeries(entity, entityRef, batch);
      return { features: [columns], count: columns.at.length };
    }
    const observations = prepareObservations(
      entity,
      entityRef,
      batch.observations,
      dateOf,
    );
    return { features: columnsOf(observations), count: observations.length };
  }

  /** A monitor's health from its declared features and their latest observations. */
  buildHealth(
    entity: MLMonitorEntityV1alpha1,
    rows: FeatureStateRow[],
    now: Date,
  ): MonitorHealth {
    const byName = new Map(rows.map(r => [r.feature, r]));
    const features: FeatureHealth[] = entity.spec.features.map(feature => {
      const thresholds = thresholdsOf(feature);
      const row = byName.get(feature.name);
      const score = row ? driftScoreOf(thresholds, row) : undefined;
      return {
        name: feature.name,
        ...(feature.type ? { type: feature.type } : {}),
        statistic: feature.statistic,
        value: row?.value ?? null,
        ...(row?.pValue !== null && row?.pValue !== undefined
          ? { pValue: row.pValue }
          : {}),
        thresholds,
        state: featureDriftState(score, thresholds),
        ...(row
          ? {
              observedAt: row.observedAt.toISOString(),
              ...(row.referenceRows !== null
                ? { referenceRows: row.referenceRows }
                : {}),
              ...(row.currentRows !== null
                ? { currentRows: row.currentRows }
                : {}),
              ...(row.window ? { window: row.window } : {}),
            }
          : {}),
        recent: (row?.recent ?? []).flatMap(p => {
          const v = driftScoreOf(thresholds, p);
          return v === undefined ? [] : [{ at: p.at, value: v }];
        }),
      };
    });
    features.sort(
      (a, b) =>
        compareDriftStates(a.state, b.state) || a.name.localeCompare(b.name),
    );
    const lastObservationAt = rows.length
      ? new Date(Math.max(...rows.map(r => r.observedAt.getTime())))
      : undefined;
    const summary = monitorDriftHealth({
      features,
      lastObservationAt,
      cadence: entity.spec.cadence,
      now,
      graceFactor: this.graceFactor,
    });
    return {
      entityRef: refKey(entity),
      title: entity.metadata.title ?? entity.metadata.name,
      type: entity.spec.type,
      state: summary.state,
      ...(lastObservationAt
        ? { lastObservationAt: lastObservationAt.toISOString() }
        : {}),
      ...(entity.spec.cadence ? { cadence: entity.spec.cadence } : {}),
      ...(summary.staleAfter
        ? { staleAfter: summary.staleAfter.toISOString() }
        : {}),
      evaluatedAt: now.toISOString(),
      featureCount: summary.featureCount,
      driftedFeatures: summary.driftedFeatures,
      driftedShare: summary.driftedShare,
      datasetDrift: summary.datasetDrift,
      features,
    };
  }

  /**
   * Evaluates one monitor, stores its state and any transition, and
   * notifies its alert routing when an alert or stale episode starts,
   * changes, or ends in recovery. The messages to the monitor's alert
   * channels are enqueued with the new state, once per episode, event and
   * channel, and sent by the delivery worker. `batches`, validated and
   * their keys free, are stored in the same transaction first.
   */
  async evaluateMonitor(
    entity: MLMonitorEntityV1alpha1,
    batches?: readonly NewBatch[],
  ): Promise<MonitorStateRow> {
    const [row] = await this.evaluateMonitors([entity], batches);
    return row;
  }

  /**
   * {@link DriftService.evaluateMonitor} for several distinct monitors,
   * in one transaction with their `batches`.
   */
  async evaluateMonitors(
    entities: readonly MLMonitorEntityV1alpha1[],
    batches?: readonly NewBatch[],
  ): Promise<MonitorStateRow[]> {
    const now = this.now();
    const byRef = new Map(entities.map(e => [refKey(e), e]));
    const messages = new Map<string, DriftAlertMessage>();
    const evaluated = await this.options.store.updateMonitorStates(
      [...byRef.keys()],
      (monitorRef, current) => {
        const { message, ...state } = this.nextState(
          byRef.get(monitorRef)!,
          current,
          now,
        );
        if (message) messages.set(monitorRef, message);
        return state;
      },
      batches,
    );
    for (const { row } of evaluated) {
      const message = messages.get(row.monitorRef);
      if (message) await this.notify(byRef.get(row.monitorRef)!, row, message);
    }
    if (evaluated.some(e => e.deliveries?.length)) {
      this.options.onAlertsEnqueued?.();
    }
    return evaluated.map(e => e.row);
  }

  /**
   * A monitor's state from its feature states and the state before: the
   * row to store, the transition and the messages to its alert channels
   * when an episode starts, changes or ends, and the alert routing's message.
   */
  private nextState(
    entity: MLMonitorEntityV1alpha1,
    { features: rows, previous }: CurrentMonitorState,
    now: Date,
  ): EvaluatedMonitorState & { message?: DriftAlertMessage } {
    const monitorRef = refKey(entity);
    const health = this.buildHealth(entity, rows, now);
    const state = health.state;
    const before: DriftState = previous?.state ?? 'no-data';
    const changed = before !== state;
    const bad = state === 'alert' || state === 'stale';
    let episode = previous?.episode ?? 0;
    let inEpisode = previous?.inEpisode ?? false;
    let event: DriftAlertEvent | undefined;
    if (bad && !inEpisode) {
      episode += 1;
      inEpisode = true;
      event = state;
    } else if (bad && changed) {
      event = state;
    } else if (state === 'healthy' && inEpisode) {
      inEpisode = false;
      event = 'recovery';
    }
    const lastObservationAt = health.lastObservationAt
      ? new Date(health.lastObservationAt)
      : null;
    const modelRef = this.modelOf(entity);
    const ownerRef = this.ownerOf(entity);
    const message = event
      ? driftAlertMessage({
          entity,
          health,
          appBaseUrl: this.options.appBaseUrl,
          transition: {
            monitorRef,
            modelRef,
            ownerRef,
            event,
            episode,
            from: before,
            at: now,
            lastObservationAt,
          },
        })
      : undefined;
    const { features, ...rest } = health;
    return {
      message,
      row: {
        monitorRef,
        modelRef,
        ownerRef,
        title: health.title,
        state,
        since: changed || !previous ? now : previous.since,
        lastObservationAt,
        evaluatedAt: now,
        episode,
        inEpisode,
        health: {
          ...rest,
          features: features.map(({ recent, ...f }) => f),
        },
      },
      transition: changed
        ? { monitorRef, from: before, to: state, episode, at: now }
        : undefined,
      deliveries:
        event && message
          ? (entity.spec.alerting?.channels ?? []).map(channel => ({
              monitorRef,
              episode,
              event,
              channelType: channel.type,
              channelTarget: channel.target,
              message,
              createdAt: now,
            }))
          : undefined,
    };
  }

  private modelOf(entity: MLMonitorEntityV1alpha1): string | null {
    try {
      return stringifyEntityRef(
        parseEntityRef(entity.spec.model, {
          defaultKind: 'MLModel',
          defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
        }),
      ).toLowerCase();
    } catch {
      return null;
    }
  }

  private ownerOf(entity: MLMonitorEntityV1alpha1): string | null {
    try {
      return stringifyEntityRef(
        parseEntityRef(entity.spec.owner, {
          defaultKind: 'Group',
          defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
        }),
      ).toLowerCase();
    } catch {
      return null;
    }
  }

  /** Where a monitor's alerts go: spec.alerting.notify, else its owner. */
  recipientsOf(entity: MLMonitorEntityV1alpha1): string[] {
    const refs = entity.spec.alerting?.notify?.length
      ? entity.spec.alerting.notify
      : [entity.spec.owner];
    return refs.flatMap(ref => {
      try {
        return [
          stringifyEntityRef(
            parseEntityRef(ref, {
              defaultKind: 'Group',
              defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
            }),
          ).toLowerCase(),
        ];
      } catch {
        return [];
      }
    });
  }

  private async notify(
    entity: MLMonitorEntityV1alpha1,
    row: MonitorStateRow,
    message: DriftAlertMessage,
  ) {
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef: this.recipientsOf(entity) },
        payload: {
          title: message.title,
          description: message.summary,
          severity: message.severity,
          link: entityPath(row.monitorRef),
          topic: DRIFT_NOTIFICATION_TOPIC,
          // One notification per episode: later sends update it.
          scope: `mlops:drift:${row.monitorRef}:episode-${row.episode}`,
        },
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not notify the alert routing of ${row.monitorRef}: ${error}`,
      );
    }
  }

  /**
   * Evaluates every monitor in the catalog — marking those silent beyond
   * their cadence stale — and forgets monitors no longer there.
   */
  async evaluateAll(): Promise<{ evaluated: number }> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: 'MLMonitor' } },
      { credentials },
    );
    const monitors = items.filter(isMLMonitorEntity);
    for (const monitor of monitors) {
      try {
        await this.evaluateMonitor(monitor);
      } catch (error) {
        this.options.logger.warn(
          `Could not evaluate ${refKey(monitor)}: ${error}`,
        );
      }
    }
    const known = new Set(monitors.map(refKey));
    const stored = await this.options.store.monitorStates({});
    await this.options.store.deleteMonitorStates(
      stored.map(s => s.monitorRef).filter(ref => !known.has(ref)),
    );
    return { evaluated: monitors.length };
  }

  /** A stored state read now: a monitor past its stale time is stale. */
  private current(row: MonitorStateRow, now: Date): MonitorHealth {
    const health = row.health as unknown as MonitorHealth;
    let state = row.state;
    let since = row.since.toISOString();
    if (
      health.staleAfter &&
      now.getTime() > Date.parse(health.staleAfter) &&
      DRIFT_STATE_SEVERITY[state] < DRIFT_STATE_SEVERITY.stale
    ) {
      state = 'stale';
      since = health.staleAfter;
    }
    return {
      ...health,
      state,
      since,
      evaluatedAt: row.evaluatedAt.toISOString(),
    };
  }

  private async withRecent(
    monitors: MonitorStateRow[],
  ): Promise<MonitorHealth[]> {
    const now = this.now();
    const rows = await this.options.store.featureStates(
      monitors.map(m => m.monitorRef),
    );
    const recent = new Map(
      rows.map(r => [`${r.monitorRef}\u0000${r.feature}`, r.recent]),
    );
    return monitors
      .map(m => {
        const health = this.current(m, now);
        return {
          ...health,
          features: (health.features ?? []).map(f => ({
            ...f,
            recent: (
              recent.get(`${m.monitorRef}\u0000${f.name}`) ?? []
            ).flatMap(p => {
              const v = driftScoreOf(f.thresholds, p);
              return v === undefined ? [] : [{ at: p.at, value: v }];
            }),
          })),
        };
      })
      .sort(
        (a, b) =>
          compareDriftStates(a.state, b.state) ||
          a.entityRef.localeCompare(b.entityRef),
      );
  }

  /** Drift health of a model, monitor or use case the caller may read. */
  async health(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<{
    entityRef: string;
    state: DriftState;
    evaluatedAt?: string;
    monitors: MonitorHealth[];
    models?: Array<{ entityRef: string; title: string; state: DriftState }>;
  }> {
    const { store, access, catalog } = this.options;
    const kind = parseEntityRef(entityRef).kind.toLowerCase();
    if (!(await access.canRead(entityRef, credentials))) {
      throw new NotFoundError(`${entityRef} is not in the catalog`);
    }
    const evaluatedAtOf = (monitors: MonitorHealth[]) =>
      monitors
        .map(m => m.evaluatedAt)
        .filter((at): at is string => !!at)
        .sort()
        .pop();
    if (kind === 'mlmodel' || kind === 'mlmonitor') {
      const rows = await store.monitorStates(
        kind === 'mlmodel'
          ? { modelRefs: [entityRef] }
          : { monitorRefs: [entityRef] },
      );
      if (!rows.length) {
        const entity = await catalog.getEntityByRef(
          entityRef,
          await this.ownCredentials(),
        );
        if (!entity)
          throw new NotFoundError(`${entityRef} is not in the catalog`);
      }
      const monitors = await this.withRecent(rows);
      return {
        entityRef,
        state: aggregateDriftState(monitors.map(m => m.state)),
        ...(monitors.length ? { evaluatedAt: evaluatedAtOf(monitors) } : {}),
        monitors,
      };
    }
    if (kind !== 'mlusecase') {
      throw new InputError(
        `kind: drift health is for MLModel, MLMonitor and MLUseCase, not ${kind}`,
      );
    }
    const useCase = await catalog.getEntityByRef(
      entityRef,
      await this.ownCredentials(),
    );
    if (!useCase) throw new NotFoundError(`${entityRef} is not in the catalog`);
    const modelRefs = (useCase.relations ?? [])
      .filter(r => r.type === RELATION_USE_CASE_IMPLEMENTED_BY)
      .map(r => r.targetRef.toLowerCase());
    const { items } = modelRefs.length
      ? await catalog.getEntitiesByRefs(
          {
            entityRefs: modelRefs,
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'metadata.title',
            ],
          },
          await this.ownCredentials(),
        )
      : { items: [] };
    const allowed = await access.readable(modelRefs, credentials);
    const readable = items.filter(
      (e): e is Entity => !!e && (allowed === 'all' || allowed.has(refKey(e))),
    );
    const rows = await store.monitorStates({
      modelRefs: readable.map(refKey),
    });
    const modelOf = new Map(rows.map(r => [r.monitorRef, r.modelRef]));
    const monitors = await this.withRecent(rows);
    const models = readable
      .map(model => {
        const ref = refKey(model);
        return {
          entityRef: ref,
          title: model.metadata.title ?? model.metadata.name,
          state: aggregateDriftState(
            monitors
              .filter(m => modelOf.get(m.entityRef) === ref)
              .map(m => m.state),
          ),
        };
      })
      .sort((a, b) => compareDriftStates(a.state, b.state));
    return {
      entityRef,
      state: aggregateDriftState(models.map(m => m.state)),
      ...(monitors.length ? { evaluatedAt: evaluatedAtOf(monitors) } : {}),
      monitors,
      models,
    };
  }

  /** A monitor's values per feature over `days`, daily beyond a week. */
  async series(
    monitorRef: string,
    days: number,
    credentials: BackstageCredentials,
  ) {
    const entity = (await this.options.access.canRead(monitorRef, credentials))
      ? await this.options.catalog.getEntityByRef(
          monitorRef,
          await this.ownCredentials(),
        )
      : undefined;
    if (!entity || !isMLMonitorEntity(entity)) {
      throw new NotFoundError(`${monitorRef} is not in the catalog`);
    }
    const now = this.now();
    const since = new Date(now.getTime() - days * 86_400_000);
    const daily = days > 7;
    let points = await this.options.store.rawSeries(monitorRef, since);
    if (daily) {
      // The last value of each day, from aggregates where raw data is gone.
      const lastOfDay = new Map<string, (typeof points)[number]>();
      const rollups = await this.options.store.dailySeries(monitorRef, since);
      for (const p of [...rollups, ...points]) {
        const key = `${p.feature}\u0000${p.at.toISOString().slice(0, 10)}`;
        const seen = lastOfDay.get(key);
        if (!seen || seen.at.getTime() <= p.at.getTime()) lastOfDay.set(key, p);
      }
      points = [...lastOfDay.values()].sort(
        (a, b) => a.at.getTime() - b.at.getTime(),
      );
    }
    return {
      monitor: monitorRef,
      days,
      resolution: daily ? ('daily' as const) : ('raw' as const),
      features: entity.spec.features.map(feature => {
        const thresholds = thresholdsOf(feature);
        return {
          name: feature.name,
          statistic: feature.statistic,
          thresholds,
          points: points
            .filter(p => p.feature === feature.name)
            .flatMap(p => {
              const value = driftScoreOf(thresholds, p);
              return value === undefined
                ? []
                : [
                    {
                      at: p.at.toISOString(),
                      value,
                      state: featureDriftState(value, thresholds),
                    },
                  ];
            }),
        };
      }),
    };
  }

  /** Models in warning, alert or stale that the caller may read, worst first. */
  async alerts(credentials: BackstageCredentials) {
    const now = this.now();
    const rows = await this.options.store.monitorStates({});
    const current = rows
      .map(row => ({ row, health: this.current(row, now) }))
      .filter(({ health }) =>
        ['warning', 'alert', 'stale'].includes(health.state),
      );
    const byModel = new Map<string, typeof current>();
    for (const entry of current) {
      if (!entry.row.modelRef) continue;
      const list = byModel.get(entry.row.modelRef) ?? [];
      list.push(entry);
      byModel.set(entry.row.modelRef, list);
    }
    if (!byModel.size) return { models: [] };
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs: [...byModel.keys()],
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'spec.owner',
        ],
      },
      await this.ownCredentials(),
    );
    const access = await this.options.access.readable(
      [...byModel.keys()],
      credentials,
    );
    const models = items.flatMap(model => {
      if (!model || (access !== 'all' && !access.has(refKey(model)))) return [];
      const list = byModel.get(refKey(model)) ?? [];
      const state = aggregateDriftState(list.map(e => e.health.state));
      const since = list
        .filter(e => e.health.state === state)
        .map(e => e.health.since!)
        .sort()[0];
      return [
        {
          entityRef: refKey(model),
          title: model.metadata.title ?? model.metadata.name,
          owner: String(model.spec?.owner ?? ''),
          state,
          since,
          monitors: list
            .map(e => ({
              entityRef: e.row.monitorRef,
              state: e.health.state,
              since: e.health.since,
            }))
            .sort((a, b) => compareDriftStates(a.state, b.state)),
        },
      ];
    });
    models.sort(
      (a, b) =>
        compareDriftStates(a.state, b.state) ||
        a.entityRef.localeCompare(b.entityRef),
    );
    return { models };
  }
}
