import { TtlCache } from './TtlCache';

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
});
