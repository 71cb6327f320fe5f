import { contextOf, model, monitor, useCase } from '../__testUtils__/entities';
import type { CheckMetadata } from '../checks/types';
import type { MlopsEntity } from '../kinds/types';
import {
  createDeclarativeCheck,
  DeclarativeCondition,
} from './declarativeCheck';

const metadata: CheckMetadata = {
  id: 'test.declared',
  title: 'Declared',
  description: 'Declared',
  stage: 'strategy',
  level: 1,
  kinds: ['MLUseCase', 'MLModel', 'MLMonitor'],
  rationale: 'Declared',
  remediation: { text: 'Declare it.' },
};

function judge(condition: DeclarativeCondition, entity: MlopsEntity) {
  return createDeclarativeCheck(metadata, condition).evaluate(
    contextOf(entity),
  );
}

describe('createDeclarativeCheck', () => {
  it.each<[DeclarativeCondition, MlopsEntity, string, string]>([
    [
      { path: 'spec.governance.reviewCadence', operator: 'exists' },
      useCase(),
      'passed',
      'spec.governance.reviewCadence is "P3M".',
    ],
    [
      { path: 'spec.governance.policies', operator: 'exists' },
      useCase({ governance: { policies: [] } }),
      'failed',
      'spec.governance.policies is empty.',
    ],
    [
      { path: 'spec.lifecycle', operator: 'equals', value: 'production' },
      model(),
      'passed',
      'spec.lifecycle is "production".',
    ],
    [
      { path: 'spec.lifecycle', operator: 'equals', value: 'production' },
      model({ lifecycle: 'experimental' }),
      'failed',
      'spec.lifecycle is "experimental", expected "production".',
    ],
    [
      { path: 'spec.lifecycle', operator: 'notEquals', value: 'deprecated' },
      model({ lifecycle: 'deprecated' }),
      'failed',
      'spec.lifecycle is "deprecated", which is not allowed.',
    ],
    [
      { path: 'spec.risk.tier', operator: 'in', value: ['minimal', 'limited'] },
      useCase(),
      'passed',
      'spec.risk.tier is "limited".',
    ],
    [
      { path: 'spec.risk.tier', operator: 'in', value: ['minimal'] },
      useCase(),
      'failed',
      'spec.risk.tier is "limited", expected one of "minimal".',
    ],
    [
      { path: 'spec.explainability.required', operator: 'equals', value: true },
      useCase(),
      'passed',
      'spec.explainability.required is true.',
    ],
    [
      { path: 'spec.metrics[0].value', operator: '>=', value: 0.8 },
      model(),
      'failed',
      'spec.metrics[0].value is 0.76, needs >= 0.8.',
    ],
    [
      { path: 'spec.metrics[1].value', operator: '<', value: 100 },
      model(),
      'passed',
      'spec.metrics[1].value is 84.',
    ],
    [
      { path: 'spec.version', operator: '>', value: 1 },
      model(),
      'failed',
      'spec.version is "3.2.0", not a number.',
    ],
    [
      { path: 'spec.features', operator: 'minItems', value: 2 },
      monitor(),
      'failed',
      'spec.features has 1 item, needs at least 2.',
    ],
    [
      { path: 'spec.owner', operator: 'minItems', value: 1 },
      monitor(),
      'failed',
      'spec.owner is "group:default/ml-platform", not a list.',
    ],
    [
      { path: 'spec.cadence', operator: 'matches', value: '^P\\d+D$' },
      monitor(),
      'passed',
      'spec.cadence is "P1D", matching /^P\\d+D$/.',
    ],
    [
      { path: "metadata['namespace']", operator: 'equals', value: 'default' },
      monitor(),
      'passed',
      'metadata[\'namespace\'] is "default".',
    ],
  ])('%j', (condition, entity, outcome, reason) => {
    expect(judge(condition, entity)).toEqual({ outcome, reason });
  });

  it('fails a missing path whatever the operator', () => {
    for (const condition of [
      { path: 'spec.registry.url', operator: 'exists' },
      { path: 'spec.registry.url', operator: 'notEquals', value: 'x' },
      { path: 'spec.metrics[9].value', operator: '<', value: 1 },
      { path: 'spec.version.major', operator: 'equals', value: 3 },
    ] as DeclarativeCondition[]) {
      expect(judge(condition, model())).toEqual({
        outcome: 'failed',
        reason: `${condition.path} is not set.`,
      });
    }
  });
});
