/**
 * A maturity level: 0 (manual) to 4 (governed, automatically retrained
 * operation). Every entity is at least at level 0; checks sit at 1 to 4.
 * @public
 */
export type MaturityLevel = 0 | 1 | 2 | 3 | 4;

/** The level a check belongs to: the lowest level it is required for. @public */
export type CheckLevel = Exclude<MaturityLevel, 0>;

/** A maturity level with the name and meaning a rubric gives it. @public */
export type MaturityLevelDefinition = {
  level: MaturityLevel;
  name: string;
  description: string;
};

/**
 * The default levels, anchored on Google's MLOps levels 0–2 and Microsoft's
 * MLOps maturity model 0–4.
 * @public
 */
export const DEFAULT_MATURITY_LEVELS: readonly MaturityLevelDefinition[] = [
  {
    level: 0,
    name: 'Manual',
    description:
      'Ad hoc, manual work: models built and handed over by hand, nothing agreed with the business, nothing watched in production (Google level 0, Microsoft level 0).',
  },
  {
    level: 1,
    name: 'Repeatable',
    description:
      'The use case is defined with an owner, a sponsor, business drivers and acceptance criteria; models are documented and versioned so the work can be repeated (Microsoft level 1).',
  },
  {
    level: 2,
    name: 'Automated training',
    description:
      'Models are built by a repeatable pipeline, registered, tested for performance and fairness, and meet the agreed acceptance criteria (Google level 1, Microsoft level 2).',
  },
  {
    level: 3,
    name: 'Automated deployment',
    description:
      'Models are served by owned components with CI/CD and watched by monitors that route alerts to people (Google level 2, Microsoft level 3).',
  },
  {
    level: 4,
    name: 'Governed operations',
    description:
      'Operation is governed and closed-loop: drift is watched against thresholds, governance is reviewed on a cadence, and the ML Test Score shows production-grade testing (Microsoft level 4).',
  },
];
