import {
  FRAMEWORK_STAGES,
  FrameworkStageId,
  frameworkStage,
} from '../framework/stages';
import type { GateSignOffConfig, SignOffRequirement } from './types';

/** The kinds that pass through stage gates. @public */
export type GatedKind = 'MLUseCase' | 'MLModel';

/** The kinds that pass through stage gates. @public */
export const GATED_KINDS: readonly GatedKind[] = ['MLUseCase', 'MLModel'];

/**
 * A gate criterion: one key step of a framework stage. Per kind it is either
 * evaluated by a check of the check engine (`checks[kind]`, a check id) or,
 * where the catalog cannot know, attested by a person with an evidence link.
 * @public
 */
export interface GateCriterionDefinition {
  /** Stable id, `<stage>.<step>`, e.g. `strategy.business-vision`. */
  id: string;
  /** The key step in the framework's words. */
  title: string;
  /** The check that evaluates the step, per kind; a kind without one attests it. */
  checks: Partial<Record<GatedKind, string>>;
}

/** A gate: a framework stage with its criteria. @public */
export interface GateDefinition {
  stage: FrameworkStageId;
  number: 1 | 2 | 3;
  title: string;
  keySteps: readonly string[];
  keyRoles: readonly string[];
  criteria: readonly GateCriterionDefinition[];
}

const steps = (id: FrameworkStageId) => frameworkStage(id).keySteps;

function criteria(
  stage: FrameworkStageId,
  list: Array<[step: string, checks: Partial<Record<GatedKind, string>>]>,
): GateCriterionDefinition[] {
  const titles = steps(stage);
  if (titles.length !== list.length) {
    throw new TypeError(`Gate ${stage} must cover each key step once`);
  }
  return list.map(([step, checks], i) => ({
    id: `${stage}.${step}`,
    title: titles[i],
    checks,
  }));
}

/**
 * The criteria of each gate: the key steps of FRAMEWORK_STAGES in order, each
 * mapped to the check of the default rubric that covers it for a kind, or to
 * an attestation.
 * @public
 */
export const GATE_CRITERIA: Readonly<
  Record<FrameworkStageId, readonly GateCriterionDefinition[]>
> = {
  strategy: criteria('strategy', [
    [
      'business-vision',
      {
        MLUseCase: 'use-case.business-drivers-measurable',
        MLModel: 'model.use-case-in-catalog',
      },
    ],
    [
      'acceptance-criteria',
      { MLUseCase: 'use-case.acceptance-criteria-defined' },
    ],
    ['explainability', { MLUseCase: 'use-case.explainability-planned' }],
    ['operational-requirements', {}],
    ['monitoring-governance', { MLUseCase: 'use-case.governance-reviewed' }],
    ['ethics', { MLUseCase: 'use-case.risk-assessed' }],
  ]),
  prototyping: criteria('prototyping', [
    ['exploratory-analysis', {}],
    ['feature-engineering', {}],
    ['build-and-registration', { MLModel: 'model.registered' }],
    ['testing', { MLModel: 'model.acceptance-criteria-met' }],
    ['data-privacy', {}],
  ]),
  operationalisation: criteria('operationalisation', [
    [
      'serving',
      {
        MLUseCase: 'use-case.accepted-model-in-production',
        MLModel: 'model.served-with-ci',
      },
    ],
    [
      'monitoring',
      {
        // A use case is monitored by its sponsor through its KPIs: once in
        // production, its actuals must be reported.
        MLUseCase: 'use-case.value-reported',
        MLModel: 'model.monitored-with-alerts',
      },
    ],
    ['drift-alerts', { MLModel: 'model.drift-and-performance-monitored' }],
    ['knowledge-transfer', {}],
  ]),
};

/** The three gates in the framework's order. @public */
export const GATE_DEFINITIONS: readonly GateDefinition[] = FRAMEWORK_STAGES.map(
  stage => ({
    stage: stage.id,
    number: stage.number,
    title: stage.title,
    keySteps: stage.keySteps,
    keyRoles: stage.keyRoles,
    criteria: GATE_CRITERIA[stage.id],
  }),
);

/** The gate of a stage. @public */
export function gateDefinition(stage: FrameworkStageId): GateDefinition {
  const gate = GATE_DEFINITIONS.find(g => g.stage === stage);
  if (!gate) throw new TypeError(`Unknown gate ${stage}`);
  return gate;
}

/** How a criterion is met for a kind: the check id, or an attestation. @public */
export function criterionSource(
  criterion: GateCriterionDefinition,
  kind: GatedKind,
): { source: 'check'; checkId: string } | { source: 'attestation' } {
  const checkId = criterion.checks[kind];
  return checkId ? { source: 'check', checkId } : { source: 'attestation' };
}

/** The group that signs stage 3 off unless `mlops.gates.operationsGroup` names another. @public */
export const DEFAULT_OPERATIONS_GROUP = 'group:default/operations';

/**
 * Who signs each gate off by default: stage 1 the sponsor and the owner,
 * stage 2 the owner and the sponsor, stage 3 the owner and the operations
 * group.
 * @public
 */
export function defaultGateSignOff(
  operationsGroup: string = DEFAULT_OPERATIONS_GROUP,
): GateSignOffConfig {
  const sponsor: SignOffRequirement = { type: 'sponsor' };
  const owner: SignOffRequirement = { type: 'owner' };
  return {
    strategy: [sponsor, owner],
    prototyping: [owner, sponsor],
    operationalisation: [owner, { type: 'group', ref: operationsGroup }],
  };
}
