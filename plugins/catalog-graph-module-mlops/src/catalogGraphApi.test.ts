import { ALL_RELATIONS } from '@backstage/plugin-catalog-graph';
import { createMlopsCatalogGraphApi } from './catalogGraphApi';

describe('createMlopsCatalogGraphApi', () => {
  const api = createMlopsCatalogGraphApi();

  it("knows Backstage's relations and the MLightenment ones, and shows all by default", () => {
    expect(api.knownRelations).toEqual(expect.arrayContaining(ALL_RELATIONS));
    expect(api.knownRelations).toEqual(
      expect.arrayContaining([
        'implementsUseCase',
        'useCaseImplementedBy',
        'monitorsModel',
        'modelMonitoredBy',
        'servedBy',
        'servesModel',
      ]),
    );
    expect(api.defaultRelations).toEqual(api.knownRelations);
  });

  it('pairs each MLightenment relation with its reverse, so the graph draws one edge', () => {
    expect(api.knownRelationPairs).toEqual(
      expect.arrayContaining([
        ['implementsUseCase', 'useCaseImplementedBy'],
        ['monitorsModel', 'modelMonitoredBy'],
        ['servedBy', 'servesModel'],
        ['sponsoredBy', 'sponsorOf'],
        ['alerts', 'alertedBy'],
      ]),
    );
  });
});
