import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { GateService } from '../gates/GateService';

/** An action for MCP clients: where a use case or model stands in the framework's stage gates. */
export function registerGetEntityGatesAction(
  actionsRegistry: ActionsRegistryService,
  service: GateService,
) {
  actionsRegistry.register({
    name: 'get-ml-entity-gates',
    title: 'Get the stage gates of an ML use case or model',
    description:
      'Returns the current framework stage of an MLUseCase or MLModel and, for each of the three stage gates (strategy, prototyping, operationalisation), its state, its revision (needed to record a decision), the criteria that are not met, and who has signed off or still must. Only entities the caller may read in the catalog are answered.',
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe(
              'The entity reference, e.g. mlusecase:default/churn-prevention or mlmodel:default/churn-gbm',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          currentStage: z.string(),
          complete: z.boolean(),
          gates: z.array(
            z.object({
              stage: z.string(),
              title: z.string(),
              state: z.string(),
              revision: z.number(),
              canDecide: z.boolean(),
              unmetCriteria: z.array(
                z.object({
                  id: z.string(),
                  title: z.string(),
                  why: z.string(),
                }),
              ),
              signOff: z.array(
                z.object({
                  id: z.string(),
                  signers: z.array(z.string()),
                  decision: z.string().optional(),
                  by: z.string().optional(),
                }),
              ),
            }),
          ),
        }),
    },
    attributes: { readOnly: true, idempotent: true, destructive: false },
    action: async ({ input, credentials }) => {
      const gates = await service.getGates(input.entityRef, credentials);
      return {
        output: {
          entityRef: gates.entityRef,
          currentStage: gates.currentStage,
          complete: gates.complete,
          gates: gates.stages.map(gate => ({
            stage: gate.stage,
            title: gate.title,
            state: gate.state,
            revision: gate.revision,
            canDecide: gate.canDecide,
            unmetCriteria: gate.criteria
              .filter(c => !c.met)
              .map(c => ({
                id: c.id,
                title: c.title,
                why:
                  c.source === 'attestation'
                    ? 'Not attested yet: attest it with an evidence link.'
                    : c.reason ?? `Check ${c.checkId} has no result yet.`,
              })),
            signOff: gate.signOff.map(s => ({
              id: s.id,
              signers: s.refs,
              ...(s.decision
                ? { decision: s.decision.decision, by: s.decision.by }
                : {}),
            })),
          })),
        },
      };
    },
  });
}
