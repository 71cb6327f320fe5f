import { contextOf, model, useCase } from '../__testUtils__/entities';
import { pushedResultFactId } from '../checks/externalCheck';
import { RubricConfigError } from './configError';
import { configureRubric, RubricConfig } from './configureRubric';
import { defaultMaturityRubric } from './defaultRubric';

function problemsOf(config: unknown): string[] {
  try {
    configureRubric(defaultMaturityRubric, config as RubricConfig);
  } catch (error) {
    expect(error).toBeInstanceOf(RubricConfigError);
    return (error as RubricConfigError).problems.map(
      p => `${p.key}: ${p.message}`,
    );
  }
  throw new Error('expected a RubricConfigError');
}

const techdocs = {
  id: 'model.techdocs',
  title: 'TechDocs',
  stage: 'operationalisation',
  level: 3,
  kinds: ['MLModel'],
  path: 'metadata.annotations["backstage.io/techdocs-ref"]',
  operator: 'exists',
} as const;

describe('configureRubric', () => {
  it('returns the base rubric without configuration', () => {
    expect(configureRubric(defaultMaturityRubric, undefined)).toBe(
      defaultMaturityRubric,
    );
  });

  it('leaves out disabled checks and keeps the order of the rest', () => {
    const rubric = configureRubric(defaultMaturityRubric, {
      disabledChecks: ['model.ml-test-score', 'use-case.sponsor-named'],
    });
    const ids = rubric.checks.map(c => c.id);
    expect(ids).toHaveLength(defaultMaturityRubric.checks.length - 2);
    expect(ids).not.toContain('model.ml-test-score');
    expect(ids).not.toContain('use-case.sponsor-named');
    expect(ids).toEqual(
      defaultMaturityRubric.checks
        .map(c => c.id)
        .filter(
          id => id !== 'model.ml-test-score' && id !== 'use-case.sponsor-named',
        ),
    );
  });

  it('renames levels and keeps what is not overridden', () => {
    const rubric = configureRubric(defaultMaturityRubric, {
      levels: {
        3: { name: 'In production' },
        0: { description: 'Nothing yet.' },
      },
    });
    expect(rubric.levels[3]).toEqual({
      ...defaultMaturityRubric.levels[3],
      name: 'In production',
    });
    expect(rubric.levels[0].name).toBe(defaultMaturityRubric.levels[0].name);
    expect(rubric.levels[0].description).toBe('Nothing yet.');
    expect(rubric.levels[1]).toEqual(defaultMaturityRubric.levels[1]);
  });

  it('adds a declarative check after the base checks, with defaults for the optional fields', () => {
    const rubric = configureRubric(defaultMaturityRubric, {
      customChecks: [techdocs],
    });
    const check = rubric.checks[rubric.checks.length - 1];
    expect(check).toMatchObject({
      id: 'model.techdocs',
      title: 'TechDocs',
      description: 'TechDocs',
      stage: 'operationalisation',
      level: 3,
      kinds: ['MLModel'],
      remediation: {
        text: 'Set metadata.annotations["backstage.io/techdocs-ref"].',
      },
    });
    const documented = model();
    documented.metadata.annotations = {
      'backstage.io/techdocs-ref': 'dir:.',
    };
    expect(check.evaluate(contextOf(documented))).toEqual({
      outcome: 'passed',
      reason: 'metadata.annotations["backstage.io/techdocs-ref"] is "dir:.".',
    });
    expect(check.evaluate(contextOf(model()))).toEqual({
      outcome: 'failed',
      reason: 'metadata.annotations["backstage.io/techdocs-ref"] is not set.',
    });
  });

  it('adds an external check that waits for a pushed result', () => {
    const rubric = configureRubric(defaultMaturityRubric, {
      customChecks: [
        {
          id: 'model.load-tested',
          title: 'Load tested',
          stage: 'operationalisation',
          level: 3,
          kinds: ['MLModel'],
          type: 'external',
          remediation: {
            text: 'Run the load test job.',
            link: 'https://ci.example.com/load',
          },
        },
      ],
    });
    const check = rubric.checks.find(c => c.id === 'model.load-tested')!;
    expect(check.remediation.link).toBe('https://ci.example.com/load');
    expect(check.evaluate(contextOf(model())).outcome).toBe('not-reported');
    expect(
      check.evaluate(
        contextOf(model(), [], {
          facts: {
            [pushedResultFactId('model.load-tested')]: {
              outcome: 'passed',
              reason: 'p95 84 ms at 200 rps',
              submittedBy: 'user:default/ci-bot',
              submittedAt: '2026-11-02T10:00:00Z',
            },
          },
        }),
      ),
    ).toEqual({
      outcome: 'passed',
      reason:
        'p95 84 ms at 200 rps (reported by user:default/ci-bot at 2026-11-02T10:00:00Z)',
    });
  });

  it('lets a custom check replace a base check it disables', () => {
    const rubric = configureRubric(defaultMaturityRubric, {
      disabledChecks: ['model.version-declared'],
      customChecks: [
        {
          ...techdocs,
          id: 'model.version-declared',
          title: 'Semantic version',
          path: 'spec.version',
          operator: 'matches',
          value: '^\\d+\\.\\d+\\.\\d+$',
        },
      ],
    });
    const check = rubric.checks.find(c => c.id === 'model.version-declared')!;
    expect(check.title).toBe('Semantic version');
    expect(check.evaluate(contextOf(model({ version: 'v7' })))).toEqual({
      outcome: 'failed',
      reason:
        'spec.version is "v7", which does not match /^\\d+\\.\\d+\\.\\d+$/.',
    });
  });
});

describe('configureRubric validation', () => {
  it('names an unknown disabled check and suggests the nearest', () => {
    expect(
      problemsOf({
        disabledChecks: [
          'model.ml-test-score',
          'use-case.sponsor-named',
          'model.version-declard',
        ],
      }),
    ).toEqual([
      'mlops.maturity.disabledChecks[2]: unknown check "model.version-declard"; did you mean "model.version-declared"?',
    ]);
  });

  it('lists the checks when nothing is near', () => {
    const [problem] = problemsOf({ disabledChecks: ['model.foo'] });
    expect(problem).toMatch(
      /^mlops\.maturity\.disabledChecks\[0\]: unknown check "model\.foo"; the checks are use-case\.owner-in-catalog, /,
    );
  });

  it('rejects a level outside 0 to 4 and unknown level fields', () => {
    expect(
      problemsOf({ levels: { 5: { name: 'Beyond' }, 2: { nmae: 'Tested' } } }),
    ).toEqual([
      'mlops.maturity.levels.2.nmae: is not a known field; did you mean "name"?',
      'mlops.maturity.levels.5: is not a level; levels are 0 to 4',
    ]);
  });

  it('reports every problem of a custom check at once, each with its key', () => {
    expect(
      problemsOf({
        customChecks: [
          {
            id: 'Model Docs',
            stage: 'prototype',
            level: 5,
            kinds: ['MLModle'],
            path: 'spec.version',
            operator: '=>',
            vaule: 2,
          },
        ],
      }),
    ).toEqual([
      'mlops.maturity.customChecks[0].vaule: is not a known field; did you mean "value"?',
      'mlops.maturity.customChecks[0].id: "Model Docs" must be kebab-case words joined by dots, such as "model.techdocs"',
      'mlops.maturity.customChecks[0].title: must be a non-empty string, got nothing',
      'mlops.maturity.customChecks[0].stage: unknown stage "prototype"; did you mean "prototyping"?',
      'mlops.maturity.customChecks[0].level: must be a level from 1 to 4, got 5',
      'mlops.maturity.customChecks[0].kinds[0]: unknown kind "MLModle"; did you mean "MLModel"?',
      'mlops.maturity.customChecks[0].operator: unknown operator "=>"; did you mean ">="?',
    ]);
  });

  it('rejects an id already taken by a base check or another custom check', () => {
    expect(
      problemsOf({
        customChecks: [
          { ...techdocs, id: 'model.registered' },
          techdocs,
          techdocs,
        ],
      }),
    ).toEqual([
      'mlops.maturity.customChecks[0].id: "model.registered" is already the id of another check',
      'mlops.maturity.customChecks[2].id: "model.techdocs" is already the id of another check',
    ]);
  });

  it.each([
    [{ operator: 'equals' }, 'value: is required for the operator "equals"'],
    [
      { operator: 'exists', value: true },
      'value: must be left out: "exists" takes no value',
    ],
    [
      { operator: 'in', value: 'production' },
      'value: must be a non-empty list of strings, numbers or booleans for "in", got "production"',
    ],
    [
      { operator: 'matches', value: '([a-z' },
      'value: is not a valid regular expression: Invalid regular expression: /([a-z/: Unterminated character class',
    ],
    [
      { operator: '>=', value: '2' },
      'value: must be a number for ">=", got "2"',
    ],
    [
      { operator: 'minItems', value: -1 },
      'value: must be a whole number of at least 0 for "minItems", got -1',
    ],
    [
      { operator: 'equals', value: ['a'] },
      'value: must be a string, number or boolean for "equals", got a list',
    ],
    [
      { path: 'sepc.owner' },
      'path: must start at one of apiVersion, kind, metadata, spec, relations, got "sepc"',
    ],
    [
      { path: 'metadata.annotations[backstage.io/techdocs-ref]' },
      'path: cannot read "[backstage.io/techdocs-ref]"; write names with dots (spec.governance.policies), keys with dots or slashes in quotes and brackets (metadata.annotations["backstage.io/techdocs-ref"]) and list items as [0]',
    ],
  ])('names the key of a bad condition %j', (change, message) => {
    expect(problemsOf({ customChecks: [{ ...techdocs, ...change }] })).toEqual([
      `mlops.maturity.customChecks[0].${message}`,
    ]);
  });

  it('rejects a path, operator or value on an external check', () => {
    expect(
      problemsOf({ customChecks: [{ ...techdocs, type: 'external' }] }),
    ).toEqual([
      'mlops.maturity.customChecks[0].path: is not a known field (one of "id", "title", "description", "stage", "level", "kinds", "rationale", "remediation", "type")',
      'mlops.maturity.customChecks[0].operator: is not a known field (one of "id", "title", "description", "stage", "level", "kinds", "rationale", "remediation", "type")',
    ]);
  });

  it('uses the key prefix it is given and puts one problem per line in the message', () => {
    expect(() =>
      configureRubric(
        defaultMaturityRubric,
        {
          disabledChecks: ['x.y'],
          customChecks: 'none',
        } as unknown as RubricConfig,
        'app.rubric',
      ),
    ).toThrow(
      /^app\.rubric\.disabledChecks\[0\]: unknown check "x\.y"; .*\napp\.rubric\.customChecks: must be a list of checks, got "none"$/,
    );
  });

  it('ignores keys it does not own, such as the exemptions the backend reads', () => {
    expect(
      configureRubric(defaultMaturityRubric, {
        exemptions: [],
        schedule: { frequency: { hours: 1 } },
      } as RubricConfig).checks,
    ).toEqual(defaultMaturityRubric.checks);
  });
});

describe('a use case under a configured rubric', () => {
  it('is judged by the custom check on its own kind only', () => {
    const rubric = configureRubric(defaultMaturityRubric, {
      customChecks: [
        {
          id: 'use-case.problem-stated',
          title: 'Problem stated',
          stage: 'strategy',
          level: 1,
          kinds: ['MLUseCase'],
          path: 'spec.problemStatement',
          operator: 'exists',
        },
      ],
    });
    expect(rubric.checks.at(-1)!.evaluate(contextOf(useCase())).reason).toBe(
      'spec.problemStatement is not set.',
    );
    expect(rubric.checks.at(-1)!.kinds).toEqual(['MLUseCase']);
  });
});
