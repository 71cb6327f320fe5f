import type {
  MLModelEntityV1alpha1,
  MlTestPractice,
  MlTestScoreSection,
} from '../kinds/types';

/** One test of the ML Test Score. @public */
export interface MlTest {
  /** Stable kebab-case id, the key under `spec.mlTestScore.<section>`. */
  id: string;
  section: MlTestScoreSection;
  /** The test's number within its section in the paper, 1 to 7. */
  number: number;
  /** The paper's title of the test. */
  title: string;
}

/** The four sections, in the paper's order, with its headings. @public */
export const ML_TEST_SCORE_SECTIONS: ReadonlyArray<{
  id: MlTestScoreSection;
  title: string;
}> = [
  { id: 'data', title: 'Tests for features and data' },
  { id: 'model', title: 'Tests for model development' },
  { id: 'infrastructure', title: 'Tests for ML infrastructure' },
  { id: 'monitoring', title: 'Monitoring tests for ML' },
];

function section(
  id: MlTestScoreSection,
  tests: Array<[string, string]>,
): MlTest[] {
  return tests.map(([testId, title], index) => ({
    id: testId,
    section: id,
    number: index + 1,
    title,
  }));
}

/**
 * The 28 tests of "The ML Test Score: A Rubric for ML Production Readiness and
 * Technical Debt Reduction" (Breck, Cai, Nielsen, Salib, Sculley; IEEE Big
 * Data 2017), seven per section, in the paper's order.
 * @public
 */
export const ML_TEST_SCORE_TESTS: readonly MlTest[] = [
  ...section('data', [
    [
      'feature-expectations-schema',
      'Feature expectations are captured in a schema',
    ],
    ['features-beneficial', 'All features are beneficial'],
    ['feature-cost', "No feature's cost is too much"],
    ['feature-meta-requirements', 'Features adhere to meta-level requirements'],
    [
      'data-pipeline-privacy',
      'The data pipeline has appropriate privacy controls',
    ],
    ['new-features-quickly', 'New features can be added quickly'],
    ['feature-code-tested', 'All input feature code is tested'],
  ]),
  ...section('model', [
    [
      'model-specs-reviewed',
      'Every model specification undergoes a code review and is checked in to a repository',
    ],
    [
      'offline-online-correlation',
      'Offline proxy metrics correlate with actual online impact metrics',
    ],
    ['hyperparameters-tuned', 'All hyperparameters have been tuned'],
    ['staleness-impact-known', 'The impact of model staleness is known'],
    ['simpler-model-not-better', 'A simpler model is not better'],
    [
      'quality-on-slices',
      'Model quality is sufficient on all important data slices',
    ],
    [
      'inclusion-tested',
      'The model has been tested for considerations of inclusion',
    ],
  ]),
  ...section('infrastructure', [
    ['training-reproducible', 'Training is reproducible'],
    ['model-specs-unit-tested', 'Model specification code is unit tested'],
    [
      'pipeline-integration-tested',
      'The full ML pipeline is integration tested',
    ],
    [
      'quality-validated-before-serving',
      'Model quality is validated before attempting to serve it',
    ],
    [
      'model-debuggable',
      'The model allows debugging by observing the step-by-step computation of training or inference on a single example',
    ],
    [
      'canary-before-serving',
      'Models are tested via a canary process before they enter production serving environments',
    ],
    [
      'rollback',
      'Models can be quickly and safely rolled back to a previous serving version',
    ],
  ]),
  ...section('monitoring', [
    [
      'dependency-changes-notified',
      'Dependency changes result in notification',
    ],
    [
      'data-invariants-hold',
      'Data invariants hold in training and serving inputs',
    ],
    [
      'training-serving-consistent',
      'Training and serving features compute the same values',
    ],
    ['models-not-stale', 'Models are not too stale'],
    ['numerically-stable', 'The model is numerically stable'],
    [
      'computing-performance-stable',
      'The model has not experienced dramatic or slow-leak regressions in training speed, serving latency, throughput, or RAM usage',
    ],
    [
      'prediction-quality-stable',
      'The model has not experienced a regression in prediction quality on served data',
    ],
  ]),
];

/** The points of one test: 0 not done, ½ done manually and documented, 1 automated. @public */
export type MlTestPoints = 0 | 0.5 | 1;

/** The points each practice earns. @public */
export const ML_TEST_PRACTICE_POINTS: Readonly<
  Record<MlTestPractice, MlTestPoints>
> = {
  none: 0,
  manual: 0.5,
  automated: 1,
};

/**
 * The paper's reading of a final score, lowest band first: a band applies
 * when the final score is at most `upTo` (and above the previous band's).
 * @public
 */
export const ML_TEST_SCORE_BANDS: ReadonlyArray<{
  upTo: number;
  meaning: string;
}> = [
  {
    upTo: 0,
    meaning: 'More of a research project than a productionized system',
  },
  {
    upTo: 1,
    meaning:
      'Not totally untested, but it is worth considering the possibility of serious holes in reliability',
  },
  {
    upTo: 2,
    meaning:
      "There's been first pass at basic productionization, but additional investment may be needed",
  },
  {
    upTo: 3,
    meaning:
      "Reasonably tested, but it's possible that more of those tests and procedures may be automated",
  },
  {
    upTo: 5,
    meaning:
      'Strong levels of automated testing and monitoring, appropriate for mission-critical systems',
  },
  {
    upTo: Infinity,
    meaning: 'Exceptional levels of automated testing and monitoring',
  },
];

/** The paper's reading of a final score. @public */
export function mlTestScoreBand(final: number): string {
  return ML_TEST_SCORE_BANDS.find(band => final <= band.upTo)!.meaning;
}

/** One test's points in a model's ML Test Score. @public */
export interface MlTestResult {
  test: MlTest;
  /** What `spec.mlTestScore` declares; undefined when it is silent. */
  declared?: MlTestPractice;
  /** What facts show, when a derived value was given. */
  derived?: MlTestPoints;
  /** The higher of the declared and the derived points; 0 when neither. */
  points: MlTestPoints;
}

/** A model's ML Test Score. @public */
export interface MlTestScore {
  tests: MlTestResult[];
  /** The sum of the points of each section's seven tests. */
  sections: Record<MlTestScoreSection, number>;
  /** The minimum of the four section sums: a system is only as ready as its weakest section. */
  final: number;
  /** The paper's reading of the final score. */
  band: string;
  /** How many of the 28 tests `spec.mlTestScore` declares (`none` included). */
  declared: number;
}

/** Options of {@link evaluateMlTestScore}. @public */
export interface EvaluateMlTestScoreOptions {
  /**
   * Points for tests shown by facts rather than declared, by test id — for
   * instance a drift fact source crediting `data-invariants-hold`. A derived
   * value counts where it is higher than the declared one.
   */
  derived?: Partial<Record<string, MlTestPoints>>;
}

/**
 * A model's ML Test Score without the result of each test: the section
 * sums, the final score, its band and how many tests are declared — what the
 * rubric's check reads, computed without allocating a result per test.
 * @public
 */
export function mlTestScoreSummary(
  model: MLModelEntityV1alpha1,
  options: EvaluateMlTestScoreOptions = {},
): Omit<MlTestScore, 'tests'> {
  const declaration = model.spec.mlTestScore ?? {};
  const sections: Record<MlTestScoreSection, number> = {
    data: 0,
    model: 0,
    infrastructure: 0,
    monitoring: 0,
  };
  let declared = 0;
  for (const test of ML_TEST_SCORE_TESTS) {
    const practice = declaration[test.section]?.[test.id];
    const derived = options.derived?.[test.id];
    if (practice === undefined && derived === undefined) continue;
    if (practice !== undefined) declared += 1;
    sections[test.section] += Math.max(
      practice === undefined ? 0 : ML_TEST_PRACTICE_POINTS[practice],
      derived ?? 0,
    );
  }
  const final = Math.min(
    sections.data,
    sections.model,
    sections.infrastructure,
    sections.monitoring,
  );
  return { sections, final, band: mlTestScoreBand(final), declared };
}

/**
 * A model's ML Test Score (Breck et al. 2017) from `spec.mlTestScore`: each
 * test's points, the sum per section, the final score (the minimum section
 * sum) and the paper's reading of it. Tests the model does not declare count 0.
 * @public
 */
export function evaluateMlTestScore(
  model: MLModelEntityV1alpha1,
  options: EvaluateMlTestScoreOptions = {},
): MlTestScore {
  const declaration = model.spec.mlTestScore ?? {};
  const sections: Record<MlTestScoreSection, number> = {
    data: 0,
    model: 0,
    infrastructure: 0,
    monitoring: 0,
  };
  let declared = 0;
  const tests = ML_TEST_SCORE_TESTS.map((test): MlTestResult => {
    const practice = declaration[test.section]?.[test.id];
    const derived = options.derived?.[test.id];
    if (practice !== undefined) declared += 1;
    const points = Math.max(
      practice === undefined ? 0 : ML_TEST_PRACTICE_POINTS[practice],
      derived ?? 0,
    ) as MlTestPoints;
    sections[test.section] += points;
    return { test, declared: practice, derived, points };
  });
  const final = Math.min(...Object.values(sections));
  return { tests, sections, final, band: mlTestScoreBand(final), declared };
}
