import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { kpiStatusLabels } from '@mlightenment/backstage-plugin-mlops-common';
import type { ValueService } from '../value/ValueService';

/** An action for MCP clients: whether a use case pays off, KPI by KPI. */
export function registerGetUseCaseValueAction(
  actionsRegistry: ActionsRegistryService,
  service: ValueService,
) {
  actionsRegistry.register({
    name: 'get-ml-use-case-value',
    title: 'Get the business value of an ML use case',
    description:
      'Returns each KPI of an MLUseCase with its baseline, target, latest actual, the share of the way from baseline to target, and its status (on track, at risk, off track, no data, check-in overdue) with the reason. Only use cases the caller may read in the catalog are answered.',
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe(
              'The use case, e.g. mlusecase:default/churn-prevention (kind MLUseCase by default)',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          kpis: z.array(
            z.object({
              id: z.string(),
              kpi: z.string(),
              unit: z.string().optional(),
              baseline: z.number().optional(),
              target: z.number().optional(),
              latest: z
                .object({
                  periodStart: z.string(),
                  periodEnd: z.string(),
                  value: z.number(),
                })
                .optional(),
              progress: z.number().optional(),
              status: z.string(),
              label: z.string(),
              reason: z.string(),
            }),
          ),
        }),
    },
    attributes: { readOnly: true, idempotent: true, destructive: false },
    action: async ({ input, credentials }) => {
      const value = await service.getValue(input.entityRef, credentials);
      return {
        output: {
          entityRef: value.entityRef,
          kpis: value.kpis.map(k => ({
            id: k.id,
            kpi: k.kpi,
            ...(k.unit !== undefined ? { unit: k.unit } : {}),
            ...(k.baseline !== undefined ? { baseline: k.baseline } : {}),
            ...(k.target !== undefined ? { target: k.target } : {}),
            ...(k.latest
              ? {
                  latest: {
                    periodStart: k.latest.periodStart,
                    periodEnd: k.latest.periodEnd,
                    value: k.latest.value,
                  },
                }
              : {}),
            ...(k.progress !== undefined ? { progress: k.progress } : {}),
            status: k.status,
            label: kpiStatusLabels[k.status],
            reason: k.reason,
          })),
        },
      };
    },
  });
}
