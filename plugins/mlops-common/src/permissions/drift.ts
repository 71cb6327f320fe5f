import {
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';

/**
 * Push drift observations for a monitor, as a team's pipeline does through
 * `POST /api/mlops/drift/observations`.
 * @public
 */
export const mlopsDriftObservationCreatePermission = createPermission({
  name: 'mlops.drift-observation.create',
  attributes: { action: 'create' },
});

/** The resource type of a monitor's bindings to drift sources. @public */
export const MLOPS_MONITOR_SOURCE_RESOURCE_TYPE = 'mlops-monitor-source';

/**
 * Run a monitor's bindings to drift sources now, without storing anything
 * (`POST /api/mlops/drift/sources/dry-run`): the queries run with the
 * portal's credentials to the source, so only those who may edit the
 * monitor should. A resource permission: a policy can allow it
 * conditionally with the rule `isMonitorOwner` of the backend. The resource
 * reference is the monitor's entity reference.
 * @public
 */
export const mlopsDriftSourceDryRunPermission = createPermission({
  name: 'mlops.drift-source.dry-run',
  attributes: { action: 'update' },
  resourceType: MLOPS_MONITOR_SOURCE_RESOURCE_TYPE,
});

/** The permissions of drift monitoring. @public */
export const mlopsDriftPermissions: Permission[] = [
  mlopsDriftObservationCreatePermission,
  mlopsDriftSourceDryRunPermission,
];
