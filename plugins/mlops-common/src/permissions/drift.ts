import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Push drift observations for a monitor, as a team's pipeline does through
 * `POST /api/mlops/drift/observations`.
 * @public
 */
export const mlopsDriftObservationCreatePermission = createPermission({
  name: 'mlops.drift-observation.create',
  attributes: { action: 'create' },
});

/** The permissions of drift monitoring. @public */
export const mlopsDriftPermissions = [mlopsDriftObservationCreatePermission];
