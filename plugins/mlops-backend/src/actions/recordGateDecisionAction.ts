import type {
  BackstageUserPrincipal,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError } from '@backstage/errors';
import {
  FrameworkStageId,
  GATE_DECISIONS,
  GateDecision,
} from '@mlightenment/backstage-plugin-mlops-common';
import type { GateService } from '../gates/GateService';

/**
 * An action for MCP clients: record a sign-off decision on a stage gate as the
 * calling user. Checked against `mlops.gate.decide` with the caller's
 * credentials, and refused on a stale revision, exactly as the REST route.
 */
export function registerRecordGateDecisionAction(
  actionsRegistry: ActionsRegistryService,
  service: GateService,
) {
  actionsRegistry.register({
    name: 'record-ml-gate-decision',
    title: 'Record a decision on a stage gate',
    description:
      'Approves, rejects or requests changes on one stage gate of an MLUseCase or MLModel, as the calling user, with a comment. Pass the revision returned by get-ml-entity-gates: a decision on an older revision is refused (read the gate again). Only sponsors, owners and the configured sign-off groups may decide, as the permission policy says.',
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe(
              'The entity reference, e.g. mlusecase:default/churn-prevention',
            ),
          stage: z
            .enum(['strategy', 'prototyping', 'operationalisation'])
            .describe('The gate'),
          decision: z
            .enum(GATE_DECISIONS as [GateDecision, ...GateDecision[]])
            .describe('approve, reject or request-changes'),
          comment: z.string().min(1).describe('Why, in a sentence or two'),
          evidenceUrl: z
            .string()
            .url()
            .optional()
            .describe('A link to the evidence the decision rests on'),
          revision: z
            .number()
            .int()
            .min(0)
            .describe('The gate revision as read with get-ml-entity-gates'),
        }),
      output: z =>
        z.object({
          stage: z.string(),
          state: z.string(),
          revision: z.number(),
          decisionId: z.string(),
          role: z.string(),
        }),
    },
    attributes: { readOnly: false, idempotent: false, destructive: false },
    action: async ({ input, credentials }) => {
      const principal = credentials.principal as { type?: string };
      if (principal.type !== 'user') {
        throw new NotAllowedError(
          'Only a signed-in user can record a decision on a stage gate',
        );
      }
      const gate = await service.recordDecision(
        input.entityRef,
        input.stage as FrameworkStageId,
        {
          decision: input.decision,
          comment: input.comment,
          evidenceUrl: input.evidenceUrl,
          revision: input.revision,
        },
        credentials as BackstageCredentials<BackstageUserPrincipal>,
      );
      return {
        output: {
          stage: gate.stage,
          state: gate.state,
          revision: gate.revision,
          decisionId: gate.decisions[0].id,
          role: gate.decisions[0].role,
        },
      };
    },
  });
}
