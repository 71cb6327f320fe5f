import {
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';
import { mlopsDiagnosticAnswerPermission } from './diagnostic';
import { mlopsGateDecidePermission } from './gates';
import {
  mlopsKpiActualCreatePermission,
  mlopsKpiSourceDryRunPermission,
  mlopsValueRecordPermission,
} from './value';

/**
 * Evaluate an entity's maturity scorecard on demand (the backend also
 * evaluates every entity on a schedule).
 * @public
 */
export const mlopsScorecardRefreshPermission = createPermission({
  name: 'mlops.scorecard.refresh',
  attributes: { action: 'update' },
});

/**
 * Report the result of an external check for an entity, as a CI pipeline does.
 * @public
 */
export const mlopsCheckResultCreatePermission = createPermission({
  name: 'mlops.check-result.create',
  attributes: { action: 'create' },
});

/** Every permission of the MLightenment plugins. @public */
export const mlopsPermissions: Permission[] = [
  mlopsScorecardRefreshPermission,
  mlopsCheckResultCreatePermission,
  mlopsGateDecidePermission,
  mlopsValueRecordPermission,
  mlopsKpiActualCreatePermission,
  mlopsKpiSourceDryRunPermission,
  mlopsDiagnosticAnswerPermission,
];
export * from './drift';
export * from './gates';
export * from './value';
export * from './diagnostic';
