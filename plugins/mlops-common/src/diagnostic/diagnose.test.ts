import { FRAMEWORK_STAGES } from '../framework/stages';
import type { DiagnosticQuestion } from '../api/diagnostic';
import { defaultGateSignOff } from '../gates/definitions';
import {
  diagnose,
  lastMonths,
  summariseDiagnostic,
  withTrend,
} from './diagnose';
import { questionVerdict } from './measure';
import { DIAGNOSTIC_QUESTIONS } from './questions';
import {
  CHURN,
  churn,
  gbm,
  GBM,
  LOGIT,
  NOW,
  organisation,
  PRICE,
  price,
  PRICING,
  PRICING_UC,
  RETENTION,
} from './__testUtils__/organisation';

const question = (id: string, snapshot = organisation()): DiagnosticQuestion =>
  diagnose(snapshot).questions.find(q => q.id === id)!;
const indicator = (q: DiagnosticQuestion, id: string) =>
  q.indicators.find(i => i.id === id)!;
const evidence = (q: DiagnosticQuestion, id: string, label: string) =>
  indicator(q, id).evidence.find(e => e.label === label)?.entityRefs;

describe('the adoption diagnostic', () => {
  it('answers the seven questions in the framework’s words, each with a next step on a key step of the framework', () => {
    const result = diagnose(organisation());
    expect(result.questions.map(q => q.id)).toEqual([
      'q1',
      'q2',
      'q3',
      'q4',
      'q5',
      'q6',
      'q7',
    ]);
    expect(result.questions[0].title).toBe(
      'Do only a small subset of developed models make it to production?',
    );
    for (const q of result.questions) {
      const stage = FRAMEWORK_STAGES.find(s => s.id === q.nextStep.stage)!;
      expect(stage.keySteps[q.nextStep.keyStepIndex]).toBe(q.nextStep.keyStep);
      expect(q.nextStep.stageNumber).toBe(stage.number);
    }
    expect(result.counts).toEqual({
      useCases: 2,
      models: 3,
      monitors: 1,
      teams: 2,
    });
  });

  describe('q1: models making it to production', () => {
    it('counts a model in production when its lifecycle says so and all three gates are approved', () => {
      const q1 = question('q1');
      // churn-gbm is; price-elasticity is production by lifecycle but approved at stage 1 only.
      expect(indicator(q1, 'q1.production-share').value).toBe(0.333);
      expect(
        evidence(q1, 'q1.production-share', 'Models in production'),
      ).toEqual([GBM]);
      expect(
        evidence(q1, 'q1.production-share', 'Models not in production'),
      ).toEqual([LOGIT, PRICE]);
      // Past stage 1: the churn use case, churn-gbm, the pricing model; through: churn-gbm.
      expect(indicator(q1, 'q1.funnel-conversion').value).toBe(0.333);
      expect(q1.verdict).toBe('strong-indicator');
    });

    it('counts a model in production only with the sign-offs its use case’s risk tier adds', () => {
      const q1 = question(
        'q1',
        organisation({
          signOff: {
            stages: defaultGateSignOff(),
            byRiskTier: {
              high: {
                operationalisation: [
                  { type: 'group', ref: 'group:default/model-risk' },
                ],
              },
            },
          },
          riskTiers: new Map([
            [CHURN, 'high'],
            [GBM, 'high'],
          ]),
        }),
      );
      // churn-gbm's stage-3 gate lacks the model-risk group's approval.
      expect(
        evidence(q1, 'q1.production-share', 'Models in production'),
      ).toEqual([]);
    });

    it('measures the median days per stage from the audit trail', () => {
      const q1 = question('q1');
      // Stage 1 took 5 days for the use case (first event an attestation), 1 day for each model.
      expect(indicator(q1, 'q1.median-days-strategy').value).toBe(1);
      // churn-gbm: stage 1 approved 58 days ago, stage 2 40 days ago.
      expect(indicator(q1, 'q1.median-days-prototyping').value).toBeGreaterThan(
        0,
      );
    });

    it('is unknown, naming the gate events, when no gate was ever decided', () => {
      const q1 = question('q1', organisation({ gateEvents: new Map() }));
      expect(q1.verdict).toBe('unknown');
      expect(indicator(q1, 'q1.production-share').value).toBeNull();
      expect(q1.missing.join(' ')).toMatch(/no stage-gate event/);
    });

    it('is unknown without models', () => {
      const q1 = question('q1', organisation({ models: [] }));
      expect(q1.verdict).toBe('unknown');
      expect(q1.missing.join(' ')).toMatch(/no MLModel in scope/);
    });
  });

  describe('q2: synchronisation between business, data science and development', () => {
    it('counts use cases without a sponsor and measures the sponsors’ sign-off latency', () => {
      const q2 = question('q2');
      expect(indicator(q2, 'q2.use-cases-without-sponsor').value).toBe(0.5);
      expect(
        evidence(
          q2,
          'q2.use-cases-without-sponsor',
          'Use cases without a sponsor',
        ),
      ).toEqual([PRICING_UC]);
      // Sponsor decisions: 5 days after the use case's attestation, 1 day after the
      // owner's first decision twice, 18 days after churn-gbm's stage-1 approval.
      expect(indicator(q2, 'q2.sign-off-latency-median').value).toBe(3);
      expect(indicator(q2, 'q2.sign-off-latency-p90').value).toBe(18);
      expect(indicator(q2, 'q2.sign-off-latency-median').signal).toBe('none');
      expect(q2.verdict).toBe('strong-indicator');
    });

    it('leaves the waiting gates unknown when no gate is ready for review', () => {
      const q2 = question('q2');
      expect(indicator(q2, 'q2.gates-waiting').value).toBeNull();
      expect(indicator(q2, 'q2.gates-waiting').missing).toMatch(
        /ready for review/,
      );
    });

    it('counts overdue KPI check-ins among the KPIs that have an actual', () => {
      const q2 = question(
        'q2',
        organisation({
          kpiStatuses: new Map([
            [
              CHURN,
              [
                { id: 'a', status: 'overdue' as const },
                { id: 'b', status: 'on-track' as const },
              ],
            ],
          ]),
        }),
      );
      expect(indicator(q2, 'q2.overdue-kpi-check-ins').value).toBe(0.5);
    });
  });

  describe('q3: the tools landscape', () => {
    it('counts distinct frameworks, registries and serving stacks, and the capabilities more than one tool serves', () => {
      const q3 = question('q3');
      expect(indicator(q3, 'q3.frameworks').value).toBe(2);
      expect(indicator(q3, 'q3.frameworks').evidence.map(e => e.label)).toEqual(
        ['xgboost', 'scikit-learn'],
      );
      expect(indicator(q3, 'q3.registries').value).toBe(1);
      expect(indicator(q3, 'q3.serving-stacks').value).toBe(1);
      expect(indicator(q3, 'q3.overlapping-capabilities').value).toBe(1);
      // Retention analytics uses two frameworks, pricing one.
      expect(indicator(q3, 'q3.teams-with-several-frameworks').value).toBe(0.5);
      expect(q3.verdict).toBe('strong-indicator');
    });

    it('is unknown when no model declares a tool', () => {
      const bare = (m: typeof gbm) => ({
        ...m,
        spec: {
          ...m.spec,
          framework: undefined,
          registry: undefined,
          servedBy: undefined,
        },
      });
      const q3 = question(
        'q3',
        organisation({ models: [bare(gbm), bare(price)] }),
      );
      expect(q3.verdict).toBe('unknown');
      expect(q3.missing[0]).toMatch(/spec.framework/);
    });
  });

  describe('q4: sourcing data', () => {
    it('finds datasets missing from the catalog, stale monitors and input drift alerts in the window', () => {
      const q4 = question('q4');
      expect(indicator(q4, 'q4.models-without-datasets').value).toBe(0);
      expect(indicator(q4, 'q4.datasets-unknown-or-unowned').value).toBe(0.5);
      expect(
        evidence(
          q4,
          'q4.datasets-unknown-or-unowned',
          'Datasets not in the catalog',
        ),
      ).toEqual(['resource:default/price-history']);
      expect(indicator(q4, 'q4.monitors-stale').value).toBe(1);
      expect(indicator(q4, 'q4.input-drift-alerts').value).toBe(1);
      expect(q4.verdict).toBe('strong-indicator');
    });

    it('does not count drift outside the window', () => {
      const q4 = question('q4', organisation({ windowDays: 4 }));
      expect(indicator(q4, 'q4.monitors-stale').value).toBe(0);
      expect(indicator(q4, 'q4.input-drift-alerts').value).toBe(0);
    });
  });

  describe('q5: impact on the business', () => {
    it('shares the KPIs of production use cases by status, and counts production use cases without actuals', () => {
      const q5 = question('q5');
      expect(indicator(q5, 'q5.kpis-off-track').value).toBe(0.5);
      expect(indicator(q5, 'q5.kpis-on-track').value).toBe(0.5);
      expect(indicator(q5, 'q5.kpis-at-risk').value).toBe(0);
      expect(indicator(q5, 'q5.use-cases-without-actuals').value).toBe(0.5);
      expect(
        evidence(
          q5,
          'q5.use-cases-without-actuals',
          'Production use cases without KPI actuals',
        ),
      ).toEqual([PRICING_UC]);
      expect(q5.verdict).toBe('strong-indicator');
    });

    it('is unknown when no production use case reports an actual, and says so', () => {
      const q5 = question(
        'q5',
        organisation({
          kpiStatuses: new Map([
            [CHURN, [{ id: 'a', status: 'no-data' as const }]],
          ]),
        }),
      );
      expect(q5.verdict).toBe('unknown');
      expect(q5.missing.join(' ')).toMatch(
        /none of the 2 production use cases has reported one/,
      );
      // The telling part is still shown.
      expect(indicator(q5, 'q5.use-cases-without-actuals').value).toBe(1);
    });
  });

  describe('q6: understanding of strengths and weaknesses', () => {
    it('measures the spread between teams and the checks failing across most teams or passing everywhere', () => {
      const q6 = question('q6');
      expect(indicator(q6, 'q6.median-level').value).toBe(1);
      expect(indicator(q6, 'q6.level-spread').value).toBe(2);
      expect(evidence(q6, 'q6.level-spread', 'Strongest teams')).toEqual([
        RETENTION,
      ]);
      expect(evidence(q6, 'q6.level-spread', 'Weakest teams')).toEqual([
        PRICING,
      ]);
      expect(
        indicator(q6, 'q6.organisation-weaknesses').evidence.map(e => e.label),
      ).toEqual(['model.model-card-complete']);
      expect(
        indicator(q6, 'q6.organisation-strengths').evidence.map(e => e.label),
      ).toEqual(['model.registered']);
      expect(q6.verdict).toBe('some-indication');
    });

    it('is unknown before any scorecard is stored', () => {
      const q6 = question('q6', organisation({ scorecards: [] }));
      expect(q6.verdict).toBe('unknown');
      expect(q6.missing[0]).toMatch(/no stored maturity scorecard/);
    });

    it('cannot measure a spread with one team', () => {
      const q6 = question(
        'q6',
        organisation({ useCases: [churn], models: [gbm], monitors: [] }),
      );
      expect(indicator(q6, 'q6.level-spread').value).toBeNull();
      expect(indicator(q6, 'q6.level-spread').missing).toMatch(/two teams/);
    });
  });

  describe('q7: degrees of knowledge', () => {
    it('finds models owned by one person, incomplete model cards, missing knowledge transfer and teams behind', () => {
      const q7 = question('q7');
      expect(indicator(q7, 'q7.bus-factor').value).toBe(0.333);
      expect(
        evidence(q7, 'q7.bus-factor', 'Models owned by one person'),
      ).toEqual([PRICE]);
      // 8 of 8 sections, 1 of 8, none.
      expect(indicator(q7, 'q7.model-card-completeness').value).toBe(0.375);
      expect(indicator(q7, 'q7.knowledge-transfer-attested').value).toBe(0.5);
      expect(
        evidence(q7, 'q7.knowledge-transfer-attested', 'Not attested'),
      ).toEqual([PRICE]);
      expect(indicator(q7, 'q7.teams-behind').value).toBe(0.5);
      expect(q7.verdict).toBe('strong-indicator');
    });

    it('leaves the bus factor unknown when no owner is in the catalog', () => {
      const q7 = question('q7', organisation({ groups: [] }));
      expect(indicator(q7, 'q7.bus-factor').value).toBeNull();
    });
  });

  it('takes configured bands and waiting days', () => {
    const result = diagnose(organisation(), {
      bands: {
        'q2.use-cases-without-sponsor': {
          some: 0.6,
          strong: 0.9,
          worse: 'higher',
        },
      },
    });
    const q2 = result.questions.find(q => q.id === 'q2')!;
    expect(indicator(q2, 'q2.use-cases-without-sponsor').signal).toBe('none');
    expect(q2.verdict).toBe('not-indicated');
  });

  it('lists at most the evidence limit of entities, with their full count', () => {
    const q1 = diagnose(organisation(), { evidenceLimit: 1 }).questions[0];
    const notInProduction = indicator(q1, 'q1.production-share').evidence[1];
    expect(notInProduction).toEqual({
      label: 'Models not in production',
      count: 2,
      entityRefs: [LOGIT],
    });
  });
});

describe('questionVerdict', () => {
  const of = (...signals: string[]) =>
    signals.map((signal, i) => ({ id: `x.${i}`, signal: signal as any }));
  it('is strong with one strong signal or two some', () => {
    expect(questionVerdict(of('strong', 'none'), [])).toBe('strong-indicator');
    expect(questionVerdict(of('some', 'some'), [])).toBe('strong-indicator');
  });
  it('is some with one some, not indicated with none', () => {
    expect(questionVerdict(of('some', 'none', 'unknown'), [])).toBe(
      'some-indication',
    );
    expect(questionVerdict(of('none', 'info'), [])).toBe('not-indicated');
  });
  it('is unknown when nothing judged is known, or a required indicator is not', () => {
    expect(questionVerdict(of('unknown', 'info'), [])).toBe('unknown');
    expect(questionVerdict(of('unknown', 'strong'), ['x.0'])).toBe('unknown');
  });
});

describe('the trend', () => {
  it('reads the stored months of the last twelve and adds the current month', () => {
    const result = diagnose(organisation());
    const stored = new Map([
      ['2025-11', summariseDiagnostic(result)], // more than 12 months ago
      [
        '2026-06',
        summariseDiagnostic(diagnose(organisation({ gateEvents: new Map() }))),
      ],
    ]);
    const trended = withTrend(result, stored, summariseDiagnostic(result), NOW);
    const q1 = trended.questions[0];
    expect(q1.trend.map(p => [p.month, p.verdict, p.current ?? false])).toEqual(
      [
        ['2026-06', 'unknown', false],
        ['2026-12', 'strong-indicator', true],
      ],
    );
    expect(lastMonths(NOW)).toHaveLength(12);
    expect(lastMonths(NOW)[0]).toBe('2026-01');
    expect(trended.delivery[0].trend.map(p => p.month)).toEqual([
      '2026-06',
      '2026-12',
    ]);
  });

  it('keeps no entity reference in a monthly summary', () => {
    const text = JSON.stringify(summariseDiagnostic(diagnose(organisation())));
    expect(text).not.toMatch(/mlmodel:|mlusecase:/);
  });

  it('describes every indicator it computes', () => {
    const result = diagnose(organisation());
    const defined = DIAGNOSTIC_QUESTIONS.flatMap(q =>
      q.indicators.map(i => i.id),
    );
    expect(result.questions.flatMap(q => q.indicators.map(i => i.id))).toEqual(
      defined,
    );
    for (const i of result.questions.flatMap(q => q.indicators)) {
      expect(i.missing ?? '').not.toBe('not measured');
    }
  });
});
