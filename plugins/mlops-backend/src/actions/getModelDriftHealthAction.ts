import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { DRIFT_STATE_LABELS } from '@mlightenment/backstage-plugin-mlops-common';
import type { DriftService } from '../drift/DriftService';
import { normalizeRef } from '../shared/entityRefs';

/** An action for MCP clients: a model's drift health, monitor by monitor. */
export function registerGetModelDriftHealthAction(
  actionsRegistry: ActionsRegistryService,
  service: DriftService,
) {
  actionsRegistry.register({
    name: 'get-ml-model-drift-health',
    title: 'Get the drift health of an ML model',
    description:
      'Returns the drift state of an MLModel (healthy, warning, alert, stale or no-data: the worst of its monitors), and for each monitor its state, when it last received data, the share of drifted features, and the features in warning or alert with their value and thresholds. Only models the caller may read in the catalog are answered.',
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe(
              'The model, e.g. mlmodel:default/churn-gbm (kind MLModel by default)',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          state: z.string(),
          label: z.string(),
          monitors: z.array(
            z.object({
              entityRef: z.string(),
              title: z.string(),
              state: z.string(),
              lastObservationAt: z.string().optional(),
              driftedShare: z.number(),
              datasetDrift: z.boolean(),
              features: z.array(
                z.object({
                  name: z.string(),
                  statistic: z.string(),
                  state: z.string(),
                  value: z.number().nullable(),
                  pValue: z.number().optional(),
                  warning: z
                    .union([z.number(), z.tuple([z.number(), z.number()])])
                    .describe(
                      'The warning threshold; with direction outside, the band [lower, upper] the value must stay inside',
                    ),
                  alert: z
                    .union([z.number(), z.tuple([z.number(), z.number()])])
                    .describe(
                      'The alert threshold; with direction outside, a band [lower, upper]',
                    ),
                  direction: z
                    .string()
                    .describe(
                      'above: worse as the value rises; below: as it falls; outside: as it leaves the bands',
                    ),
                }),
              ),
            }),
          ),
        }),
    },
    attributes: { readOnly: true, idempotent: true, destructive: false },
    action: async ({ input, credentials }) => {
      const entityRef = normalizeRef(input.entityRef, {
        defaultKind: 'MLModel',
      });
      const health = await service.health(entityRef, credentials);
      return {
        output: {
          entityRef,
          state: health.state,
          label: DRIFT_STATE_LABELS[health.state],
          monitors: health.monitors.map(m => ({
            entityRef: m.entityRef,
            title: m.title,
            state: m.state,
            ...(m.lastObservationAt
              ? { lastObservationAt: m.lastObservationAt }
              : {}),
            driftedShare: m.driftedShare,
            datasetDrift: m.datasetDrift,
            features: m.features
              .filter(f => f.state === 'warning' || f.state === 'alert')
              .map(f => ({
                name: f.name,
                statistic: f.statistic,
                state: f.state,
                value: f.value,
                ...(f.pValue !== undefined ? { pValue: f.pValue } : {}),
                warning: f.thresholds.warning,
                alert: f.thresholds.alert,
                direction: f.thresholds.direction,
              })),
          })),
        },
      };
    },
  });
}
