import { ResponseError } from '@backstage/errors';
import type { GateConflictCode } from '@mlightenment/backstage-plugin-mlops-common';

/** Why the backend refused a decision or an attestation, for the person. */
export type Refusal =
  | { kind: 'stale' }
  | { kind: 'forbidden' }
  | { kind: 'other'; message: string };

/**
 * Reads a refused request: a 409 with code `gate-revision-stale` means the
 * gate changed since it was loaded, 403 that the caller may not; anything
 * else keeps the backend's message, which says what is wrong (a field for a
 * 400, a gate decided out of order or not ready for the other 409s).
 */
export function refusalOf(error: unknown): Refusal {
  if (ResponseError.is(error)) {
    const code: GateConflictCode | undefined = error.body.error.code as any;
    if (error.statusCode === 409 && code === 'gate-revision-stale') {
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
