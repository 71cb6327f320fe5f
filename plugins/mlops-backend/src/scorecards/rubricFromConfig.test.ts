import { ConfigReader } from '@backstage/config';
import { createExternalCheck } from '@mlightenment/backstage-plugin-mlops-common';
import { rubricFromConfig } from './rubricFromConfig';

const moduleCheck = createExternalCheck({
  id: 'model.sonar-quality-gate',
  title: 'Quality gate',
  description: 'Sonar quality gate of the training code.',
  stage: 'prototyping',
  level: 2,
  kinds: ['MLModel'],
  rationale: 'Untested training code ships broken models.',
  remediation: { text: 'Fix the quality gate.' },
});

describe('rubricFromConfig', () => {
  it('is the default rubric plus module checks without configuration', () => {
    const { rubric, exemptions } = rubricFromConfig(new ConfigReader({}), [
      moduleCheck,
    ]);
    expect(rubric.checks.map(c => c.id)).toContain('use-case.sponsor-named');
    expect(rubric.checks[rubric.checks.length - 1].id).toBe(
      'model.sonar-quality-gate',
    );
    expect(exemptions).toEqual([]);
  });

  it('applies disabled checks, level names, external checks and exemptions from app-config', () => {
    const { rubric, exemptions } = rubricFromConfig(
      new ConfigReader({
        mlops: {
          maturity: {
            schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
            disabledChecks: ['model.ml-test-score'],
            levels: { 4: { name: 'Autopilot' } },
            customChecks: [
              {
                id: 'model.evaluation-suite',
                type: 'external',
                title: 'Evaluation suite passes',
                stage: 'prototyping',
                level: 3,
                kinds: ['MLModel'],
              },
            ],
            exemptions: [
              {
                checkId: 'model.evaluation-suite',
                entityRef: 'mlmodel:default/churn-gbm',
                justification: 'Suite being rewritten',
                expiresAt: '2027-01-31',
              },
            ],
          },
        },
      }),
      [],
    );
    const ids = rubric.checks.map(c => c.id);
    expect(ids).not.toContain('model.ml-test-score');
    expect(ids).toContain('model.evaluation-suite');
    expect(rubric.levels[4].name).toBe('Autopilot');
    expect(exemptions).toEqual([
      expect.objectContaining({
        checkId: 'model.evaluation-suite',
        entityRef: 'mlmodel:default/churn-gbm',
      }),
    ]);
  });

  it('stops with an error naming the config key', () => {
    expect(() =>
      rubricFromConfig(
        new ConfigReader({
          mlops: { maturity: { disabledChecks: ['model.versoin-declared'] } },
        }),
        [],
      ),
    ).toThrow(/mlops\.maturity\.disabledChecks\[0\]/);
    expect(() =>
      rubricFromConfig(
        new ConfigReader({
          mlops: {
            maturity: {
              exemptions: [
                {
                  checkId: 'model.version-declared',
                  entityRef: 'churn-gbm',
                  justification: '',
                  expiresAt: 'soon',
                },
              ],
            },
          },
        }),
        [],
      ),
    ).toThrow(/mlops\.maturity\.exemptions\[0\]/);
  });

  it('refuses a module check whose id the rubric already has', () => {
    expect(() =>
      rubricFromConfig(new ConfigReader({}), [
        { ...moduleCheck, id: 'use-case.sponsor-named' },
      ]),
    ).toThrow(/already has a check with that id/);
  });
});
