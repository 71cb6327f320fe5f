import { ResponseError } from '@backstage/errors';

/** Whether an error is the backend answering with the given status. */
export function hasStatus(error: unknown, status: number): boolean {
  return ResponseError.is(error) && error.statusCode === status;
}
