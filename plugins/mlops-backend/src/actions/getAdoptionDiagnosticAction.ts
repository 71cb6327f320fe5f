import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { normalizeRef } from '../shared/entityRefs';
import type { DiagnosticService } from '../diagnostic/DiagnosticService';

/** An action for MCP clients: the adoption diagnostic of the organisation or of a team. */
export function registerGetAdoptionDiagnosticAction(
  actionsRegistry: ActionsRegistryService,
  service: DiagnosticService,
) {
  actionsRegistry.register({
    name: 'get-ml-adoption-diagnostic',
    title: 'Get the ML adoption diagnostic',
    description:
      "Answers the framework's seven \"do I need MLOps?\" questions from the portal's data, for the whole organisation or for a team and its sub-teams: per question the verdict (strong-indicator, some-indication, not-indicated, or unknown with the missing data named), the measured indicators, the recommended next step with its framework stage and key step, and the team's own answer; and the delivery metrics of models (lead time, change frequency, change failure rate, time to restore) with their bands. Computed over the entities the caller may read.",
    schema: {
      input: z =>
        z.object({
          groupRef: z
            .string()
            .optional()
            .describe(
              'A team, e.g. group:default/retention-analytics; the whole organisation when omitted',
            ),
          days: z
            .union([z.literal(30), z.literal(90), z.literal(365)])
            .optional()
            .describe('The window in days: 30, 90 (default) or 365'),
        }),
      output: z =>
        z.object({
          scope: z.string(),
          title: z.string(),
          days: z.number(),
          questions: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              verdict: z.string(),
              missing: z.array(z.string()),
              indicators: z.array(
                z.object({
                  id: z.string(),
                  label: z.string(),
                  value: z.number().nullable(),
                  unit: z.string(),
                  signal: z.string(),
                }),
              ),
              nextStep: z.string(),
              teamAnswer: z.string().optional(),
            }),
          ),
          delivery: z.array(
            z.object({
              id: z.string(),
              label: z.string(),
              value: z.number().nullable(),
              unit: z.string(),
              band: z.string().optional(),
            }),
          ),
        }),
    },
    attributes: { readOnly: true, idempotent: true, destructive: false },
    action: async ({ input, credentials }) => {
      const diagnostic = await service.getDiagnostic(
        {
          ...(input.groupRef
            ? {
                teamRef: normalizeRef(input.groupRef, { defaultKind: 'group' }),
              }
            : {}),
          days: input.days,
        },
        credentials,
      );
      return {
        output: {
          scope: diagnostic.scope,
          title: diagnostic.title,
          days: diagnostic.days,
          questions: diagnostic.questions.map(q => ({
            id: q.id,
            title: q.title,
            verdict: q.verdict,
            missing: q.missing,
            indicators: q.indicators.map(i => ({
              id: i.id,
              label: i.label,
              value: i.value,
              unit: i.unit,
              signal: i.signal,
            })),
            nextStep: `Stage ${q.nextStep.stageNumber} (${q.nextStep.stageTitle}), ${q.nextStep.keyStep}: ${q.nextStep.text}`,
            ...(q.answer ? { teamAnswer: q.answer.answer } : {}),
          })),
          delivery: diagnostic.delivery.map(d => ({
            id: d.id,
            label: d.label,
            value: d.value,
            unit: d.unit,
            ...(d.band ? { band: d.band } : {}),
          })),
        },
      };
    },
  });
}
