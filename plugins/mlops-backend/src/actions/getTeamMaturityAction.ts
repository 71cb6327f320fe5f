import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { MlopsKind } from '@mlightenment/backstage-plugin-mlops-common';
import type { ScorecardService } from '../scorecards/ScorecardService';

/** An action for MCP clients: a team's MLOps maturity over its whole group hierarchy. */
export function registerGetTeamMaturityAction(
  actionsRegistry: ActionsRegistryService,
  service: ScorecardService,
) {
  const entity = (z: any) =>
    z.object({
      entityRef: z.string(),
      title: z.string(),
      level: z.number(),
      score: z.number(),
      levelChange: z.number(),
    });
  actionsRegistry.register({
    name: 'get-team-ml-maturity',
    title: "Get a team's MLOps maturity",
    description:
      'Rolls up the MLOps maturity of every ML use case, model and monitor owned by a group and all groups below it: how many entities are at each level (0-4), the mean score, the weakest entities, and the biggest drops and improvements over the period.',
    schema: {
      input: z =>
        z.object({
          groupRef: z
            .string()
            .describe('The group, e.g. group:default/retention-analytics'),
          days: z
            .number()
            .int()
            .min(1)
            .max(365)
            .optional()
            .describe('The period for improvements and drops, default 30'),
          kind: z
            .enum(['MLUseCase', 'MLModel', 'MLMonitor'])
            .optional()
            .describe('Only entities of this kind'),
        }),
      output: z =>
        z.object({
          teamRef: z.string(),
          groups: z.array(z.string()),
          entityCount: z.number(),
          score: z.number(),
          distribution: z.array(
            z.object({
              level: z.number(),
              name: z.string(),
              count: z.number(),
            }),
          ),
          weakest: z.array(entity(z)),
          mostImproved: z.array(entity(z)),
          biggestDrops: z.array(entity(z)),
        }),
    },
    attributes: { readOnly: true, idempotent: true, destructive: false },
    action: async ({ input, credentials }) => {
      const team = await service.getTeam(
        input.groupRef,
        { days: input.days ?? 30, kind: input.kind as MlopsKind | undefined },
        credentials,
      );
      const brief = (e: (typeof team.entities)[number]) => ({
        entityRef: e.entityRef,
        title: e.title,
        level: e.level,
        score: e.score,
        levelChange: e.levelChange,
      });
      return {
        output: {
          teamRef: team.teamRef,
          groups: team.groups,
          entityCount: team.summary.entityCount,
          score: team.summary.score,
          distribution: team.summary.distribution.map((count, level) => ({
            level,
            name: service.levelName(level as 0),
            count,
          })),
          weakest: team.weakest.map(brief),
          mostImproved: team.mostImproved.map(brief),
          biggestDrops: team.biggestDrops.map(brief),
        },
      };
    },
  });
}
