import { createRouteRef } from '@backstage/core-plugin-api';

/** The `/mlops` page of the legacy frontend system. */
export const rootRouteRef = createRouteRef({ id: 'mlops' });
