import { FieldFormatEntityPolicy } from '@backstage/catalog-model';
import { catalogPolicyProblem } from './catalogMessages';

describe('catalogPolicyProblem', () => {
  it('names the field of a message of the catalog’s field format policy', async () => {
    const error = await new FieldFormatEntityPolicy()
      .enforce({
        apiVersion: 'mlightenment.io/v1alpha1',
        kind: 'MLModel',
        metadata: { name: 'Churn GBM' },
        spec: {},
      })
      .then(
        () => undefined,
        (e: Error) => e,
      );
    const problem = catalogPolicyProblem(error!.message);
    expect(problem.path).toBe('metadata.name');
    expect(problem.message).toMatch(/^is not valid; expected a string/);
    expect(problem.message).toContain('but found "Churn GBM"');
    expect(problem.message).not.toContain('To learn more');
  });

  it('keeps a message that names no field whole', () => {
    expect(catalogPolicyProblem('Entity envelope failed validation')).toEqual({
      message: 'Entity envelope failed validation',
    });
  });
});
