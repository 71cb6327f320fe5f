/**
 * Runs `run(key)` in the background for each key it is called with, one run
 * per key at a time: calls that come while a run of the key is under way make
 * one more run after it, however many they are. So a backfill of a hundred
 * batches re-evaluates its use case a few times, not a hundred, and the last
 * run sees the last batch. `run` handles its own errors.
 */
export function coalesced(
  run: (key: string) => Promise<void>,
): (key: string) => void {
  // A key is in the map while it runs; true when it must run once more.
  const again = new Map<string, boolean>();
  const loop = async (key: string) => {
    do {
      again.set(key, false);
      await run(key);
    } while (again.get(key));
    again.delete(key);
  };
  return key => {
    if (again.has(key)) {
      again.set(key, true);
      return;
    }
    void loop(key);
  };
}
