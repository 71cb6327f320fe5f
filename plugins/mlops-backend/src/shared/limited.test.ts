import { limited } from './limited';

/** A task that resolves or rejects when told, recording when it started. */
function deferred(started: string[], name: string) {
  let settle!: { resolve: (v: string) => void; reject: (e: Error) => void };
  const task = () => {
    started.push(name);
    return new Promise<string>((resolve, reject) => {
      settle = { resolve, reject };
    });
  };
  return { task, settle: () => settle };
}

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('limited', () => {
  it('runs at most the given number of tasks at a time, in the order given, each with its own result or error', async () => {
    const limit = limited(2);
    const started: string[] = [];
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(n => deferred(started, n));
    const results = [a, b, c, d].map(t =>
      limit(t.task).then(
        v => `ok ${v}`,
        (e: Error) => `failed ${e.message}`,
      ),
    );
    await tick();
    expect(started).toEqual(['a', 'b']);

    b.settle().reject(new Error('b broke'));
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);

    a.settle().resolve('A');
    await tick();
    expect(started).toEqual(['a', 'b', 'c', 'd']);

    // A task given while two run waits for one of them.
    const e = deferred(started, 'e');
    const last = limit(e.task);
    await tick();
    expect(started).toHaveLength(4);
    c.settle().resolve('C');
    d.settle().resolve('D');
    await tick();
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e']);
    e.settle().resolve('E');

    expect(await Promise.all(results)).toEqual([
      'ok A',
      'failed b broke',
      'ok C',
      'ok D',
    ]);
    expect(await last).toBe('E');
  });
});
