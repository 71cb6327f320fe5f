import { ConflictError } from '@backstage/errors';
import type { GateConflictCode } from '@mlightenment/backstage-plugin-mlops-common';

/**
 * A 409 whose error body carries a {@link GateConflictCode} as `code`, so
 * clients tell a stale view (reload and decide again) from a gate that
 * cannot be decided, without reading the message.
 */
export function gateConflict(
  code: GateConflictCode,
  message: string,
): ConflictError {
  return Object.assign(new ConflictError(message), { code });
}
