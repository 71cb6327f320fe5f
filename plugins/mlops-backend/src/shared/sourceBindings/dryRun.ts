import type { SourceBindingPull } from '@mlightenment/backstage-plugin-mlops-node';
import { normalizeRef } from '../entityRefs';
import { gatheredPulls, isBindingPulls, PullResult } from './pullBindings';

/** A binding of a dry run that failed before it pulled anything. */
export interface FailedDryRun {
  source: string;
  binding: string;
  samples: 0;
  skipped: 0;
  error: string;
}

/**
 * Runs every source's pull now, for one entity, storing nothing: each of
 * the entity's bindings as `result` reports it, or the error a source
 * threw in its words. A source that returns plain batches counts as one
 * binding without a name; one that returns nothing binds nothing of the
 * entity.
 */
export async function dryRunSources<
  TSource extends { id: string },
  TBatch,
  TPull extends SourceBindingPull<TBatch>,
  TResult,
>(options: {
  sources: readonly TSource[];
  /** The entity's reference, lower case. */
  entityRef: string;
  pull(
    source: TSource,
  ): PullResult<TBatch, TPull> | Promise<PullResult<TBatch, TPull>>;
  /** The entity a pull is for. */
  entityOf(pull: TPull): string;
  /** Plain batches as one pull for the entity. */
  asPull(batches: TBatch[]): TPull;
  result(sourceId: string, pull: TPull): TResult;
  failed(failure: FailedDryRun): TResult;
}): Promise<TResult[]> {
  const results: TResult[] = [];
  for (const source of options.sources) {
    let pulled: TBatch[] | TPull[];
    try {
      pulled = await gatheredPulls(await options.pull(source));
    } catch (error) {
      results.push(
        options.failed({
          source: source.id,
          binding: '',
          samples: 0,
          skipped: 0,
          error: (error as Error).message,
        }),
      );
      continue;
    }
    // Nothing at all: the source binds nothing of this entity.
    if (pulled.length === 0) continue;
    const pulls = isBindingPulls<TBatch, TPull>(pulled)
      ? pulled
      : [options.asPull(pulled as TBatch[])];
    for (const pull of pulls) {
      if (normalizeRef(options.entityOf(pull)) !== options.entityRef) continue;
      results.push(options.result(source.id, pull));
    }
  }
  return results;
}
