import { coalesced } from './coalesced';

describe('coalesced', () => {
  it('runs a key once at a time, and once more after calls that came during a run', async () => {
    const runs: string[] = [];
    let release: () => void = () => {};
    const run = jest.fn(async (key: string) => {
      runs.push(key);
      if (runs.length === 1) {
        await new Promise<void>(resolve => {
          release = resolve;
        });
      }
    });
    const refresh = coalesced(run);
    refresh('a');
    refresh('a');
    refresh('a');
    refresh('b');
    expect(runs).toEqual(['a', 'b']);
    release();
    await new Promise(resolve => setTimeout(resolve, 0));
    // The three calls for "a" while it ran made one more run, not three.
    expect(runs).toEqual(['a', 'b', 'a']);
    refresh('a');
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(runs).toEqual(['a', 'b', 'a', 'a']);
  });
});
