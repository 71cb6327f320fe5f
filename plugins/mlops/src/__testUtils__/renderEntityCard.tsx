import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  catalogApiRef,
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { mlopsApiRef } from '../api';
import { mockMlopsApi } from './mockMlopsApi';

/**
 * Renders a card in a legacy test app, on the page of `entity`, with a catalog
 * that holds `entity` and the `catalog` entities and the mlops API of
 * ./mockMlopsApi.ts.
 */
export function renderEntityCard(
  card: ReactElement,
  options: { entity: Entity; catalog?: Entity[] },
) {
  const { entity, catalog = [] } = options;
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApiMock({ entities: [entity, ...catalog] })],
        [mlopsApiRef, mockMlopsApi()],
      ]}
    >
      <EntityProvider entity={entity}>{card}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
