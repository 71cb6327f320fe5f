import { model } from '../__testUtils__/entities';
import { isMLModelEntity } from '../kinds/types';
import { CatalogSnapshot, createCheckContext } from './context';
import { evaluateChecks } from './evaluateChecks';
import type { CheckDefinition } from './types';

const base = {
  description: 'd',
  stage: 'prototyping',
  level: 2,
  rationale: 'r',
  remediation: { text: 'fix' },
} as const;

const checks: CheckDefinition[] = [
  {
    ...base,
    id: 'model.versioned',
    title: 'Versioned',
    kinds: ['MLModel'],
    evaluate: ({ entity }) =>
      isMLModelEntity(entity) && entity.spec.version
        ? { outcome: 'passed', reason: `Version ${entity.spec.version}.` }
        : { outcome: 'failed', reason: 'No version.' },
  },
  {
    ...base,
    id: 'use-case.sponsored',
    title: 'Sponsored',
    kinds: ['MLUseCase'],
    evaluate: () => ({ outcome: 'passed', reason: 'Sponsored.' }),
  },
  {
    ...base,
    id: 'model.broken',
    title: 'Broken',
    kinds: ['MLModel'],
    evaluate: () => {
      throw new Error('registry timeout');
    },
  },
];

function context(now = new Date('2026-11-27T12:00:00Z')) {
  const entity = model();
  return createCheckContext({
    entity,
    catalog: new CatalogSnapshot([entity]),
    now,
  });
}

describe('evaluateChecks', () => {
  it("evaluates only the checks of the entity's kind", () => {
    const results = evaluateChecks(checks, context(), {
      entityRef: 'mlmodel:default/churn-gbm',
    });
    expect(results.map(r => r.checkId)).toEqual([
      'model.versioned',
      'model.broken',
    ]);
  });

  it('turns a check that throws into an error, leaving the others alone', () => {
    const [versioned, broken] = evaluateChecks(checks, context(), {
      entityRef: 'mlmodel:default/churn-gbm',
    });
    expect(versioned.outcome).toBe('passed');
    expect(broken).toEqual({
      checkId: 'model.broken',
      outcome: 'error',
      reason: 'The check could not be evaluated: registry timeout',
    });
  });

  it('marks a check exempt until its exemption expires', () => {
    const exemption = {
      checkId: 'model.broken',
      entityRef: 'MLModel:default/churn-gbm',
      justification: 'Registry migration',
      expiresAt: '2026-12-31',
    };
    const during = evaluateChecks(checks, context(), {
      entityRef: 'mlmodel:default/churn-gbm',
      exemptions: [exemption],
    });
    expect(during[1]).toMatchObject({
      outcome: 'exempt',
      exemption: { justification: 'Registry migration' },
    });
    const after = evaluateChecks(checks, context(new Date('2027-01-01')), {
      entityRef: 'mlmodel:default/churn-gbm',
      exemptions: [exemption],
    });
    expect(after[1].outcome).toBe('error');
  });
});
