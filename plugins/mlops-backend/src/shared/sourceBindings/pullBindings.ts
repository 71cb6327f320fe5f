import type {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type PolicyDecision,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { SourceBindingPull } from '@mlightenment/backstage-plugin-mlops-node';
import { BindingImport, nextBindingStatus } from './bindingStatus';
import type {
  SourceBindingRow,
  SourceBindingStore,
} from './SourceBindingStore';

const key = (entityRef: string, binding: string) =>
  `${entityRef}\u0000${binding}`;

/** Whether a source returned what it pulled per binding rather than plain batches. */
export const isBindingPulls = <TBatch, TPull extends SourceBindingPull<TBatch>>(
  result: TBatch[] | TPull[],
): result is TPull[] =>
  result.some(r => typeof r === 'object' && 'binding' in r! && 'batches' in r);

/** How the batches of one kind of source are stored (drift observations, KPI actuals). */
export interface BatchSink<TBatch> {
  /** Stores a batch; the samples it stored (none when it was stored before). */
  ingest(batch: TBatch): Promise<number>;
  /** The samples a batch holds. */
  samplesOf(batch: TBatch): number;
  /** The end of what a batch covers: a binding that stored it has imported through here. */
  reachOf(batch: TBatch): Date;
  /** The batch's idempotency key, which names it in a binding's error and the log. */
  keyOf(batch: TBatch): string;
}

/**
 * Stores a binding's batches in order and stops at the first that is not
 * stored: the next pull asks for it again, and not for those before.
 */
export async function storeBindingBatches<TBatch>(
  pull: SourceBindingPull<TBatch>,
  sink: BatchSink<TBatch>,
): Promise<BindingImport> {
  const outcome: BindingImport = { imported: 0, samples: 0 };
  if (pull.error) return outcome;
  for (const batch of pull.batches) {
    try {
      outcome.imported += await sink.ingest(batch);
      const samples = sink.samplesOf(batch);
      outcome.samples += samples;
      if (samples) outcome.storedThrough = sink.reachOf(batch);
    } catch (error) {
      outcome.error = `batch ${sink.keyOf(batch)} was not stored: ${
        (error as Error).message
      }`;
      break;
    }
  }
  if (!outcome.error) delete outcome.storedThrough;
  return outcome;
}

/**
 * One scheduled pull of a source whose bindings have a status: each binding
 * is asked for from where it last imported through, its batches are stored,
 * and the status of every binding the pull reported replaces the source's
 * previous ones. A source that returns plain batches has them stored, each
 * on its own; it has no binding status.
 */
export async function pullBindings<
  TBatch,
  TPull extends SourceBindingPull<TBatch>,
>(options: {
  sourceId: string;
  /** What the source pulled, given where each binding had imported through. */
  pull: (
    pulledThrough: (entityRef: string, binding: string) => Date | undefined,
  ) => Promise<TBatch[] | TPull[]>;
  /** The entity a binding belongs to, as the source names it. */
  entityOf(pull: TPull): string;
  store: SourceBindingStore;
  sink: BatchSink<TBatch>;
  logger: LoggerService;
  at: Date;
}): Promise<void> {
  const { sourceId, store, sink, logger, at } = options;
  const previous = new Map(
    (await store.forSource(sourceId)).map(row => [
      key(row.entityRef, row.binding),
      row,
    ]),
  );
  const result = await options.pull(
    (entityRef, binding) =>
      previous.get(key(entityRef.toLowerCase(), binding))?.pulledThrough ??
      undefined,
  );
  if (!isBindingPulls<TBatch, TPull>(result) && result.length > 0) {
    for (const batch of result as TBatch[]) {
      try {
        await sink.ingest(batch);
      } catch (error) {
        logger.warn(
          `Source ${sourceId}: batch ${sink.keyOf(
            batch,
          )} was not stored: ${error}`,
        );
      }
    }
    return;
  }
  const rows: SourceBindingRow[] = [];
  for (const pull of result as TPull[]) {
    const entityRef = options.entityOf(pull).toLowerCase();
    const outcome = await storeBindingBatches(pull, sink);
    if (outcome.error) {
      logger.warn(
        `Source ${sourceId}: ${entityRef} binding ${pull.binding}: ${outcome.error}`,
      );
    }
    rows.push(
      nextBindingStatus({
        sourceId,
        entityRef,
        pull,
        result: outcome,
        previous: previous.get(key(entityRef, pull.binding)),
        at,
      }),
    );
  }
  await store.replaceForSource(sourceId, rows);
}

/**
 * Whether the caller may run an entity's bindings now: the resource
 * permission allowed, or conditionally allowed by the rules registered
 * for its resource type (e.g. the entity's owner).
 */
export async function mayDryRun(options: {
  permissions: PermissionsService;
  permission: ResourcePermission;
  credentials: BackstageCredentials;
  applyConditions: (decision: PolicyDecision) => boolean;
}): Promise<boolean> {
  const [decision] = await options.permissions.authorizeConditional(
    [{ permission: options.permission }],
    { credentials: options.credentials },
  );
  return (
    decision.result === AuthorizeResult.ALLOW ||
    (decision.result === AuthorizeResult.CONDITIONAL &&
      options.applyConditions(decision))
  );
}
