import type { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DEFAULT_OPERATIONS_GROUP,
  defaultGateSignOff,
  FRAMEWORK_STAGES,
  FrameworkStageId,
  GateSignOffConfig,
  GateSignOffRules,
  RISK_TIERS,
  RiskTier,
  RiskTierSignOff,
  signOffId,
  SignOffRequirement,
} from '@mlightenment/backstage-plugin-mlops-common';

/** A mistake in `mlops.gates`, naming the key. */
export class GateConfigError extends Error {
  constructor(key: string, message: string) {
    super(`Invalid configuration at ${key}: ${message}`);
    this.name = 'GateConfigError';
  }
}

const STAGE_IDS = FRAMEWORK_STAGES.map(s => s.id) as string[];

function groupRef(value: string, key: string): string {
  let ref;
  try {
    ref = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new GateConfigError(key, `"${value}" is not an entity reference`);
  }
  if (ref.kind.toLowerCase() !== 'group') {
    throw new GateConfigError(
      key,
      `"${value}" must be a group reference such as group:default/platform-operations`,
    );
  }
  return stringifyEntityRef(ref).toLowerCase();
}

/** Rejects keys of a per-stage block that are not stages. */
function checkStageKeys(block: Config, key: string) {
  for (const stage of block.keys()) {
    if (!STAGE_IDS.includes(stage)) {
      throw new GateConfigError(
        `${key}.${stage}`,
        `unknown stage; the stages are ${STAGE_IDS.join(', ')}`,
      );
    }
  }
}

/** One stage's list of sign-offs: `sponsor`, `owner`, `operations` or group references, each once. */
function readRequirements(
  block: Config,
  stage: FrameworkStageId,
  key: string,
  operationsGroup: string,
): SignOffRequirement[] {
  const requirements = block
    .getStringArray(stage)
    .map((value, i): SignOffRequirement => {
      if (value === 'sponsor' || value === 'owner') return { type: value };
      if (value === 'operations') {
        return { type: 'group', ref: operationsGroup };
      }
      return { type: 'group', ref: groupRef(value, `${key}[${i}]`) };
    });
  const ids = requirements.map(signOffId);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) {
    throw new GateConfigError(key, `${duplicate} is listed twice`);
  }
  return requirements;
}

/**
 * Who signs off each gate, from `mlops.gates`: `signOff` for every use case
 * and model (defaults: stage 1 sponsor and owner, stage 2 owner and
 * sponsor, stage 3 owner and the operations group), and `signOffByRiskTier`,
 * the sign-offs a use case's declared risk tier adds to its gates and its
 * models'. Throws a GateConfigError naming the key on a mistake.
 */
export function readGateSignOffRules(config: Config): GateSignOffRules {
  const gates = config.getOptionalConfig('mlops.gates');
  const operationsGroup = gates?.has('operationsGroup')
    ? groupRef(
        gates.getString('operationsGroup'),
        'mlops.gates.operationsGroup',
      )
    : DEFAULT_OPERATIONS_GROUP;
  const stages: Record<string, readonly SignOffRequirement[]> = {
    ...defaultGateSignOff(operationsGroup),
  };
  const signOff = gates?.getOptionalConfig('signOff');
  if (signOff) {
    checkStageKeys(signOff, 'mlops.gates.signOff');
    for (const { id: stage } of FRAMEWORK_STAGES) {
      if (!signOff.has(stage)) continue;
      const key = `mlops.gates.signOff.${stage}`;
      const requirements = readRequirements(
        signOff,
        stage,
        key,
        operationsGroup,
      );
      if (requirements.length === 0) {
        throw new GateConfigError(key, 'a gate needs at least one sign-off');
      }
      stages[stage] = requirements;
    }
  }

  const byRiskTier: Partial<Record<RiskTier, RiskTierSignOff>> = {};
  const tiers = gates?.getOptionalConfig('signOffByRiskTier');
  for (const tier of tiers?.keys() ?? []) {
    const tierKey = `mlops.gates.signOffByRiskTier.${tier}`;
    if (!(RISK_TIERS as readonly string[]).includes(tier)) {
      throw new GateConfigError(
        tierKey,
        `unknown risk tier; the tiers of spec.risk.tier are ${RISK_TIERS.join(
          ', ',
        )}`,
      );
    }
    const block = tiers!.getConfig(tier);
    checkStageKeys(block, tierKey);
    const added: Partial<Record<FrameworkStageId, SignOffRequirement[]>> = {};
    for (const { id: stage } of FRAMEWORK_STAGES) {
      if (!block.has(stage)) continue;
      const key = `${tierKey}.${stage}`;
      const requirements = readRequirements(block, stage, key, operationsGroup);
      requirements.forEach((requirement, i) => {
        if (stages[stage].some(r => signOffId(r) === signOffId(requirement))) {
          throw new GateConfigError(
            `${key}[${i}]`,
            `${signOffId(
              requirement,
            )} signs off the ${stage} gate of every use case and model already (mlops.gates.signOff.${stage})`,
          );
        }
      });
      added[stage] = requirements;
    }
    byRiskTier[tier as RiskTier] = added;
  }
  return { stages: stages as GateSignOffConfig, byRiskTier };
}

/**
 * The sign-offs every use case and model needs (`mlops.gates.signOff` with
 * its defaults), without those a risk tier adds: see {@link readGateSignOffRules}.
 */
export function readGateSignOff(config: Config): GateSignOffConfig {
  return readGateSignOffRules(config).stages;
}
