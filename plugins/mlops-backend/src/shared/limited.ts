/**
 * Runs the tasks given to it at most `concurrency` at a time, in the order
 * given, each resolving to its own result. A team's diagnostic sends its
 * small reads through one: the database pool closes connections idle for its
 * idle timeout (30 s by default), and a request after a quiet half minute
 * opens one connection per read in flight, each costing an authentication
 * on both sides, which is more than the reads themselves.
 */
export function limited(
  concurrency: number,
): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async task => {
    if (running < concurrency) {
      running += 1;
    } else {
      // The task that finishes hands its place over.
      await new Promise<void>(resolve => waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
