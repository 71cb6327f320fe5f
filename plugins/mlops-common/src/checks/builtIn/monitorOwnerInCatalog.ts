import { isMLMonitorEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';
import { findReferenced } from './resolve';

/** The monitor's owner is a Group or User the catalog knows. @public */
export const monitorOwnerInCatalog: CheckDefinition = {
  id: 'monitor.owner-in-catalog',
  title: 'Owner in the catalog',
  description:
    "The monitor's owner is a Group or User that exists in the catalog.",
  stage: 'operationalisation',
  level: 1,
  kinds: ['MLMonitor'],
  rationale:
    "Someone has to keep the monitor's thresholds and reference window current; an owner that does not resolve is nobody.",
  remediation: {
    text: 'Set spec.owner to a Group registered in the catalog, e.g. `owner: group:default/ml-platform`, or register that group.',
    link: checkDocsLink('monitor.owner-in-catalog'),
  },
  evaluate(context) {
    const { entity } = context;
    if (!isMLMonitorEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a monitor.' };
    }
    const owner = findReferenced(context, entity.spec.owner, 'group');
    return owner
      ? {
          outcome: 'passed',
          reason: `Owned by ${owner.kind} ${owner.metadata.name}.`,
        }
      : {
          outcome: 'failed',
          reason: `spec.owner ${entity.spec.owner} is not in the catalog.`,
        };
  },
};
