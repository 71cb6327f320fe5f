import { createPermission } from '@backstage/plugin-permission-common';

/** The resource type of a use case's value ledger. @public */
export const MLOPS_USE_CASE_VALUE_RESOURCE_TYPE = 'mlops-use-case-value';

/**
 * Check in a KPI actual of a use case in the portal (or correct one). A
 * resource permission: a policy can allow it conditionally with the value
 * rules of the backend (`isUseCaseSponsor`, `isUseCaseOwner`). The resource
 * reference is the use case's entity reference.
 * @public
 */
export const mlopsValueRecordPermission = createPermission({
  name: 'mlops.value.record',
  attributes: { action: 'create' },
  resourceType: MLOPS_USE_CASE_VALUE_RESOURCE_TYPE,
});

/**
 * Push KPI actuals for use cases, as a team's pipeline does through
 * `POST /api/mlops/value/actuals`.
 * @public
 */
export const mlopsKpiActualCreatePermission = createPermission({
  name: 'mlops.kpi-actual.create',
  attributes: { action: 'create' },
});

/**
 * Run a use case's KPI bindings to sources now, without storing anything
 * (`POST /api/mlops/kpi-sources/dry-run`): the queries run with the portal's
 * credentials to the source, so only those who may edit the use case
 * should. A resource permission on the use case's value ledger: a policy
 * can allow it conditionally with the value rule `isUseCaseOwner` of the
 * backend. The resource reference is the use case's entity reference.
 * @public
 */
export const mlopsKpiSourceDryRunPermission = createPermission({
  name: 'mlops.kpi-source.dry-run',
  attributes: { action: 'update' },
  resourceType: MLOPS_USE_CASE_VALUE_RESOURCE_TYPE,
});
