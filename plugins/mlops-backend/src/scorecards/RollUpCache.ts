/**
 * Recently read roll-up inputs, so that a team page opened by many people
 * does not read thousands of rows each time. Stored results only change
 * when an evaluation runs: the service clears the cache whenever it stores
 * one, and entries expire after `ttlMs` so that evaluations run by another
 * replica show within that time. What a caller may read is filtered after
 * the cache, per request.
 */
export class RollUpCache<T> {
  private readonly entries = new Map<
    string,
    { at: number; value: Promise<T> }
  >();

  constructor(
    private readonly options: {
      ttlMs: number;
      maxEntries: number;
      clock?: () => number;
    },
  ) {}

  private now() {
    return this.options.clock?.() ?? Date.now();
  }

  /** The cached value for the key, or the loaded one (a failed load is not kept). */
  get(key: string, load: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.at < this.options.ttlMs) {
      return entry.value;
    }
    if (this.entries.size >= this.options.maxEntries) this.entries.clear();
    const value = load();
    this.entries.set(key, { at: this.now(), value });
    value.catch(() => this.entries.delete(key));
    return value;
  }

  clear() {
    this.entries.clear();
  }
}
