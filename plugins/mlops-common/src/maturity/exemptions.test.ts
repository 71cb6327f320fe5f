import { RubricConfigError } from './configError';
import { parseExemptions } from './exemptions';

const valid = {
  checkId: 'model.ml-test-score',
  entityRef: 'mlmodel:churn-logreg-baseline',
  justification: 'Deprecated model, retired in Q1.',
  expiresAt: '2027-03-31',
};

function problemsOf(raw: unknown, checkIds?: string[]): string[] {
  try {
    parseExemptions(raw, 'mlops.maturity.exemptions', checkIds);
  } catch (error) {
    expect(error).toBeInstanceOf(RubricConfigError);
    return (error as RubricConfigError).problems.map(
      p => `${p.key}: ${p.message}`,
    );
  }
  throw new Error('expected a RubricConfigError');
}

describe('parseExemptions', () => {
  it('reads valid exemptions, normalising the entity reference', () => {
    expect(
      parseExemptions(
        [
          valid,
          {
            ...valid,
            checkId: 'model.registered',
            expiresAt: '2027-01-15T12:00:00Z',
          },
        ],
        'mlops.maturity.exemptions',
      ),
    ).toEqual([
      { ...valid, entityRef: 'mlmodel:default/churn-logreg-baseline' },
      {
        ...valid,
        checkId: 'model.registered',
        entityRef: 'mlmodel:default/churn-logreg-baseline',
        expiresAt: '2027-01-15T12:00:00Z',
      },
    ]);
  });

  it('reads nothing as no exemptions', () => {
    expect(parseExemptions(undefined, 'mlops.maturity.exemptions')).toEqual([]);
  });

  it('accepts the ids of a configured rubric', () => {
    expect(
      parseExemptions([{ ...valid, checkId: 'model.techdocs' }], 'x', [
        'model.techdocs',
      ]),
    ).toHaveLength(1);
    expect(problemsOf([valid], ['model.techdocs'])).toEqual([
      'mlops.maturity.exemptions[0].checkId: unknown check "model.ml-test-score"',
    ]);
  });

  it('names every offending field with its key', () => {
    expect(
      problemsOf([
        valid,
        {
          checkId: 'model.ml-test-scor',
          entityRef: 'churn-logreg-baseline',
          justification: '  ',
          expiresAt: '31/03/2027',
          owner: 'me',
        },
      ]),
    ).toEqual([
      'mlops.maturity.exemptions[1].owner: is not a known field (fields: checkId, entityRef, justification, expiresAt)',
      'mlops.maturity.exemptions[1].checkId: unknown check "model.ml-test-scor"; did you mean "model.ml-test-score"?',
      'mlops.maturity.exemptions[1].entityRef: "churn-logreg-baseline" is not a valid entity reference with a kind: Entity reference "churn-logreg-baseline" had missing or empty kind (e.g. did not start with "component:" or similar)',
      'mlops.maturity.exemptions[1].justification: must say why the check is waived, got "  "',
      'mlops.maturity.exemptions[1].expiresAt: must be an ISO 8601 date or date-time such as "2027-03-31", got "31/03/2027"',
    ]);
  });

  it('rejects a date that does not exist', () => {
    expect(problemsOf([{ ...valid, expiresAt: '2027-02-30' }])).toEqual([
      'mlops.maturity.exemptions[0].expiresAt: must be an ISO 8601 date or date-time such as "2027-03-31", got "2027-02-30"',
    ]);
  });

  it('rejects the same exemption twice, whatever the spelling of the reference', () => {
    expect(
      problemsOf([
        valid,
        { ...valid, entityRef: 'MLModel:default/churn-logreg-baseline' },
      ]),
    ).toEqual([
      'mlops.maturity.exemptions[1]: exempts mlmodel:default/churn-logreg-baseline from model.ml-test-score again; mlops.maturity.exemptions[0] already does',
    ]);
  });

  it('rejects something other than a list', () => {
    expect(problemsOf({ 'model.registered': 'mlmodel:x' })).toEqual([
      'mlops.maturity.exemptions: must be a list of exemptions, got an object',
    ]);
  });
});
