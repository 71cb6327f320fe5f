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

/**
 * What a source's pull returns: plain batches, what it pulled per binding,
 * or those pulls as they come, entity by entity, to be stored while it
 * pulls the next.
 */
export type PullResult<TBatch, TPull> =
  | TBatch[]
  | TPull[]
  | AsyncIterable<TPull[]>;

const isAsyncIterable = <T>(value: unknown): value is AsyncIterable<T> =>
  typeof (value as AsyncIterable<T> | undefined)?.[Symbol.asyncIterator] ===
  'function';

/** All that a pull returned, the pulls that came one after the other gathered. */
export async function gatheredPulls<TBatch, TPull>(
  result: PullResult<TBatch, TPull>,
): Promise<TBatch[] | TPull[]> {
  if (!isAsyncIterable<TPull[]>(result)) return result;
  const pulls: TPull[] = [];
  for await (const part of result) pulls.push(...part);
  return pulls;
}

/** Whether a source returned what it pulled per binding rather than plain batches. */
export const isBindingPulls = <TBatch, TPull extends SourceBindingPull<TBatch>>(
  result: TBatch[] | TPull[],
): result is TPull[] =>
  result.some(r => typeof r === 'object' && 'binding' in r! && 'batches' in r);

/** What storing one binding's batches did: the samples each stored, in order, until the first not stored, and why that one was not. */
export interface StoredSequence {
  stored: number[];
  error?: string;
}

/** How the batches of one kind of source are stored (drift observations, KPI actuals). */
export interface BatchSink<TBatch> {
  /** Stores a batch; the samples it stored (none when it was stored before). */
  ingest(batch: TBatch): Promise<number>;
  /**
   * Stores the batches of some entities' bindings together (one
   * transaction, one evaluation of each entity), where the kind of source
   * can: per entity and binding, its batches in order up to the first not
   * stored. Without it, each batch is stored on its own.
   */
  ingestEntities?(
    entities: ReadonlyArray<{ entityRef: string; bindings: TBatch[][] }>,
  ): Promise<StoredSequence[][]>;
  /** The samples a batch holds. */
  samplesOf(batch: TBatch): number;
  /** The end of what a batch covers: a binding that stored it has imported through here. */
  reachOf(batch: TBatch): Date;
  /** The batch's idempotency key, which names it in a binding's error and the log. */
  keyOf(batch: TBatch): string;
}

/** Stores a binding's batches one by one, stopping at the first that is not stored. */
async function storeOneByOne<TBatch>(
  batches: readonly TBatch[],
  sink: BatchSink<TBatch>,
): Promise<StoredSequence> {
  const sequence: StoredSequence = { stored: [] };
  for (const batch of batches) {
    try {
      sequence.stored.push(await sink.ingest(batch));
    } catch (error) {
      sequence.error = (error as Error).message;
      break;
    }
  }
  return sequence;
}

/**
 * What a binding imported, from what storing its batches did: the next
 * pull asks for the first batch not stored again, and not for those before.
 */
function bindingImportOf<TBatch>(
  pull: SourceBindingPull<TBatch>,
  sequence: StoredSequence,
  sink: BatchSink<TBatch>,
): BindingImport {
  const outcome: BindingImport = { imported: 0, samples: 0 };
  let lastWithSamples: TBatch | undefined;
  sequence.stored.forEach((imported, i) => {
    const samples = sink.samplesOf(pull.batches[i]);
    outcome.imported += imported;
    outcome.samples += samples;
    if (samples) lastWithSamples = pull.batches[i];
  });
  if (sequence.error !== undefined) {
    outcome.error = `batch ${sink.keyOf(
      pull.batches[sequence.stored.length],
    )} was not stored: ${sequence.error}`;
    // Only a binding that stopped short needs to know where it got to.
    if (lastWithSamples) outcome.storedThrough = sink.reachOf(lastWithSamples);
  }
  return outcome;
}

/** Stores a binding's batches in order and stops at the first that is not stored. */
async function storeBindingBatches<TBatch>(
  pull: SourceBindingPull<TBatch>,
  sink: BatchSink<TBatch>,
): Promise<BindingImport> {
  if (pull.error) return { imported: 0, samples: 0 };
  return bindingImportOf(pull, await storeOneByOne(pull.batches, sink), sink);
}

/**
 * Stores the batches of each entity's bindings, through the sink's
 * `ingestEntities` where it has one: what each binding imported, by pull.
 */
async function storeEntityBindings<
  TBatch,
  TPull extends SourceBindingPull<TBatch>,
>(
  pulls: readonly TPull[],
  entityOf: (pull: TPull) => string,
  sink: BatchSink<TBatch>,
): Promise<Map<TPull, BindingImport>> {
  const outcomes = new Map<TPull, BindingImport>();
  const { ingestEntities } = sink;
  if (!ingestEntities) {
    for (const pull of pulls) {
      outcomes.set(pull, await storeBindingBatches(pull, sink));
    }
    return outcomes;
  }
  const byEntity = new Map<string, TPull[]>();
  for (const pull of pulls) {
    if (pull.error || !pull.batches.length) {
      outcomes.set(pull, { imported: 0, samples: 0 });
      continue;
    }
    const entityRef = entityOf(pull).toLowerCase();
    const list = byEntity.get(entityRef) ?? [];
    list.push(pull);
    byEntity.set(entityRef, list);
  }
  if (!byEntity.size) return outcomes;
  const entities = [...byEntity];
  let sequences: StoredSequence[][];
  try {
    sequences = await ingestEntities.call(
      sink,
      entities.map(([entityRef, entityPulls]) => ({
        entityRef,
        bindings: entityPulls.map(p => p.batches),
      })),
    );
  } catch (error) {
    const failed = { stored: [], error: (error as Error).message };
    sequences = entities.map(([, entityPulls]) =>
      entityPulls.map(() => failed),
    );
  }
  entities.forEach(([, entityPulls], e) =>
    entityPulls.forEach((pull, i) =>
      outcomes.set(pull, bindingImportOf(pull, sequences[e][i], sink)),
    ),
  );
  return outcomes;
}

/**
 * The parts a source hands over as it pulls them (the Prometheus module's:
 * a monitor each), stored this many at a time, in one transaction where
 * the kind of source can: 100 monitors of 25 features each are ten
 * transactions of about ten statements, not a hundred.
 */
export const PARTS_PER_STORE = 10;

/**
 * The parts of `source` (each some entities' pulls), gathered `size` at a
 * time (fewer at its end), while `source` is read on: the next parts are
 * pulled while a group is stored, up to two groups waiting.
 */
export async function* inGroups<T>(
  source: AsyncIterable<T[]>,
  size: number,
): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  const waiting: T[][] = [];
  let done = false;
  let failure: { error: unknown } | undefined;
  let reading: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  const readAhead = async () => {
    while (!done && waiting.length < 2 * size) {
      try {
        const next = await iterator.next();
        if (next.done) done = true;
        else waiting.push(next.value);
      } catch (error) {
        failure = { error };
        done = true;
      }
      wake?.();
    }
    reading = undefined;
  };
  const nextArrival = () =>
    new Promise<void>(resolve => {
      wake = resolve;
    });
  try {
    for (;;) {
      if (!reading && !done) reading = readAhead();
      if (waiting.length >= size || (done && waiting.length)) {
        yield waiting.splice(0, size).flat();
        continue;
      }
      if (done) break;
      await nextArrival();
      wake = undefined;
    }
  } finally {
    if (!done) {
      done = true;
      await reading;
      await iterator.return?.();
    }
  }
  if (failure) throw failure.error;
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
  ) => PullResult<TBatch, TPull> | Promise<PullResult<TBatch, TPull>>;
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

  /** Stores the pulls' batches; each binding's status after them. */
  const statusOf = async (pulls: readonly TPull[]) => {
    const outcomes = await storeEntityBindings(pulls, options.entityOf, sink);
    return pulls.map(pull => {
      const entityRef = options.entityOf(pull).toLowerCase();
      const outcome = outcomes.get(pull)!;
      if (outcome.error) {
        logger.warn(
          `Source ${sourceId}: ${entityRef} binding ${pull.binding}: ${outcome.error}`,
        );
      }
      return nextBindingStatus({
        sourceId,
        entityRef,
        pull,
        result: outcome,
        previous: previous.get(key(entityRef, pull.binding)),
        at,
      });
    });
  };

  const rows: SourceBindingRow[] = [];
  if (isAsyncIterable(result)) {
    // Stored as they arrive, some parts at a time, while the source pulls
    // the next.
    for await (const pulls of inGroups(result, PARTS_PER_STORE)) {
      rows.push(...(await statusOf(pulls)));
    }
  } else if (!isBindingPulls<TBatch, TPull>(result) && result.length > 0) {
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
  } else {
    rows.push(...(await statusOf(result as TPull[])));
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
