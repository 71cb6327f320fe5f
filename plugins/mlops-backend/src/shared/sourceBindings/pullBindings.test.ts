import { inGroups } from './pullBindings';

/** An async source of parts, each handed over when the test says so. */
function manualSource(parts: string[][]) {
  const asked: number[] = [];
  const released: Array<() => void> = [];
  let returned = false;
  async function* source() {
    try {
      for (const [i, part] of parts.entries()) {
        asked.push(i);
        await new Promise<void>(resolve => released.push(resolve));
        yield part;
      }
    } finally {
      returned = true;
    }
  }
  return {
    source: source(),
    asked,
    release: () => released.forEach(r => r()),
    returned: () => returned,
  };
}

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('inGroups', () => {
  it('hands over the parts `size` at a time, the rest at the end', async () => {
    async function* parts() {
      for (let i = 1; i <= 5; i++) yield [`m${i}`];
    }
    const groups: string[][] = [];
    for await (const group of inGroups(parts(), 2)) groups.push(group);
    expect(groups).toEqual([['m1', 'm2'], ['m3', 'm4'], ['m5']]);
  });

  it('reads the next parts while a group is stored, up to two groups waiting', async () => {
    const parts = Array.from({ length: 10 }, (_, i) => [`m${i}`]);
    const manual = manualSource(parts);
    const groups = inGroups(manual.source, 2);
    const first = groups.next();
    for (let i = 0; i < 2; i++) {
      await tick();
      manual.release();
    }
    expect((await first).value).toEqual(['m0', 'm1']);
    // While the first group is stored: read on, no further than 2 groups.
    for (let i = 0; i < 10; i++) {
      await tick();
      manual.release();
    }
    expect(manual.asked).toEqual([0, 1, 2, 3, 4, 5]);
    expect((await groups.next()).value).toEqual(['m2', 'm3']);
    // Stopped early: the pull under way ends, then the source is closed.
    const stopped = groups.return(undefined);
    await tick();
    manual.release();
    await stopped;
    expect(manual.returned()).toBe(true);
  });

  it('hands over what came before a failure, then fails', async () => {
    async function* parts() {
      yield ['m1'];
      throw new Error('Prometheus went away');
    }
    const groups: string[][] = [];
    await expect(async () => {
      for await (const group of inGroups(parts(), 3)) groups.push(group);
    }).rejects.toThrow('Prometheus went away');
    expect(groups).toEqual([['m1']]);
  });
});
