import { driftHealthFact } from '../../drift/healthFact';
import { isMLModelEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** No monitor of the model is in drift alert. @public */
export const modelNoUnresolvedDriftAlert: CheckDefinition = {
  id: 'model.no-unresolved-drift-alert',
  title: 'No unresolved drift alert',
  description: 'None of the model’s monitors is in drift alert.',
  stage: 'operationalisation',
  level: 4,
  kinds: ['MLModel'],
  rationale:
    'A model whose drift alert stays open is knowingly serving from a distribution it was not trained on; managed operation resolves the alert.',
  remediation: {
    text: "Follow the alerting monitor's runbook: retrain or roll back, or re-baseline the reference and adjust thresholds if the drift is expected.",
    link: checkDocsLink('model.no-unresolved-drift-alert'),
  },
  evaluate({ entity, facts }) {
    if (!isMLModelEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a model.' };
    }
    const health = driftHealthFact(facts);
    if (!health) {
      return {
        outcome: 'not-reported',
        reason: 'No monitor of this model has been evaluated.',
      };
    }
    return health.inAlert > 0
      ? {
          outcome: 'failed',
          reason: `${health.inAlert} monitor${
            health.inAlert === 1 ? ' is' : 's are'
          } in drift alert since ${health.since}.`,
        }
      : { outcome: 'passed', reason: `No monitor in alert (${health.state}).` };
  },
};
