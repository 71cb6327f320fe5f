/**
 * Recently loaded values by key, for `ttlMs`, so that a page opened by many
 * people does not read thousands of rows or entities each time: the team
 * roll-ups' inputs (cleared whenever an evaluation is stored, and expiring
 * so that evaluations of another replica show within the time), the
 * use cases the organisation's value view reads from the catalog and the
 * organisation's diagnostic. What a caller may read is filtered after the
 * cache, per request, or decides whether the cache applies.
 *
 * With `staleMs`, a value older than `ttlMs` but younger than `staleMs` is
 * still served, at once, and its key listed by {@link TtlCache.takeStale}
 * for the owner to load again, after the request that found it, with
 * {@link TtlCache.set}: a value that changes seldom (the catalog's groups
 * and their members) is not waited for by the first request after a quiet
 * minute, and is never older than `staleMs`.
 */
export class TtlCache<T> {
  private readonly entries = new Map<
    string,
    { at: number; value: Promise<T>; settled: boolean }
  >();
  private readonly stale = new Set<string>();

  constructor(
    private readonly options: {
      ttlMs: number;
      maxEntries: number;
      /** Up to this age a value is served while it is loaded again (default: `ttlMs`, never). */
      staleMs?: number;
      clock?: () => number;
    },
  ) {}

  private now() {
    return this.options.clock?.() ?? Date.now();
  }

  /** The cached value for the key, or the loaded one (a failed load is not kept). */
  get(key: string, load: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    const age = entry ? this.now() - entry.at : Infinity;
    if (entry && age < this.options.ttlMs) return entry.value;
    if (entry?.settled && age < (this.options.staleMs ?? 0)) {
      this.stale.add(key);
      return entry.value;
    }
    if (this.entries.size >= this.options.maxEntries) this.entries.clear();
    this.keep(key, load(), this.now());
    return this.entries.get(key)!.value;
  }

  private keep(key: string, value: Promise<T>, at: number) {
    const entry = { at, value, settled: false };
    this.entries.set(key, entry);
    this.stale.delete(key);
    value.then(
      () => {
        entry.settled = true;
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
  }

  /** The keys served stale since the last call, each once. */
  takeStale(): string[] {
    const keys = [...this.stale];
    this.stale.clear();
    return keys;
  }

  /**
   * Replaces the key's value once `value`, whose load starts now, is
   * loaded; a failed load keeps the value before it (until it is too old).
   */
  async set(key: string, value: Promise<T>): Promise<void> {
    const at = this.now();
    let loaded: T;
    try {
      loaded = await value;
    } catch {
      return;
    }
    if (!this.entries.has(key) && this.entries.size >= this.options.maxEntries)
      this.entries.clear();
    this.keep(key, Promise.resolve(loaded), at);
  }

  clear() {
    this.entries.clear();
    this.stale.clear();
  }
}
