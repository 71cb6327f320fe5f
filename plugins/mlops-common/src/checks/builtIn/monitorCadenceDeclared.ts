import { isMLMonitorEntity } from '../../kinds/types';
import type { CheckDefinition } from '../types';
import { checkDocsLink } from './docsLink';

/** The monitor declares how often it reports. @public */
export const monitorCadenceDeclared: CheckDefinition = {
  id: 'monitor.cadence-declared',
  title: 'Cadence declared',
  description: 'The monitor declares how often it is expected to report.',
  stage: 'operationalisation',
  level: 3,
  kinds: ['MLMonitor'],
  rationale:
    'Without an expected cadence a monitor that silently stopped running looks the same as a healthy one; the cadence is what makes staleness detectable.',
  remediation: {
    text: 'Set spec.cadence to an ISO 8601 duration, e.g. `cadence: P1D` for daily.',
    link: checkDocsLink('monitor.cadence-declared'),
  },
  evaluate({ entity }) {
    if (!isMLMonitorEntity(entity)) {
      return { outcome: 'not-applicable', reason: 'Not a monitor.' };
    }
    return entity.spec.cadence
      ? { outcome: 'passed', reason: `Reports every ${entity.spec.cadence}.` }
      : { outcome: 'failed', reason: 'spec.cadence is not set.' };
  },
};
