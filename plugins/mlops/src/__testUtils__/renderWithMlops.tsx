import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  catalogApiRef,
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { MlopsApi, mlopsApiRef } from '../api';

/**
 * Renders an element in a legacy test app with the given MlopsApi, on the
 * page of `entity` when one is given.
 */
export function renderWithMlops(
  element: ReactElement,
  options: { api: MlopsApi; entity?: Entity },
) {
  const { api, entity } = options;
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApiMock({ entities: entity ? [entity] : [] })],
        [mlopsApiRef, api],
      ]}
    >
      {entity ? (
        <EntityProvider entity={entity}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
