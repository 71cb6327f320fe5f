import { createRouteRef } from '@backstage/core-plugin-api';
import type { FrameworkStageId } from '@mlightenment/backstage-plugin-mlops-common';

/** The `/mlops` page of the legacy frontend system. */
export const rootRouteRef = createRouteRef({ id: 'mlops' });

/** The path of a stage's gate tab, relative to the entity page. */
export function gateTabPath(stage: FrameworkStageId): string {
  return `/gate-${stage}`;
}
