import { model, useCase } from '../__testUtils__/entities';
import { MLOPS_KIND_SCHEMAS } from '../kinds/validation';
import { defaultGateSignOff } from './definitions';
import {
  gateRiskTierOf,
  gateSignOffFor,
  GateSignOffRules,
  modelUseCaseRef,
  RISK_TIERS,
} from './signOff';

const modelRisk = { type: 'group', ref: 'group:default/model-risk' } as const;
const rules: GateSignOffRules = {
  stages: defaultGateSignOff('group:default/platform-operations'),
  byRiskTier: {
    high: { strategy: [modelRisk], operationalisation: [modelRisk] },
  },
};

describe('RISK_TIERS', () => {
  it('are the tiers the MLUseCase schema lets spec.risk.tier declare', () => {
    const spec = (MLOPS_KIND_SCHEMAS.MLUseCase as any).allOf[1].properties.spec;
    expect(RISK_TIERS).toEqual(spec.properties.risk.properties.tier.enum);
  });
});

describe('gateSignOffFor', () => {
  it('adds the sign-offs of the risk tier after every entity’s, per stage', () => {
    expect(gateSignOffFor(rules, 'high')).toEqual({
      strategy: [{ type: 'sponsor' }, { type: 'owner' }, modelRisk],
      prototyping: [{ type: 'owner' }, { type: 'sponsor' }],
      operationalisation: [
        { type: 'owner' },
        { type: 'group', ref: 'group:default/platform-operations' },
        modelRisk,
      ],
    });
  });

  it('gives every entity’s sign-offs without a tier, or for a tier the rules do not name', () => {
    expect(gateSignOffFor(rules, undefined)).toBe(rules.stages);
    expect(gateSignOffFor(rules, 'limited')).toBe(rules.stages);
    expect(gateSignOffFor({ stages: rules.stages }, 'high')).toBe(rules.stages);
  });
});

describe('gateRiskTierOf', () => {
  const highRisk = useCase({ risk: { tier: 'high' } });
  const find = (ref: string) =>
    ref === 'mlusecase:default/churn-prevention' ? highRisk : undefined;

  it('is the tier a use case declares', () => {
    expect(gateRiskTierOf(highRisk, find)).toBe('high');
    expect(gateRiskTierOf(useCase(), find)).toBe('limited');
    expect(gateRiskTierOf(useCase({ risk: undefined }), find)).toBeUndefined();
  });

  it('is, for a model, the tier of the use case it serves', () => {
    expect(gateRiskTierOf(model(), find)).toBe('high');
    // Written short, the reference defaults to an MLUseCase in the model's namespace.
    expect(gateRiskTierOf(model({ useCase: 'Churn-Prevention' }), find)).toBe(
      'high',
    );
    expect(
      gateRiskTierOf(model({ useCase: 'mlusecase:default/other' }), find),
    ).toBeUndefined();
  });

  it('finds the use case of a model by its lower-case reference', () => {
    expect(modelUseCaseRef(model({ useCase: 'Churn-Prevention' }))).toBe(
      'mlusecase:default/churn-prevention',
    );
    expect(modelUseCaseRef(useCase())).toBeUndefined();
  });
});
