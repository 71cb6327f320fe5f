import { ResponseError } from '@backstage/errors';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Whether trying again may help: a connection reset or refused, a timeout,
 * a 5xx or a 429 — not a request the other side refused (another 4xx).
 */
export function isTransient(error: unknown): boolean {
  if (ResponseError.is(error)) {
    const status = error.statusCode;
    return status >= 500 || status === 429;
  }
  return true;
}

/**
 * Calls `call` until it succeeds or `attempts` are spent, waiting
 * `backoffMs`, then twice as long, and so on between attempts; an error
 * that is not transient is thrown at once.
 */
export async function withRetries<T>(
  call: () => Promise<T>,
  options: { attempts?: number; backoffMs?: number } = {},
): Promise<T> {
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 200;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      await sleep(backoffMs * 2 ** (attempt - 1));
    }
  }
}
