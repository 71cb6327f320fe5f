/**
 * The framework's three stages, in order.
 * @public
 */
export type FrameworkStageId =
  | 'strategy'
  | 'prototyping'
  | 'operationalisation';

/** A stage of the framework with its key roles. @public */
export interface FrameworkStage {
  id: FrameworkStageId;
  /** 1, 2 or 3. */
  number: 1 | 2 | 3;
  title: string;
  /** One word for tight places, such as a tab: `Strategy`. */
  shortTitle: string;
  /** The key steps of the stage, in the framework's words. */
  keySteps: string[];
  /** Who does the work and who signs it off. */
  keyRoles: string[];
}

/** The framework's stages in order. @public */
export const FRAMEWORK_STAGES: readonly FrameworkStage[] = [
  {
    id: 'strategy',
    number: 1,
    title: 'AI strategy, use case & operating model',
    shortTitle: 'Strategy',
    keySteps: [
      'Business vision and alignment: drivers linked to KPIs',
      'Acceptance criteria: model accuracy and operational success metrics',
      'Explainability planned up front',
      'Operationalisation requirements, functional and non-functional',
      'Monitoring and governance frameworks',
      'Ethical considerations such as bias',
    ],
    keyRoles: ['Management consultants', 'Domain experts', 'Sponsors and CxOs'],
  },
  {
    id: 'prototyping',
    number: 2,
    title: 'Rapid prototyping & model building',
    shortTitle: 'Prototyping',
    keySteps: [
      'Exploratory data analysis and pre-processing',
      'Feature engineering',
      'Model build, packaging and registration',
      'Performance, fairness and vulnerability testing',
      'Data privacy',
    ],
    keyRoles: ['ML engineers', 'Data scientists'],
  },
  {
    id: 'operationalisation',
    number: 3,
    title: 'ML engineering & operationalisation',
    shortTitle: 'Operationalisation',
    keySteps: [
      'Serving infrastructure, CI/CD and infrastructure as code',
      'Model monitoring and logging',
      'Drift scenarios and alert automation',
      'Knowledge transfer to operations',
    ],
    keyRoles: [
      'ML engineers',
      'DevOps engineers',
      'Ops and IT support',
      'Data scientists',
    ],
  },
];

/** The stage with the given id. @public */
export function frameworkStage(id: FrameworkStageId): FrameworkStage {
  const stage = FRAMEWORK_STAGES.find(s => s.id === id);
  if (!stage) throw new TypeError(`Unknown framework stage ${id}`);
  return stage;
}
