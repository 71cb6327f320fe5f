import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  CatalogGraphApi,
  catalogGraphApiRef,
} from '@backstage/plugin-catalog-graph';
import catalogGraphModuleMlops, { mlopsCatalogGraphApi } from './index';

describe('the catalog-graph module', () => {
  it("replaces the catalog graph's API with one that knows the ML relations", () => {
    const factory = createExtensionTester(mlopsCatalogGraphApi).get(
      ApiBlueprint.dataRefs.factory,
    );

    expect(factory.api).toBe(catalogGraphApiRef);
    const api = factory.factory({}) as CatalogGraphApi;
    expect(api.knownRelations).toEqual(
      expect.arrayContaining(['implementsUseCase', 'modelMonitoredBy']),
    );
  });

  it('belongs to the catalog-graph plugin, where feature discovery installs it', () => {
    expect(catalogGraphModuleMlops.pluginId).toBe('catalog-graph');
  });
});
