/**
 * Recently loaded values by key, for `ttlMs`, so that a page opened by many
 * people does not read thousands of rows or entities each time: the team
 * roll-ups' inputs (cleared whenever an evaluation is stored, and expiring
 * so that evaluations of another replica show within the time), the
 * use cases the organisation's value view reads from the catalog and the
 * organisation's diagnostic. What a caller may read is filtered after the
 * cache, per request, or decides whether the cache applies.
 */
export class TtlCache<T> {
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
