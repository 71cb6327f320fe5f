import { TtlCache } from './TtlCache';

/** A cache keeping values 30 s, served once more up to 5 minutes, at the clock's time. */
const staleCache = (clock: { now: number }) =>
  new TtlCache<string>({
    ttlMs: 30_000,
    staleMs: 300_000,
    maxEntries: 10,
    clock: () => clock.now,
  });

describe('TtlCache', () => {
  it('serves a key from the cache until it expires', async () => {
    let now = 0;
    const cache = new TtlCache<number>({
      ttlMs: 30_000,
      maxEntries: 10,
      clock: () => now,
    });
    const load = jest.fn(async () => now);
    expect(await cache.get('team-a', load)).toBe(0);
    now = 29_999;
    expect(await cache.get('team-a', load)).toBe(0);
    expect(load).toHaveBeenCalledTimes(1);
    now = 30_000;
    expect(await cache.get('team-a', load)).toBe(30_000);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('loads again after clear, and keys apart', async () => {
    const cache = new TtlCache<string>({ ttlMs: 30_000, maxEntries: 10 });
    let version = 1;
    const load = async () => `v${version}`;
    expect(await cache.get('a', load)).toBe('v1');
    version = 2;
    expect(await cache.get('b', load)).toBe('v2');
    expect(await cache.get('a', load)).toBe('v1');
    cache.clear();
    expect(await cache.get('a', load)).toBe('v2');
  });

  it('does not keep a failed load', async () => {
    const cache = new TtlCache<string>({ ttlMs: 30_000, maxEntries: 10 });
    await expect(
      cache.get('a', async () => {
        throw new Error('database gone');
      }),
    ).rejects.toThrow('database gone');
    expect(await cache.get('a', async () => 'ok')).toBe('ok');
  });

  it('serves a value up to staleMs old at once, lists its key once, and keeps what set loads', async () => {
    const clock = { now: 0 };
    const cache = staleCache(clock);
    const load = jest.fn(async () => `read at ${clock.now}`);
    expect(await cache.get('groups', load)).toBe('read at 0');
    clock.now = 30_000;
    expect(await cache.get('groups', load)).toBe('read at 0');
    expect(await cache.get('groups', load)).toBe('read at 0');
    expect(load).toHaveBeenCalledTimes(1);
    expect(cache.takeStale()).toEqual(['groups']);
    expect(cache.takeStale()).toEqual([]);

    await cache.set('groups', load());
    expect(await cache.get('groups', load)).toBe('read at 30000');
    expect(cache.takeStale()).toEqual([]);

    // Too old to serve: read before answering.
    clock.now = 330_000;
    expect(await cache.get('groups', load)).toBe('read at 330000');
    expect(cache.takeStale()).toEqual([]);
  });

  it('keeps the value before a failed set, and never serves a value older than staleMs', async () => {
    const clock = { now: 0 };
    const cache = staleCache(clock);
    await cache.get('groups', async () => 'v1');
    clock.now = 100_000;
    await cache.set('groups', Promise.reject(new Error('catalog unavailable')));
    expect(await cache.get('groups', async () => 'v2')).toBe('v1');
    clock.now = 300_000;
    expect(await cache.get('groups', async () => 'v3')).toBe('v3');
  });

  it('does not serve a pending load as stale', async () => {
    const clock = { now: 0 };
    const cache = staleCache(clock);
    let finish!: (v: string) => void;
    const pending = cache.get(
      'groups',
      () => new Promise<string>(resolve => (finish = resolve)),
    );
    clock.now = 40_000;
    const next = cache.get('groups', async () => 'v2');
    finish('v1');
    expect(await pending).toBe('v1');
    expect(await next).toBe('v2');
  });
});
