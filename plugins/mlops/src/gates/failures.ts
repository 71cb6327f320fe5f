import { ResponseError } from '@backstage/errors';

/** Why the backend refused a decision or an attestation, for the person. */
export type Refusal =
  | { kind: 'stale' }
  | { kind: 'forbidden' }
  | { kind: 'other'; message: string };

/**
 * Reads a refused request: a 409 about the revision means the gate changed
 * since it was loaded, 403 that the caller may not; anything else keeps the
 * backend's message, which says what is wrong (a field for a 400, a gate
 * decided out of order or not ready for a 409).
 */
export function refusalOf(error: unknown): Refusal {
  if (ResponseError.is(error)) {
    // The backend also answers 409 for a gate that is not ready or decided
    // out of order; only the stale revision is fixed by reloading.
    if (
      error.statusCode === 409 &&
      /changed since you loaded it/.test(error.body.error.message)
    ) {
      return { kind: 'stale' };
    }
    if (error.statusCode === 403) return { kind: 'forbidden' };
    return { kind: 'other', message: error.body.error.message };
  }
  return {
    kind: 'other',
    message: error instanceof Error ? error.message : String(error),
  };
}
