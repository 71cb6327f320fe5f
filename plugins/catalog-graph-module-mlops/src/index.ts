/**
 * A frontend module for Backstage's catalog-graph plugin that teaches it the
 * MLightenment relations. The default export is the module for the new
 * frontend system; `createMlopsCatalogGraphApi` serves legacy apps.
 *
 * @packageDocumentation
 */

import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { catalogGraphApiRef } from '@backstage/plugin-catalog-graph';
import { createMlopsCatalogGraphApi } from './catalogGraphApi';

export { createMlopsCatalogGraphApi } from './catalogGraphApi';

/**
 * The catalog-graph plugin's API, replaced by one that knows the
 * MLightenment relations.
 * @public
 */
export const mlopsCatalogGraphApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: catalogGraphApiRef,
      deps: {},
      factory: createMlopsCatalogGraphApi,
    }),
});

/**
 * Teaches the catalog graph the MLightenment relations. Feature discovery
 * installs it with the package; without discovery, add it to `createApp`.
 * @public
 */
export default createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [mlopsCatalogGraphApi],
});
