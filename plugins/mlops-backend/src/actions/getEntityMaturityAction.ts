import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { ScorecardService } from '../scorecards/ScorecardService';
import { levelOf } from '@mlightenment/backstage-plugin-mlops-common';

/** An action for MCP clients: where one ML entity stands and what its next level needs. */
export function registerGetEntityMaturityAction(
  actionsRegistry: ActionsRegistryService,
  service: ScorecardService,
) {
  actionsRegistry.register({
    name: 'get-ml-entity-maturity',
    title: 'Get the MLOps maturity of an ML entity',
    description:
      'Returns the MLOps maturity level (0-4) and score (0-100) of an MLUseCase, MLModel or MLMonitor, every check that holds it below its next level with how to fix it, and when it was last evaluated. Only entities the caller may read in the catalog are answered.',
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe(
              'The entity reference, e.g. mlmodel:default/churn-gbm or mlusecase:default/churn-prevention',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          level: z.number(),
          levelName: z.string(),
          score: z.number(),
          evaluatedAt: z.string(),
          nextLevel: z
            .object({
              level: z.number(),
              name: z.string(),
              missing: z.array(
                z.object({
                  checkId: z.string(),
                  title: z.string(),
                  outcome: z.string(),
                  reason: z.string(),
                  howToFix: z.string(),
                }),
              ),
            })
            .optional(),
        }),
    },
    attributes: { readOnly: true, idempotent: true, destructive: false },
    action: async ({ input, credentials }) => {
      const scorecard = await service.getScorecard(
        input.entityRef,
        credentials,
      );
      const { rubric } = service;
      // What holds it below the next level, exactly as the scorecard says.
      const { nextLevel } = levelOf(rubric, scorecard.results);
      const missing = (nextLevel?.blocking ?? []).map(checkId => {
        const result = scorecard.results.find(r => r.checkId === checkId)!;
        const check = rubric.checks.find(c => c.id === checkId)!;
        return {
          checkId,
          title: check.title,
          outcome: result.outcome,
          reason: result.reason,
          howToFix: check.remediation.text,
        };
      });
      return {
        output: {
          entityRef: scorecard.entityRef,
          level: scorecard.level,
          levelName: service.levelName(scorecard.level),
          score: scorecard.score,
          evaluatedAt: scorecard.evaluatedAt.toISOString(),
          ...(nextLevel
            ? {
                nextLevel: {
                  level: nextLevel.level,
                  name: service.levelName(nextLevel.level),
                  missing,
                },
              }
            : {}),
        },
      };
    },
  });
}
