import { isMLMonitorEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** The monitor links the runbook operations follow on an alert. @public */
export const monitorRunbookLinked: CheckDefinition = {
  id: 'monitor.runbook-linked',
  title: 'Runbook linked',
  description:
    'The monitor links the runbook operations follow when it alerts.',
  stage: 'operationalisation',
  level: 3,
  kinds: ['MLMonitor'],
  rationale:
    'Knowledge transfer to operations is a key step of the third stage: whoever is on call at night needs to know what a drift alert means and what to do.',
  remediation: {
    text: "Set spec.runbook to the runbook's URL, e.g. `runbook: https://runbooks.example.com/ml/churn-drift`.",
    link: checkDocsLink('monitor.runbook-linked'),
  },
  evaluate({ entity }) {
    if (!isMLMonitorEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a monitor.' };
    }
    return entity.spec.runbook
      ? { outcome: 'passed', reason: `Runbook: ${entity.spec.runbook}.` }
      : { outcome: 'failed', reason: 'spec.runbook is not set.' };
  },
};
