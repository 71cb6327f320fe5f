import { isMLModelEntity } from '../../kinds/types';
import { gateApprovalFact } from '../../gates/approvalFact';
import { GATE_STATE_LABELS } from '../../gates/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** A production model has passed the stage-3 gate with every sign-off. @public */
export const modelOperationalisationApproved: CheckDefinition = {
  id: 'model.operationalisation-approved',
  title: 'Stage-3 gate approved',
  description:
    'A model in production has an approved ML engineering & operationalisation gate: its owner and the operations group signed it off, and the facts they approved are unchanged.',
  stage: 'operationalisation',
  level: 4,
  kinds: ['MLModel'],
  rationale:
    'Governed operation means nobody runs a model in production that its approvers did not sign off, or that changed since they did.',
  remediation: {
    text: "Complete the stage-3 gate on the model's Operationalisation tab and have every required approver approve it; approve it again after changing the model's version or metrics.",
    link: checkDocsLink('model.operationalisation-approved'),
  },
  evaluate({ entity, facts }) {
    if (!isMLModelEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a model.' };
    }
    if (entity.spec.lifecycle !== 'production') {
      return {
        outcome: 'not-applicable',
        reason: `Not in production (lifecycle ${entity.spec.lifecycle}).`,
      };
    }
    const gate = gateApprovalFact(facts, 'operationalisation');
    if (!gate) {
      return {
        outcome: 'not-reported',
        reason: 'The backend holds no stage-3 gate for this model.',
      };
    }
    if (gate.state !== 'approved') {
      return {
        outcome: 'failed',
        reason: `In production but the stage-3 gate is ${GATE_STATE_LABELS[
          gate.state
        ].toLowerCase()}.`,
      };
    }
    return {
      outcome: 'passed',
      reason: `Approved${
        gate.approvedBy?.length ? ` by ${gate.approvedBy.join(', ')}` : ''
      }${gate.approvedAt ? ` at ${gate.approvedAt}` : ''}.`,
    };
  },
};
