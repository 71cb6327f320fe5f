import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { ValueService } from '../value/ValueService';

/**
 * An action for MCP clients: check in one KPI actual for a use case, as its
 * sponsor or a member of its owner group (the `mlops.value.record`
 * permission, checked per use case).
 */
export function registerRecordKpiActualAction(
  actionsRegistry: ActionsRegistryService,
  service: ValueService,
) {
  actionsRegistry.register({
    name: 'record-ml-use-case-kpi-actual',
    title: 'Record a KPI actual of an ML use case',
    description:
      'Checks in the actual value of one KPI of an MLUseCase for one period (the period must fit the KPI’s check-in cadence, e.g. a calendar month for P1M), optionally correcting an earlier record with `supersedes`. Only the use case’s sponsor and members of its owner group may; the ledger is append-only.',
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('The use case, e.g. mlusecase:default/churn-prevention'),
          kpi: z.string().describe('The KPI id, e.g. churn-rate'),
          periodStart: z.string().describe('First day, YYYY-MM-DD'),
          periodEnd: z.string().describe('Last day (inclusive), YYYY-MM-DD'),
          value: z.number(),
          comment: z.string().optional(),
          evidenceUrl: z.string().optional(),
          supersedes: z
            .string()
            .optional()
            .describe('The id of the ledger record this one corrects'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          kpi: z.string(),
          status: z.string(),
          progress: z.number().optional(),
        }),
    },
    attributes: { readOnly: false, idempotent: false, destructive: false },
    action: async ({ input, credentials }) => {
      const { entityRef, ...actual } = input;
      const value = await service.recordCheckIn(entityRef, actual, credentials);
      const kpi = value.kpis.find(k => k.id === input.kpi)!;
      return {
        output: {
          entityRef: value.entityRef,
          kpi: kpi.id,
          status: kpi.status,
          ...(kpi.progress !== undefined ? { progress: kpi.progress } : {}),
        },
      };
    },
  });
}
