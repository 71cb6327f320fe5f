import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Entity } from '@backstage/catalog-model';
import type { FrameworkStageId } from '../framework/stages';
import type { MLUseCaseEntityV1alpha1 } from '../kinds/types';
import { GATE_DEFINITIONS } from './definitions';
import { GateSignOffConfig, signOffId, SignOffRequirement } from './types';

/** A use case's declared risk tier (`spec.risk.tier`), in the EU AI Act's terms. @public */
export type RiskTier = NonNullable<
  NonNullable<MLUseCaseEntityV1alpha1['spec']['risk']>['tier']
>;

/** Every risk tier an MLUseCase may declare, lowest first. @public */
export const RISK_TIERS: readonly RiskTier[] = [
  'minimal',
  'limited',
  'high',
  'unacceptable',
];

/** The sign-offs a risk tier adds, per stage. @public */
export type RiskTierSignOff = Readonly<
  Partial<Record<FrameworkStageId, readonly SignOffRequirement[]>>
>;

/**
 * Who must sign off each gate, as configured: the sign-offs of every use
 * case and model (`mlops.gates.signOff`), and those a use case's declared
 * risk tier adds to its gates and to its models' (`mlops.gates.signOffByRiskTier`).
 * @public
 */
export interface GateSignOffRules {
  /** The sign-offs every use case and model needs, per stage. */
  stages: GateSignOffConfig;
  /** The sign-offs added per risk tier, after those of `stages`. */
  byRiskTier?: Readonly<Partial<Record<RiskTier, RiskTierSignOff>>>;
}

/**
 * Who must sign off each gate of an entity whose risk tier is `riskTier`
 * ({@link gateRiskTierOf}): every entity's sign-offs, then those the tier
 * adds. Without a tier, or for a tier the rules do not name, every entity's.
 * @public
 */
export function gateSignOffFor(
  rules: GateSignOffRules,
  riskTier: RiskTier | undefined,
): GateSignOffConfig {
  const added = riskTier ? rules.byRiskTier?.[riskTier] : undefined;
  if (!added) return rules.stages;
  return Object.fromEntries(
    GATE_DEFINITIONS.map(({ stage }) => [
      stage,
      [...rules.stages[stage], ...(added[stage] ?? [])],
    ]),
  ) as unknown as GateSignOffConfig;
}

/**
 * The risk tier that adds a sign-off to an entity's gate, if one does: the
 * tier whose rules name it for the stage while every entity's do not.
 * @public
 */
export function signOffAddedByRiskTier(
  rules: GateSignOffRules,
  riskTier: RiskTier | undefined,
  stage: FrameworkStageId,
  requirement: SignOffRequirement,
): RiskTier | undefined {
  const id = signOffId(requirement);
  if (!riskTier || rules.stages[stage].some(r => signOffId(r) === id)) {
    return undefined;
  }
  return rules.byRiskTier?.[riskTier]?.[stage]?.some(r => signOffId(r) === id)
    ? riskTier
    : undefined;
}

/**
 * The lower-case reference of the use case a model serves (`spec.useCase`,
 * kind MLUseCase and the model's namespace by default); undefined when it
 * does not parse or the entity is not a model.
 * @public
 */
export function modelUseCaseRef(entity: Entity): string | undefined {
  const value = entity.kind === 'MLModel' ? entity.spec?.useCase : undefined;
  if (typeof value !== 'string') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: 'mlusecase',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * The risk tier that sets who signs off an entity's gates: a use case's
 * declared `spec.risk.tier`; for a model, the tier of the use case it serves
 * (`spec.useCase`, found with `findUseCase` by its lower-case reference), so
 * a model of a high-risk use case is signed off like the use case.
 * @public
 */
export function gateRiskTierOf(
  entity: Entity,
  findUseCase: (ref: string) => Entity | undefined,
): RiskTier | undefined {
  let useCase: Entity | undefined = entity;
  if (entity.kind === 'MLModel') {
    const ref = modelUseCaseRef(entity);
    useCase = ref ? findUseCase(ref) : undefined;
  }
  if (useCase?.kind !== 'MLUseCase') return undefined;
  const risk = useCase.spec?.risk;
  const tier =
    risk && typeof risk === 'object' && !Array.isArray(risk)
      ? risk.tier
      : undefined;
  return (RISK_TIERS as readonly unknown[]).includes(tier)
    ? (tier as RiskTier)
    : undefined;
}
