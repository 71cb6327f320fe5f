import { FRAMEWORK_STAGES, FrameworkStageId } from '../framework/stages';
import type {
  DiagnosticNextStep,
  DiagnosticQuestionId,
  DiagnosticUnit,
} from '../api/diagnostic';

/**
 * An indicator's bands: where its value becomes `some` and `strong`
 * indication. With `worse: 'higher'` a value at or above a band is in it;
 * with `worse: 'lower'`, at or below.
 * @public
 */
export type DiagnosticBands = {
  some: number;
  strong: number;
  worse: 'higher' | 'lower';
};

/** What an indicator is, apart from its value: the one registry the computation, the API and the docs read. @public */
export type DiagnosticIndicatorDefinition = {
  id: string;
  label: string;
  unit: DiagnosticUnit;
  formula: string;
  /** Absent for an indicator that is shown, not judged. */
  bands?: DiagnosticBands;
};

/** A question of the framework with its indicators and next step. @public */
export type DiagnosticQuestionDefinition = {
  id: DiagnosticQuestionId;
  title: string;
  indicators: readonly DiagnosticIndicatorDefinition[];
  /**
   * Indicators without which the question cannot be judged: the verdict is
   * `unknown` while any of them has no value.
   */
  required: readonly string[];
  nextStep: { stage: FrameworkStageId; keyStepIndex: number; text: string };
};

/** Days a gate may stay ready for review before it counts as waiting ({@link DIAGNOSTIC_QUESTIONS} `q2.gates-waiting`). @public */
export const DEFAULT_GATE_WAITING_DAYS = 14;

/**
 * The seven questions the framework asks to know whether an organisation
 * needs MLOps, in its words, each with the indicators the portal measures.
 * Every formula reads stored data only; the `formula` text is what the API
 * serves and the documentation shows.
 * @public
 */
export const DIAGNOSTIC_QUESTIONS: readonly DiagnosticQuestionDefinition[] = [
  {
    id: 'q1',
    title: 'Do only a small subset of developed models make it to production?',
    indicators: [
      {
        id: 'q1.production-share',
        label: 'Models in production',
        unit: 'ratio',
        formula:
          'Models with lifecycle "production" whose three stage gates are approved (stage 3 last), divided by all registered models.',
        bands: { some: 0.6, strong: 0.3, worse: 'lower' },
      },
      {
        id: 'q1.funnel-conversion',
        label: 'Funnel conversion, stage 1 to production',
        unit: 'ratio',
        formula:
          'Use cases and models whose three gates are approved, divided by those whose stage-1 gate is approved.',
        bands: { some: 0.6, strong: 0.3, worse: 'lower' },
      },
      ...FRAMEWORK_STAGES.map(stage => ({
        id: `q1.median-days-${stage.id}`,
        label: `Median days in stage ${stage.number} (${stage.shortTitle})`,
        unit: 'days' as const,
        formula: `Median over use cases and models that reached stage ${
          stage.number
        } of the days from ${
          stage.number === 1
            ? 'their first gate event'
            : `the approval of the stage-${stage.number - 1} gate`
        } to the approval of the stage-${
          stage.number
        } gate, or to now while it is open.`,
      })),
    ],
    required: ['q1.production-share'],
    nextStep: {
      stage: 'operationalisation',
      keyStepIndex: 0,
      text: 'Give models one paved path to production: standard serving, CI/CD and infrastructure as code, so a model that passes its tests can be deployed without a project of its own.',
    },
  },
  {
    id: 'q2',
    title:
      'Is there a lack of synchronisation between business, data science and development?',
    indicators: [
      {
        id: 'q2.use-cases-without-sponsor',
        label: 'Use cases without a sponsor',
        unit: 'ratio',
        formula:
          'Use cases that name no spec.sponsor, divided by all use cases.',
        bands: { some: 0.1, strong: 0.3, worse: 'higher' },
      },
      {
        id: 'q2.sign-off-latency-median',
        label: 'Sponsor sign-off latency, median',
        unit: 'days',
        formula:
          "Median, over sponsor decisions recorded in the window, of the days from when the gate was ready for review to the decision. Ready for review: the latest, before the decision, of the previous gate's approval and the gate's attestations and invalidations; failing those, the gate's first earlier decision; a decision with nothing before it is not measured.",
        bands: { some: 7, strong: 21, worse: 'higher' },
      },
      {
        id: 'q2.sign-off-latency-p90',
        label: 'Sponsor sign-off latency, 90th percentile',
        unit: 'days',
        formula:
          'The 90th percentile (nearest rank) of the same latencies as the median.',
      },
      {
        id: 'q2.gates-waiting',
        label: 'Gates waiting for sign-off too long',
        unit: 'ratio',
        formula:
          'Gates ready for review (criteria met from the stored check results and attestations, sign-offs missing) for longer than the waiting limit (default 14 days), divided by all gates ready for review.',
        bands: { some: 0.25, strong: 0.5, worse: 'higher' },
      },
      {
        id: 'q2.overdue-kpi-check-ins',
        label: 'Overdue KPI check-ins',
        unit: 'ratio',
        formula:
          'KPIs of production use cases whose latest actual is older than their cadence allows (status "overdue"), divided by those KPIs that have an actual.',
        bands: { some: 0.1, strong: 0.3, worse: 'higher' },
      },
    ],
    required: [],
    nextStep: {
      stage: 'strategy',
      keyStepIndex: 0,
      text: 'Name a sponsor for every use case, link its business drivers to KPIs, and put the sponsor in the sign-off path of each stage gate.',
    },
  },
  {
    id: 'q3',
    title: 'Is there a complex tools landscape with overlapping capabilities?',
    indicators: [
      {
        id: 'q3.frameworks',
        label: 'Distinct model frameworks',
        unit: 'count',
        formula: 'Distinct spec.framework values across models.',
      },
      {
        id: 'q3.registries',
        label: 'Distinct model registries',
        unit: 'count',
        formula: 'Distinct spec.registry.type values across models.',
      },
      {
        id: 'q3.serving-stacks',
        label: 'Distinct serving stacks',
        unit: 'count',
        formula:
          'Distinct spec.type values of the catalog components named in the models’ spec.servedBy.',
      },
      {
        id: 'q3.overlapping-capabilities',
        label: 'Capabilities served by more than one tool',
        unit: 'count',
        formula:
          'Of the three capabilities — model framework, model registry, serving stack — how many more than one tool provides.',
        bands: { some: 1, strong: 2, worse: 'higher' },
      },
      {
        id: 'q3.teams-with-several-frameworks',
        label: 'Teams using several frameworks',
        unit: 'ratio',
        formula:
          'Teams (owner groups) whose models declare more than one framework, divided by teams whose models declare one.',
        bands: { some: 0.2, strong: 0.5, worse: 'higher' },
      },
    ],
    required: [],
    nextStep: {
      stage: 'prototyping',
      keyStepIndex: 2,
      text: 'Agree one way to build, package and register models (a shared registry and a small set of supported frameworks), and retire the overlaps.',
    },
  },
  {
    id: 'q4',
    title:
      'Are there challenges in sourcing data in adequate form and currency?',
    indicators: [
      {
        id: 'q4.models-without-datasets',
        label: 'Models without declared datasets',
        unit: 'ratio',
        formula:
          'Models whose spec.dependsOn names no Resource, divided by all models.',
        bands: { some: 0.2, strong: 0.5, worse: 'higher' },
      },
      {
        id: 'q4.datasets-unknown-or-unowned',
        label: 'Datasets missing from the catalog or without owner',
        unit: 'ratio',
        formula:
          'Distinct Resources named in models’ spec.dependsOn that are not in the catalog or name no owner, divided by all distinct Resources named.',
        bands: { some: 0.1, strong: 0.3, worse: 'higher' },
      },
      {
        id: 'q4.monitors-stale',
        label: 'Monitors that went stale in the window',
        unit: 'ratio',
        formula:
          'Monitors with a transition to "stale" in the window, divided by all monitors.',
        bands: { some: 0.1, strong: 0.25, worse: 'higher' },
      },
      {
        id: 'q4.input-drift-alerts',
        label: 'Data-drift monitors that alerted in the window',
        unit: 'ratio',
        formula:
          'Data-drift monitors (input features) with a transition to "alert" in the window, divided by all data-drift monitors.',
        bands: { some: 0.1, strong: 0.25, worse: 'higher' },
      },
    ],
    required: [],
    nextStep: {
      stage: 'prototyping',
      keyStepIndex: 0,
      text: 'Register every training and scoring dataset in the catalog with an owner, declare it on the models that use it, and monitor the inputs on a cadence.',
    },
  },
  {
    id: 'q5',
    title: 'Do models consistently fail to positively impact the business?',
    indicators: [
      {
        id: 'q5.kpis-off-track',
        label: 'KPIs off track',
        unit: 'ratio',
        formula:
          'KPIs of production use cases whose status is "off-track" (worse than the baseline), divided by those KPIs that have an actual.',
        bands: { some: 0.15, strong: 0.3, worse: 'higher' },
      },
      {
        id: 'q5.kpis-at-risk',
        label: 'KPIs at risk',
        unit: 'ratio',
        formula:
          'KPIs of production use cases whose status is "at-risk", divided by those KPIs that have an actual.',
      },
      {
        id: 'q5.kpis-on-track',
        label: 'KPIs on track',
        unit: 'ratio',
        formula:
          'KPIs of production use cases whose status is "on-track", divided by those KPIs that have an actual.',
      },
      {
        id: 'q5.use-cases-without-actuals',
        label: 'Production use cases without KPI actuals',
        unit: 'ratio',
        formula:
          'Production use cases none of whose KPIs has an actual (or that declare no KPI), divided by all production use cases. Nobody knows whether these deliver value.',
        bands: { some: 0.25, strong: 0.5, worse: 'higher' },
      },
    ],
    required: ['q5.kpis-off-track'],
    nextStep: {
      stage: 'strategy',
      keyStepIndex: 0,
      text: 'Report KPI actuals for every production use case, and revisit the business drivers and acceptance criteria of those off track with their sponsors.',
    },
  },
  {
    id: 'q6',
    title:
      'Is there a fragmented understanding of strengths, weaknesses and opportunities?',
    indicators: [
      {
        id: 'q6.median-level',
        label: 'Median maturity level',
        unit: 'level',
        formula:
          'The median maturity level of the scored ML entities; the evidence lists the entities at each level.',
      },
      {
        id: 'q6.level-spread',
        label: 'Spread between the strongest and weakest team',
        unit: 'level',
        formula:
          'The highest team median level minus the lowest, over teams (owner groups) with a scored entity; needs two teams.',
        bands: { some: 2, strong: 3, worse: 'higher' },
      },
      {
        id: 'q6.organisation-weaknesses',
        label: 'Checks failing across most teams',
        unit: 'count',
        formula:
          'Checks that fail (failed, not reported or error) on an entity of more than half of the teams where they apply.',
        bands: { some: 3, strong: 8, worse: 'higher' },
      },
      {
        id: 'q6.organisation-strengths',
        label: 'Checks passing everywhere',
        unit: 'count',
        formula:
          'Checks that apply to some entity and do not fail on any entity of any team.',
      },
    ],
    required: [],
    nextStep: {
      stage: 'strategy',
      keyStepIndex: 4,
      text: 'Adopt one maturity rubric across teams, review the organisation-wide weaknesses together, and let the strongest teams share what works.',
    },
  },
  {
    id: 'q7',
    title: 'Do teams have varying degrees of knowledge?',
    indicators: [
      {
        id: 'q7.bus-factor',
        label: 'Models owned by one person',
        unit: 'ratio',
        formula:
          'Models whose owner is a user or a group with at most one member, divided by models whose owner is known in the catalog.',
        bands: { some: 0.1, strong: 0.3, worse: 'higher' },
      },
      {
        id: 'q7.model-card-completeness',
        label: 'Model-card completeness',
        unit: 'ratio',
        formula:
          'The mean, over models, of the share of the eight model-card sections (Mitchell et al. 2019) documented.',
        bands: { some: 0.75, strong: 0.5, worse: 'lower' },
      },
      {
        id: 'q7.knowledge-transfer-attested',
        label: 'Production models with knowledge transfer attested',
        unit: 'ratio',
        formula:
          'Production models with an attestation of "Knowledge transfer to operations" on their stage-3 gate, divided by production models.',
        bands: { some: 0.8, strong: 0.5, worse: 'lower' },
      },
      {
        id: 'q7.teams-behind',
        label: 'Teams two or more levels behind the strongest',
        unit: 'ratio',
        formula:
          'Teams whose median maturity level is at least two below the highest team median, divided by teams with a scored entity; needs two teams.',
        bands: { some: 0.25, strong: 0.5, worse: 'higher' },
      },
    ],
    required: [],
    nextStep: {
      stage: 'operationalisation',
      keyStepIndex: 3,
      text: 'Complete the model cards, attest knowledge transfer to operations at stage 3, and give every model an owner group of more than one person.',
    },
  },
];

/** The next step of a question, with its stage and key step as the framework names them. @public */
export function diagnosticNextStep(
  question: DiagnosticQuestionDefinition,
): DiagnosticNextStep {
  const stage = FRAMEWORK_STAGES.find(s => s.id === question.nextStep.stage)!;
  return {
    stage: stage.id,
    stageNumber: stage.number,
    stageTitle: stage.title,
    keyStep: stage.keySteps[question.nextStep.keyStepIndex],
    keyStepIndex: question.nextStep.keyStepIndex,
    text: question.nextStep.text,
  };
}
