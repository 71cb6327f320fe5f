import { model } from '../__testUtils__/entities';
import { MLOPS_KIND_SCHEMAS, validateMlopsEntity } from '../kinds/validation';
import {
  evaluateMlTestScore,
  ML_TEST_SCORE_SECTIONS,
  ML_TEST_SCORE_TESTS,
  mlTestScoreBand,
  mlTestScoreSummary,
} from './mlTestScore';

const worked = model({
  mlTestScore: {
    // 7 automated: 7
    data: {
      'feature-expectations-schema': 'automated',
      'features-beneficial': 'automated',
      'feature-cost': 'automated',
      'feature-meta-requirements': 'automated',
      'data-pipeline-privacy': 'automated',
      'new-features-quickly': 'automated',
      'feature-code-tested': 'automated',
    },
    // 3 automated + 2 manual: 4
    model: {
      'model-specs-reviewed': 'automated',
      'offline-online-correlation': 'automated',
      'hyperparameters-tuned': 'automated',
      'staleness-impact-known': 'manual',
      'simpler-model-not-better': 'manual',
    },
    // 1 automated + 2 manual + 1 none: 2
    infrastructure: {
      'training-reproducible': 'automated',
      'model-specs-unit-tested': 'manual',
      'pipeline-integration-tested': 'manual',
      rollback: 'none',
    },
    // 5 manual: 2.5
    monitoring: {
      'dependency-changes-notified': 'manual',
      'data-invariants-hold': 'manual',
      'training-serving-consistent': 'manual',
      'models-not-stale': 'manual',
      'numerically-stable': 'manual',
    },
  },
});

describe('evaluateMlTestScore', () => {
  it('sums each section and takes the minimum as the final score', () => {
    const score = evaluateMlTestScore(worked);
    expect(score.sections).toEqual({
      data: 7,
      model: 4,
      infrastructure: 2,
      monitoring: 2.5,
    });
    expect(score.final).toBe(2);
    expect(score.band).toBe(
      "There's been first pass at basic productionization, but additional investment may be needed",
    );
    expect(score.declared).toBe(21);
  });

  it('gives each test its points, undeclared tests 0', () => {
    const points = Object.fromEntries(
      evaluateMlTestScore(worked).tests.map(t => [t.test.id, t.points]),
    );
    expect(points['staleness-impact-known']).toBe(0.5);
    expect(points['training-reproducible']).toBe(1);
    expect(points.rollback).toBe(0);
    expect(points['canary-before-serving']).toBe(0);
    expect(points['prediction-quality-stable']).toBe(0);
  });

  it('counts a derived value only where it is higher than the declared one', () => {
    const score = evaluateMlTestScore(worked, {
      derived: {
        'models-not-stale': 1, // declared manual: 0.5 -> 1
        'canary-before-serving': 0.5, // undeclared: 0 -> 0.5
        'feature-cost': 0, // declared automated: stays 1
      },
    });
    expect(score.sections).toEqual({
      data: 7,
      model: 4,
      infrastructure: 2.5,
      monitoring: 3,
    });
    expect(score.final).toBe(2.5);
    expect(score.band).toBe(
      "Reasonably tested, but it's possible that more of those tests and procedures may be automated",
    );
    expect(score.declared).toBe(21);
    expect(
      score.tests.find(t => t.test.id === 'models-not-stale'),
    ).toMatchObject({ declared: 'manual', derived: 1, points: 1 });
  });

  it('scores a model that declares nothing 0, a research project', () => {
    const score = evaluateMlTestScore(model());
    expect(score.final).toBe(0);
    expect(score.declared).toBe(0);
    expect(score.band).toBe(
      'More of a research project than a productionized system',
    );
  });
});

describe('mlTestScoreSummary', () => {
  it.each([
    ['a worked example', worked, undefined],
    ['with derived points', worked, { 'canary-before-serving': 0.5 as const }],
    ['a model that declares nothing', model(), undefined],
  ])('agrees with the full score for %s', (_name, subject, derived) => {
    const { tests: _tests, ...full } = evaluateMlTestScore(subject, {
      derived,
    });
    expect(mlTestScoreSummary(subject, { derived })).toEqual(full);
  });
});

describe('mlTestScoreBand', () => {
  it.each([
    [0, 'More of a research project'],
    [0.5, 'Not totally untested'],
    [1, 'Not totally untested'],
    [1.5, "There's been first pass"],
    [2, "There's been first pass"],
    [3, 'Reasonably tested'],
    [3.5, 'Strong levels'],
    [5, 'Strong levels'],
    [5.5, 'Exceptional levels'],
    [7, 'Exceptional levels'],
  ])('reads %s as "%s…"', (final, start) => {
    expect(mlTestScoreBand(final).startsWith(start)).toBe(true);
  });
});

describe('the 28 tests', () => {
  it('are seven per section with unique kebab-case ids', () => {
    for (const { id } of ML_TEST_SCORE_SECTIONS) {
      expect(ML_TEST_SCORE_TESTS.filter(t => t.section === id)).toHaveLength(7);
    }
    const ids = ML_TEST_SCORE_TESTS.map(t => t.id);
    expect(new Set(ids).size).toBe(28);
    expect(ids.filter(id => !/^[a-z]+(-[a-z]+)*$/.test(id))).toEqual([]);
  });

  it('are exactly the test ids the MLModel schema allows in each section', () => {
    const schema = MLOPS_KIND_SCHEMAS.MLModel as any;
    const declared = schema.allOf[1].properties.spec.properties.mlTestScore;
    for (const { id } of ML_TEST_SCORE_SECTIONS) {
      expect(Object.keys(declared.properties[id].properties)).toEqual(
        ML_TEST_SCORE_TESTS.filter(t => t.section === id).map(t => t.id),
      );
    }
  });
});

describe('spec.mlTestScore validation', () => {
  it('names a misspelt test id and suggests the right one', () => {
    const problems = validateMlopsEntity({
      ...model(),
      spec: {
        ...model().spec,
        mlTestScore: { data: { 'feature-expectation-schema': 'automated' } },
      },
    });
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe(
      'spec.mlTestScore.data.feature-expectation-schema',
    );
    expect(problems[0].message).toContain(
      'did you mean "feature-expectations-schema"?',
    );
  });

  it('names a test declared in the wrong section', () => {
    const problems = validateMlopsEntity({
      ...model(),
      spec: { ...model().spec, mlTestScore: { model: { rollback: 'manual' } } },
    });
    expect(problems.map(p => p.path)).toEqual([
      'spec.mlTestScore.model.rollback',
    ]);
  });

  it('accepts only automated, manual or none', () => {
    const problems = validateMlopsEntity({
      ...model(),
      spec: {
        ...model().spec,
        mlTestScore: { monitoring: { 'models-not-stale': 'yes' as any } },
      },
    });
    expect(problems).toEqual([
      {
        path: 'spec.mlTestScore.monitoring.models-not-stale',
        message: 'must be one of "automated", "manual", "none", got "yes"',
      },
    ]);
  });
});
