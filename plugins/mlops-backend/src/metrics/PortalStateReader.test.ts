import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { PortalStateReader } from './PortalStateReader';

const useCases: Entity[] = Array.from({ length: 50 }, (_, i) => ({
  apiVersion: 'mlightenment.io/v1alpha1',
  kind: 'MLUseCase',
  metadata: { name: `use-case-${i}`, namespace: 'default' },
  spec: { owner: 'group:default/team', lifecycle: 'production' },
}));

function reader(ttlMs: number) {
  const catalog = catalogServiceMock({ entities: useCases });
  const getEntities = jest.spyOn(catalog, 'getEntities');
  const reads = {
    monitorStates: jest.fn(async () => []),
    listScorecards: jest.fn(async () => []),
    getEvents: jest.fn(async () => new Map()),
    currentKpis: jest.fn(async () => new Map()),
  };
  return {
    reads: { ...reads, getEntities },
    reader: new PortalStateReader({
      catalog,
      auth: mockServices.auth(),
      drift: { monitorStates: reads.monitorStates },
      scorecards: { listScorecards: reads.listScorecards },
      gates: { getEvents: reads.getEvents },
      value: { currentKpis: reads.currentKpis },
      signOff: {
        stages: { strategy: [], prototyping: [], operationalisation: [] },
      },
      ttlMs,
    }),
  };
}

describe('PortalStateReader', () => {
  it('reads the catalog and each store once for all entities, and once per time-to-live however many scrapes', async () => {
    const { reader: portal, reads } = reader(60_000);
    // Eleven gauges collected by two Prometheus servers at once.
    const states = await Promise.all(
      Array.from({ length: 22 }, () => portal.read()),
    );
    expect(states[0].gates).toHaveLength(50);
    expect(new Set(states).size).toBe(1);
    for (const read of Object.values(reads)) {
      expect(read).toHaveBeenCalledTimes(1);
    }
    // Every store read for all entities at once, none per entity.
    expect(reads.monitorStates).toHaveBeenCalledWith({});
    expect(reads.listScorecards).toHaveBeenCalledWith();
    expect(reads.getEvents).toHaveBeenCalledWith();
  });

  it('reads again once the time-to-live has passed', async () => {
    const { reader: portal, reads } = reader(0);
    await portal.read();
    await portal.read();
    expect(reads.monitorStates).toHaveBeenCalledTimes(2);
    expect(reads.getEntities).toHaveBeenCalledTimes(2);
  });
});
