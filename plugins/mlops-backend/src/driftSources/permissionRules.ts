import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { MLOPS_MONITOR_SOURCE_RESOURCE_TYPE } from '@mlightenment/backstage-plugin-mlops-common';
import { z } from 'zod';

/**
 * A monitor's bindings to drift sources as the permission rules see them.
 * References are lower case.
 * @public
 */
export interface MonitorSourceResource {
  /** The monitor, e.g. `mlmonitor:default/churn-gbm-input-drift`. */
  entityRef: string;
  /** The monitor's owner (`spec.owner`, usually a group). */
  ownerRef?: string;
}

/** Monitor source rules do not filter queries: monitors are authorized one at a time. @public */
export type MonitorSourceQuery = { key: string; values: string[] };

/** The permission resource of monitors' source bindings (plugin `mlops`, type `mlops-monitor-source`). @public */
export const monitorSourcePermissionResourceRef = createPermissionResourceRef<
  MonitorSourceResource,
  MonitorSourceQuery
>().with({
  pluginId: 'mlops',
  resourceType: MLOPS_MONITOR_SOURCE_RESOURCE_TYPE,
});

/** The user is the monitor's owner, or a member of the group that owns it. @public */
export const isMonitorOwner = createPermissionRule({
  name: 'IS_MONITOR_OWNER',
  description: 'Allow the owner of the monitor (members of the owning group)',
  resourceRef: monitorSourcePermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe(
        "The user's ownership claims: their user reference and the groups they belong to",
      ),
  }),
  apply: (resource, { claims }) =>
    resource.ownerRef !== undefined &&
    claims.some(claim => claim.toLowerCase() === resource.ownerRef),
  toQuery: ({ claims }) => ({ key: 'owner', values: claims }),
});

/** The permission rules of monitors' source bindings. @public */
export const monitorSourcePermissionRules = { isMonitorOwner };

const exports = createConditionExports({
  resourceRef: monitorSourcePermissionResourceRef,
  rules: monitorSourcePermissionRules,
});

/**
 * Conditions for a policy's conditional decision on
 * `mlops.drift-source.dry-run`.
 *
 * @example
 * ```ts
 * if (isPermission(request.permission, mlopsDriftSourceDryRunPermission)) {
 *   return createMonitorSourceConditionalDecision(request.permission, {
 *     anyOf: [
 *       monitorSourceConditions.isMonitorOwner({
 *         claims: user?.info.ownershipEntityRefs ?? [],
 *       }),
 *     ],
 *   });
 * }
 * ```
 * @public
 */
export const monitorSourceConditions = exports.conditions;

/** Makes a conditional decision on `mlops.drift-source.dry-run` from {@link monitorSourceConditions}. @public */
export const createMonitorSourceConditionalDecision =
  exports.createConditionalDecision;
