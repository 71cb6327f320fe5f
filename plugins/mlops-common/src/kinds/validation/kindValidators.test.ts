import { useCase, model, monitor, broken } from './__testUtils__/validEntities';
import {
  mlModelEntityV1alpha1Validator,
  mlMonitorEntityV1alpha1Validator,
  mlUseCaseEntityV1alpha1Validator,
} from './kindValidators';
import { MlopsEntityValidationError } from './problems';

describe('kind validators', () => {
  it('claim only their own kind and apiVersion', async () => {
    expect(await mlUseCaseEntityV1alpha1Validator.check(useCase)).toBe(true);
    expect(await mlUseCaseEntityV1alpha1Validator.check(model)).toBe(false);
    expect(
      await mlModelEntityV1alpha1Validator.check({
        ...model,
        apiVersion: 'backstage.io/v1alpha1',
      }),
    ).toBe(false);
    expect(await mlMonitorEntityV1alpha1Validator.check(monitor)).toBe(true);
  });

  it('throw an error that names the entity and every problem', async () => {
    const entity = broken(model, m => {
      m.spec.metrics[0].value = 'high';
      m.spec.lifecycle = 3;
    });
    const check = mlModelEntityV1alpha1Validator.check(entity);
    await expect(check).rejects.toThrow(MlopsEntityValidationError);
    await expect(mlModelEntityV1alpha1Validator.check(entity)).rejects.toThrow(
      `Invalid MLModel entity mlmodel:retail/churn-gbm: spec.lifecycle must be a string, got number 3; quote it to make it a string: '3'; spec.metrics[0].value must be a number, got "high"`,
    );
  });
});
